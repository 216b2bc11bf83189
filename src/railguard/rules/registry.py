"""The explicit registry of finding codes.

Codes are ``RG`` + three digits in families by hundreds (RG0xx tool, RG1xx licence-text parsing,
RG2xx catalogue data, RG3xx lineage and compatibility, RG4xx model-card lint, RG5xx model-repository
audit) and are never reused. Each rule documents what it finds, why it matters, an example and the fix; tests check
that every rule has them and that codes are unique and sorted.

The documentation of each rule sits beside the checks that report it, in a ``rules.py`` module of the
package that emits it; this module only collects them, by an explicit import list.
"""

from __future__ import annotations

from typing import Any

# NOTE: every command needs the registry (a finding takes its severity from it), so these modules are
# on every cold path (tests/test_packaging.py, COLD_IMPORTS). They hold data only and import nothing
# but railguard.model.finding; their packages' __init__ modules import nothing either (lineage,
# expression and bom are namespace or empty packages, audit and parse load their machinery on first
# use). A cold `compat` therefore reads the lint and audit rules' text without importing a checker.
from railguard.audit.rules import RULES as _AUDIT
from railguard.bom.rules import RULES as _BOM
from railguard.expression.rules import RULES as _EXPRESSION
from railguard.lineage.rules import RULES as _LINEAGE
from railguard.lint.rules import RULES as _LINT
from railguard.model import Finding
from railguard.model.finding import Rule
from railguard.parse.rules import RULES as _PARSE

__all__ = ["RULES", "Rule", "finding", "rule"]

#: Every rule by code, sorted by code (tests/hardening/test_docs.py checks that no code is listed twice).
RULES: dict[str, Rule] = {
    r.code: r for r in sorted((*_LINT, *_PARSE, *_LINEAGE, *_EXPRESSION, *_BOM, *_AUDIT), key=lambda r: r.code)
}


def rule(code: str) -> Rule:
    """The rule for ``code``.

    Raises:
        KeyError: unknown code.
    """
    return RULES[code]


def finding(code: str, message: str, **fields: Any) -> Finding:
    """A finding of rule ``code``, with the rule's default severity; ``fields`` as on Finding."""
    r = RULES[code]
    return Finding(r.code, r.severity, message, **fields)
