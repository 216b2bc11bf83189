"""Hypothesis over the shipped grammars and the whole parse.

Every property runs railguard's own parser (the clause grammar with its fast lexer, the structure
grammar with its contextual lexer) and checks something that can fail: the fast lexer's tokens are
Lark's own, every generated sentence parses, readings stay inside their sentence, a fresh parse
equals a cached one, and restrictions point at real lines.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

from railguard.errors import InputError
from railguard.parse import parse_text
from railguard.parse.clauses import LEAD, STRUCTURAL, Clause, Part, clause_parser, parse_tokens, read
from railguard.parse.lexer import FastLexer
from railguard.parse.structure import parse_layout
from railguard.resources import data_dir


def grammar(name: str) -> Lark:
    """A grammar compiled with Lark's own lexer, for ``from_lark`` and as the lexing reference."""
    text = (data_dir("grammar") / name).read_text(encoding="utf-8")
    lexer = "basic" if name == "clause.lark" else "contextual"
    return Lark(text, parser="lalr", lexer=lexer, maybe_placeholders=False)


@cache
def reference_lexer() -> Lark:
    """The clause grammar with Lark's basic lexer: what the fast lexer must reproduce."""
    return grammar("clause.lark")


@cache
def fast_lexer() -> FastLexer:
    """The lexer the shipped clause parser uses."""
    return FastLexer(clause_parser().lexer_conf)


def tokens_of(lexer_tokens: object) -> list[tuple[str, str, int | None]]:
    return [(t.type, str(t), t.start_pos) for t in lexer_tokens]  # type: ignore[attr-defined]


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
        "never",
        "be",
        "used",
        "an",
        "individual",
        "entity",
        "military",
        "minors",
        "except",
        "unless",
        "provided",
        "that",
        "may",
        "is",
        "prohibited",
        "forbidden",
        "for",
        "in any way that",
        "the use of",
        "means",
        "“Model”",
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
        "enforceable provision",
        "subject to this Agreement",
        "copy of this Agreement",
        "which may",
        "U.S.",
        "**Heading:**",
        "✅",
        "❌",
        LEAD,
        "_",
        "\u00a0",
        "٣",
    ]
)
LICENCE_LIKE = st.lists(LICENCE_WORDS, max_size=80).map(" ".join)
SENTENCES = st.one_of(st.text(max_size=300), LICENCE_LIKE)


@given(from_lark(grammar("structure.lark")))
def test_structure_grammar_accepts_what_it_generates(text: str) -> None:
    layout = parse_layout(text if text.endswith("\n") or not text else text + "\n")
    assert all(line.line >= 1 for line in layout.lines)


@given(SENTENCES)
def test_the_fast_lexer_gives_larks_tokens(text: str) -> None:
    expected = tokens_of(reference_lexer().lex(text))
    assert tokens_of(fast_lexer().lex(text)) == expected


@given(st.one_of(from_lark(grammar("clause.lark")), SENTENCES))
def test_the_shipped_parser_reads_every_sentence_of_its_grammar(sentence: str) -> None:
    tokens = list(fast_lexer().lex(sentence))
    assert tokens_of(tokens) == tokens_of(reference_lexer().lex(sentence))
    full = parse_tokens(sentence, tokens)
    if any(t.type in STRUCTURAL for t in tokens):
        assert full.parts, "a sentence with grammar keywords was read as nothing"
        assert read(sentence) == full
    else:
        # What the pre-filter skips could only have been loose words.
        assert all(isinstance(p, Part) and p.kind in ("loose", "colon", "semi") for p in full.parts)
        assert read(sentence).parts == ()


@given(SENTENCES)
def test_readings_stay_inside_their_sentence(text: str) -> None:
    reading = read.__wrapped__(text)
    assert reading == read(text)
    last = -1
    for part in reading.parts:
        assert 0 <= part.start <= part.end <= len(text)
        assert part.start >= last, "parts are in sentence order"
        last = part.start
        if isinstance(part, Clause):
            for span in (part.obj, part.argument):
                if span is not None:
                    assert part.start <= span[0] <= span[1] <= len(text)


@given(SENTENCES)
def test_parse_never_crashes_and_points_at_real_lines(text: str) -> None:
    refusal: InputError | None = None
    try:
        first = parse_text(text)
    except InputError as exc:
        refusal = exc
    if refusal is not None:
        # a clean refusal (control characters: not a licence text) is an allowed outcome
        assert "not a licence text" in str(refusal)
        return
    read.cache_clear()
    assert parse_text(text) == first, "a fresh parse differs from one that used the sentence cache"
    lines = text.count("\n") + 1
    for restriction in (*first.restrictions, *first.prohibitions):
        assert restriction.line is not None
        assert 1 <= restriction.line <= lines
    for obligation in first.obligations:
        assert obligation.line is None or 1 <= obligation.line <= lines
    assert first.identification.exact is False or first.identification.basis == "wording"
