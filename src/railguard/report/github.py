"""GitHub Actions: workflow annotations, and the job summary for what they cannot show.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions

A step shows at most ten annotations of each level (error, warning, notice). railguard writes
the first ten of each, errors first, as annotations; when ``$GITHUB_STEP_SUMMARY`` names the job
summary file (it does inside Actions), every finding past them is added to it as a Markdown table,
with a notice annotation saying so. Outside Actions every finding is an annotation.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from railguard.model import Finding, Severity
from railguard.report.clauses import cited_by, folded
from railguard.report.escape import printable
from railguard.rules import RULES

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult
    from railguard.lint.runner import LintReport
    from railguard.report.registry import Options
    from railguard.report.verdicts import CompatVerdict, PermitsVerdict

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
#: Annotations GitHub shows per level in one step.
SHOWN_PER_LEVEL = 10
#: The job summary takes at most 1 MiB per step; the table stops short of it.
SUMMARY_BYTES = 900_000


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def _message(finding: Finding) -> str:
    message = printable(finding.message)
    message += cited_by(finding)
    if finding.hint:
        message += f"\nhint: {printable(finding.hint)}"
    return message


def annotation(finding: Finding) -> str:
    """``::error file=README.md,line=3,col=10,title=RG301 missing-inherited-restriction::message``."""
    props = []
    if finding.file:
        props.append(f"file={_property(printable(finding.file))}")
        if finding.line:
            props.append(f"line={finding.line}")
            if finding.col:
                props.append(f"col={finding.col}")
    rule = RULES.get(finding.code)
    props.append(f"title={_property(finding.code + (' ' + rule.name if rule else ''))}")
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{_data(_message(finding))}"


def github_report(findings: Iterable[Finding]) -> str:
    """One annotation a finding (no limit, no summary)."""
    lines = [annotation(f) for f in findings]
    return "\n".join(lines) + "\n" if lines else ""


def _cell(text: str) -> str:
    """Text for a Markdown table cell: printable, one line, pipes and HTML escaped."""
    return printable(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def summary_row(finding: Finding) -> str:
    """A finding as a row of the job summary's table."""
    where = finding.file or ""
    if where and finding.line:
        where += f":{finding.line}"
    clause = folded(finding.clause, finding.licence) if finding.clause else ""
    cells = [
        finding.severity.value,
        finding.code,
        where,
        finding.model or "",
        finding.message,
        clause,
        finding.hint or "",
    ]
    return "| " + " | ".join(_cell(c) for c in cells) + " |\n"


def write_findings(findings: Iterable[Finding], out: TextIO, title: str, summary_path: str | None = None) -> None:
    """Annotations for the first ten findings of each level; the rest to the job summary, when there is one.

    ``findings`` may be a stream: only the annotations held back for their level are kept.
    """
    path = summary_path if summary_path is not None else os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        for finding in findings:
            out.write(annotation(finding) + "\n")
        return
    shown: dict[Severity, list[Finding]] = {s: [] for s in Severity}
    rest = 0
    written = 0
    counts = dict.fromkeys(Severity, 0)
    with open(path, "a", encoding="utf-8", errors="backslashreplace") as summary:
        summary.write(f"\n### {_cell(title)}\n\n")
        for finding in findings:
            counts[finding.severity] += 1
            held = shown[finding.severity]
            if len(held) < SHOWN_PER_LEVEL:
                held.append(finding)
                continue
            if rest == 0:
                summary.write("| severity | code | where | model | finding | clause | hint |\n")
                summary.write("|---|---|---|---|---|---|---|\n")
            rest += 1
            if written < SUMMARY_BYTES:
                row = summary_row(finding)
                written += len(row)
                summary.write(row)
            elif written != SUMMARY_BYTES + 1:
                written = SUMMARY_BYTES + 1
                summary.write("\n(the table stops here: the job summary holds 1 MiB; use `--format json` for all)\n")
        total = ", ".join(f"{counts[s]} {s.value}" for s in reversed(Severity))
        summary.write(
            f"\n{total}; {sum(map(len, shown.values()))} shown as annotations, {rest} listed above.\n"
            if rest
            else f"{total}; all shown as annotations.\n"
        )
    for severity in reversed(Severity):
        for finding in shown[severity]:
            out.write(annotation(finding) + "\n")
    if rest:
        out.write(f"::notice title=railguard::{rest} more findings are listed in the job summary\n")


def write_lint(report: LintReport, out: TextIO, options: Options) -> None:
    """``lint --format github``."""
    write_findings(report.findings, out, f"railguard lint: {len(report.cards)} cards")


def write_compat(verdict: CompatVerdict, out: TextIO, options: Options) -> None:
    """``compat --format github``."""
    word = "compatible" if verdict.compatible else "NOT compatible"
    write_findings(verdict.findings, out, f"railguard compat: {verdict.upstream} -> {verdict.derivative}: {word}")


def write_permits(verdict: PermitsVerdict, out: TextIO, options: Options) -> None:
    """``permits --format github``."""
    word = "permitted" if verdict.permitted else "NOT permitted"
    write_findings(verdict.findings, out, f"railguard permits: {verdict.subject} for {verdict.use}: {word}")


def write_lineage(result: LineageResult, out: TextIO, options: Options) -> None:
    """``lineage --format github``: errors first, then warnings, then notes, model by model."""
    from railguard.lineage.results import audit_of

    audit = audit_of(result)

    def ordered() -> Iterator[Finding]:
        for severity in reversed(Severity):
            for position in range(len(audit)):
                for finding in audit.findings_of(position):
                    if finding.severity is severity:
                        yield finding
            for finding in audit.standalone:
                if finding.severity is severity:
                    yield finding

    write_findings(ordered(), out, f"railguard lineage: {len(audit):,} models")
