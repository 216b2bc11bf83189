"""The real Hub corpus (../shared/corpus/hub-lineage): 1,983 crawled models, run as a user would.

No crash, no record lost, no finding twice, and no derivative with an ancestor whose terms are
unknown (no licence, an id railguard does not know, a base model found nowhere) passes without a
finding. The expectations are computed from the table itself, not written down from a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lineage.engine import check_lineage
from railguard.lineage.known import known_models
from railguard.lineage.loaders import Loaded, load_lineage
from railguard.lineage.model import LineageResult, ModelEntry


@pytest.fixture(scope="module")
def corpus(shared: Path) -> Path:
    path = shared / "corpus" / "hub-lineage" / "hub-lineage.jsonl"
    if not path.is_file():
        pytest.skip(f"needs the real Hub corpus at {path}, which is absent")
    return path


@pytest.fixture(scope="module")
def loaded(corpus: Path) -> Loaded:
    return load_lineage(corpus)


@pytest.fixture(scope="module")
def result(loaded: Loaded) -> LineageResult:
    return check_lineage(loaded.entries, load_catalogue(), known_models(), loaded.licences, loaded.findings)


def test_the_cli_runs_the_corpus_in_every_format(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "json", "sarif", "mermaid"):
        assert main(["lineage", str(corpus), "--format", fmt]) in (0, 1), fmt
    capsys.readouterr()


def test_no_record_is_lost(corpus: Path, loaded: Loaded, result: LineageResult) -> None:
    lines = [n for n, raw in enumerate(corpus.read_text(encoding="utf-8").split("\n"), start=1) if raw.strip()]
    read = {e.line for e in loaded.entries} | {f.line for f in loaded.findings if f.code == "RG313"}
    assert set(lines) <= read
    ids = {m.id.lower() for m in result.models}
    assert {e.id.lower() for e in loaded.entries} <= ids


def test_no_finding_is_reported_twice(result: LineageResult) -> None:
    keys = [f.sort_key() for f in result.findings]
    assert len(keys) == len(set(keys))


def _unknown(entry: ModelEntry) -> bool:
    """Whether a model's own licence cannot be read, judged from its record and the catalogue alone."""
    catalogue = load_catalogue()
    names = entry.declared.names if entry.declared is not None else ((entry.licence,) if entry.licence else ())
    return not names or any(catalogue.find(name) is None for name in names)


def _ancestors(model: str, parents: dict[str, tuple[str, ...]]) -> Iterator[str]:
    seen: set[str] = set()
    pending = list(parents.get(model, ()))
    while pending:
        current = pending.pop().lower()
        if current in seen:
            continue
        seen.add(current)
        yield current
        pending.extend(parents.get(current, ()))


def test_no_derivative_of_an_unknown_ancestor_passes_silently(loaded: Loaded, result: LineageResult) -> None:
    known = known_models()
    records = {e.id.lower(): e for e in loaded.entries}
    # an input record without a licence takes the table's entry when the table has one (RG320)
    effective = {
        key: (known[key] if _unknown(entry) and entry.licence is None and key in known else entry)
        for key, entry in records.items()
    }
    for key, entry in known.items():
        effective.setdefault(key, entry)
    parents = {key: tuple(b.lower() for b in entry.base_models) for key, entry in effective.items()}
    blocked = {key for key, entry in effective.items() if _unknown(entry)}
    blocked |= {b for entry in effective.values() for b in (x.lower() for x in entry.base_models) if b not in effective}
    with_findings = {(f.model or "").lower() for f in result.findings}
    silent = [
        entry.id
        for key, entry in records.items()
        if any(a in blocked for a in _ancestors(key, parents)) and key not in with_findings
    ]
    assert silent == []
    # and the finding says so: RG319 names an ancestor for each of them whose own licence is known
    named = {(f.model or "").lower() for f in result.findings if f.code in ("RG319", "RG309", "RG308")}
    unnamed = [
        entry.id
        for key, entry in records.items()
        if any(a in blocked for a in _ancestors(key, parents)) and key not in named
    ]
    assert unnamed == []


def test_the_roots_that_the_table_knows_are_read_through_it(result: LineageResult) -> None:
    """A record without a licence for a model the table lists is read under the table's licence (RG320)."""
    fallback = [f for f in result.findings if f.code == "RG320"]
    table = known_models()
    for item in fallback:
        assert item.model is not None
        assert item.licence == table[item.model.lower()].licence
