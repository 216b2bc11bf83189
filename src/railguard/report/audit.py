"""``railguard audit`` as text, JSON, SARIF and GitHub annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from railguard.report.text import summary, text_report

if TYPE_CHECKING:
    from railguard.audit.runner import AuditReport
    from railguard.report.registry import Options


def write_text(report: AuditReport, out: TextIO, options: Options) -> None:
    """Every finding as a text block, the summary table with --recursive; the counts on stderr."""
    out.write(text_report(report.findings, hints=not options.quiet))
    if options.recursive and not options.quiet:
        from railguard.audit.summary import summarise

        out.write(summarise(report.repositories).table())
    count = len(report.repositories)
    fixed = sum(len(r.fixes) for r in report.repositories)
    done = f"; {fixed} fix{'es' if fixed != 1 else ''} applied" if options.fix else ""
    where = f"{count} repositor{'ies' if count != 1 else 'y'}"
    options.summary(f"railguard audit: {where}: {summary(report.findings)}{done}")


def write_json(report: AuditReport, out: TextIO, options: Options) -> None:
    """The ``audit`` document: ``repositories``, ``summary`` and ``findings``."""
    from railguard.audit.summary import summarise
    from railguard.report.jsonout import document

    out.write(
        document(
            "audit",
            repositories=[r.to_json() for r in report.repositories],
            summary=summarise(report.repositories).to_json(),
            findings=[f.to_json() for f in report.findings],
        )
    )


def write_sarif(report: AuditReport, out: TextIO, options: Options) -> None:
    """``audit --format sarif``."""
    from railguard.report.sarif import write_findings

    write_findings("audit", report.findings, out, options, options.source)


def write_github(report: AuditReport, out: TextIO, options: Options) -> None:
    """``audit --format github``."""
    from railguard.report.github import write_findings

    count = len(report.repositories)
    write_findings(report.findings, out, f"railguard audit: {count} repositor{'ies' if count != 1 else 'y'}")
