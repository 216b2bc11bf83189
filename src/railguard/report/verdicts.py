"""``railguard compat`` and ``railguard permits`` as text and JSON: a verdict and the findings behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from railguard.model import Finding
from railguard.report.escape import printable
from railguard.report.jsonout import document

if TYPE_CHECKING:
    from railguard.lineage.results import CompatVerdict, PermitsVerdict
    from railguard.report.registry import Options


def finding_line(finding: Finding) -> str:
    """``path:line: RG301 [error] message (clause ...)`` (location only when the finding has one)."""
    where = ""
    if finding.file:
        where = f"{printable(finding.file)}:{finding.line}: " if finding.line else f"{printable(finding.file)}: "
    clause = f" (clause {printable(finding.clause)})" if finding.clause else ""
    return f"{where}{finding.code} [{finding.severity.value}] {printable(finding.message)}{clause}"


def _findings(findings: tuple[Finding, ...], hints: bool) -> str:
    out = []
    for finding in findings:
        out.append("  " + finding_line(finding) + "\n")
        if hints and finding.hint:
            out.append(f"    hint: {printable(finding.hint)}\n")
    return "".join(out)


def compat_text(verdict: CompatVerdict, out: TextIO, options: Options) -> None:
    """``upstream -> derivative: compatible``, then each finding."""
    word = "compatible" if verdict.compatible else "NOT compatible"
    out.write(f"{printable(verdict.upstream)} -> {printable(verdict.derivative)}: {word}\n")
    out.write(_findings(verdict.findings, hints=not options.quiet))


def compat_json(verdict: CompatVerdict, out: TextIO, options: Options) -> None:
    """The ``compat`` document."""
    out.write(
        document(
            "compat",
            upstream=verdict.upstream,
            derivative=verdict.derivative,
            compatible=verdict.compatible,
            missing_restrictions=list(verdict.missing),
            upstream_choice=verdict.upstream_choice,
            derivative_choices=list(verdict.derivative_choices),
            findings=[f.to_json() for f in verdict.findings],
        )
    )


def permits_text(verdict: PermitsVerdict, out: TextIO, options: Options) -> None:
    """``model: use for X is permitted``, what governs it, then each finding."""
    how = "commercial " if verdict.commercial else ""
    word = "permitted" if verdict.permitted else "NOT permitted"
    out.write(f"{printable(verdict.subject)}: {how}use for `{printable(verdict.use)}` is {word}\n")
    out.write(f"  governed by: {printable(', '.join(verdict.governing)) or 'no known licence'}\n")
    out.write(_findings(verdict.findings, hints=not options.quiet))


def permits_json(verdict: PermitsVerdict, out: TextIO, options: Options) -> None:
    """The ``permits`` document."""
    out.write(
        document(
            "permits",
            model=verdict.subject,
            use=verdict.use,
            commercial=verdict.commercial,
            permitted=verdict.permitted,
            governing_licences=list(verdict.governing),
            findings=[f.to_json() for f in verdict.findings],
        )
    )
