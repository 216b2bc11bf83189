"""Findings as text lines: ``path:line:col: RG401 [error] message``, the form editors and pre-commit read."""

from __future__ import annotations

from collections.abc import Iterable

from railguard.model import Finding


def finding_lines(finding: Finding, hints: bool = True) -> list[str]:
    """``path:line:col: CODE [severity] message (clause ...)``, then an indented hint line when there is one.

    The severity is on every line, as in ``lineage``'s lines: pre-commit shows a hook's output
    only when it fails, and a reader of that output must tell the error that failed it from
    the warnings beside it.
    """
    where = finding.file or "-"
    if finding.line:
        where += f":{finding.line}:{finding.col or 1}"
    clause = f" (clause {finding.clause})" if finding.clause else ""
    lines = [f"{where}: {finding.code} [{finding.severity.value}] {finding.message}{clause}"]
    if hints and finding.hint:
        lines.append(f"    hint: {finding.hint}")
    return lines


def summary(findings: Iterable[Finding]) -> str:
    """``2 errors, 1 warning, 0 info``."""
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for finding in findings:
        counts[finding.severity.value] += 1
    return ", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items())


def text_report(findings: Iterable[Finding], hints: bool = True) -> str:
    """Every finding, one block each."""
    out: list[str] = []
    for finding in findings:
        out.extend(finding_lines(finding, hints))
    return "\n".join(out) + "\n" if out else ""
