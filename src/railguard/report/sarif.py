"""SARIF 2.1.0: findings for code-scanning tools (GitHub, Azure DevOps, IDEs)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from railguard import __version__
from railguard.model import Finding, Severity
from railguard.rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(code: str) -> dict[str, Any]:
    rule = RULES[code]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\nExample: {rule.example}\n\nFix: {rule.fix}"},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    message = finding.message + (f" Hint: {finding.hint}." if finding.hint else "")
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": message},
    }
    if finding.file:
        region: dict[str, int] = {"startLine": finding.line or 1}
        if finding.col:
            region["startColumn"] = finding.col
        result["locations"] = [
            {"physicalLocation": {"artifactLocation": {"uri": finding.file.replace("\\", "/")}, "region": region}}
        ]
    properties = {
        key: value
        for key, value in (
            ("model", finding.model),
            ("licence", finding.licence),
            ("upstream", finding.upstream),
            ("clause", finding.clause),
            ("category", finding.category),
        )
        if value is not None
    }
    if properties:
        result["properties"] = properties
    return result


def sarif_document(findings: Iterable[Finding]) -> str:
    """A SARIF 2.1.0 log with one run; rules are those the findings use, in code order."""
    items = list(findings)
    codes = sorted({f.code for f in items})
    rule_index = {code: index for index, code in enumerate(codes)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "railguard",
                        "version": __version__,
                        "informationUri": "https://github.com/railguard/railguard",
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "results": [_result(f, rule_index) for f in items],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
