"""The fast Finding constructor builds exactly what the dataclass constructor builds."""

from __future__ import annotations

from railguard.model import Finding, Severity
from railguard.model.finding import new_finding


def test_new_finding_equals_the_dataclass() -> None:
    fields = {
        "code": "RG301",
        "severity": Severity.ERROR,
        "message": "m",
        "hint": "h",
        "file": "f.yaml",
        "line": 3,
        "model": "a/b",
        "licence": "mit",
        "upstream": "c/d",
        "clause": "4(a)",
        "category": "minors",
    }
    fast = new_finding(**fields)
    slow = Finding(**fields)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert fast.to_json() == slow.to_json()
    assert fast.col is None
