"""The structure grammar (``grammar/structure.lark``) and its Transformer.

Produces a :class:`Layout`: the front matter (if any) and one :class:`Line` per source line that
is a heading, a list item, a text line or a blank. Positions are 1-based source lines.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from lark import Lark, Token, Transformer, v_args

from railguard.grammars import compiled


class LineKind(StrEnum):
    """What a source line is."""

    HEADING = "heading"
    ITEM = "item"
    TEXT = "text"
    BLANK = "blank"


@dataclass(frozen=True, slots=True)
class Line:
    """One classified source line.

    Attributes:
        kind: heading, item, text or blank.
        text: the line's text without its marker or heading hashes, stripped.
        line: 1-based line number.
        indent: columns of leading white space (tabs count as four).
        marker: the list marker as written (``(a)``, ``3.1.``, ``-``), for items.
        level: the heading level (1 to 6), for Markdown headings.
        hard_break: the line ends with two spaces (a Markdown hard line break).
    """

    kind: LineKind
    text: str
    line: int
    indent: int = 0
    marker: str = ""
    level: int = 0
    hard_break: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """A parsed document: its front matter and its lines in order."""

    front_matter: str | None
    lines: tuple[Line, ...]


def _indent(raw: str) -> int:
    width = 0
    for ch in raw:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4
        else:
            break
    return width


_HASHES = re.compile(r"^[ \t]*(#{1,6})")


class StructureTransformer(Transformer[Token, Layout]):
    """Tree of ``structure.lark`` to :class:`Layout`."""

    @v_args(inline=True)
    def front_matter(self, token: Token) -> str:
        return str(token)

    @v_args(inline=True)
    def heading(self, token: Token) -> Line:
        raw = str(token)
        match = _HASHES.match(raw)
        level = len(match.group(1)) if match else 1
        text = raw[match.end() :] if match else raw
        return Line(LineKind.HEADING, text.strip().rstrip("#").strip(), token.line or 0, _indent(raw), level=level)

    def item(self, children: list[Token | None]) -> Line:
        marker = children[0]
        assert marker is not None
        rest = children[1] if len(children) > 1 else None
        text = str(rest).strip() if rest is not None else ""
        hard_break = rest is not None and str(rest).endswith("  ")
        return Line(
            LineKind.ITEM,
            text,
            marker.line or 0,
            _indent(str(marker)),
            marker=str(marker).strip(),
            hard_break=hard_break,
        )

    @v_args(inline=True)
    def line(self, token: Token) -> Line:
        raw = str(token)
        return Line(LineKind.TEXT, raw.strip(), token.line or 0, _indent(raw), hard_break=raw.endswith("  "))

    def blank(self, children: list[Token]) -> Line:
        return Line(LineKind.BLANK, "", 0)

    def start(self, children: list[Line | str]) -> Layout:
        front = None
        lines: list[Line] = []
        for child in children:
            if isinstance(child, str):
                front = child
            else:
                lines.append(child)
        return Layout(front, _number_blanks(lines, front))


def _number_blanks(lines: list[Line], front: str | None) -> tuple[Line, ...]:
    # NOTE: a blank matches only "\n", which carries no token position after filtering; give it
    # the line after its predecessor so every line has a number.
    out: list[Line] = []
    previous = front.count("\n") if front else 0
    for line in lines:
        if line.kind is LineKind.BLANK:
            line = Line(LineKind.BLANK, "", previous + 1)
        out.append(line)
        previous = line.line
    return tuple(out)


@functools.cache
def structure_parser() -> Lark:
    """The compiled structure grammar (LALR, contextual lexer), built once per process."""
    return compiled("structure", lexer="contextual", propagate_positions=False, maybe_placeholders=False)


def parse_layout(text: str) -> Layout:
    """Parse normalised text (``\\n`` line ends, final newline) into its :class:`Layout`."""
    if not text:
        return Layout(None, ())
    tree = structure_parser().parse(text)
    return StructureTransformer().transform(tree)
