"""A finding's JSON shape: ``categories`` is a list, every field present."""

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
        "categories": ("minors", "weapons"),
    }
    assert new_finding(**fields) == Finding(**fields)


def test_categories_are_a_list_in_json() -> None:
    found = Finding("RG301", Severity.ERROR, "m", categories=("minors", "weapons"))
    assert found.to_json()["categories"] == ["minors", "weapons"]
    assert "category" not in found.to_json()
    assert Finding("RG308", Severity.WARNING, "m").to_json()["categories"] == []
