"""Or-later licences and choices in a lineage: ``lineage`` and ``compat`` give the same verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.lineage_json import as_version_1

#: (upstream, derivative, compatible): pairs where the derivative's own licence refuses some choice.
CASES = [
    ("apache-2.0", "GPL-2.0-or-later", True),
    ("apache-2.0", "GPL-2.0+", True),
    ("apache-2.0", "LGPL-2.1-or-later", True),
    ("apache-2.0", "GPL-2.0-only", False),
    ("apache-2.0", "GPL-2.0-only AND MIT", False),
    ("GPL-2.0-only OR Apache-2.0", "gpl-2.0", True),
    ("Apache-2.0 OR MIT", "GPL-2.0-only", True),
    ("GPL-2.0-or-later", "GPL-3.0-only", True),
    ("cc-by-sa-4.0", "CC-BY-SA-3.0+", False),
]


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(list(args))
    out, _ = capsys.readouterr()
    return code, as_version_1(json.loads(out))


def _errors(data: dict[str, object], model: str | None) -> set[str]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["code"] for f in findings if f.get("model") == model and f["severity"] == "error"}


def _notes(data: dict[str, object], model: str) -> set[str]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["code"] for f in findings if f.get("model") == model and f["code"] == "RG350"}


def _card(root: Path, model: str, meta: str) -> None:
    folder = root / model
    folder.mkdir(parents=True)
    (folder / "README.md").write_text(f"---\n{meta}---\n# Card\n", encoding="utf-8")


@pytest.mark.parametrize(("upstream", "derivative", "compatible"), CASES)
def test_lineage_agrees_with_compat(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, upstream: str, derivative: str, compatible: bool
) -> None:
    code, verdict = _json(capsys, "compat", upstream, derivative, "--format", "json")
    assert verdict["compatible"] is compatible
    assert code == (0 if compatible else 1)
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        f"models:\n  - id: lab/base\n    license: {json.dumps(upstream)}\n"
        f"  - id: fan/tune\n    license: {json.dumps(derivative)}\n    base_model: lab/base\n",
        encoding="utf-8",
    )
    code, data = _json(capsys, "lineage", str(manifest), "--format", "json")
    assert code == (0 if compatible else 1)
    assert _errors(data, "fan/tune") == _errors(verdict, None)
    by_manifest = _errors(data, "fan/tune") | _notes(data, "fan/tune")
    cards = tmp_path / "cards"
    _card(cards, "lab/base", f"license: other\nlicense_name: {json.dumps(upstream)}\n")
    _card(cards, "fan/tune", f"license: other\nlicense_name: {json.dumps(derivative)}\nbase_model: lab/base\n")
    code, data = _json(capsys, "lineage", str(cards), "--format", "json")
    assert code == (0 if compatible else 1)
    assert _errors(data, "fan/tune") | _notes(data, "fan/tune") == by_manifest
    if compatible:
        assert by_manifest == {"RG350"}


def test_the_note_names_the_choice_that_works(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        "models:\n  - id: lab/base\n    license: apache-2.0\n"
        "  - id: fan/tune\n    license: GPL-2.0-or-later\n    base_model: lab/base\n",
        encoding="utf-8",
    )
    code, data = _json(capsys, "lineage", str(manifest), "--format", "json")
    assert code == 0
    findings = data["findings"]
    assert isinstance(findings, list)
    (note,) = [f for f in findings if f["code"] == "RG350"]
    assert note["model"] == "fan/tune"
    assert "`gpl-3.0`" in note["message"]
    assert "`gpl-2.0` cannot" in note["message"]
