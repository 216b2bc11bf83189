"""A faster lexer with exactly the tokens of Lark's basic lexer, for the clause grammar.

Lark's basic lexer matches one alternation of every terminal at each position, so each plain
word pays for a failed attempt at each of the grammar's seventy keyword phrases (about 30 µs a
token, most of the parse time). This lexer keeps Lark's semantics (at each position the first
terminal in Lark's order that matches wins; ignored terminals are dropped) and only changes which
terminals are tried: a terminal is tried where the word at that position can be its first word,
as read from its own regular expression. A terminal whose first word cannot be read that way is
tried everywhere. tests/parse/test_lexer.py and tests/fuzz/fuzz_inputs.py compare its tokens with
Lark's on the corpus and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# NOTE: the regular-expression parser of the standard library (stable since Python 3.11) reads
# the terminals' patterns; it is what `re` itself compiles them with.
from re import _constants as _sre
from re import _parser as _sre_parse
from typing import Any

from lark import Token
from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, TerminalDef

#: More possible first words than this, and a terminal is tried everywhere.
_MAX_STARTS = 400

_LETTERS = re.compile(r"[^\W\d_]+")
#: The parsed class [^\W_] (a letter or a digit).
_ALNUM = [(_sre.NEGATE, None), (_sre.CATEGORY, _sre.CATEGORY_NOT_WORD), (_sre.LITERAL, ord("_"))]


@dataclass(frozen=True, slots=True)
class _Starts:
    """Where a terminal can start: whole first words, word prefixes, first characters, a digit."""

    words: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    chars: frozenset[str] = frozenset()
    digit: bool = False
    space: bool = False
    alnum: bool = False


class _Unknown(Exception):
    """The start of a pattern cannot be listed; the terminal is tried everywhere."""


def _starts(pattern: str) -> _Starts | None:
    """The possible starts of ``pattern``, or ``None`` when they cannot be listed."""
    try:
        parsed = _sre_parse.parse(pattern)
        found: set[tuple[str, str]] = set()
        _walk(list(parsed), "", found, ())
    except (_Unknown, RecursionError):
        return None
    if len(found) > _MAX_STARTS:
        return None
    words = frozenset(s for kind, s in found if kind == "word")
    prefixes = frozenset(s for kind, s in found if kind == "prefix")
    chars = frozenset(s for kind, s in found if kind == "char")
    kinds = {kind for kind, _ in found}
    return _Starts(words, prefixes, chars, "digit" in kinds, "space" in kinds, "alnum" in kinds)


def _walk(items: list[Any], word: str, found: set[tuple[str, str]], rest: tuple[list[Any], ...]) -> None:
    """Collect ("word" | "prefix" | "char", text) for every way ``items`` then ``rest`` can start.

    ``word`` is the lower-cased run of letters matched so far. A run ends as a whole word when a
    non-letter must follow; it stays a prefix when what follows is unknown.
    """
    if len(found) > _MAX_STARTS:
        raise _Unknown
    if not items:
        _walk_on(word, found, rest)
        return
    op, av = items[0]
    tail = items[1:]
    if op is _sre.AT or op in (_sre.ASSERT, _sre.ASSERT_NOT):
        # NOTE: an anchor or a look-around consumes nothing and only narrows where the pattern
        # matches; passing over it lists more starts than the pattern has, never fewer. (MEANS
        # opens with a look-behind and WORD with [^\W_]; listing their starts instead of trying
        # them everywhere cut the lexing of the corpus's 4,869 sentences by a quarter, measured.)
        _walk(tail, word, found, rest)
    elif op is _sre.LITERAL:
        ch = chr(av)
        if ch.isalpha():
            _walk(tail, word + ch.lower(), found, rest)
        elif word:
            found.add(("word", word))
        else:
            found.update((("char", ch), ("char", ch.lower()), ("char", ch.upper())))
    elif op is _sre.SUBPATTERN:
        _walk(list(av[-1]), word, found, (tail, *rest))
    elif op is _sre.BRANCH:
        for alternative in av[1]:
            _walk(list(alternative), word, found, (tail, *rest))
    elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, _high, sub = av
        if low == 0:
            _walk(tail, word, found, rest)
        # NOTE: after one repetition, what may follow is not listed: the run so far is a prefix.
        _walk(list(sub), word, found, (([(_sre.ANY, None)]),))
    elif op is _sre.IN and not word:
        _class_start(av, found)
    elif word:
        _after_letters(op, av, word, found)
    else:
        raise _Unknown


def _after_letters(op: Any, av: Any, word: str, found: set[tuple[str, str]]) -> None:
    """Collect how a run of letters ends when ``op`` follows it: a whole word before a class of non-letters."""
    # Anything else after some letters (a class, \s, a look-ahead): the letters are a prefix.
    chars = _class_chars(av) if op is _sre.IN else None
    if chars is not None and not any(c.isalpha() for c in chars):
        found.add(("word", word))
    else:
        found.add(("prefix", word))


def _walk_on(word: str, found: set[tuple[str, str]], rest: tuple[list[Any], ...]) -> None:
    """Go on to what follows a pattern's end: the next of ``rest``, else the run so far is a prefix."""
    if rest:
        _walk(rest[0], word, found, rest[1:])
    elif word:
        found.add(("prefix", word))
    else:
        raise _Unknown


