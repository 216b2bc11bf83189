"""Hostile licence texts and names (issue 6), one test each, through every command that takes a licence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.report.lineage_json import as_version_1
from tests.hardening.helpers import assert_ran, assert_refused, run

#: Every way a command takes a licence argument; ``{}`` is where the licence goes.
LICENCE_ARGUMENTS = [
    pytest.param(["parse", "{}"], id="parse"),
    pytest.param(["explain", "{}"], id="explain"),
    pytest.param(["diff", "{}", "mit"], id="diff"),
    pytest.param(["compat", "creativeml-openrail-m", "{}"], id="compat"),
    pytest.param(["permits", "{}", "--use", "military"], id="permits"),
]


def argv(template: list[str], licence: str) -> list[str]:
    return [licence if a == "{}" else a for a in template]


@pytest.fixture(scope="module")
def ten_mib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "LICENSE"
    sentence = b"You agree not to use the Model for military purposes.\n"
    path.write_bytes(sentence * (10 * 1024 * 1024 // len(sentence) + 1))
    return path


@pytest.mark.parametrize("template", LICENCE_ARGUMENTS)
def test_ten_mib_licence_text_is_refused(
    capsys: pytest.CaptureFixture[str], ten_mib: Path, template: list[str]
) -> None:
    assert_refused(run(capsys, *argv(template, str(ten_mib))), str(ten_mib), "is 10.0 MiB", "at most 1 MiB")


def test_ten_mib_licence_file_in_a_manifest(capsys: pytest.CaptureFixture[str], ten_mib: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(f"models:\n  - id: a\n    licence_file: {ten_mib}\n", encoding="utf-8")
    # one record's unreadable licence file is RG313 for that record; the rest of the run goes on
    result = run(capsys, "lineage", str(manifest), "--format", "json")
    assert_ran(result, 0)
    (problem,) = [f for f in json.loads(result.out)["findings"] if f["code"] == "RG313"]
    assert problem["line"] == 2
    assert "is 10.0 MiB" in problem["message"]


def test_empty_licence_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(b"")
    result = run(capsys, "parse", str(path), "--format", "json")
    assert_ran(result, 0)
    data = as_version_1(json.loads(result.out))
    assert [f["code"] for f in data["findings"]] == ["RG103"]
    assert data["restrictions"] == []
    # as a derivative's licence it carries none of the upstream restrictions: a conflict, not a crash
    assert_ran(run(capsys, "compat", "creativeml-openrail-m", str(path)), 1)
    assert_ran(run(capsys, "diff", str(path), "mit"), 1)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40, id="elf"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 2000, id="zip"),
        pytest.param(bytes(range(1, 32)) * 300, id="control-characters"),
    ],
)
@pytest.mark.parametrize("template", LICENCE_ARGUMENTS)
def test_binary_licence_text_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, template: list[str]
) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(content)
    assert_refused(run(capsys, *argv(template, str(path))), str(path), "looks like a binary file")


def test_latin1_licence_text_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    text = "Licence de la Société Exemple\n\nYou agree not to use the Model:\n(a) for military purposes in Québec;\n"
    path.write_bytes(text.encode("latin-1"))
    result = run(capsys, "parse", str(path), "--format", "json")
    assert_ran(result, 0)
    (restriction,) = as_version_1(json.loads(result.out))["restrictions"]
    assert restriction["category"] == "military"
    assert restriction["text"] == "for military purposes in Québec;"
    assert_ran(run(capsys, "compat", "mit", str(path)), 0)


def test_utf16_licence_text_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(
        "Example Licence\r\n\r\nYou agree not to use the Model:\r\n(a) for military purposes;\r\n".encode("utf-16")
    )
    result = run(capsys, "parse", str(path), "--format", "json")
    assert_ran(result, 0)
    assert as_version_1(json.loads(result.out))["restrictions"][0]["line"] == 4


#: Commands that take a licence name (``parse`` takes only a file).
LICENCE_NAMES = LICENCE_ARGUMENTS[1:]


@pytest.mark.parametrize("template", LICENCE_NAMES)
def test_unknown_licence_id_exits_2_with_did_you_mean(capsys: pytest.CaptureFixture[str], template: list[str]) -> None:
    result = run(capsys, *argv(template, "creativeml-openrail"))
    assert_refused(result, "unknown licence `creativeml-openrail`", "did you mean `creativeml-openrail-m`")


@pytest.mark.parametrize("template", LICENCE_NAMES)
def test_nonsense_licence_id_points_to_the_list(capsys: pytest.CaptureFixture[str], template: list[str]) -> None:
    assert_refused(run(capsys, *argv(template, "qqqqzzzzxxxx")), "unknown licence `qqqqzzzzxxxx`", "railguard licences")


def test_unknown_category_exits_2_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    assert_refused(run(capsys, "permits", "mit", "--use", "weapon"), "unknown use category `weapon`", "`weapons`")
    assert_refused(run(capsys, "permits", "mit", "--use", "qqqqzz"), "unknown use category", "railguard categories")


def test_unknown_model_id_exits_2_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "permits", "runwayml/stable-diffusion-v15", "--use", "military")
    assert_refused(result, "not a licence, a file or a well-known model", "`runwayml/stable-diffusion-v1-5`")
    assert_refused(run(capsys, "permits", "acme/private", "--use", "military"), "give its --lineage PATH")


def test_unknown_licence_in_a_manifest_is_a_warning_with_suggestions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("models:\n  - id: a\n    license: creativeml-openrail\n", encoding="utf-8")
    result = run(capsys, "lineage", str(path), "--format", "json")
    assert_ran(result, 0)
    (finding,) = as_version_1(json.loads(result.out))["findings"]
    assert finding["code"] == "RG308"
    assert "creativeml-openrail-m" in finding["message"] + (finding["hint"] or "")


def test_licence_text_with_hostile_structure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # thousands of nested list markers, front matter that never ends, one 300 kB line
    path = tmp_path / "LICENSE"
    for text in (
        "".join(f"{'  ' * (i % 60)}({chr(97 + i % 26)}) item {i};\n" for i in range(2000)),
        "---\n" + "title: x\n" * 20_000,
        "You agree not to use the Model " + "for military purposes and " * 12_000 + ".\n",
    ):
        path.write_text(text, encoding="utf-8")
        assert_ran(run(capsys, "parse", str(path)), 0)
