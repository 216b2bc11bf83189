"""Findings as lines of text: the form every command's text output shares."""

from __future__ import annotations

from collections.abc import Iterable

from railguard.model import Finding, Severity


def finding_line(finding: Finding) -> str:
    """``path:line: RG301 [error] message`` (location only when the finding has one)."""
    where = ""
    if finding.file:
        where = f"{finding.file}:{finding.line}: " if finding.line else f"{finding.file}: "
    clause = f" (clause {finding.clause})" if finding.clause else ""
    return f"{where}{finding.code} [{finding.severity.value}] {finding.message}{clause}"


def summary(findings: Iterable[Finding]) -> str:
    """``2 errors, 1 warning, 0 info``."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return ", ".join(
        f"{counts[s]} {s.value}{'' if counts[s] == 1 or s is Severity.INFO else 's'}" for s in reversed(Severity)
    )
