"""``railguard lint`` as text (``path:line:col: RG401 [error] message``, what editors and pre-commit read), JSON."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from railguard.model import Finding
from railguard.report.clauses import cited_by
from railguard.report.escape import printable

if TYPE_CHECKING:
    from railguard.lint.runner import LintReport
    from railguard.report.registry import Options


def finding_lines(finding: Finding, hints: bool = True) -> list[str]:
    """``path:line:col: CODE [severity] message (clause ...)``, then an indented hint line when there is one.

    The severity is on every line, as in ``lineage``'s lines: pre-commit shows a hook's output
    only when it fails, and a reader of that output must tell the error that failed it from
    the warnings beside it.
    """
    where = printable(finding.file or "-")
    if finding.line:
        where += f":{finding.line}:{finding.col or 1}"
    clause = cited_by(finding)
    lines = [f"{where}: {finding.code} [{finding.severity.value}] {printable(finding.message)}{clause}"]
    if hints and finding.hint:
        lines.append(f"    hint: {printable(finding.hint)}")
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


def write_lint(report: LintReport, out: TextIO, options: Options) -> None:
    """Every finding as a text block; the summary (cards, counts, fixes) on stderr."""
    out.write(text_report(report.findings, hints=not options.quiet))
    if not options.quiet and options.err is not None:
        fixed = sum(len(c.fixes) for c in report.cards)
        done = f"; fixed {fixed} finding{'s' if fixed != 1 else ''}" if options.fix else ""
        count = len(report.cards)
        options.err.write(
            f"railguard lint: {count} card{'s' if count != 1 else ''}: {summary(report.findings)}{done}\n"
        )


def lint_json(report: LintReport, out: TextIO, options: Options) -> None:
    """The ``lint`` document: ``cards`` and ``findings``."""
    from railguard.report.jsonout import document

    cards = [
        {
            "path": card.path,
            "model": card.model,
            "licence": card.licence,
            "base_models": list(card.base_models),
            "fixes": list(card.fixes),
        }
        for card in report.cards
    ]
    out.write(
        document(
            "lint",
            cards=cards,
            skipped=list(report.skipped),
            settings=report.settings,
            findings=[f.to_json() for f in report.findings],
        )
    )
