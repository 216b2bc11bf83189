"""The parser follows the text: synthetic variants of one licence, written for these tests.

The base licence below is ours (not any published licence): a RAIL-style model licence with a
flow-down duty and five use restrictions. Each variant changes the layout or the content, and the
parse must follow: same rules for a layout change, exactly the added or removed categories for a
content change.
"""

from __future__ import annotations

import textwrap

import pytest

from railguard.parse import parse_text

TITLE = "Example Lab Responsible Model Licence\n\n"
GRANT = (
    "1. Grant. The Licensor grants You a worldwide, royalty-free licence to use, copy, modify and share the "
    "Model and Derivatives of the Model, subject to the conditions below.\n\n"
    "2. Conditions. You may share the Model or a Derivative of the Model only if the use restrictions in "
    "Attachment A are included as an enforceable provision in every agreement governing it, and You give "
    "every recipient a copy of this Licence.\n\n"
)
LEADIN = "Attachment A\n\nYou agree not to use the Model or any Derivative of the Model:\n"
ITEMS = [
    ("unlawful", "In any way that violates any applicable national or international law or regulation;"),
    ("minors", "To exploit or harm minors in any way;"),
    ("military", "For military purposes or in warfare;"),
    ("medical-advice", "To provide medical advice or interpret medical results;"),
    ("automated-decisions", "For fully automated decision making that adversely affects a person's legal rights."),
]
BASE = {category for category, _ in ITEMS}


def licence(items: list[tuple[str, str]], style: str = "letters") -> str:
    if style == "letters":
        body = "".join(f"({chr(97 + i)}) {text}\n" for i, (_, text) in enumerate(items))
    elif style == "numbers":
        body = "".join(f"{i + 1}. {text}\n" for i, (_, text) in enumerate(items))
    elif style == "bullets":
        body = "".join(f"- {text}\n" for _, text in items)
    elif style == "flattened":
        body = " ".join(text for _, text in items) + "\n"
    else:
        raise ValueError(style)
    return TITLE + GRANT + LEADIN + body


def restrictions(text: str) -> set[str]:
    return {r.category for r in parse_text(text).restrictions}


@pytest.mark.parametrize("style", ["letters", "numbers", "bullets", "flattened"])
def test_layout_does_not_change_the_rules(style: str) -> None:
    parsed = parse_text(licence(ITEMS, style))
    assert {r.category for r in parsed.restrictions} == BASE
    assert parsed.flow_down
    assert parsed.commercial is True


def test_sections_follow_the_numbering() -> None:
    lettered = {r.category: r.section for r in parse_text(licence(ITEMS, "letters")).restrictions}
    numbered = {r.category: r.section for r in parse_text(licence(ITEMS, "numbers")).restrictions}
    assert lettered["military"] == "Attachment A (c)"
    assert numbered["military"] == "Attachment A 3"


def test_reordered_items_keep_their_categories_and_move_their_sections() -> None:
    reordered = list(reversed(ITEMS))
    parsed = parse_text(licence(reordered))
    assert {r.category for r in parsed.restrictions} == BASE
    assert {r.category: r.section for r in parsed.restrictions}["unlawful"] == "Attachment A (e)"


def test_reflowed_text_parses_the_same() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 38) if not p.startswith("(") else p for p in licence(ITEMS).split("\n\n"))
    assert restrictions(wrapped) == BASE


def test_line_numbers_point_at_the_items() -> None:
    text = licence(ITEMS)
    parsed = parse_text(text)
    lines = text.splitlines()
    for restriction in parsed.restrictions:
        assert restriction.line is not None
        assert restriction.summary.split()[0] in lines[restriction.line - 1]


def test_a_removed_clause_disappears() -> None:
    without = [item for item in ITEMS if item[0] != "military"]
    assert restrictions(licence(without)) == BASE - {"military"}


def test_an_added_clause_appears() -> None:
    extra = [*ITEMS, ("surveillance", "For mass surveillance of individuals;")]
    assert restrictions(licence(extra)) == BASE | {"surveillance"}


def test_without_flow_down_the_duty_is_not_found() -> None:
    text = licence(ITEMS).replace(
        "the use restrictions in Attachment A are included as an enforceable provision in every agreement "
        "governing it, and You give every recipient a copy of this Licence",
        "You keep the copyright notice",
    )
    assert not parse_text(text).flow_down


def test_a_licence_copy_for_recipients_carries_its_use_restrictions() -> None:
    text = licence(ITEMS).replace(
        "the use restrictions in Attachment A are included as an enforceable provision in every agreement "
        "governing it, and ",
        "",
    )
    assert parse_text(text).flow_down


def test_a_non_commercial_grant_is_read() -> None:
    text = licence(ITEMS).replace(
        "royalty-free licence to use", "royalty-free licence, for non-commercial purposes only, to use"
    )
    parsed = parse_text(text)
    assert parsed.commercial is False
    assert "non-commercial" in {r.category for r in parsed.restrictions}


def test_a_licensee_exclusion_is_a_licensee_restriction() -> None:
    extra = [*ITEMS, ("military", "Be an individual or entity that is a member of any armed forces;")]
    parsed = parse_text(licence(extra))
    kinds = {(r.category, r.kind.value) for r in parsed.restrictions}
    assert ("military", "licensee") in kinds


@pytest.mark.parametrize(
    "text",
    [
        "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this "
        "software, to deal in the Software without restriction, including without limitation the rights to use, "
        "copy, modify, merge, publish, distribute, sublicense, and/or sell copies.\n",
        "",
        "\n\n\n",
        "Just a README.\n",
    ],
)
def test_texts_without_restrictions(text: str) -> None:
    assert parse_text(text).restrictions == ()
