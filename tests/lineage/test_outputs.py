"""`railguard permits`, SARIF 2.1.0 and Mermaid output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "lineage.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_permits_a_well_known_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "permits", "runwayml/stable-diffusion-v1-5", "--use", "medical-advice", "--format", "json"
    )
    assert code == 1
    data = json.loads(out)
    assert data["permitted"] is False
    (finding,) = data["findings"]
    assert finding["code"] == "RG314"
    assert finding["licence"] == "creativeml-openrail-m"
    assert finding["clause"] == "Attachment A (j)"


def test_permits_an_unrestricted_use(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "permits", "mit", "--use", "military", "--commercial")
    assert code == 0
    assert "is permitted" in out


def test_permits_inside_a_lineage_sees_every_ancestor(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "permits",
        "acme/research-merge",
        "--use",
        "fraud",
        "--commercial",
        "--lineage",
        EXAMPLE,
        "--format",
        "json",
    )
    assert code == 1
    data = json.loads(out)
    assert data["governing_licences"] == ["apache-2.0", "cc-by-nc-4.0", "llama3.1"]
    assert {f["code"] for f in data["findings"]} == {"RG314", "RG315"}


def test_permits_a_model_card(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(
        "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# My model\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "permits", str(card), "--use", "weapons", "--format", "json")
    assert code == 1
    assert "llama3.1" in json.loads(out)["governing_licences"]


def test_permits_unknown_licence_cannot_be_confirmed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text("models:\n  - id: a/b\n    license: house-licence\n", encoding="utf-8")
    code, out, _ = run(capsys, "permits", "a/b", "--use", "military", "--lineage", str(manifest), "--format", "json")
    assert code == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["RG316"]


def test_permits_bad_category_and_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "permits", "mit", "--use", "medical-advise")
    assert code == 2
    assert "did you mean `medical-advice`" in err
    code, _, err = run(capsys, "permits", "not/a-model-or-licence", "--use", "military")
    assert code == 2
    assert "is not a licence, a file or a well-known model" in err
    code, _, err = run(capsys, "permits", "apach-2.0", "--use", "military")
    assert code == 2
    assert "unknown licence `apach-2.0`; did you mean `apache-2.0`" in err


def test_sarif_has_the_required_structure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lineage", EXAMPLE, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "railguard"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == sorted(set(rule_ids))
    for rule in driver["rules"]:
        assert {"id", "shortDescription", "defaultConfiguration"} <= set(rule)
    assert run_["results"]
    for result in run_["results"]:
        assert result["ruleId"] in rule_ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"].endswith("lineage.yaml")
            assert physical["region"]["startLine"] >= 1


def test_compat_sarif(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compat", "llama3.1", "mit", "--format", "sarif")
    assert code == 1
    assert {r["ruleId"] for r in json.loads(out)["runs"][0]["results"]} >= {"RG301", "RG302"}


def test_mermaid_marks_conflicting_edges(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lineage", EXAMPLE, "--format", "mermaid")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "graph TD"
    assert any("-. conflict .->" in line for line in lines)
    assert any(line.strip().startswith("linkStyle") for line in lines)
    assert any("acme/sd-anime-pixel" in line and "RG301" in line for line in lines)


def test_permits_never_says_yes_over_an_unknown_ancestor(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lineage = tmp_path / "models.yaml"
    lineage.write_text(
        "models:\n"
        "  - {id: lab/base, license: lab-house-terms}\n"
        "  - {id: lab/tuned, license: mit, base_model: lab/base}\n"
        "  - {id: lab/merge, license: mit, base_model: [lab/tuned, elsewhere/unlisted]}\n",
        encoding="utf-8",
    )
    args = ("permits", "lab/merge", "--use", "military", "--lineage", str(lineage), "--format", "json")
    code, out, _ = run(capsys, *args)
    assert code == 1
    data = json.loads(out)
    assert data["permitted"] is False
    found = [(f["code"], f["upstream"], f["licence"]) for f in data["findings"]]
    assert found == [("RG316", "elsewhere/unlisted", None), ("RG316", "lab/base", "lab-house-terms")]
