"""The clause grammar (``grammar/clause.lark``) and its Transformer.

A sentence goes in; the legally weighty phrases in it come out as :class:`Signal` values, each
with its argument where the grammar gives one (the required name prefix, the notice text, the
user limit).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from lark import Lark, Token, Transformer, v_args
from lark.common import LexerConf
from lark.exceptions import LarkError
from lark.lexer import Lexer

from railguard.grammars import compiled


class SignalKind(StrEnum):
    """The clause kinds the grammar recognises (its rule names)."""

    USE_PROHIBITION = "use_prohibition"
    LICENSEE_CLAUSE = "licensee_clause"
    MODAL_PROHIBITION = "modal_prohibition"
    FLOW_DOWN = "flow_down"
    SAME_LICENCE = "same_licence"
    NO_FURTHER_RESTRICTIONS = "no_further_restrictions"
    NON_COMMERCIAL = "non_commercial"
    COMMERCIAL_GRANT = "commercial_grant"
    SCALE_LIMIT = "scale_limit"
    NAMING = "naming"
    DISPLAY_NOTICE = "display_notice"
    POLICY_REFERENCE = "policy_reference"
    INCORPORATION = "incorporation"
    ATTRIBUTION = "attribution"
    LICENCE_COPY = "licence_copy"
    STATE_CHANGES = "state_changes"
    SOURCE_DISCLOSURE = "source_disclosure"
    PATENT_RETALIATION = "patent_retaliation"
    LATEST_VERSION = "latest_version"
    TRAIN_OTHER_MODELS = "train_other_models"
    LAWFUL_USE = "lawful_use"
    WRONGFUL_ACT = "wrongful_act"
    GRANT_EXCLUSION = "grant_exclusion"


@dataclass(frozen=True, slots=True)
class Signal:
    """One recognised clause phrase.

    Attributes:
        kind: what the phrase is.
        text: the phrase as written.
        value: its argument: a name prefix or notice text (str), a user or revenue limit (int).
        param: the name of the argument (``prefix``, ``text``, ``monthly_active_users``, ...).
    """

    kind: SignalKind
    text: str
    value: str | int | None = None
    param: str | None = None


_QUOTES = "“”\"'‘’"
_NUMBER = re.compile(r"(\d[\d,.]*)\s*(million|billion|m\b)?", re.IGNORECASE)


def _unquote(text: str) -> str:
    return text.strip().strip(_QUOTES).strip()


def _amount(text: str) -> int | None:
    match = _NUMBER.search(text)
    if match is None:
        return None
    digits = match.group(1).replace(",", "")
    try:
        value = float(digits) if digits.count(".") <= 1 else float(digits.replace(".", ""))
    except ValueError:
        return None
    scale = (match.group(2) or "").lower()
    if scale in ("million", "m"):
        value *= 1_000_000
    elif scale == "billion":
        value *= 1_000_000_000
    return int(value)


def _simple(kind: SignalKind):  # type: ignore[no-untyped-def]
    def method(self: ClauseTransformer, children: list[Token]) -> Signal:
        return Signal(kind, " ".join(str(c) for c in children))

    return method


class ClauseTransformer(Transformer[Token, tuple[Signal, ...]]):
    """Tree of ``clause.lark`` to a tuple of :class:`Signal`, in sentence order."""

    use_prohibition = _simple(SignalKind.USE_PROHIBITION)
    licensee_clause = _simple(SignalKind.LICENSEE_CLAUSE)
    modal_prohibition = _simple(SignalKind.MODAL_PROHIBITION)
    flow_down = _simple(SignalKind.FLOW_DOWN)
    same_licence = _simple(SignalKind.SAME_LICENCE)
    no_further_restrictions = _simple(SignalKind.NO_FURTHER_RESTRICTIONS)
    non_commercial = _simple(SignalKind.NON_COMMERCIAL)
    commercial_grant = _simple(SignalKind.COMMERCIAL_GRANT)
    policy_reference = _simple(SignalKind.POLICY_REFERENCE)
    incorporation = _simple(SignalKind.INCORPORATION)
    attribution = _simple(SignalKind.ATTRIBUTION)
    licence_copy = _simple(SignalKind.LICENCE_COPY)
    state_changes = _simple(SignalKind.STATE_CHANGES)
    source_disclosure = _simple(SignalKind.SOURCE_DISCLOSURE)
    patent_retaliation = _simple(SignalKind.PATENT_RETALIATION)
    latest_version = _simple(SignalKind.LATEST_VERSION)
    train_other_models = _simple(SignalKind.TRAIN_OTHER_MODELS)
    lawful_use = _simple(SignalKind.LAWFUL_USE)
    wrongful_act = _simple(SignalKind.WRONGFUL_ACT)
    grant_exclusion = _simple(SignalKind.GRANT_EXCLUSION)

    @v_args(inline=True)
    def scale_limit(self, token: Token) -> Signal:
        param = "monthly_active_users" if token.type == "USER_LIMIT" else "annual_revenue_usd"
        return Signal(SignalKind.SCALE_LIMIT, str(token), _amount(str(token)), param)

    @v_args(inline=True)
    def naming(self, _include: Token, quoted: Token, _at: Token) -> Signal:
        return Signal(SignalKind.NAMING, f"{_include} {quoted} {_at}", _unquote(str(quoted)), "prefix")

    def display_notice(self, children: list[Token]) -> Signal:
        quoted = children[-1]
        return Signal(SignalKind.DISPLAY_NOTICE, " ".join(str(c) for c in children), _unquote(str(quoted)), "text")

    def start(self, children: list[Signal | Token]) -> tuple[Signal, ...]:
        return tuple(child for child in children if isinstance(child, Signal))


class SignalLexer(Lexer):
    """Lexes only the grammar's signal terminals, jumping over ordinary words in one regex scan.

    The grammar ignores ordinary words and punctuation; lexing them one by one costs most of the
    parse time. This lexer builds a single alternation from the grammar's own non-ignored
    terminals, in Lark's order (priority, then pattern length), and lets ``finditer`` skip the
    text between them. Every signal terminal starts at a word boundary or a quote, so a match
    never begins inside a word that the word-by-word lexer would have consumed whole.
    """

    def __init__(self, lexer_conf: LexerConf) -> None:
        terminals = [t for t in lexer_conf.terminals if t.name not in lexer_conf.ignore]
        terminals.sort(key=lambda t: (-t.priority, -t.pattern.max_width, t.name))
        self._names = [t.name for t in terminals]
        alternation = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)
        # NOTE: try the alternation only where a word, a quote or an amount starts; elsewhere the
        # leading assertion fails at once, which makes the scan several times faster.
        self._regex = re.compile(f'(?:(?<![\\w$])|(?=[“"‘$]))(?:{alternation})')

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]  # Lark calls custom lexers with the text
        for match in self._regex.finditer(data):
            name = match.lastgroup
            assert name is not None
            yield Token(name, match.group(), start_pos=match.start())


@functools.cache
def clause_parser() -> Lark:
    """The compiled clause grammar (LALR with :class:`SignalLexer`), built once per process."""
    return compiled("clause", lexer=SignalLexer, maybe_placeholders=False)


_TRANSFORMER = ClauseTransformer()


@functools.lru_cache(maxsize=8192)
def signals(sentence: str) -> tuple[Signal, ...]:
    """The clause signals in one sentence (empty when it has none).

    Cached: licences share much boilerplate (warranty disclaimers, RAIL and CC paragraphs), and a
    batch run over many licence files meets the same sentences again.
    """
    try:
        tree = clause_parser().parse(sentence)
    except LarkError:
        # NOTE: the grammar accepts every sequence of its tokens, so this only happens on input
        # the lexer cannot tokenise at all; such a sentence carries no clause we can read.
        return ()
    return _TRANSFORMER.transform(tree)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“\"(‘])")


def sentences(text: str) -> list[str]:
    """Split a unit's text into sentences (approximately: licences abbreviate rarely)."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]
