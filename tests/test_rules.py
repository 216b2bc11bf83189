"""The finding-code registry: unique, well-formed, sorted, documented."""

from __future__ import annotations

import re
from pathlib import Path

from railguard.rules import RULES

RULES_MD = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_codes_are_unique_well_formed_and_sorted() -> None:
    codes = list(RULES)
    assert codes == sorted(codes)
    assert all(re.fullmatch(r"RG\d{3}", code) for code in codes)
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names)


def test_every_rule_is_documented() -> None:
    for rule in RULES.values():
        for field in (rule.summary, rule.why, rule.example, rule.fix):
            assert len(field) > 20, rule.code


def test_docs_list_every_code() -> None:
    # The table is generated (tests/hardening/test_docs.py checks it is current).
    text = RULES_MD.read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| [{code}](#{code.lower()}-{rule.name}) | {rule.name} | {rule.severity.value} |" in text
