"""GitHub Actions workflow commands: each finding becomes an annotation on the file and line.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

from collections.abc import Iterable

from railguard.model import Finding, Severity
from railguard.rules import RULES

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """``::error file=README.md,line=3,col=10,title=RG301 missing-inherited-restriction::message``."""
    props = []
    if finding.file:
        props.append(f"file={_property(finding.file)}")
        if finding.line:
            props.append(f"line={finding.line}")
            if finding.col:
                props.append(f"col={finding.col}")
    rule = RULES.get(finding.code)
    props.append(f"title={_property(finding.code + (' ' + rule.name if rule else ''))}")
    message = finding.message
    if finding.clause:
        message += f" (clause {finding.clause})"
    if finding.hint:
        message += f"\nhint: {finding.hint}"
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{_data(message)}"


def github_report(findings: Iterable[Finding]) -> str:
    """One annotation a line."""
    lines = [annotation(f) for f in findings]
    return "\n".join(lines) + "\n" if lines else ""
