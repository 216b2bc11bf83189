"""`railguard parse` and `railguard diff` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from railguard.cli import main

SYNTHETIC = (
    "Example Lab Model Licence\n\n"
    "2. You may share the Model only if the use restrictions in Attachment A are included as an enforceable "
    "provision in every agreement governing it.\n\n"
    "Attachment A\n\nYou agree not to use the Model:\n(a) for military purposes;\n(b) to give medical advice.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def licence_file(tmp_path: Path) -> Path:
    path = tmp_path / "LICENSE"
    path.write_text(SYNTHETIC, encoding="utf-8")
    return path


def test_parse_json_contract(capsys: pytest.CaptureFixture[str], licence_file: Path) -> None:
    code, out, _ = run(capsys, "parse", str(licence_file), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 2
    assert set(data["licence"]) == {"id", "name", "family"}
    assert data["commercial"] is True
    military = next(r for r in data["restrictions"] if r["category"] == "military")
    assert military == {
        "category": "military",
        "kind": "use",
        "section": "Attachment A (a)",
        "text": "for military purposes;",
        "line": 8,
    }
    assert any(o["kind"] == "flow-down" and o["section"] == "2" for o in data["obligations"])
    assert isinstance(data["findings"], list)


def test_parse_text_output(capsys: pytest.CaptureFixture[str], licence_file: Path) -> None:
    code, out, _ = run(capsys, "parse", str(licence_file))
    assert code == 0
    assert "military" in out
    assert "line 8, Attachment A (a)" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01\x02binary" * 200, "binary"), (None, "no such file")],
)
def test_parse_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "LICENSE.bin"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2
    assert out == ""
    assert message in err
    assert str(path) in err
    assert "Traceback" not in err


def test_parse_empty_file_reports_no_clauses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "parse", str(path), "--format", "json")
    assert code == 0
    assert [f["code"] for f in json.loads(out)["findings"]] == ["RG103"]


@pytest.mark.parametrize(
    "text",
    [
        "Unlike the Apache License 2.0, this licence grants you the right to use the model.",
        "You are hereby granted a licence to use the Model.",
    ],
)
def test_a_text_with_no_clause_establishes_no_commercial_verdict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    # Issue 11: a grant with no recognised clause printed "commercial use: permitted" beside RG103,
    # while lineage treats such a licence_file as unknown.
    path, code, data = _parse_text(capsys, tmp_path, text)
    assert (code, [f["code"] for f in data["findings"]], data["commercial"]) == (0, ["RG103"], None)
    code, out, _ = run(capsys, "parse", str(path))
    assert "commercial use: unclear" in out
    assert "permitted" not in out
    code, out, _ = run(capsys, "explain", str(path), "--format", "json")
    assert (code, json.loads(out)["commercial"]) == (0, None)
    # the licence `compat` and `diff` build from the file says the same
    from railguard.parse import parse_file

    assert parse_file(path).to_licence().commercial is None


def test_diff_of_two_catalogue_licences(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "creativeml-openrail-m", "bigscience-openrail-m", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["same"] is False
    only_right = {r["category"] for r in data["restrictions"] if r["status"] == "only-right"}
    assert "impersonation" in only_right


def test_diff_of_a_licence_with_itself(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "llama3.1", "Llama-3.1")
    assert code == 0
    assert "same rules" in out


def test_diff_a_file_against_the_catalogue(capsys: pytest.CaptureFixture[str], licence_file: Path) -> None:
    code, out, _ = run(capsys, "diff", str(licence_file), "creativeml-openrail-m")
    assert code == 1
    assert "< " + str(licence_file) in out
    assert "military" in out


def test_diff_unknown_licence_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", "mit", "not-a-licence-zz")
    assert code == 2
    assert "unknown licence" in err


@pytest.mark.parametrize(
    "text",
    [
        "This licence grants you the right to use the model for research only.",
        "You may use the Model only for academic research.",
    ],
)
def test_a_grant_for_research_only_is_a_non_commercial_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    # "for research only" limits the grant as "for research purposes" does (it was read as no clause).
    _, code, data = _parse_text(capsys, tmp_path, text)
    assert code == 0
    assert data["commercial"] is False
    assert "RG103" not in [f["code"] for f in data["findings"]]


def _parse_text(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple[Path, int, dict[str, Any]]:
    """``parse --format json`` of a one-line LICENSE: the file, the exit code and the document."""
    path = tmp_path / "LICENSE"
    path.write_text(text + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "parse", str(path), "--format", "json")
    return path, code, json.loads(out)
