"""Hypothesis over the grammars and the whole parse: no crash, same input gives the same result."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

from railguard.errors import InputError
from railguard.parse import parse_text
from railguard.parse.clauses import signals
from railguard.parse.structure import parse_layout
from railguard.resources import data_dir


def grammar(name: str) -> Lark:
    """A freshly compiled parser: from_lark needs the grammar, which a cache-loaded parser lacks."""
    text = (data_dir("grammar") / name).read_text(encoding="utf-8")
    return Lark(text, parser="lalr", lexer="contextual", maybe_placeholders=False)


LICENCE_WORDS = st.sampled_from(
    [
        "You",
        "agree",
        "not",
        "to",
        "use",
        "the",
        "Model",
        "shall",
        "must",
        "be",
        "an",
        "individual",
        "entity",
        "military",
        "minors",
        "(a)",
        "(b)",
        "1.",
        "3.1.4.",
        "-",
        "*",
        ";",
        ":",
        "\n",
        "\n\n",
        "700",
        "million",
        "monthly",
        "active",
        "users",
        "“Llama”",
        "include",
        "at",
        "the",
        "beginning",
        "of",
        "non-commercial",
        "purposes",
        "only",
        "#",
        "Attachment",
        "A",
        "---",
        "+++",
        "\t",
        "Be",
        "SHALL",
        "NOT",
        "Exhibit",
    ]
)
LICENCE_LIKE = st.lists(LICENCE_WORDS, max_size=80).map(" ".join)


@given(from_lark(grammar("structure.lark")))
def test_structure_grammar_accepts_what_it_generates(text: str) -> None:
    parse_layout(text if text.endswith("\n") or not text else text + "\n")


@given(st.one_of(st.text(max_size=400), LICENCE_LIKE))
def test_parse_never_crashes_and_is_deterministic(text: str) -> None:
    refusal: InputError | None = None
    try:
        first = parse_text(text)
    except InputError as exc:
        refusal = exc
    if refusal is not None:
        # a clean refusal (control characters: not a licence text) is an allowed outcome
        assert "not a licence text" in str(refusal)
        return
    second = parse_text(text)
    assert first == second
    for restriction in first.restrictions:
        assert restriction.line is None or restriction.line >= 1


@given(st.one_of(st.text(max_size=300), LICENCE_LIKE))
def test_clause_signals_never_crash(text: str) -> None:
    assert signals(text) == signals(text)


@given(from_lark(grammar("clause.lark")))
def test_clause_grammar_sentences_are_read_back(sentence: str) -> None:
    found = signals(sentence)
    assert found == signals(sentence)
