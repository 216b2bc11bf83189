"""The compact results read exactly as fully built ones would: same findings, same order, same JSON."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_lineage
from railguard.lineage.model import ModelEntry
from railguard.model import Finding
from railguard.report.jsonout import document
from railguard.report.lineage import lineage_json, lineage_json_pieces
from railguard.rules import finding

CATALOGUE = load_catalogue()
LICENCES = ["creativeml-openrail-m", "llama3.1", "mit", "cc-by-nc-4.0", "gpl-3.0", "gemma", "nope", None]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[ModelEntry], list[Finding]]:
    """Small graphs with merges, cycles, dangling bases, shared places and loose findings."""
    count = draw(st.integers(1, 12))
    ids = [f"org/m{i}" for i in range(count)]
    placed = draw(st.booleans())
    entries = []
    for i, model in enumerate(ids):
        bases = draw(st.lists(st.sampled_from([*ids, "ghost/base", "meta-llama/Llama-3.1-8B"]), max_size=3))
        line = draw(st.sampled_from([i + 1, 1, None])) if placed else None
        entries.append(
            ModelEntry(model, draw(st.sampled_from(LICENCES)), tuple(bases), None, "m.yaml" if placed else None, line)
        )
    loose = [
        finding("RG313", f"bad record {n}", file="m.yaml", line=n)
        for n in draw(st.lists(st.integers(1, count + 2), max_size=3))
    ]
    return entries, loose


@given(graphs())
def test_findings_read_in_full_sort_order(graph: tuple[list[ModelEntry], list[Finding]]) -> None:
    entries, loose = graph
    result = check_lineage(entries, CATALOGUE, None, None, loose)
    findings = list(result.findings)
    assert findings == sorted(findings, key=Finding.sort_key)
    assert len(findings) == len(result.findings)
    worst = max((f.severity.rank for f in findings), default=None)
    assert (result.findings.worst().rank if findings else None) == worst  # type: ignore[attr-defined]
    for f in loose:
        assert f in findings


@given(graphs())
def test_streamed_json_is_the_document_byte_for_byte(graph: tuple[list[ModelEntry], list[Finding]]) -> None:
    entries, loose = graph
    result = check_lineage(entries, CATALOGUE, None, None, loose)
    streamed = "".join(lineage_json_pieces(result, batch=3))
    body = lineage_json(result)
    compact = json.dumps({"schema_version": 1, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert streamed == compact
    assert json.loads(streamed) == json.loads(document(**body))


def test_models_read_as_a_sequence() -> None:
    entries = [ModelEntry("b/child", "mit", ("a/root",)), ModelEntry("a/root", "creativeml-openrail-m")]
    models = check_lineage(entries, CATALOGUE).models
    assert [m.id for m in models] == ["a/root", "b/child"]
    assert models[1].id == "b/child"
    assert [m.id for m in models[0:1]] == ["a/root"]
    assert models == tuple(models)
