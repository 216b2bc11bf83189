"""Running the CLI in-process and checking the exit contract."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from railguard.cli import main


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """``railguard ARGS`` through :func:`railguard.cli.main`, as the console script runs it."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return Result(code, out, err)


def assert_refused(result: Result, *snippets: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr holding every snippet, no traceback."""
    assert result.code == 2, result
    assert result.out == ""
    assert "Traceback" not in result.err
    assert "internal error" not in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    for snippet in snippets:
        assert snippet in result.err, (snippet, result.err)


def assert_ran(result: Result, code: int) -> None:
    """The command did its job (exit 0 or 1 as given), with no traceback or internal error."""
    assert result.code == code, result
    assert "Traceback" not in result.err
    assert "internal error" not in result.err, result.err
