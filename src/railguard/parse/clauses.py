"""The clause grammar (``grammar/clause.lark``), its Transformer, and what a sentence says.

``read(sentence)`` parses one sentence (or one list item, marked with :data:`LEAD`) into a
:class:`Reading`: its clauses (modality, predicate, purpose argument), exceptions, licensee
clauses, definitions, grants and duty phrases, with offsets into the sentence. ``meaning``
then applies polarity: which argument texts are prohibited, which are required, which duty
phrases the sentence states, and whether it limits or extends a grant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from railguard.grammars import compiled
from railguard.parse.lexer import FastLexer

#: Put before a list item's text: the item is governed by its lead-in ("You agree not to use:").
LEAD = "\x01"


class Polarity(StrEnum):
    """What a clause's modality says about its predicate."""

    PROHIBITED = "prohibited"
    REQUIRED = "required"
    PERMITTED = "permitted"
    LEAD = "lead"  # a list item: its lead-in decides


_POLARITY_OF_RULE = {
    "prohibition_marker": Polarity.PROHIBITED,
    "duty_marker": Polarity.REQUIRED,
    "permission_marker": Polarity.PERMITTED,
    "lead_marker": Polarity.LEAD,
}

#: Duty phrases (terminal names) that a clause or sentence can carry.
PHRASES = frozenset(
    {
        "ONLY",
        "SHARE_ALIKE",
        "NO_FURTHER",
        "ATTRIBUTION",
        "STATE_CHANGES",
        "SOURCE",
        "PATENT_TERMINATION",
        "LATEST_VERSION",
        "POLICY",
        "INCORPORATED",
        "USER_LIMIT",
        "REVENUE_LIMIT",
        "GRANT_EXCLUSION",
        "COMMERCIAL_GRANT",
        "NOT_GRANTED",
    }
)
#: The carrying phrases of the `carry` rule.
CARRY = frozenset(
    {
        "ENFORCEABLE",
        "REQUIRE_OTHERS",
        "SUBJECT_TO",
        "UNDER_THIS",
        "SAME_TERMS",
        "NO_CONFLICT",
        "POLICY_COPY",
        "ENSURE_RECEIVES",
        "LIMITED_AS_WELL",
        "LICENCE_COPY",
    }
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A duty phrase: its terminal name, text, offset, and a quoted argument where it has one."""

    kind: str
    text: str
    start: int
    quoted: str | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: a modality and what it governs.

    Attributes:
        polarity: prohibited, required, permitted, or decided by a lead-in.
        marker: the modality's terminal name (``SHALL_NOT``, ``AGREE_NOT``, ``MAY`` ...).
        start: offset of the marker in the sentence.
        end: offset just after the clause.
        predicate: ``use``, ``purpose``, ``compliance``, ``conduct`` or ``""`` (none).
        obj: offsets of the object of a use ("the Model or Derivatives"), or ``None``.
        argument: offsets of the purpose argument, the compliance object or the conduct.
        passive: the use is passive ("shall not be used").
        allow_others: "or allow others to use".
        opens_list: the clause ends with a colon: list items follow.
        phrases: duty phrases inside the clause.
        action: the use's terminal name (``USE``, ``USE_OF``, ``BE_USED``), or ``""``.
    """

    polarity: Polarity
    marker: str
    start: int
    end: int
    predicate: str = ""
    obj: tuple[int, int] | None = None
    argument: tuple[int, int] | None = None
    passive: bool = False
    allow_others: bool = False
    opens_list: bool = False
    phrases: tuple[Phrase, ...] = ()
    action: str = ""


@dataclass(frozen=True, slots=True)
class Part:
    """A non-clause part of a sentence: an exception, licensee clause, definition or grant."""

    kind: str  # "exception", "licensee", "definition", "grant", "loose", "colon", "semi", "phrase"
    start: int
    end: int
    marker: str = ""
    phrases: tuple[Phrase, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """A parsed sentence: its clauses and other parts, in order."""

    text: str
    parts: tuple[Clause | Part, ...] = ()

    def clauses(self) -> tuple[Clause, ...]:
        """The clauses, in order."""
        return tuple(p for p in self.parts if isinstance(p, Clause))

    def phrases(self) -> tuple[Phrase, ...]:
        """Every duty phrase in the sentence, in order."""
        return tuple(ph for p in self.parts for ph in p.phrases)


def _bounds(items: Iterable[object]) -> tuple[int, int] | None:
    start = end = -1
    for item in items:
        if isinstance(item, Token):
            s, e = item.start_pos, item.end_pos
        elif isinstance(item, Phrase):
            s, e = item.start, item.start + len(item.text)
        elif isinstance(item, _Arg):
            s, e = item.start, item.end
        else:
            continue
        if s is None or e is None:
            continue
        if start < 0 or s < start:
            start = s
        end = max(end, e)
    return (start, end) if start >= 0 else None


def _phrases_in(items: Iterable[object]) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    for item in items:
        if isinstance(item, Phrase):
            out.append(item)
        elif isinstance(item, Token) and item.type in PHRASES:
            out.append(Phrase(item.type, str(item), item.start_pos or 0))
        elif isinstance(item, _Arg):
            out.extend(item.phrases)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Arg:
    """An argument under construction: its kind, offsets, marker and phrases."""

    kind: str
    start: int
    end: int
    marker: str = ""
    phrases: tuple[Phrase, ...] = ()
    passive: bool = False
    allow_others: bool = False
    obj: tuple[int, int] | None = None
    argument: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Modality:
    polarity: Polarity
    token: Token


class _Spliced:
    """The children of an inlined rule (``_loose``, ``_span``, Lark's ``__start_star_0``), which
    Lark's tree builder splices into the parent rule (it reads only ``children``)."""

    __slots__ = ("children",)

    def __init__(self, children: list[object]) -> None:
        self.children = children


class ClauseTransformer(Transformer[Token, Reading]):
    """Tree of ``clause.lark`` to a :class:`Reading` (run inside the LALR parser, no tree is built)."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.text = ""

    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        # NOTE: a word of a sentence passes through three inlined rules on its way into its
        # parent; a bare holder instead of a Tree for each saved about 4% of the corpus's CPU
        # time (paired runs, median).
        if isinstance(data, str) and data.startswith("_"):
            return _Spliced(children)
        return super().__default__(data, children, meta)  # type: ignore[no-untyped-call]

    # modality ---------------------------------------------------------------------------------
    def prohibition_marker(self, children: list[Token]) -> _Modality:
        return _Modality(Polarity.PROHIBITED, children[0])

    def duty_marker(self, children: list[Token]) -> _Modality:
        return _Modality(Polarity.REQUIRED, children[0])

    def permission_marker(self, children: list[Token]) -> _Modality:
        return _Modality(Polarity.PERMITTED, children[0])

    def lead_marker(self, children: list[Token]) -> _Modality:
        return _Modality(Polarity.LEAD, children[0])

    def modality(self, children: list[_Modality]) -> _Modality:
        return children[0]

    # predicates -------------------------------------------------------------------------------
    def use_action(self, children: list[Token]) -> _Arg:
        bounds = _bounds(children) or (0, 0)
        return _Arg(
            "action",
            *bounds,
            marker=children[0].type,
            passive=children[0].type == "BE_USED",
            allow_others=any(t.type == "OR_ALLOW" for t in children),
        )

    def purpose_marker(self, children: list[Token]) -> Token:
        return children[0]

    def purpose(self, children: list[object]) -> _Arg:
        marker = children[0]
        assert isinstance(marker, Token)
        rest = children[1:]
        bounds = _bounds(rest)
        start = marker.start_pos or 0
        end = bounds[1] if bounds else (marker.end_pos or 0)
        # NOTE: the argument keeps its marker ("to generate ...", "for military purposes"): the
        # lexicon reads "for the purpose of exploiting minors" and "to exploit minors" alike.
        return _Arg("purpose", start, end, marker.type, _phrases_in(rest), argument=(start, end))

    def compliance(self, children: list[object]) -> _Arg:
        marker = children[0]
        assert isinstance(marker, Token)
        bounds = _bounds(children[1:])
        start = marker.start_pos or 0
        end = bounds[1] if bounds else (marker.end_pos or 0)
        # NOTE: the argument keeps "comply with": what must be complied with is read as a rule.
        return _Arg("compliance", start, end, marker.type, _phrases_in(children[1:]), argument=(start, end))

    def conduct(self, children: list[object]) -> _Arg:
        bounds = _bounds(children) or (0, 0)
        return _Arg("conduct", *bounds, phrases=_phrases_in(children), argument=bounds)

    def use_predicate(self, children: list[object]) -> _Arg:
        action = children[0]
        assert isinstance(action, _Arg)
        tail = children[-1] if len(children) > 1 and isinstance(children[-1], _Arg) else None
        object_items = children[1 : len(children) - (1 if tail is not None else 0)]
        obj = _bounds(object_items)
        end = tail.end if tail is not None else (obj[1] if obj else action.end)
        phrases = _phrases_in(object_items) + (tail.phrases if tail is not None else ())
        return _Arg(
            "use",
            action.start,
            end,
            action.marker,
            phrases,
            passive=action.passive,
            allow_others=action.allow_others,
            obj=obj,
            argument=tail.argument if tail is not None else None,
        )

    def bare_purpose(self, children: list[_Arg]) -> _Arg:
        return children[0]

    def predicate(self, children: list[_Arg]) -> _Arg:
        return children[0]

    def clause(self, children: list[object]) -> Clause:
        modality = children[0]
        assert isinstance(modality, _Modality)
        predicate = next((c for c in children[1:] if isinstance(c, _Arg)), None)
        colon = any(isinstance(c, Token) and c.type == "COLON" for c in children[1:])
        token = modality.token
        start = token.start_pos or 0
        end = max((token.end_pos or 0), predicate.end if predicate else 0)
        if predicate is None:
            return Clause(modality.polarity, token.type, start, end, opens_list=colon)
        kind = "purpose" if predicate.kind == "purpose" else predicate.kind
        return Clause(
            modality.polarity,
            token.type,
            start,
            end,
            kind,
            predicate.obj,
            predicate.argument,
            predicate.passive,
            predicate.allow_others,
            colon,
            predicate.phrases,
            predicate.marker if kind == "use" else "",
        )

    # other parts ------------------------------------------------------------------------------
    def _part(self, kind: str, children: list[object]) -> Part:
        bounds = _bounds(children) or (0, 0)
        first = children[0] if children else None
        marker = first.type if isinstance(first, Token) else ""
        return Part(kind, bounds[0], bounds[1], marker, _phrases_in(children[1:]))

    def exception_marker(self, children: list[Token]) -> Token:
        return children[0]

    def exception(self, children: list[object]) -> Part:
        return self._part("exception", children)

    def licensee(self, children: list[object]) -> Part:
        return self._part("licensee", children)

    def definition(self, children: list[object]) -> Part:
        return self._part("definition", children)

    def grant(self, children: list[object]) -> Part:
        return self._part("grant", children)

    def carry(self, children: list[Token]) -> Phrase:
        token = children[0]
        return Phrase(token.type, str(token), token.start_pos or 0)

    def naming(self, children: list[Token]) -> Phrase:
        quoted = children[1]
        kind = "NAMING" if len(children) == 3 else "INCLUDE_QUOTED"
        return Phrase(
            kind,
            self.text[children[0].start_pos or 0 : children[-1].end_pos],
            children[0].start_pos or 0,
            _unquote(str(quoted)),
        )

    def display_notice(self, children: list[Token]) -> Phrase:
        quoted = children[-1]
        start = children[0].start_pos or 0
        return Phrase("DISPLAY_NOTICE", self.text[start : quoted.end_pos], start, _unquote(str(quoted)))

    def start(self, children: list[object]) -> Reading:
        parts: list[Clause | Part] = []
        for child in children:
            if isinstance(child, (Clause, Part)):
                parts.append(child)
            elif isinstance(child, Phrase):
                parts.append(Part("phrase", child.start, child.start + len(child.text), child.kind, (child,)))
            elif isinstance(child, Token):
                if child.type in PHRASES:
                    phrase = Phrase(child.type, str(child), child.start_pos or 0)
                    parts.append(Part("phrase", phrase.start, child.end_pos or 0, child.type, (phrase,)))
                elif child.type == "COLON":
                    parts.append(Part("colon", child.start_pos or 0, child.end_pos or 0))
                elif child.type == "SEMI":
                    parts.append(Part("semi", child.start_pos or 0, child.end_pos or 0))
                else:
                    parts.append(Part("loose", child.start_pos or 0, child.end_pos or 0, child.type))
        return Reading(self.text, tuple(_merge_loose(parts)))


def _merge_loose(parts: list[Clause | Part]) -> Iterable[Clause | Part]:
    """Join runs of loose words into one part (the subject or context of the next clause)."""
    run: Part | None = None
    for part in parts:
        if isinstance(part, Part) and part.kind == "loose":
            run = part if run is None else Part("loose", run.start, part.end)
            continue
        if run is not None:
            yield run
            run = None
        yield part
    if run is not None:
        yield run


_QUOTES = "“”\"'‘’"


def _unquote(text: str) -> str:
    return text.strip().strip(_QUOTES).strip()


#: The terminals that start something the grammar reads; a sentence without any of them is only
#: loose words, so it is not parsed (the result would be an empty reading).
STRUCTURAL = frozenset(
    {
        "SHALL_NOT",
        "MUST_NOT",
        "MAY_NOT",
        "WILL_NOT",
        "DO_NOT",
        "CANNOT",
        "NEVER",
        "AGREE_NOT",
        "NOT_ALLOWED",
        "NOT_TO",
        "NOT_LICENSED",
        "PROHIBITED",
        "PROHIBITS",
        "NO_PARTY",
        "WRONGFUL",
        "SHALL",
        "MUST",
        "WILL",
        "SHOULD",
        "AGREE_TO",
        "REQUIRED",
        "MAY",
        "CAN",
        "PERMITTED",
        "LEAD",
        "EXCEPT",
        "UNLESS",
        "PROVIDED",
        "MEANS",
        "GRANT",
        "BE_ENTITY",
        "INCLUDE",
        "DISPLAY",
        "NOTICE_TEXT",
    }
    | PHRASES
    | CARRY
)


@dataclass
class _Parser:
    lark: Lark
    lexer: FastLexer
    transformer: ClauseTransformer = field(default_factory=ClauseTransformer)


@functools.cache
def _parser() -> _Parser:
    """The compiled clause grammar (LALR over :class:`FastLexer`), loaded once per process."""
    transformer = ClauseTransformer()
    lark = compiled("clause", lexer=FastLexer, maybe_placeholders=False, transformer=transformer)
    # NOTE: Lark built one FastLexer already (it wraps custom lexers); building a second would
    # index every terminal again, a visible share of a cold start.
    lexer = getattr(getattr(lark.parser, "lexer", None), "lexer", None)
    if not isinstance(lexer, FastLexer):
        lexer = FastLexer(lark.lexer_conf)
    return _Parser(lark, lexer, transformer)


def clause_parser() -> Lark:
    """The compiled clause grammar (with the fast lexer and the inline Transformer)."""
    return _parser().lark


@functools.lru_cache(maxsize=16384)
def read(sentence: str) -> Reading:
    """Parse one sentence (or a :data:`LEAD`-marked list item) into a :class:`Reading`.

    Cached: licences share much boilerplate (warranty disclaimers, RAIL and CC paragraphs), and a
    batch run over many licence files meets the same sentences again.
    """
    tokens = list(_parser().lexer.lex(sentence))
    if not any(t.type in STRUCTURAL for t in tokens):
        # NOTE: without any of these tokens the grammar can only read loose words (the property
        # tests check it), so the parse is skipped: most sentences of a licence are such.
        return Reading(sentence)
    return parse_tokens(sentence, tokens)


def parse_tokens(sentence: str, tokens: list[Token] | None = None) -> Reading:
    """Parse ``sentence`` with the shipped parser, from its tokens (lexed here if not given)."""
    parser = _parser()
    if tokens is None:
        tokens = list(parser.lexer.lex(sentence))
    parser.transformer.text = sentence
    try:
        # NOTE: the tokens are fed to Lark's LALR parser as lexed, so the sentence is lexed once.
        interactive = parser.lark.parse_interactive("")
        for token in tokens:
            interactive.feed_token(token)
        result = interactive.feed_eof()  # type: ignore[no-untyped-call]
    except LarkError:
        # NOTE: the grammar accepts every sequence of its tokens (tests/parse/test_properties.py
        # checks it on generated text), so this is only reached on input the lexer cannot cut.
        return Reading(sentence)
    assert isinstance(result, Reading)
    return result


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(‘\[])")
#: Words whose period does not end a sentence: "U.S. Customs", "e.g. Llama", "Inc. and".
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Za-z]\.(?:[A-Za-z]\.)*|e\.g\.|i\.e\.|etc\.|inc\.|ltd\.|co\.|corp\.|no\.|nos\.|art\.|arts\.|"
    r"sec\.|secs\.|vs?\.|cf\.|mr\.|ms\.|mrs\.|dr\.|st\.|approx\.|para\.|fig\.)$",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """Split a unit's text into sentences (not after abbreviations such as "U.S." or "e.g.")."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[max(start, match.start() - 12) : match.start()]):
            continue
        piece = text[start : match.start()]
        if piece.strip():
            out.append(piece)
        start = match.end()
    tail = text[start:]
    if tail.strip():
        out.append(tail)
    return out
