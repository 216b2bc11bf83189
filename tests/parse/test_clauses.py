"""The clause grammar reads the construct licences use: party, modality, use, object, purpose."""

from __future__ import annotations

import pytest

from railguard.parse.clauses import LEAD, Clause, Part, Polarity, read, sentences


def clauses(sentence: str) -> list[Clause]:
    return [p for p in read(sentence).parts if isinstance(p, Clause)]


def argument(sentence: str, clause: Clause) -> str:
    assert clause.argument is not None
    return sentence[clause.argument[0] : clause.argument[1]]


@pytest.mark.parametrize(
    ("sentence", "marker"),
    [
        ("You shall not use the Model for surveillance.", "SHALL_NOT"),
        ("You may not use the Model for surveillance.", "MAY_NOT"),
        ("You must not use the Model for surveillance.", "MUST_NOT"),
        ("The Model must never be used for surveillance.", "NEVER"),
        ("You will not use the Model for surveillance.", "WILL_NOT"),
        ("Do not use the Model for surveillance.", "DO_NOT"),
        ("You agree not to use the Model for surveillance.", "AGREE_NOT"),
        ("Licensee is prohibited from using the Model for surveillance.", "PROHIBITED"),
        ("Licensee is forbidden from using the Model for surveillance.", "PROHIBITED"),
        ("The Licensor expressly prohibits the use of the Model for surveillance.", "PROHIBITS"),
        ("No person may use the Model for surveillance.", "NO_PARTY"),
        ("You are not permitted to use the Model for surveillance.", "NOT_ALLOWED"),
        ("The Model shall not be used for surveillance.", "SHALL_NOT"),
    ],
)
def test_every_deontic_marker_prohibits_a_use_with_its_purpose(sentence: str, marker: str) -> None:
    (clause,) = clauses(sentence)
    assert clause.polarity is Polarity.PROHIBITED
    assert clause.marker == marker
    assert clause.predicate == "use"
    assert argument(sentence, clause) == "for surveillance"


@pytest.mark.parametrize(
    ("sentence", "purpose"),
    [
        ("You shall not use the Model to generate false information.", "to generate false information"),
        ("You shall not use the Model in any way that violates the law.", "in any way that violates the law"),
        (
            "You shall not use the Model in connection with military activities.",
            "in connection with military activities",
        ),
        ("You shall not use the Model for the purpose of exploiting minors.", "for the purpose of exploiting minors"),
    ],
)
def test_purpose_arguments(sentence: str, purpose: str) -> None:
    (clause,) = clauses(sentence)
    assert argument(sentence, clause) == purpose


def test_the_object_and_the_purpose_are_apart() -> None:
    sentence = "You agree not to use the Model or Derivatives of the Model to harass people."
    (clause,) = clauses(sentence)
    assert clause.obj is not None
    assert sentence[clause.obj[0] : clause.obj[1]] == "the Model or Derivatives of the Model"
    assert argument(sentence, clause) == "to harass people"


def test_allow_others_to_use_is_part_of_the_use() -> None:
    (clause,) = clauses("You will not use, or allow others to use, the Model to harass people.")
    assert clause.allow_others
    assert clause.polarity is Polarity.PROHIBITED


def test_a_lead_in_opens_a_list() -> None:
    (clause,) = clauses("You agree not to use the Model or Derivatives of the Model:")
    assert clause.opens_list
    assert clause.argument is None


def test_an_exception_follows_its_clause() -> None:
    sentence = "Use for military purposes is permitted, except that you agree not to use the Model to harass people."
    parts = read(sentence).parts
    kinds = [p.polarity.value if isinstance(p, Clause) else p.kind for p in parts]
    assert kinds == ["loose", "permitted", "exception", "prohibited"]


def test_a_list_item_takes_its_lead_in_modality() -> None:
    (clause,) = clauses(f"{LEAD} To generate or disseminate verifiably false information;")
    assert clause.polarity is Polarity.LEAD
    assert clause.predicate == "purpose"


def test_a_definition_is_read_as_one() -> None:
    parts = read("“Model” means any machine-learning based assembly that may not be used for spam.").parts
    assert isinstance(parts[0], Part)
    assert parts[0].kind == "definition"


def test_a_modal_in_a_relative_clause_stays_in_the_argument() -> None:
    sentence = "You will not use the Software for any act that may undermine national security."
    (clause,) = clauses(sentence)
    assert argument(sentence, clause) == "for any act that may undermine national security"


def test_keywords_need_word_boundaries() -> None:
    assert clauses("nottousefor military") == []


def test_sentences_are_not_cut_after_abbreviations_or_at_semicolons() -> None:
    text = "which U.S. Customs has issued; or (b) to anyone on a list. Next sentence."
    assert sentences(text) == ["which U.S. Customs has issued; or (b) to anyone on a list.", "Next sentence."]
