"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from railguard.cli.exitcodes import ExitCode
from railguard.model.finding import Finding, Severity

F = TypeVar("F", bound=Callable[..., Any])

FAIL_ON = click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default=Severity.ERROR.value,
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is reported.",
)
CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=str, dir_okay=False),
    help="A pyproject.toml with [tool.railguard] (default: the nearest one upward, within the repository).",
)
EXIT_ZERO = click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides exit 2).")


def exit_code(findings: Sequence[Finding], fail_on: str, exit_zero: bool) -> int:
    """1 when a finding is at or above ``fail_on`` (unless ``exit_zero``), else 0."""
    threshold = Severity(fail_on).rank
    worst_of = getattr(findings, "worst", None)
    if callable(worst_of):
        # NOTE: a lineage's findings (FindingSet) know their worst severity without writing every
        # message; asked by duck type so that a cold `compat` does not import the engine.
        worst = worst_of()
        failing = worst is not None and worst.rank >= threshold
    else:
        failing = any(f.severity.rank >= threshold for f in findings)
    return ExitCode.FINDINGS if failing and not exit_zero else ExitCode.OK


def format_option(command: str) -> Callable[[F], F]:
    """``--format``, offering the formats the report registry has for ``command``, defaulting to text."""
    from railguard.report.registry import formats

    option: Callable[[F], F] = click.option(
        "--format",
        "output_format",
        type=click.Choice(formats(command)),
        default="text",
        show_default=True,
        help="Output format.",
    )
    return option


MAX_RESULTS = click.option(
    "--max-results",
    type=click.IntRange(min=0),
    metavar="N",
    help="SARIF: write at most N findings as results of their own, the most severe first, then one result "
    "per kind of finding or per rule for the rest (default: 5000, what GitHub code scanning displays; "
    "0: every finding).",
)
QUIET = click.option("--quiet", "-q", is_flag=True, help="No hint lines, no summary and no progress line.")


def emit(command: str, output_format: str, value: Any, **options: Any) -> None:
    """Write a command's result in the chosen format to stdout (warnings and summaries to stderr)."""
    import sys

    from railguard.report.registry import Options, write

    write(command, output_format, value, sys.stdout, Options(err=sys.stderr, **options))
