"""The rule model (no I/O): licences, restrictions, obligations, findings."""

from railguard.model.finding import Finding, Severity
from railguard.model.licence import (
    OBLIGATION_PARAMS,
    Category,
    Family,
    Grant,
    Licence,
    Module,
    Obligation,
    ObligationKind,
    Restriction,
    RestrictionKind,
)

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
