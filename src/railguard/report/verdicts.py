"""``railguard compat`` and ``railguard permits`` as text and JSON: a verdict and the findings behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from railguard.report.clauses import cited_by
from railguard.report.escape import printable

if TYPE_CHECKING:
    from railguard.model import Finding
    from railguard.report.registry import Options


class CompatVerdict:
    """``railguard compat``: may a derivative of a work under ``upstream`` be released under ``derivative``?

    A plain class, not a dataclass: creating a dataclass costs about a millisecond at import, a
    share of a cold ``compat``.
    """

    __slots__ = ("compatible", "derivative", "derivative_choices", "findings", "missing", "upstream", "upstream_choice")

    def __init__(
        self,
        upstream: str,
        derivative: str,
        compatible: bool,
        missing: tuple[str, ...],
        findings: tuple[Finding, ...],
        upstream_choice: str | None = None,
        derivative_choices: tuple[str, ...] = (),
    ) -> None:
        self.upstream = upstream
        self.derivative = derivative
        self.compatible = compatible
        #: the restriction categories the derivative's licence drops.
        self.missing = missing
        self.findings = findings
        #: for an upstream expression with a choice (OR): the choice that works, as ``a AND b``.
        self.upstream_choice = upstream_choice
        #: for a derivative expression with a choice: the choices that work.
        self.derivative_choices = derivative_choices


class PermitsVerdict:
    """``railguard permits``: may ``subject`` be used for ``use`` (commercially), given all it inherits?"""

    __slots__ = ("commercial", "findings", "governing", "permitted", "subject", "use")

    def __init__(
        self,
        subject: str,
        use: str,
        commercial: bool,
        permitted: bool,
        governing: tuple[str, ...],
        findings: tuple[Finding, ...],
    ) -> None:
        self.subject = subject
        self.use = use
        self.commercial = commercial
        self.permitted = permitted
        self.governing = governing
        self.findings = findings


def finding_line(finding: Finding) -> str:
    """``path:line: RG301 [error] message (clause ...)`` (location only when the finding has one)."""
    where = ""
    if finding.file:
        where = f"{printable(finding.file)}:{finding.line}: " if finding.line else f"{printable(finding.file)}: "
    clause = cited_by(finding)
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
    from railguard.report.jsonout import document

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
    from railguard.report.jsonout import document

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