def _class_start(av: Any, found: set[tuple[str, str]]) -> None:
    """Collect the starts of a class that opens a word: digits, spaces, letters and digits, or listed non-letters."""
    if av == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
        found.add(("digit", ""))
    elif av == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]:
        found.add(("space", ""))
    elif av == _ALNUM:
        found.add(("alnum", ""))  # [^\W_]: what str.isalnum() accepts, as re reads \w
    else:
        chars = _class_chars(av)
        if chars is None or any(c.isalpha() for c in chars):
            raise _Unknown
        found.update(("char", ch) for ch in chars)


def _class_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a character class given as literals, or ``None`` (ranges, negation)."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(chr(av))
        else:
            return None
    return out


class FastLexer(Lexer):
    """Lark's basic-lexer tokens, trying at each position only the terminals that can start there."""

    def __init__(self, lexer_conf: LexerConf) -> None:
        terminals = sorted(
            lexer_conf.terminals,
            key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
        )
        self._ignore = frozenset(lexer_conf.ignore)
        self._flags = lexer_conf.g_regex_flags
        self._terminals = terminals
        # NOTE: compiled when first tried: a text tries only the terminals its words can start.
        self._compiled: list[tuple[str, re.Pattern[str]] | None] = [None] * len(terminals)
        self._by_word: dict[str, list[int]] = {}
        self._by_char: dict[str, list[int]] = {}
        self._by_prefix: dict[int, dict[str, list[int]]] = {}
        self._by_digit: list[int] = []
        self._by_space: list[int] = []
        self._by_alnum: list[int] = []
        self._everywhere: list[int] = []
        for index, terminal in enumerate(terminals):
            self._index(index, terminal)
        self._cache: dict[tuple[str, str], tuple[tuple[str, re.Pattern[str]], ...]] = {}

    def _index(self, index: int, terminal: TerminalDef) -> None:
        starts = _starts(terminal.pattern.to_regexp())
        if starts is None:
            self._everywhere.append(index)
            return
        for word in starts.words:
            self._by_word.setdefault(word, []).append(index)
        for prefix in starts.prefixes:
            self._by_prefix.setdefault(len(prefix), {}).setdefault(prefix, []).append(index)
        for ch in starts.chars:
            self._by_char.setdefault(ch, []).append(index)
        if starts.digit:
            self._by_digit.append(index)
        if starts.space:
            self._by_space.append(index)
        if starts.alnum:
            self._by_alnum.append(index)

    def _compile(self, index: int) -> tuple[str, re.Pattern[str]]:
        terminal = self._terminals[index]
        return terminal.name, re.compile(terminal.pattern.to_regexp(), self._flags)

    def _candidates(self, word: str, ch: str) -> tuple[int, ...]:
        """The indexes of the terminals that can start at a word ``word`` (or a character ``ch``)."""
        chosen = set(self._everywhere)
        chosen.update(self._by_word.get(word, ()))
        chosen.update(self._by_char.get(ch, ()))
        for size, prefixes in self._by_prefix.items():
            chosen.update(prefixes.get(word[:size], ()))
        if ch.isdecimal():
            chosen.update(self._by_digit)
        if ch.isspace():
            chosen.update(self._by_space)
        if ch.isalnum():
            chosen.update(self._by_alnum)
        return tuple(sorted(chosen))

    def _tries(self, word: str, ch: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """The terminals to try there, in Lark's order, compiled (and remembered)."""
        compiled = self._compiled
        out: list[tuple[str, re.Pattern[str]]] = []
        for index in self._candidates(word, ch):
            entry = compiled[index]
            if entry is None:
                entry = compiled[index] = self._compile(index)
            out.append(entry)
        found = tuple(out)
        if len(self._cache) < 50_000:
            self._cache[(word, ch)] = found
        return found

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]  # Lark calls custom lexers with the text
        cache = self._cache
        ignore = self._ignore
        letters = _LETTERS
        pos = 0
        end = len(data)
        while pos < end:
            ch = data[pos]
            if ch.isalpha():
                run = letters.match(data, pos)
                word = run.group().lower() if run is not None else ""
            else:
                word = ""
            tries = cache.get((word, ch))
            if tries is None:
                tries = self._tries(word, ch)
            for name, regex in tries:  # noqa: B007 (the terminal that matched is used after the loop)
                match = regex.match(data, pos)
                if match is not None and match.end() > pos:
                    break
            else:
                raise UnexpectedCharacters(data, pos, 1, pos + 1, allowed=None)  # type: ignore[no-untyped-call]
            if name not in ignore:
                yield Token(name, match.group(), start_pos=pos, end_pos=match.end())
            pos = match.end()
