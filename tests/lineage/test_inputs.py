"""Lineage inputs as users write them, including broken ones, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.lineage_json import as_version_1


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


MANIFEST = """\
models:
  - id: runwayml/stable-diffusion-v1-5
    license: creativeml-openrail-m
  - id: acme/sd-anime
    licence: MIT
    base_model: runwayml/stable-diffusion-v1-5
    base_model_relation: finetune
"""


def test_manifest_json_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "lineage", write(tmp_path, "m.yaml", MANIFEST), "--format", "json")
    assert code == 1
    data = as_version_1(json.loads(out))
    assert data["schema_version"] == 2
    anime = next(m for m in data["models"] if m["id"] == "acme/sd-anime")
    assert anime["licence"] == "mit"
    assert anime["base_models"] == ["runwayml/stable-diffusion-v1-5"]
    assert anime["relation"] == "finetune"
    assert anime["governing_licences"] == ["creativeml-openrail-m", "mit"]
    assert "minors" in anime["inherited_restrictions"]
    assert anime["commercial"] is True
    (conflict,) = [f for f in data["findings"] if f["code"] == "RG301"]
    assert conflict["model"] == "acme/sd-anime"
    assert conflict["line"] == 4
    assert conflict["severity"] == "error"
    assert set(conflict) >= {
        "code",
        "severity",
        "message",
        "hint",
        "file",
        "line",
        "model",
        "licence",
        "upstream",
        "clause",
        "categories",
    }


def test_exit_zero_and_fail_on(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", MANIFEST)
    assert run(capsys, "lineage", path, "--exit-zero")[0] == 0
    ok = write(
        tmp_path,
        "ok.yaml",
        "models:\n  - id: a/b\n    license: mit\n  - id: a/c\n    license: mit\n    base_model: a/b\n",
    )
    assert run(capsys, "lineage", ok)[0] == 0
    assert run(capsys, "lineage", ok, "--fail-on", "info")[0] == 1


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("models:\n  - id: a\n    license: [unclosed\n", "not valid YAML", ":4"),
        ("just a string\n", "expected `models:`", ":1"),
        ("models:\n  - 42\n", "is not a mapping", ":2"),
    ],
)
def test_broken_manifests_exit_2_with_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str, line: str
) -> None:
    path = write(tmp_path, "m.yaml", text)
    code, out, err = run(capsys, "lineage", path)
    assert code == 2
    assert out == ""
    assert message in err
    assert f"{path}{line}" in err
    assert "Traceback" not in err


def test_exit_zero_never_hides_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "lineage", str(tmp_path / "missing.yaml"), "--exit-zero")[0] == 2


def test_jsonl_bad_line_is_reported_and_the_rest_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "lab/nc", "license": "cc-by-nc-4.0"}),
        "{not json",
        json.dumps(
            {"id": "q/gguf", "license": "apache-2.0", "base_model": "lab/nc", "base_model_relation": "quantized"}
        ),
        json.dumps(["not", "an", "object"]),
    ]
    code, out, _ = run(capsys, "lineage", write(tmp_path, "t.jsonl", "\n".join(lines) + "\n"), "--format", "json")
    assert code == 1
    data = as_version_1(json.loads(out))
    bad = sorted(f["line"] for f in data["findings"] if f["code"] == "RG313")
    assert bad == [2, 4]
    assert any(f["code"] == "RG304" and f["model"] == "q/gguf" for f in data["findings"])


def test_csv_with_quoted_separators_and_merges(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (
        "id,license,base_model,base_model_relation\n"
        "lab/a,mit,,\n"
        'lab/b,"cc-by-nc-4.0",,\n'
        '"acme/merge, v2",apache-2.0,"lab/a;lab/b",merge\n'
    )
    code, out, _ = run(capsys, "lineage", write(tmp_path, "t.csv", text), "--format", "json")
    assert code == 1
    merge = next(m for m in as_version_1(json.loads(out))["models"] if m["id"] == "acme/merge, v2")
    assert merge["base_models"] == ["lab/a", "lab/b"]
    assert merge["commercial"] is False


def test_csv_missing_columns_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "lineage", write(tmp_path, "t.csv", "name,license\nx,mit\n"))
    assert code == 2
    assert "no `id` column" in err


def test_directory_of_model_cards(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for org, name, meta in [
        ("lab", "nc", "license: cc-by-nc-4.0\n"),
        ("acme", "q", "\ufefflicense: apache-2.0\r\nbase_model: lab/nc\r\n"),
        ("bad", "card", "license: [oops\n"),
    ]:
        folder = tmp_path / org / name
        folder.mkdir(parents=True)
        (folder / "README.md").write_text(f"\n---\n{meta}---\n# Card\n", encoding="utf-8")
    code, out, _ = run(capsys, "lineage", str(tmp_path), "--format", "json")
    data = as_version_1(json.loads(out))
    assert code == 1
    assert {m["id"] for m in data["models"]} == {"lab/nc", "acme/q"}
    assert any(f["code"] == "RG304" and f["model"] == "acme/q" for f in data["findings"])
    assert any(f["code"] == "RG313" and "bad/card" in f["file"] for f in data["findings"])


def test_compat_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compat", "creativeml-openrail-m", "MIT", "--format", "json")
    assert code == 1
    data = as_version_1(json.loads(out))
    assert data["compatible"] is False
    assert "medical-advice" in data["missing_restrictions"]
    assert data["findings"][0]["code"] == "RG301"
    code, out, _ = run(capsys, "compat", "mit", "creativeml-openrail-m")
    assert code == 0
    assert "compatible" in out
    code, _, err = run(capsys, "compat", "mit", "nonsense-licence-q")
    assert code == 2
    assert "unknown licence" in err


def test_compat_with_a_licence_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (
        "Example Licence\n\nYou may share the Model only if the use restrictions in Attachment A are included as an "
        "enforceable provision in every agreement governing it.\n\nAttachment A\n\nYou agree not to use the Model:\n"
        "(a) for military purposes;\n"
    )
    path = write(tmp_path, "LICENSE", text)
    code, out, _ = run(capsys, "compat", path, "mit", "--format", "json")
    assert code == 1
    assert as_version_1(json.loads(out))["missing_restrictions"] == ["military"]


def test_directory_without_cards_in_the_layout_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "some-card.md").write_text("---\nlicense: mit\n---\n", encoding="utf-8")
    code, out, err = run(capsys, "lineage", str(tmp_path))
    assert code == 2
    assert out == ""
    assert "<org>/<name>/README.md" in err
    assert "1 Markdown files at the top" in err
