"""What a text restricts and requires, decided from the clause structure (synthetic texts, ours)."""

from __future__ import annotations

import pytest

from railguard.parse import parse_text

LEAD_IN = "You agree not to use the Model:\n"


def categories(text: str) -> set[str]:
    return set(parse_text(text).categories)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LEAD_IN + "- to generate content about children's education\n", set()),
        (LEAD_IN + "- text and data mining of copyrighted works\n", {"ip-infringement"}),
        (LEAD_IN + "- present cutting-edge research results as your own\n", {"fraud"}),
        (LEAD_IN + "- violates the terms of a hackathon\n", set()),
        (
            "Use for military purposes is permitted, except that you agree not to use the Model to harass people.\n",
            {"harassment"},
        ),
        ("Do not use the Model for surveillance.\n", {"surveillance"}),
        ("The Model must never be used for weapons development.\n", {"weapons"}),
        ("The Licensee is forbidden from using the Model to track individuals.\n", {"surveillance"}),
        ("You may use the Model for any purpose, except for military purposes.\n", {"military"}),
        ("You agree not to use the Model for surveillance unless required by law.\n", {"surveillance"}),
        ("No person may use the Model to write malware.\n", {"malware"}),
        ("The Licensor expressly prohibits the use of the Model for military purposes.\n", {"military"}),
        ("Commercial use is prohibited.\n", {"non-commercial"}),
        ("You shall comply with all applicable laws and regulations.\n", {"unlawful"}),
        ("You must not use the Model in any way that violates applicable law.\n", {"unlawful"}),
        ("The Licensor shall not be liable for any military or illegal use.\n", set()),
    ],
)
def test_the_category_comes_from_the_prohibited_purpose(text: str, expected: set[str]) -> None:
    assert categories(text) == expected


def test_words_outside_the_purpose_do_not_decide() -> None:
    text = "In view of military and medical research, you shall not use the Model to harass people.\n"
    assert categories(text) == {"harassment"}


def test_a_permitted_use_list_restricts_nothing() -> None:
    text = "## Allowed uses\n\n- Research on weapons detection\n- Surveillance-camera benchmarking\n"
    assert categories(text) == set()


def test_items_under_a_prohibited_heading_are_prohibited() -> None:
    text = "## Prohibited uses\n\n- Surveillance of individuals\n- **Weapons.** Designing weapons\n"
    assert categories(text) == {"surveillance", "weapons"}


def test_a_definitions_section_is_not_operative() -> None:
    text = (
        "1. Definitions\n(a) “Restricted Use” means any use to harass people or for military purposes.\n"
        "2. You agree not to use the Model to generate spam.\n"
    )
    assert categories(text) == {"fraud"}


def test_a_licensee_clause_restricts_who_may_be_a_licensee() -> None:
    result = parse_text(
        "The Licensee SHALL NOT:\n\n3.1. Be an individual or entity that conducts military activities;\n"
    )
    assert {(r.category, r.kind.value) for r in result.restrictions} == {("military", "licensee")}


@pytest.mark.parametrize(
    "duty",
    [
        "Any derivative of the Model shall be subject to Section 5 of this Agreement.",
        "You must include the use restrictions as enforceable provisions in any agreement governing the Model.",
        "You shall require all users of derivatives to comply with these restrictions.",
        "Derivatives may only be distributed under the same terms as this Agreement.",
        "You must include a copy of the Acceptable Use Policy with every copy you distribute.",
        "Distributed copies and derivatives will remain subject to this Agreement.",
    ],
)
def test_flow_down_in_its_real_wordings(duty: str) -> None:
    text = f"You agree not to use the Model to harass people.\n\n{duty}\n"
    assert parse_text(text).flow_down


def test_allow_others_to_use_is_a_use_restriction_not_flow_down() -> None:
    result = parse_text("You will not use, or allow others to use, the Model to harass people.\n")
    assert result.categories == {"harassment"}
    assert not result.flow_down


def test_a_licence_without_restrictions_passes_nothing_on() -> None:
    assert not parse_text("You may distribute the Software only under the terms of this License.\n").flow_down


@pytest.mark.parametrize(
    "grant",
    [
        "The Licensor grants you a licence to use the Model for non-commercial, non-revenue-generating research "
        "purposes.",
        "You may use the Model for internal evaluation only.",
        "You may use the Model for non-production use only.",
        "You may use the Model for research purposes only.",
        "This licence allows only non-commercial use of the Model.",
        "The Licensor grants you a licence to reproduce the Model for purposes other than commercial use.",
        "The Model shall be used for research purposes only.",
    ],
)
def test_non_commercial_grants_in_their_real_wordings(grant: str) -> None:
    result = parse_text(grant + "\n")
    assert result.commercial is False
    assert "non-commercial" in result.categories


def test_a_commercial_grant_beside_a_research_grant_permits_commerce() -> None:
    text = (
        "The Licensor grants you a licence to use the Model for research purposes only.\n\n"
        "The Licensor also grants you a licence to use the Model for any Commercial Purpose.\n"
    )
    assert parse_text(text).commercial is True


def test_a_text_that_grants_nothing_says_nothing_about_commerce() -> None:
    assert parse_text("You agree not to use the Model to harass people.\n").commercial is None


def test_an_uncategorised_prohibition_is_reported_not_dropped() -> None:
    result = parse_text(
        "Permission is granted to use the Software.\n\nThe Software shall be used for Good, not Evil.\n"
    )
    assert result.categories == frozenset()
    assert [r.line for r in result.prohibitions] == [3]


def test_a_text_that_says_it_does_not_bind_is_marked() -> None:
    result = parse_text(
        "This policy is a community norm and does not legally bind anyone.\n\nDo not use the model for spam.\n"
    )
    assert not result.binding
    assert result.categories == {"fraud"}


def test_a_policy_appended_to_a_licence_gets_its_own_section_prefix() -> None:
    text = (
        "Example Licence\n\n1. You shall comply with the Example Acceptable Use Policy.\n\n"
        "Example Acceptable Use Policy\n\nYou agree not to use the Model to:\n1. harass people;\n2. write malware.\n"
    )
    sections = {r.category: r.section for r in parse_text(text).restrictions}
    assert sections["harassment"] == "AUP 1"
    assert sections["malware"] == "AUP 2"
