"""RG319 names the ancestor whose terms are unknown, and why, in every format.

The engine carries ancestors whose terms are unknown as markers beside licence ids; a marker is
no licence, so none may reach an output (a JSON `via`, an `origins` key, a JSONL
`inherited_from` key), and a grouped line must still let the reader find the ancestor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.lineage_json import expand, origin_mappings

# Two children under a parent with no licence, two under one whose base is found nowhere, and one
# under a licence railguard does not know: enough that findings are grouped.
_TABLE = "\n".join(
    [
        '{"id": "lab/bare"}',
        '{"id": "shop/one", "license": "mit", "base_model": "lab/bare"}',
        '{"id": "shop/two", "license": "apache-2.0", "base_model": "lab/bare"}',
        '{"id": "lab/orphan", "license": "mit", "base_model": "private/never-published"}',
        '{"id": "shop/three", "license": "mit", "base_model": "lab/orphan"}',
        '{"id": "shop/four", "license": "mit", "base_model": "lab/orphan"}',
        '{"id": "lab/odd", "license": "house-terms-9"}',
        '{"id": "shop/five", "license": "mit", "base_model": "lab/odd"}',
    ]
)
_EXPECTED = {
    "shop/one": ("lab/bare", "has no licence"),
    "shop/two": ("lab/bare", "has no licence"),
    "shop/three": ("lab/orphan", "found nowhere"),
    "shop/four": ("lab/orphan", "found nowhere"),
    "shop/five": ("lab/odd", "`house-terms-9`"),
}


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "lineage.jsonl"
    path.write_text(_TABLE + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(["lineage", *argv])
    return capsys.readouterr().out


def _no_marker(document: dict[str, object]) -> None:
    for terms in document["terms"]:  # type: ignore[attr-defined]
        for ref in terms["findings"]:
            assert ref["via"] is None or not ref["via"].startswith("?"), ref
    for mapping in origin_mappings(document):
        assert not any(key.startswith("?") for key in mapping), mapping


def test_json_names_the_ancestor_and_why_and_no_marker(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(_run(capsys, str(table), "--format", "json"))
    _no_marker(document)
    found = {f["model"]: f for f in expand(document) if f["code"] == "RG319"}
    assert set(found) == set(_EXPECTED)
    for model, (ancestor, why) in _EXPECTED.items():
        assert found[model]["upstream"] == ancestor
        assert f"`{ancestor}`" in found[model]["message"]
        assert why in found[model]["message"]


def test_jsonl_inherited_from_holds_licences_only(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.loads(line) for line in _run(capsys, str(table), "--format", "jsonl").splitlines()]
    models = [line for line in lines if line["type"] == "model"]
    assert all(not key.startswith("?") for m in models for key in m["inherited_from"])
    found = {f["model"]: f["upstream"] for f in expand(lines[-1], iter(models)) if f["code"] == "RG319"}
    assert found == {model: ancestor for model, (ancestor, _) in _EXPECTED.items()}


def test_grouped_text_reads_and_verbose_names_each_ancestor(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, str(table))
    grouped = [line for line in out.splitlines() if "RG319" in line and "2 models" in line]
    assert len(grouped) == 2
    assert not any("ancestor an ancestor" in line for line in grouped)
    assert any("has no licence" in line for line in grouped)
    verbose = _run(capsys, str(table), "--verbose").splitlines()
    for model, (ancestor, _) in _EXPECTED.items():
        if model != "shop/five":  # the only one of its kind: written out in full
            assert any(line.strip().endswith(f"{model} (via `{ancestor}`)") for line in verbose), model
    (single,) = [line for line in verbose if "RG319" in line and "shop/five" in line]
    assert "`lab/odd`" in single
    assert "`house-terms-9`" in single


def test_sarif_names_the_ancestor_of_each_grouped_model(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = json.loads(_run(capsys, str(table), "--format", "sarif"))
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "RG319"]
    named = {loc["message"]["text"] for r in results for loc in r.get("relatedLocations", ())}
    assert {"shop/one (via `lab/bare`)", "shop/three (via `lab/orphan`)"} <= named
    assert any("`lab/odd`" in r["message"]["text"] for r in results)


def test_no_marker_reaches_the_real_corpus_output(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = shared / "corpus" / "hub-lineage" / "hub-lineage.jsonl"
    if not corpus.is_file():
        pytest.skip(f"needs the real Hub corpus at {corpus}, which is absent")
    document = json.loads(_run(capsys, str(corpus), "--format", "json"))
    _no_marker(document)
    blocked = [f for f in expand(document) if f["code"] == "RG319"]
    assert blocked, "the corpus has models below ancestors whose terms are unknown"
    for item in blocked:
        assert item["upstream"], item
        assert f"`{item['upstream']}`" in item["message"], item
