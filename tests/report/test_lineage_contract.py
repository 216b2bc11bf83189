"""The normalised lineage contract (schema 2) holds every finding the engine made: expanded, the
JSON and the JSONL give back exactly the findings ``LineageResult.findings`` reads as, and the
counts in the summary are those of the findings."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_lineage
from railguard.lineage.model import LineageResult, ModelEntry
from railguard.model import Finding
from railguard.report.lineage_json import expand, write_json, write_jsonl
from railguard.report.registry import Options
from railguard.rules import finding

CATALOGUE = load_catalogue()
LICENCES = ["creativeml-openrail-m", "llama3.1", "mit", "cc-by-nc-4.0", "gpl-3.0", "gemma", "nope", None, "openrail"]
# Model ids with what JSON must escape, format-string braces, non-ASCII text and separators.
IDS = st.text(alphabet=st.sampled_from('abZ/-%s"\\é\u2028{} '), min_size=1, max_size=6).map(lambda t: f"o/{t}")


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[ModelEntry], list[Finding]]:
    """Small graphs with merges, cycles, dangling bases, odd ids and findings about bad records."""
    ids = draw(st.lists(IDS, min_size=1, max_size=12, unique_by=lambda t: t.strip().lower()))
    entries = []
    for line, model in enumerate(ids, start=1):
        bases = draw(st.lists(st.sampled_from([*ids, "ghost/base", "meta-llama/Llama-3.1-8B"]), max_size=3))
        licence = draw(st.sampled_from(LICENCES))
        entries.append(ModelEntry(model, licence, tuple(bases), None, "t.jsonl", line))
    loose = [
        finding("RG313", f"bad record {n}", file="t.jsonl", line=n)
        for n in draw(st.lists(st.integers(1, len(ids) + 2), max_size=2))
    ]
    return entries, loose


def _flat(findings: Any) -> Counter[str]:
    return Counter(json.dumps(f if isinstance(f, dict) else f.to_json(), sort_keys=True) for f in findings)


def _json(result: LineageResult) -> dict[str, Any]:
    out = io.StringIO()
    write_json(result, out, Options(source="t.jsonl"))
    return json.loads(out.getvalue())


def _jsonl(result: LineageResult) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_jsonl(result, out, Options(source="t.jsonl"))
    text = out.getvalue()
    assert "\u2028" not in text  # escaped: a reader that splits at it still sees one record a line
    return [json.loads(line) for line in text.splitlines()]


@given(graphs())
def test_json_and_jsonl_hold_every_finding(graph: tuple[list[ModelEntry], list[Finding]]) -> None:
    entries, loose = graph
    result = check_lineage(entries, CATALOGUE, None, None, loose)
    expected = _flat(result.findings)
    assert _flat(expand(_json(result))) == expected
    *models, head = _jsonl(result)
    assert head["type"] == "summary"
    assert all(line["type"] == "model" for line in models)
    assert _flat(expand(head, iter(models))) == expected


@given(graphs())
def test_summary_counts_are_those_of_the_findings(graph: tuple[list[ModelEntry], list[Finding]]) -> None:
    entries, loose = graph
    result = check_lineage(entries, CATALOGUE, None, None, loose)
    summary = _json(result)["summary"]
    findings = list(result.findings)
    assert summary["findings"] == {
        s: sum(f.severity.value == s for f in findings) for s in ("error", "warning", "info")
    }
    worst: dict[str, int] = {}
    for f in findings:
        if f.model is not None:
            worst[f.model] = max(worst.get(f.model, -1), f.severity.rank)
    with_errors = sum(rank == 2 for rank in worst.values())
    assert summary["models_with_errors"] == with_errors
    assert summary["models"] == len(result.models)
    by_code = Counter(f.code for f in findings)
    assert {code: entry["findings"] for code, entry in summary["codes"].items()} == dict(by_code)


def test_inherited_duties_are_stated_once() -> None:
    # a thousand Llama derivatives: the duties are one kind each, referred to by one set of terms
    entries = [ModelEntry("meta/root", "llama3.1", (), None, "t.jsonl", 1)]
    entries += [ModelEntry(f"o/m{i}", "llama3.1", ("meta/root",), None, "t.jsonl", i + 2) for i in range(1000)]
    document = _json(check_lineage(entries, CATALOGUE))
    duties = [k for k in document["kinds"] if k["code"] == "RG306"]
    assert duties
    assert all(k["models"] >= 1000 for k in duties if "prefix" not in k["message"])
    assert len(document["terms"]) <= 3
    assert len(document["origins"]) == 1
    assert len(expand(document)) >= 2000


def test_categories_are_a_list() -> None:
    entries = [ModelEntry("a/root", "creativeml-openrail-m"), ModelEntry("a/child", "mit", ("a/root",))]
    document = _json(check_lineage(entries, CATALOGUE))
    (rg301,) = [k for k in document["kinds"] if k["code"] == "RG301"]
    assert len(rg301["categories"]) == 10
    assert "medical-advice" in rg301["categories"]


def test_a_result_built_by_hand_is_written_too() -> None:
    from railguard.lineage.model import ModelResult

    model = ModelResult("a/b", "mit", (), None, (), ("mit",), True)
    note = finding("RG308", "`a/b` has the unknown licence `x`", model="a/b")
    result = LineageResult([model], [note])
    assert [f["message"] for f in expand(_json(result))] == [note.message]


@pytest.mark.parametrize("odd", ["file:{model}", "file:{x}y", "file:%s"])
def test_licence_ids_that_look_like_placeholders_are_written_as_they_are(odd: str) -> None:
    licence = replace(CATALOGUE.get("creativeml-openrail-m"), id=odd)
    entries = [
        ModelEntry("o/root", odd, (), None, "t.jsonl", 1),
        ModelEntry("o/child", "mit", ("o/root",), None, "t.jsonl", 2),
    ]
    result = check_lineage(entries, CATALOGUE, None, {odd: licence})
    assert _flat(expand(_json(result))) == _flat(result.findings)
