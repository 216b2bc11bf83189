"""The fast lexer gives exactly Lark's tokens for the clause grammar.

The shipped parser lexes with :class:`railguard.parse.lexer.FastLexer`; Lark's own basic lexer on
the same grammar file is the reference. Generated text is compared in test_properties.py; here
every sentence of the shared corpus is (a fixed sample in the default run, all of them with
``RAILGUARD_FULL_LEXER_CHECK=1``), plus the cases that are easy to get wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from railguard.parse.clauses import sentences
from railguard.parse.outline import outline
from railguard.parse.source import read_source
from railguard.parse.structure import parse_layout
from tests.parse.test_properties import fast_lexer, reference_lexer, tokens_of


@pytest.mark.parametrize(
    "text",
    [
        "You shall not use the Model",
        "shall notice",  # a longer word is not the keyword
        "nottousefor",
        "SHALL NOT, whether directly or indirectly:",
        "must NEVER be used to",
        "US $1,000,000 in annual revenue and 700 million monthly active users",
        "“Llama” at the beginning of",
        "\x01 Commit ecocide:",
        "terms\u00a0with a no-break space and _underscores_ and ٣ digits",
        "“Model” means any model; “User” shall mean you",
        "by any means, or other means to circumvent",
        "",
    ],
)
def test_hard_cases_lex_as_lark_lexes_them(text: str) -> None:
    assert tokens_of(fast_lexer().lex(text)) == tokens_of(reference_lexer().lex(text))


def test_corpus_sentences_lex_as_lark_lexes_them(shared: Path) -> None:
    full = bool(os.environ.get("RAILGUARD_FULL_LEXER_CHECK"))
    checked = 0
    for index, path in enumerate(sorted((shared / "licences").glob("*.txt"))):
        if not full and index % 4:
            continue
        for unit in outline(parse_layout(read_source(path).text)):
            for sentence in sentences(unit.text):
                assert tokens_of(fast_lexer().lex(sentence)) == tokens_of(reference_lexer().lex(sentence)), sentence
                checked += 1
    assert checked > 500
