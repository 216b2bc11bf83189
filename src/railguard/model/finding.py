"""Findings: what railguard reports. Values, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How serious a finding is; ``error`` findings make commands exit 1."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for ``--fail-on`` comparisons: info < warning < error."""
        return _RANKS[self._value_]


_RANKS = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem or fact.

    Attributes:
        code: stable ``RG`` + three digits.
        severity: error, warning or info.
        message: one sentence saying what is wrong, naming the thing in backticks.
        hint: what to do about it, kept apart from the message.
        file, line, col: where, when the finding is about a file.
        model: the model id a lineage finding is about.
        licence: the licence the finding concerns.
        upstream: the ancestor (model or licence) whose terms are at stake.
        clause: the section of the licence that causes the finding.
        categories: the restriction categories concerned, in the order the licence lists them.
    """

    code: str
    severity: Severity
    message: str
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    col: int | None = None
    model: str | None = None
    licence: str | None = None
    upstream: str | None = None
    clause: str | None = None
    categories: tuple[str, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        """A total order so reports are byte-for-byte stable."""
        return (
            self.file or "",
            self.line or 0,
            self.col or 0,
            self.model or "",
            self.code,
            self.licence or "",
            self.categories,
            self.message,
        )

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON shape (``severity`` as its string value)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "model": self.model,
            "licence": self.licence,
            "upstream": self.upstream,
            "clause": self.clause,
            "categories": list(self.categories),
        }


def new_finding(
    code: str,
    severity: Severity,
    message: str,
    hint: str | None,
    file: str | None,
    line: int | None,
    model: str | None,
    licence: str | None,
    upstream: str | None,
    clause: str | None,
    categories: tuple[str, ...],
) -> Finding:
    """``Finding(...)`` with every field but ``col`` given, in order."""
    return Finding(code, severity, message, hint, file, line, None, model, licence, upstream, clause, categories)


@dataclass(frozen=True, slots=True)
class Rule:
    """One finding code and its documentation (what, why, an example, the fix).

    Each family's rules sit beside the checks that report them (``lint/rules.py``,
    ``lineage/rules.py``, ...); :mod:`railguard.rules.registry` collects them.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    fix: str
