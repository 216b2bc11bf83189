"""Long fuzz run of the licence parser, the model-card loader and the card linter (hypothesis; not part of pytest).

    .venv/bin/python tests/fuzz/fuzz_inputs.py --minutes 15            # every target
    .venv/bin/python tests/fuzz/fuzz_inputs.py --minutes 5 --target clause
    .venv/bin/python tests/fuzz/fuzz_inputs.py --minutes 0 --examples 20   # one small round (a smoke test)

Each target runs rounds of hypothesis examples until its share of the time is spent. An
example fails when the code under test raises anything but its documented refusal (the parser:
``InputError``; the card loader and the linter: never, they return a problem or findings), or
gives a different result the second time. Every target runs the shipped code: the licence and
clause targets parse with railguard's own clause parser (its fast lexer and Lark's LALR tables),
and the clause target also checks that the fast lexer's tokens are those of Lark's own lexer for
the same grammar file, and that a fresh parse equals the cached one. The first failure of a target is printed with its
shrunk input and the run exits 1; otherwise the figures (examples, time) are printed and it
exits 0. pytest does not collect this file (it is not ``test_*.py``); the quick versions of
these properties run in every test run (``tests/parse/test_properties.py``,
``tests/hardening/test_properties.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.hardening.strategies import CARD_TEXT, LICENCE_LIKE, structure_grammar  # noqa: E402
from tests.parse.test_properties import fast_lexer, grammar, reference_lexer, tokens_of  # noqa: E402

from railguard.errors import InputError  # noqa: E402
from railguard.lineage.cards import read_card  # noqa: E402
from railguard.lint.runner import lint_text  # noqa: E402
from railguard.parse import parse_source, parse_text  # noqa: E402
from railguard.parse.clauses import STRUCTURAL, parse_tokens, read  # noqa: E402
from railguard.parse.source import decode  # noqa: E402


def _licence_property(examples: int) -> Callable[[], None]:
    texts = st.one_of(
        LICENCE_LIKE,
        st.text(max_size=2000),
        from_lark(structure_grammar()),
        st.binary(max_size=2000),
    )

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(texts)
    def licence(data: str | bytes) -> None:
        # NOTE: the first parse starts from an empty sentence cache, the second reads the sentences
        # the first cached: a cached reading that differs from a fresh one fails here.
        read.cache_clear()
        try:
            first: Any = parse_source(decode(data, "fuzz")) if isinstance(data, bytes) else parse_text(data)
        except InputError:
            return
        cached = read.cache_info()
        second: Any = parse_source(decode(data, "fuzz")) if isinstance(data, bytes) else parse_text(data)
        assert cached.currsize == 0 or read.cache_info().hits > cached.hits, "the second parse used no cache"
        assert first == second, "a parse that used the sentence cache differs from a fresh one"

    return licence


def _clause_property(examples: int) -> Callable[[], None]:
    sentences = st.one_of(from_lark(grammar("clause.lark")), LICENCE_LIKE, st.text(max_size=400))

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(sentences)
    def clause(sentence: str) -> None:
        tokens = list(fast_lexer().lex(sentence))
        assert tokens_of(tokens) == tokens_of(reference_lexer().lex(sentence)), "the fast lexer differs from Lark's"
        fresh = parse_tokens(sentence, tokens)
        if any(t.type in STRUCTURAL for t in tokens):
            assert read(sentence) == fresh
        for part in fresh.parts:
            assert 0 <= part.start <= part.end <= len(sentence)

    return clause


def _card_property(folder: Path, examples: int) -> Callable[[], None]:
    card = folder / "README.md"

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(CARD_TEXT, st.binary(max_size=3000)))
    def card_loader(data: str | bytes) -> None:
        if isinstance(data, str):
            card.write_text(data, encoding="utf-8", errors="surrogatepass")
        else:
            card.write_bytes(data)
        first = read_card(card)
        assert first == read_card(card)
        meta, problem, line = first
        assert isinstance(meta, dict)
        assert problem is not None or (line is not None and line >= 1)  # `license`'s line, or the `---`

    return card_loader


#: Card bodies with the parts the linter reads: licence sections, vendor notices, open-source claims.
_BODY = st.lists(
    st.sampled_from(
        [
            "## License\n",
            "## Licence\n\nThis model is released under the MIT licence.\n",
            "License: llama3.1\n",
            "Built with Llama\n",
            "This is an open source model.\n",
            "Use restrictions apply (see Attachment A).\n",
            "Gemma is provided under and subject to the Gemma Terms of Use\n",
            "[license](LICENSE)\n",
            "<!-- railguard: ignore RG413 -->\n",
            "<!-- railguard: ignore -->\n",
            "# Title\n",
            "```\n",
        ]
    )
    | st.text(max_size=40),
    max_size=12,
).map("".join)


def _lint_property(examples: int) -> Callable[[], None]:
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(CARD_TEXT, _BODY)
    def lint(card: str, body: str) -> None:
        text = card + body
        first = lint_text(text)
        assert first == lint_text(text)

    return lint


def run(name: str, prop: Callable[[], None], seconds: float, examples: int) -> tuple[int, float, str | None]:
    """Run ``prop`` in rounds for ``seconds``: (examples, elapsed, failure or None)."""
    start = time.monotonic()
    rounds = 0
    while rounds == 0 or time.monotonic() - start < seconds:
        try:
            prop()
        except Exception:
            return rounds * examples, time.monotonic() - start, traceback.format_exc()
        rounds += 1
        print(f"  {name}: {rounds * examples} examples, {time.monotonic() - start:.0f} s", flush=True)
    return rounds * examples, time.monotonic() - start, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="total time (split between targets)")
    parser.add_argument("--target", choices=["licence", "clause", "card", "lint", "all"], default="all")
    parser.add_argument("--examples", type=int, default=500, help="examples a round (at least one round runs)")
    args = parser.parse_args()
    targets = ["licence", "clause", "card", "lint"] if args.target == "all" else [args.target]
    seconds = args.minutes * 60 / len(targets)
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        props = {
            "licence": _licence_property(args.examples),
            "clause": _clause_property(args.examples),
            "card": _card_property(Path(folder), args.examples),
            "lint": _lint_property(args.examples),
        }
        for name in targets:
            examples, elapsed, failure = run(name, props[name], seconds, args.examples)
            print(f"{name}: {examples} examples in {elapsed:.0f} s, {'FAILED' if failure else 'no failure'}")
            if failure:
                print(failure)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
