"""Section numbering, list repair and bilingual filtering."""

from __future__ import annotations

from railguard.parse.outline import UnitKind, is_foreign, outline
from railguard.parse.structure import parse_layout


def items(text: str) -> list[tuple[str, str]]:
    return [(u.section, u.text) for u in outline(parse_layout(text)) if u.kind is UnitKind.ITEM]


def test_nested_bullets_number_like_a_published_policy() -> None:
    text = (
        "You will not use the model to:\n\n* Break the law, including:\n    * Violence\n    * Fraud\n* Harass people\n"
    )
    assert [s for s, _ in items(text)] == ["1", "1(a)", "1(b)", "2"]


def test_single_level_bullets_are_lettered() -> None:
    text = "Attachment A\n\nYou agree not to use the Model:\n- For military use;\n- To give medical advice;\n"
    assert items(text) == [("Attachment A (a)", "For military use;"), ("Attachment A (b)", "To give medical advice;")]


def test_lettered_and_roman_lists() -> None:
    text = (
        "4. Conditions:\n(a) keep notices;\n(b) state changes:\n(i) in each file;\n(ii) in a notice;\n"
        "(c) give a copy.\n"
    )
    assert [s for s, _ in items(text)] == ["4", "4(a)", "4(b)", "4(b)(i)", "4(b)(ii)", "4(c)"]


def test_i_after_h_is_a_letter() -> None:
    letters = "abcdefghi"
    text = "".join(f"({c}) item {c};\n" for c in letters)
    assert [s for s, _ in items(text)][-1] == "i"


def test_dotted_numbers_are_absolute() -> None:
    text = "3.1. The Licensee shall not:\n\n  3.1.1. Torture anyone.\n\n  3.1.2. Use forced labour.\n"
    assert [s for s, _ in items(text)] == ["3.1", "3.1.1", "3.1.2"]


def test_hard_wrapped_lines_join() -> None:
    units = outline(parse_layout("(a) To generate or disseminate\nfalse information\nto harm others;\n"))
    assert units[0].text == "To generate or disseminate false information to harm others;"
    assert units[0].line == 1


def test_flattened_list_after_a_leadin_is_split() -> None:
    text = "Attachment A\n\nYou agree not to use the Model: In any unlawful way; To harm minors; For military use.\n"
    assert items(text) == [
        ("Attachment A (a)", "In any unlawful way"),
        ("Attachment A (b)", "To harm minors"),
        ("Attachment A (c)", "For military use."),
    ]


def test_inline_enumeration_is_split() -> None:
    text = "5. You shall not use it: (a) for surveillance; (b) for weapons; (c) for spam.\n"
    assert [s for s, _ in items(text)] == ["5", "5(a)", "5(b)", "5(c)"]


def test_markdown_emphasis_and_escapes_are_removed() -> None:
    units = outline(parse_layout("**Prohibited Uses**\n\n\\- not a bullet, *emphasis* and `code`\n"))
    assert [u.text for u in units] == ["Prohibited Uses", "- not a bullet, emphasis and code"]


def test_bilingual_halves() -> None:
    assert is_foreign("本许可证适用于模型及其衍生品的使用")
    assert not is_foreign("Model License 模型许可证 applies to the model and its derivatives")
    units = outline(parse_layout("许可证\n\n本协议的中文条款。\n\nThe English terms.\n"))
    assert [u.text for u in units] == ["The English terms."]


def test_nested_numbering_keeps_its_parents() -> None:
    text = "4.1 Restrictions:\n(a) You shall not:\n(i) spam;\n(ii) harass;\n(b) Nor:\n(i) stalk;\n(ii) lie.\n"
    assert [s for s, _ in items(text)] == [
        "4.1",
        "4.1(a)",
        "4.1(a)(i)",
        "4.1(a)(ii)",
        "4.1(b)",
        "4.1(b)(i)",
        "4.1(b)(ii)",
    ]


def test_same_style_numbers_nest_by_indentation() -> None:
    text = "2. Grant.\n   1. Use.\n   2. Sharing:\n      1. keep notices;\n      2. give a copy.\n3. Restrictions.\n"
    assert [s for s, _ in items(text)] == ["2", "2(1)", "2(2)", "2(2)(1)", "2(2)(2)", "3"]


def test_a_number_after_lettered_items_is_not_their_child() -> None:
    text = "a. First.\nb. Second.\n2. Disclaimer.\n"
    assert [s for s, _ in items(text)][-1] == "2"


def test_unmarked_lists_one_item_per_line() -> None:
    text = "Prohibited uses include:\nSurveillance of people.\nWeapons development.\nSpam campaigns.\n"
    assert items(text) == [("a", "Surveillance of people."), ("b", "Weapons development."), ("c", "Spam campaigns.")]


def test_symbol_bullets_and_hard_breaks_make_items() -> None:
    text = "Prohibited uses include:\n\n❌ Surveillance  \n❌ Weapons  \n❌ Spam\n"
    assert [t for _, t in items(text)] == ["Surveillance", "Weapons", "Spam"]


def test_heading_and_text_items_keep_their_label() -> None:
    units = outline(
        parse_layout("- **Legal advice.** This model is not a lawyer.\n- Media: Be an entity that spreads hate.\n")
    )
    assert [(u.label, u.text) for u in units] == [
        ("Legal advice", "This model is not a lawyer."),
        ("Media", "Be an entity that spreads hate."),
    ]


def test_inline_letter_runs_are_split() -> None:
    text = "5. You shall not use it: a. for surveillance; b. for weapons; c. for spam.\n"
    assert [s for s, _ in items(text)] == ["5", "5(a)", "5(b)", "5(c)"]


def test_a_marker_out_of_sequence_is_a_word_of_the_item() -> None:
    text = "You must include: (1) a copy of this Agreement and (2) the notice “Copyright (c) Example”.\n"
    assert [t for _, t in items(text)] == ["a copy of this Agreement and", "the notice “Copyright (c) Example”."]


def test_definitions_sections_are_not_operative() -> None:
    units = outline(parse_layout("1. Definitions\n(a) “Model” means the weights.\n2. Use\n(a) Do not spam.\n"))
    assert [(u.section, u.operative) for u in units] == [("1", False), ("1(a)", False), ("2", True), ("2(a)", True)]


def test_markdown_links_keep_their_text() -> None:
    units = outline(parse_layout("Listed on the [Example Sanctions list](https://example.org/list).\n"))
    assert units[0].text == "Listed on the Example Sanctions list."
