"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    """Every output format railguard knows; each command accepts a subset."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    MERMAID = "mermaid"
    GITHUB = "github"


def format_option(*choices: OutputFormat) -> Callable[[F], F]:
    """``--format`` limited to ``choices``, defaulting to text."""
    option: Callable[[F], F] = click.option(
        "--format",
        "output_format",
        type=click.Choice([c.value for c in choices]),
        default=OutputFormat.TEXT.value,
        show_default=True,
        help="Output format.",
    )
    return option
