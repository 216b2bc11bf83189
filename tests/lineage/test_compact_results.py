"""The compact results read exactly as fully built ones would: same findings, same order, same JSON."""

from __future__ import annotations

import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_lineage
from railguard.lineage.model import ModelEntry
from railguard.model import Finding
from railguard.report.jsonout import document
from railguard.report.lineage import lineage_json, lineage_json_pieces, write_lineage_json
from railguard.report.turns import can_fork, write_in_turns
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


# Model ids with what JSON must escape, what %-formats must not read, non-ASCII text and the
# private-use characters the streamed writer uses as stand-ins.
IDS = st.text(alphabet=st.sampled_from('abZ/-%s"\\é\u2028\ue000\ue001 '), min_size=1, max_size=6).map(
    lambda text: f"o/{text}"
)
TABLE_LICENCES = [*LICENCES, "llama2", "apache-2.0", "openrail", "gpl-2.0", "cc-by-sa-4.0", "Llama-3.1"]


@st.composite
def tables(draw: st.DrawFn) -> list[ModelEntry]:
    """Graphs as a table gives them: one model a line, ids with odd characters, merges and loops."""
    ids = draw(st.lists(IDS, min_size=1, max_size=14, unique_by=str.lower))
    entries = []
    for line, model in enumerate(ids, start=1):
        bases = draw(st.lists(st.sampled_from([*ids, "ghost/base", "meta-llama/Llama-3.1-8B"]), max_size=3))
        entries.append(ModelEntry(model, draw(st.sampled_from(TABLE_LICENCES)), tuple(bases), None, "t.jsonl", line))
    return entries


@given(tables(), st.integers(1, 4))
def test_streamed_json_of_a_table_is_the_document_byte_for_byte(entries: list[ModelEntry], batch: int) -> None:
    loose = [finding("RG313", "bad record", file="t.jsonl", line=len(entries) + 1)]
    result = check_lineage(entries, CATALOGUE, None, None, loose)
    body = lineage_json(result)
    compact = json.dumps({"schema_version": 1, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert "".join(lineage_json_pieces(result, batch=batch)) == compact


@given(tables())
def test_written_json_is_the_document_byte_for_byte(entries: list[ModelEntry]) -> None:
    result = check_lineage(entries, CATALOGUE)
    body = lineage_json(result)
    compact = json.dumps({"schema_version": 1, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
    for encoding in ("utf-8", "utf-16", "ascii"):
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="backslashreplace", newline="")
        write_lineage_json(result, stream, batch=2)
        assert raw.getvalue() == compact.encode(encoding, "backslashreplace")


def test_a_lone_surrogate_is_written_as_the_stream_says() -> None:
    entries = [
        ModelEntry("o/\udcff", "mit", ("o/root",), None, "t.jsonl", 2),
        ModelEntry("o/root", "mit", (), None, "t.jsonl", 1),
    ]
    result = check_lineage(entries, CATALOGUE)
    body = lineage_json(result)
    compact = json.dumps({"schema_version": 1, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert "".join(lineage_json_pieces(result)) == compact
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
    write_lineage_json(result, stream)
    assert raw.getvalue() == compact.encode("utf-8", "surrogateescape")
    strict = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    with pytest.raises(UnicodeEncodeError):
        write_lineage_json(result, strict)


@pytest.mark.parametrize("odd", ["file:{model}", "file:\ue001%s", "file:{upstream}x"])
def test_licence_ids_that_look_like_placeholders_are_written_as_they_are(odd: str) -> None:
    # a licence parsed from a file is named after it, and its id goes into the templates' messages
    licence = replace(CATALOGUE.get("creativeml-openrail-m"), id=odd)
    entries = [
        ModelEntry("o/root", odd, (), None, "t.jsonl", 1),
        ModelEntry("o/child", "mit", ("o/root",), None, "t.jsonl", 2),
        ModelEntry("o/merge", "apache-2.0", ("o/child", "o/root"), None, "t.jsonl", 3),
    ]
    result = check_lineage(entries, CATALOGUE, None, {odd: licence})
    body = lineage_json(result)
    compact = json.dumps({"schema_version": 1, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert "".join(lineage_json_pieces(result, batch=1)) == compact


needs_fork = pytest.mark.skipif(not can_fork(), reason="needs os.fork, two cores and no other thread")


@needs_fork
@pytest.mark.parametrize("batch", [1, 2, 5])
def test_json_written_by_two_processes_is_the_document_byte_for_byte(tmp_path: Path, batch: int) -> None:
    entries = [
        ModelEntry(f"o/m{i}", TABLE_LICENCES[i % len(TABLE_LICENCES)], (f"o/m{i // 2}",) if i else (), None, "t", i + 1)
        for i in range(40)
    ]
    result = check_lineage(entries, CATALOGUE)
    body = lineage_json(result)
    compact = json.dumps({"schema_version": 1, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
    out = tmp_path / "out.json"
    with out.open("w", encoding="utf-8") as stream:
        write_lineage_json(result, stream, batch=batch, fork=True)
    assert out.read_bytes() == compact.encode()


@needs_fork
def test_a_failure_in_either_process_is_raised(tmp_path: Path) -> None:
    # a lone surrogate in every part: whichever process writes first fails as the stream would
    entries = [ModelEntry(f"o/\udcff{i}", "mit", (), None, "t", i + 1) for i in range(12)]
    result = check_lineage(entries, CATALOGUE)
    with (tmp_path / "out.json").open("w", encoding="utf-8") as stream, pytest.raises(UnicodeEncodeError):
        write_lineage_json(result, stream, batch=1, fork=True)
    with (tmp_path / "out.json").open("w", encoding="utf-8", errors="surrogateescape") as stream:
        write_lineage_json(result, stream, batch=1, fork=True)
    body = lineage_json(result)
    compact = json.dumps({"schema_version": 1, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert (tmp_path / "out.json").read_bytes() == compact.encode("utf-8", "surrogateescape")


@needs_fork
def test_a_failure_of_the_second_process_is_raised_in_the_first() -> None:
    def render(part: int) -> bytes:
        if part == 3:
            raise ValueError("part three")
        return b"x"

    read, write = os.pipe()
    try:
        with pytest.raises(ValueError, match="part three"):
            write_in_turns(render, 6, write)
    finally:
        os.close(read)
        os.close(write)
