"""The progress line: on stderr, only when it is a terminal and the input is large; never with --quiet."""

from __future__ import annotations

import io
from pathlib import Path

from railguard.report.progress import LARGE, progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _large(tmp_path: Path) -> str:
    table = tmp_path / "big.jsonl"
    with table.open("wb") as handle:
        handle.truncate(LARGE + 1)  # sparse: the size is what counts
    return str(table)


def test_a_large_input_on_a_terminal_shows_the_phases(tmp_path: Path) -> None:
    err = Terminal()
    with progress(_large(tmp_path), stream=err) as step:
        step("reading")
        step("checking 10 models")
    shown = err.getvalue()
    assert "railguard: big.jsonl: reading..." in shown
    assert "checking 10 models..." in shown
    assert shown.endswith("\r\x1b[K")  # erased when done


def test_quiet_small_or_not_a_terminal_shows_nothing(tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    small.write_text("{}\n", encoding="utf-8")
    for path, stream, quiet in (
        (_large(tmp_path), Terminal(), True),
        (str(small), Terminal(), False),
        (_large(tmp_path), io.StringIO(), False),
    ):
        with progress(path, stream=stream, quiet=quiet) as step:
            step("reading")
            step.close()
        assert stream.getvalue() == ""
