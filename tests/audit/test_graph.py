"""Datasets in ``railguard lineage``: their own node kind, and the same warnings as ``audit``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main

MANIFEST = """models:
  - id: acme/bot
    license: apache-2.0
    datasets: [tatsu-lab/alpaca, someone/unlisted]
  - id: acme/plain
    license: mit
"""


@pytest.fixture
def manifest(tmp_path: Path) -> str:
    path = tmp_path / "lineage.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    return str(path)


def test_datasets_are_nodes_of_their_own_in_mermaid(manifest: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lineage", manifest, "--format", "mermaid"])
    out = capsys.readouterr().out
    assert 'd1[("tatsu-lab/alpaca<br/><i>cc-by-nc-4.0</i>")]' in out
    assert "d1 -. data .-> m0" in out
    assert "class d0,d1 dataset" in out


def test_datasets_in_json_and_warnings_agree_with_audit(manifest: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", manifest, "--format", "json"]) == 0  # warnings only: unsettled law is no error
    data = json.loads(capsys.readouterr().out)
    assert data["datasets"][1] == {
        "id": "tatsu-lab/alpaca",
        "licence": "cc-by-nc-4.0",
        "source": "table, checked 2026-12-07",
        "used_by": ["acme/bot"],
    }
    found = {(f["code"], f["model"], f["upstream"]) for f in data["findings"] if f["code"].startswith("RG5")}
    assert found == {("RG508", "acme/bot", "tatsu-lab/alpaca"), ("RG511", "acme/bot", "someone/unlisted")}


def test_no_datasets_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("models:\n  - id: a/b\n    license: mit\n", encoding="utf-8")
    main(["lineage", str(path), "--format", "json"])
    assert "datasets" not in json.loads(capsys.readouterr().out)


def test_the_table_loads_and_every_entry_is_checked_and_sourced() -> None:
    from railguard.audit.datasets import known_datasets

    table = known_datasets()
    assert len({e.id for e in table.values()}) >= 6
    for entry in table.values():
        assert entry.source.startswith("https://")


def test_the_table_is_in_our_own_words(shared: Path) -> None:
    from railguard.audit.datasets import known_datasets
    from tests.catalogue.test_own_words import shingles

    corpus: set[tuple[str, ...]] = set()
    for path in sorted((shared / "licences").glob("*.txt")):
        corpus |= shingles(path.read_text(encoding="utf-8", errors="replace"))
    assert [e.id for e in known_datasets().values() if e.note and shingles(e.note) & corpus] == []


def test_lineage_reports_a_no_derivatives_dataset_as_audit_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nd.yaml"
    path.write_text(
        "models:\n  - id: acme/sum\n    license: apache-2.0\n    datasets: [samsum]\n"
        "  - id: acme/unknown\n    license: my-own-licence\n    datasets: [samsum]\n",
        encoding="utf-8",
    )
    main(["lineage", str(path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    found = {(f["code"], f["model"], f["clause"]) for f in data["findings"] if f["code"] == "RG517"}
    assert found == {("RG517", "acme/sum", "2(a)(1)(B)"), ("RG517", "acme/unknown", "2(a)(1)(B)")}
