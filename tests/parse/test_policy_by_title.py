"""A use policy is recognised as one by the name its licence gives it, and RG101 claims only what the parse says.

The Meta Llama 3 Acceptable Use Policy was read as "a variant of `llama3` (by its title) ... forbids
commercial use": no wording fingerprint of that policy is shipped, so the title named the licence,
and a parse that says nothing about commerce was worded as forbidding it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.parse import parse_text
from railguard.parse.findings import check_parsed

# Our own words, a policy shape: a title, a lead-in, prohibited uses; no grant, nothing on commerce.
_POLICY = """# {title}

You agree you will not use, or allow others to use, the model to:

1. Plan or carry out violence or terrorism.
2. Harass, bully or threaten any person.
3. Create malware or disrupt computer systems.
"""


def _codes(title: str) -> dict[str, str]:
    parsed = parse_text(_POLICY.format(title=title), "POLICY.md")
    return {f.code: f.message for f in check_parsed(parsed)}


@pytest.mark.parametrize(
    ("title", "licence"), [("Gemma Prohibited Use Policy", "gemma"), ("Llama 4 Acceptable Use Policy", "llama4")]
)
def test_a_policy_named_as_its_licence_names_it_is_that_policy(title: str, licence: str) -> None:
    found = _codes(title)
    assert "RG101" not in found
    assert f"acceptable use policy of `{licence}`" in found["RG104"]


def test_a_policy_name_that_names_no_licence_is_no_licences_policy() -> None:
    assert "RG104" not in _codes("Exhibit A, Acceptable Use Policy")


def test_the_real_llama3_policy_is_llama3s_policy(shared: Path) -> None:
    path = shared / "licences" / "llama3-aup.txt"
    if not path.is_file():
        pytest.skip(f"needs {path}, which is absent")
    parsed = parse_text(path.read_text(encoding="utf-8"), str(path))
    found = {f.code: f.message for f in check_parsed(parsed)}
    assert "RG101" not in found
    assert "acceptable use policy of `llama3`" in found["RG104"]


def test_rg101_claims_only_the_commercial_reading_the_parse_has(shared: Path) -> None:
    # Over every real text: "forbids" / "permits commercial use" only where the parse says so.
    texts = sorted((shared / "licences").glob("*.txt"))
    assert texts
    for path in texts:
        parsed = parse_text(path.read_text(encoding="utf-8", errors="replace"), str(path))
        for item in check_parsed(parsed):
            if item.code != "RG101":
                continue
            if "forbids commercial use" in item.message:
                assert parsed.commercial is False, path.name
            if "permits commercial use" in item.message:
                assert parsed.commercial is True, path.name
