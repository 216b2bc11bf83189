"""The explicit registry of finding codes.

Codes are ``RG`` + three digits in families by hundreds (RG0xx tool, RG1xx licence-text parsing,
RG2xx catalogue data, RG3xx lineage and compatibility, RG4xx model-card lint) and are never
reused. Each rule documents what it finds, why it matters, an example and the fix; tests check
that every rule has them and that codes are unique and sorted.
"""

from __future__ import annotations

from dataclasses import dataclass

from railguard.model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """One finding code and its documentation."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    fix: str


_RULES = (
    Rule(
        code="RG101",
        name="modified-licence-text",
        severity=Severity.WARNING,
        summary="A licence text is a variant of a catalogue licence: restrictions added, dropped or reworded",
        why=(
            "Model repositories often ship a RAIL or vendor licence that was edited: a restriction "
            "removed, one added, a clause reworded. Tools and people that trust the title read the "
            "wrong terms, and a derivative that follows the original may break the edited one."
        ),
        example=(
            "A LICENSE titled `CreativeML Open RAIL-M` whose Attachment A lacks the medical-advice "
            "item: `railguard parse LICENSE` reports RG101 naming `creativeml-openrail-m` and the "
            "dropped category `medical-advice`."
        ),
        fix=(
            "Treat the file as its own licence: declare it as `license: other` with a `license_name` "
            "of your own and link the file, or restore the published text."
        ),
    ),
    Rule(
        code="RG102",
        name="unrecognised-licence-text",
        severity=Severity.INFO,
        summary="A licence text matches no catalogue licence closely enough to be named",
        why=(
            "Without a catalogue match railguard can only report what the text itself says; "
            "duties that its wording does not make explicit may be missed."
        ),
        example="A bespoke research licence: `railguard parse LICENSE` lists its restrictions and reports RG102.",
        fix="Read the text's restrictions as reported; propose a catalogue entry if the licence is in wide use.",
    ),
    Rule(
        code="RG103",
        name="no-clauses-found",
        severity=Severity.WARNING,
        summary="A file was read but no licence clause (grant, restriction or duty) was recognised in it",
        why=(
            "An empty file, a README, or a licence in a language railguard does not read yet: "
            "treating it as unrestricted would be a guess."
        ),
        example="An empty LICENSE file: `railguard parse LICENSE` reports RG103.",
        fix="Check that the file is the licence text; for a licence in another language, add its English version.",
    ),
)

#: Every rule by code, sorted by code.
RULES: dict[str, Rule] = {r.code: r for r in sorted(_RULES, key=lambda r: r.code)}


def rule(code: str) -> Rule:
    """The rule for ``code``.

    Raises:
        KeyError: unknown code.
    """
    return RULES[code]
