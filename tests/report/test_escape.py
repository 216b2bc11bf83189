"""Text read from input never reaches a human-facing output as control sequences or forged lines.

Card and table fields (model ids, licence names, base models), file names and Hub answers can
hold newlines, ESC sequences, separators and direction marks. Every formatter writes them through
:func:`railguard.report.escape.printable`: no GitHub annotation or text line can be forged, no
terminal command is sent.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lineage.engine import check_lineage
from railguard.lineage.model import ModelEntry
from railguard.report.escape import printable
from railguard.report.registry import FORMATTERS, Options, write

FORGED = "evil\n::error file=x.py,line=1::forged\x1b]0;owned\x07\x1b[2J\u2028\u202e"
#: The formats people read (the others are JSON, which escapes what it must itself).
HUMAN = ("text", "github", "mermaid", "html")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_printable_leaves_nothing_unsafe(text: str) -> None:
    shown = printable(text)
    assert not UNSAFE.search(shown)
    assert "\n" not in shown
    assert "\r" not in shown


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))))
def test_printable_keeps_ordinary_text(text: str) -> None:
    assert printable(text) == text


def _human(output: str) -> None:
    assert "\x1b" not in output
    assert "\x07" not in output
    assert not UNSAFE.search(output.replace("\n", ""))
    assert not any(line.startswith("::error file=x.py") for line in output.splitlines())


def test_lineage_table_fields_cannot_forge_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.jsonl"
    rows = [
        {"id": "base/sd", "license": "creativeml-openrail-m"},
        {"id": FORGED, "license": "mit", "base_model": "base/sd"},
        {"id": "x/y", "license": FORGED, "base_model": [FORGED, "ghost\n::warning::x"]},
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for fmt in ("text", "github", "mermaid", "html"):
        for extra in ([], ["--verbose"]):
            main(["lineage", str(table), "--format", fmt, *extra])
            out, err = capsys.readouterr()
            _human(out)
            _human(err)


def test_hub_answers_are_escaped_too() -> None:
    # models looked up on the Hub join the graph like any other: their fields are escaped the same way
    entries = [
        ModelEntry("acme/child", "mit", (FORGED,), None, "m.yaml", 2),
        ModelEntry(FORGED, FORGED, (), None, f"https://huggingface.co/{FORGED}", None, hub=True),
    ]
    known = {FORGED.lower(): entries[1]}
    result = check_lineage(entries[:1], load_catalogue(), known)
    for (command, fmt), _ in FORMATTERS.items():
        if command != "lineage" or fmt not in HUMAN:
            continue
        out, err = io.StringIO(), io.StringIO()
        write("lineage", fmt, result, out, Options(err=err, verbose=True))
        _human(out.getvalue())
        _human(err.getvalue())


def test_card_fields_cannot_forge_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card = tmp_path / "org" / "model" / "README.md"
    card.parent.mkdir(parents=True)
    card.write_text(
        '---\nlicense: other\nlicense_name: "x\\n::error file=x.py,line=1::forged\\e[31m"\n'
        'base_model: "a/b\\n::error file=x.py,line=1::forged"\n---\n# m\n',
        encoding="utf-8",
    )
    for fmt in ("text", "github"):
        main(["lint", str(card), "--format", fmt])
        out, err = capsys.readouterr()
        _human(out)
        _human(err)


def test_error_messages_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", str(tmp_path / "no\x1b[31mfile.jsonl")]) == 2
    _, err = capsys.readouterr()
    assert "\x1b" not in err
    assert "\\x1b[31m" in err
