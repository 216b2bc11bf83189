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
        category: the restriction category concerned.
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
    category: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        """A total order so reports are byte-for-byte stable."""
        return (
            self.file or "",
            self.line or 0,
            self.col or 0,
            self.model or "",
            self.code,
            self.licence or "",
            self.category or "",
            self.message,
        )

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON shape (``severity`` as its string value)."""
        # NOTE: built by hand: dataclasses.asdict deep-copies every field, which dominates the
        # cost of reporting a lineage of millions of models.
        return {
            "code": self.code,
            "severity": self.severity._value_,  # NOTE: .value is a slow enum property
            "message": self.message,
            "hint": self.hint,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "model": self.model,
            "licence": self.licence,
            "upstream": self.upstream,
            "clause": self.clause,
            "category": self.category,
        }


# NOTE: the frozen dataclass __init__ sets each field through object.__setattr__; the slots'
# own descriptors do the same job in less than half the time, which matters when a lineage of
# millions of models stamps tens of millions of findings.
(
    _code,
    _severity,
    _message,
    _hint,
    _file,
    _line,
    _col,
    _model,
    _licence,
    _upstream,
    _clause,
    _category,
) = (Finding.__dict__[name].__set__ for name in Finding.__slots__)


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
    category: str | None,
) -> Finding:
    """``Finding(...)`` with every field but ``col`` given, built fast for hot paths."""
    finding: Finding = object.__new__(Finding)
    _code(finding, code)
    _severity(finding, severity)
    _message(finding, message)
    _hint(finding, hint)
    _file(finding, file)
    _line(finding, line)
    _col(finding, None)
    _model(finding, model)
    _licence(finding, licence)
    _upstream(finding, upstream)
    _clause(finding, clause)
    _category(finding, category)
    return finding
