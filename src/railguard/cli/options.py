"""Options shared by several commands."""

from __future__ import annotations

from enum import Enum

import click


class OutputFormat(str, Enum):
    """Every output format railguard knows; each command accepts a subset."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    MERMAID = "mermaid"


def format_option(*choices: OutputFormat) -> click.decorators.FC:  # type: ignore[name-defined]
    """``--format`` limited to ``choices``, defaulting to text."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice([c.value for c in choices]),
        default=OutputFormat.TEXT.value,
        show_default=True,
        help="Output format.",
    )
