"""The rule model (no I/O): licences, restrictions, obligations, findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from railguard.model.finding import Finding, Severity
from railguard.model.licence import (
    OBLIGATION_PARAMS,
    Family,
    Grant,
    Licence,
    Obligation,
    ObligationKind,
    Restriction,
    RestrictionKind,
)

if TYPE_CHECKING:
    from railguard.model.category import Category
    from railguard.model.module import Module

__all__ = [
    "OBLIGATION_PARAMS",
    "Category",
    "Family",
    "Finding",
    "Grant",
    "Licence",
    "Module",
    "Obligation",
    "ObligationKind",
    "Restriction",
    "RestrictionKind",
    "Severity",
]


def __getattr__(name: str) -> Any:
    # NOTE: imported on first use: most runs (a cold lint or compat) never need these classes.
    if name == "Category":
        from railguard.model.category import Category

        return Category
    if name == "Module":
        from railguard.model.module import Module

        return Module
    raise AttributeError(f"module 'railguard.model' has no attribute {name!r}")
