"""Mermaid within its limits (500 edges, 50,000 characters), and the parts of a graph to draw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.mermaid import MAX_EDGES, MAX_TEXT


def _table(tmp_path: Path, count: int) -> str:
    rows = [{"id": "root/sd", "license": "creativeml-openrail-m"}]
    rows += [{"id": f"org/m{i}", "license": "creativeml-openrail-m", "base_model": "root/sd"} for i in range(count)]
    rows.append({"id": "bad/relicensed", "license": "mit", "base_model": "org/m7"})
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _edges(diagram: str) -> int:
    return sum(1 for line in diagram.splitlines() if "-->" in line or "-. conflict .->" in line)


def test_a_large_graph_is_cut_to_what_mermaid_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", _table(tmp_path, 900), "--format", "mermaid"]) == 1
    out, err = capsys.readouterr()
    assert _edges(out) <= MAX_EDGES
    assert len(out) <= MAX_TEXT
    assert "mermaid: drew" in err
    assert out.startswith("%% drew")
    # the conflict and its ancestors are drawn first
    assert "bad/relicensed" in out
    assert "org/m7<br/>" in out


def test_the_parts_to_draw(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _table(tmp_path, 30)
    main(["lineage", table, "--format", "mermaid", "--only-conflicts"])
    out, err = capsys.readouterr()
    drawn = {line.split('["')[1].split("<br/>")[0] for line in out.splitlines() if '["' in line}
    assert drawn == {"root/sd", "org/m7", "bad/relicensed"}
    assert err == ""
    main(["lineage", table, "--format", "mermaid", "--root", "org/m7"])
    drawn = {line.split('["')[1].split("<br/>")[0] for line in capsys.readouterr().out.splitlines() if '["' in line}
    assert drawn == {"org/m7", "bad/relicensed"}
    main(["lineage", table, "--format", "mermaid", "--max-nodes", "5"])
    out = capsys.readouterr().out
    assert sum(1 for line in out.splitlines() if '["' in line) == 5
    assert "%% --max-nodes 5" in out


def test_an_unknown_root_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", _table(tmp_path, 3), "--format", "mermaid", "--root", "no/such"]) == 2
    assert "--root" in capsys.readouterr().err
