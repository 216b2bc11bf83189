"""The documentation of the RG1xx codes: what :mod:`railguard.parse.findings` reports about a licence text.

:mod:`railguard.rules.registry` collects them.
"""

from __future__ import annotations

from railguard.model.finding import Rule, Severity

RULES: tuple[Rule, ...] = (
    # RG101: audit/checks.py, lineage/loaders.py, parse/findings.py
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
    # RG102: lineage/loaders.py, parse/findings.py
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
    # RG103: lineage/loaders.py, parse/findings.py
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
    # RG104: parse/findings.py
    Rule(
        code="RG104",
        name="use-policy-text",
        severity=Severity.INFO,
        summary="A text is the acceptable use policy of a catalogue licence, not the licence itself",
        why=(
            "A use policy lists prohibited uses; the licence that incorporates it adds the grant, "
            "the duty to pass the restrictions on, naming and scale terms. Reading the policy as the "
            "licence would miss all of those. A policy is recognised by its published wording, or by a "
            "title that is the name its licence gives it in the catalogue (and that names the licence)."
        ),
        example=(
            "A USE_POLICY.md holding the Llama 3.1 Acceptable Use Policy: `railguard parse USE_POLICY.md` "
            "reports RG104 naming `llama3.1`."
        ),
        fix="Parse or declare the licence itself (`llama3.1`); keep the policy beside it as its published part.",
    ),
    # RG105: parse/findings.py
    Rule(
        code="RG105",
        name="non-binding-text",
        severity=Severity.WARNING,
        summary="A text says it does not legally bind: its prohibitions are statements of intent",
        why=(
            "Some projects publish a use policy as a community norm beside a permissive licence. Its "
            "prohibitions are reported, but they are not licence terms, and downstream users are not "
            "bound by them; whether such a statement has any legal effect is unsettled."
        ),
        example=(
            "An AUP that says it is not a legal amendment to the Apache-2.0 licence: `railguard parse` lists "
            "its prohibited uses and reports RG105."
        ),
        fix="Treat the listed uses as the author's wishes; the licence that binds is the one the text names.",
    ),
    # RG106: parse/findings.py
    Rule(
        code="RG106",
        name="not-english",
        severity=Severity.WARNING,
        summary="A text is not in English, so its clauses were not read",
        why=(
            "The clause grammar and the category lexicon read English. A text in another language yields "
            "no restrictions, which must not be mistaken for a text that restricts nothing."
        ),
        example="A use policy written in Portuguese: `railguard parse` reports RG106 and no restrictions.",
        fix="Parse the English version of the text, or read the restrictions yourself.",
    ),
    # RG107: parse/findings.py
    Rule(
        code="RG107",
        name="uncategorised-restriction",
        severity=Severity.INFO,
        summary="A text prohibits a use that no restriction category names",
        why=(
            'A prohibition such as "shall be used for Good, not Evil" or "not as a hosted service" is a real '
            "limit on use, but none of the catalogue's categories says what it covers; it cannot be "
            "compared with other licences' restrictions, so it is reported on its own."
        ),
        example="The JSON licence: `railguard parse LICENSE` reports RG107 with the clause and its line.",
        fix="Read the clause; if it is common, propose a category or a lexicon entry for it.",
    ),
    # RG108: parse/findings.py
    Rule(
        code="RG108",
        name="wording-not-verified",
        severity=Severity.INFO,
        summary=(
            "A text names a catalogue licence in its title, but railguard holds no reference wording to check "
            "it against"
        ),
        why=(
            "Only a text whose wording matches a licence's published text is identified exactly. For "
            "licences whose text railguard has no fingerprint of, a matching title and matching terms "
            "are reported as the nearest licence, without the word-for-word check."
        ),
        example=(
            "A LICENSE titled `BigCode OpenRAIL-M v1.1`: `railguard parse` names `bigcode-openrail-m-1.1` and "
            "reports RG108."
        ),
        fix="Compare the text with the licence's published version, or declare the catalogue id if it is that licence.",
    ),
)
