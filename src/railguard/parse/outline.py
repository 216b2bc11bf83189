"""From classified lines to numbered clause units.

What a grammar over single lines cannot see is decided here, from neighbouring lines:

* hard-wrapped lines are joined into paragraphs and list items;
* list markers are turned into section references (``4(a)``, ``3.1.4``, ``1(a)(ii)``), with
  bullets numbered by position, and prefixed by the attachment they sit in (``Attachment A (h)``);
* a list flattened into one paragraph after a lead-in ("...of the Model: In any way ...; For the
  purpose ...; To generate ...") is split back into items, and so is an inline "(a) ... (b) ..."
  enumeration;
* the non-English half of a bilingual text is set aside (its clauses duplicate the English ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from railguard.parse.structure import Layout, Line, LineKind


class UnitKind(StrEnum):
    """What a clause unit is."""

    HEADING = "heading"
    ITEM = "item"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True, slots=True)
class Unit:
    """A heading, list item or paragraph, with the section it belongs to.

    Attributes:
        kind: heading, item or paragraph.
        text: the joined text, Markdown emphasis and escapes removed.
        line: 1-based line where it starts.
        section: the section reference a reader would cite, or ``""`` when none is known.
        depth: list depth (0 for paragraphs and headings, 1 for a top-level item, ...).
        generated: the item was split out of a flattened paragraph.
    """

    kind: UnitKind
    text: str
    line: int
    section: str
    depth: int = 0
    generated: bool = False


_EMPHASIS = re.compile(r"(\*\*|__|\*(?=\S)|(?<=\S)\*|`)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTEXT = re.compile(
    r"^(?P<label>(?:attachment|exhibit|appendix|schedule|annex|addendum)\s+[A-Z0-9]{1,3})\b",
    re.IGNORECASE,
)
_CONTEXT_WORD = re.compile(r"attachment|exhibit|appendix|schedule|annex|addendum", re.IGNORECASE)
_POLICY = re.compile(r"\b(?:acceptable|prohibited)\s+use\s+policy\b", re.IGNORECASE)
_ROMAN = re.compile(r"^[ivxlcdm]+$")
# HTML layout tags that web copies of licences keep ("<br><br>", "<h2 align=...>"): a line of
# nothing but such tags is a paragraph break, and the tags are removed from text.
_HTML_TAG = re.compile(r"</?(?:br|p|h[1-6]|div|center|span|strong|em|b|i|u|hr)\b[^<>]*>", re.IGNORECASE)
# A bullet whose text starts with a section number ("- 3.1.1. Be an individual ..."): the number
# is the real marker, as in the Hippocratic 3.0 builder text.
_NUMBER_IN_BULLET = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=\S)")


def clean(text: str) -> str:
    """Remove Markdown emphasis and escapes and fold white space."""
    text = _ESCAPE.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def is_foreign(text: str) -> bool:
    """True when most letters are CJK: the other half of a bilingual licence."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return False
    return len(_CJK.findall(text)) / letters > 0.3


@dataclass
class _Block:
    kind: UnitKind
    parts: list[str]
    line: int
    indent: int = 0
    marker: str = ""
    joined: str = ""  # the cleaned text, set once the block is complete

    @property
    def text(self) -> str:
        return self.joined or clean(" ".join(self.parts))


def _blocks(layout: Layout) -> list[_Block]:
    """Join hard-wrapped lines: a text line continues the open item or paragraph."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for line in layout.lines:
        if line.kind is LineKind.BLANK or _is_markup_only(line):
            current = None
        elif line.kind is LineKind.HEADING:
            blocks.append(_Block(UnitKind.HEADING, [line.text], line.line))
            current = None
        elif current is None and _continues_item(line, blocks):
            # A paragraph indented under the item just above (a citation after a blank line)
            # is more of that item, as in Markdown, not a paragraph that closes its list.
            current = blocks[-1]
            current.parts.append(line.text)
        elif line.kind is LineKind.ITEM:
            text, marker = line.text, line.marker
            number = _NUMBER_IN_BULLET.match(text) if _read_marker(marker).style == "bullet" else None
            if number:
                text, marker = text[number.end() :], number.group("number") + "."
            current = _Block(UnitKind.ITEM, [text], line.line, line.indent, marker)
            blocks.append(current)
        elif current is not None and not _starts_new_paragraph(line, current):
            current.parts.append(line.text)
        else:
            current = _Block(UnitKind.PARAGRAPH, [line.text], line.line, line.indent)
            blocks.append(current)
    kept: list[_Block] = []
    for block in blocks:
        block.joined = text = block.text
        if text and not is_foreign(text):
            kept.append(block)
    return kept


def _continues_item(line: Line, blocks: list[_Block]) -> bool:
    """A text line after a blank, indented deeper than the marker of the item just before it.

    "    3.1.12.2.5.  \"Environment\" means ... outer space" then a blank line, then
    "\t\t\t(See Section II, Independent Expert Panel ...);" continues item 3.1.12.2.5.
    """
    if line.kind is not LineKind.TEXT or not blocks:
        return False
    last = blocks[-1]
    return last.kind is UnitKind.ITEM and line.indent > last.indent


def _is_markup_only(line: Line) -> bool:
    """A line of nothing but HTML layout tags ("<br><br>") separates paragraphs like a blank."""
    return line.kind is LineKind.TEXT and line.text.startswith("<") and not _HTML_TAG.sub("", line.text).strip()


def _starts_new_paragraph(line: Line, current: _Block) -> bool:
    # A short line that reads as a title ("Attachment A", "EXHIBIT A") is not a wrapped line.
    if _CONTEXT_WORD.search(line.text) and _CONTEXT.match(clean(line.text)):
        return True
    return current.kind is UnitKind.PARAGRAPH and len(current.parts) == 1 and _is_title(clean(current.parts[0]))


def _is_title(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 0 < len(text) <= 80 and bool(letters) and all(ch.isupper() for ch in letters) and not text.endswith(":")


# --- list markers -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Marker:
    style: str  # dotted, decimal, lower-alpha, upper-alpha, lower-roman, upper-roman, bullet
    label: str  # the label without punctuation ("a", "iv", "3", "3.1.4")


def _read_marker(raw: str) -> _Marker:
    label = raw.strip().strip("()").rstrip(".)").strip("(")
    if not label or not label[0].isalnum():
        return _Marker("bullet", "")
    if "." in label:
        return _Marker("dotted", label)
    if label.isdigit():
        return _Marker("decimal", label)
    if len(label) > 1:
        return _Marker("lower-roman" if label.islower() else "upper-roman", label.lower())
    return _Marker("lower-alpha" if label.islower() else "upper-alpha", label.lower())


def _roman_value(label: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for index, ch in enumerate(label):
        value = values[ch]
        if index + 1 < len(label) and values[label[index + 1]] > value:
            total -= value
        else:
            total += value
    return total


@dataclass
class _Level:
    style: str
    indent: int
    label: str
    count: int = 0
    has_children: bool = False


@dataclass
class _Numberer:
    """Keeps the stack of open list levels and renders section references."""

    levels: list[_Level] = field(default_factory=list)

    def reset(self) -> None:
        self.levels.clear()

    def place(self, marker: _Marker, indent: int) -> list[tuple[_Level, int, str]]:
        style = self._disambiguate(marker)
        label = marker.label
        for depth in range(len(self.levels) - 1, -1, -1):
            level = self.levels[depth]
            same_bullet = style == "bullet" and level.style == "bullet" and abs(level.indent - indent) <= 1
            if (style != "bullet" and level.style == style) or same_bullet:
                del self.levels[depth + 1 :]
                level.count += 1
                level.label = label
                level.indent = indent
                return self.snapshot()
            if style == "bullet" and level.style == "bullet" and indent < level.indent:
                continue
        if self.levels:
            self.levels[-1].has_children = True
        self.levels.append(_Level(style, indent, label, 1))
        return self.snapshot()

    def snapshot(self) -> list[tuple[_Level, int, str]]:
        """The open levels with their current count and label; rendered once nesting is known."""
        return [(level, level.count, level.label) for level in self.levels]

    def _disambiguate(self, marker: _Marker) -> str:
        # NOTE: "i", "v", "x" (and "c", "d", "l", "m") are letters in an alphabetic list and
        # numerals in a roman one: the open list they continue decides.
        style, label = marker.style, marker.label
        if style not in ("lower-alpha", "upper-alpha") or not _ROMAN.match(label):
            return style
        roman = "lower-roman" if style == "lower-alpha" else "upper-roman"
        for level in reversed(self.levels):
            if level.style == style and len(level.label) == 1 and ord(label) == ord(level.label) + 1:
                return style
        for level in reversed(self.levels):
            if level.style == roman and _roman_value(label) == _roman_value(level.label) + 1:
                return roman
        return roman if label == "i" else style


def _render(levels: list[tuple[_Level, int, str]]) -> str:
    parts: list[str] = []
    bullet_depth = 0
    numbered_above = False
    for level, count, label in levels:
        if level.style == "dotted":
            parts = [label]
            numbered_above = True
            continue
        if level.style == "bullet":
            label = _bullet_label(count, bullet_depth, numbered_above, level.has_children)
            bullet_depth += 1
        elif level.style not in ("lower-roman", "upper-roman"):
            numbered_above = True
        parts.append(label)
    if not parts:
        return ""
    return parts[0] + "".join(f"({p})" for p in parts[1:])


def _bullet_label(count: int, depth: int, numbered_above: bool, nested: bool) -> str:
    # NOTE: published licences letter a single-level list ("Attachment A (h)") and number the
    # top of a nested one ("AUP 1(a)(ii)"); copies often turn either into bullets.
    styles = ("alpha", "roman", "alpha") if numbered_above else (("decimal" if nested else "alpha"), "alpha", "roman")
    style = styles[min(depth, len(styles) - 1)]
    if style == "decimal":
        return str(count)
    if style == "roman":
        return _to_roman(count)
    return _to_alpha(count)


def _to_alpha(count: int) -> str:
    label = ""
    while count > 0:
        count, rest = divmod(count - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def _to_roman(count: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, text in numerals:
        while count >= value:
            out += text
            count -= value
    return out or "i"


# --- flattened lists ----------------------------------------------------------------------------

_LEADIN_END = re.compile(r":\s+(?=\S)")
_INLINE_MARKER = re.compile(r"(?:(?<=\s)|^)\((?P<label>[a-z]|[ivx]{1,5}|\d{1,2})\)\s+")


def _split_flattened(text: str) -> tuple[str, list[str]] | None:
    """Split "lead-in: item; item; item" or "lead-in: (a) item (b) item" into its parts."""
    match = _LEADIN_END.search(text)
    if match is None:
        return None
    head, tail = text[: match.start() + 1], text[match.end() :]
    markers = list(_INLINE_MARKER.finditer(tail))
    if len(markers) >= 2 and markers[0].start() == 0 and _sequential([m.group("label") for m in markers]):
        ends = [m.start() for m in markers[1:]] + [len(tail)]
        pieces = [tail[m.end() : end] for m, end in zip(markers, ends, strict=True)]
        return head, [p.strip().rstrip(";").strip() for p in pieces if p.strip()]
    if tail.count(";") >= 2:
        pieces = [p.strip() for p in re.split(r";\s*(?:and\s+|or\s+)?", tail)]
        pieces = [p for p in pieces if len(p) > 3]
        if len(pieces) >= 3:
            return head, pieces
    return None


def _sequential(labels: list[str]) -> bool:
    first = labels[0]
    if first.isdigit():
        return all(label == str(i + 1) for i, label in enumerate(labels))
    if first == "a":
        return all(label == _to_alpha(i + 1) for i, label in enumerate(labels))
    if first == "i":
        return all(_ROMAN.match(label) and _roman_value(label) == i + 1 for i, label in enumerate(labels))
    return False


# --- the outline --------------------------------------------------------------------------------


@dataclass
class _Pending:
    kind: UnitKind
    text: str
    line: int
    context: str
    levels: list[tuple[_Level, int, str]]
    pieces: list[str] = field(default_factory=list)


def outline(layout: Layout) -> tuple[Unit, ...]:
    """Number and split the document's blocks into clause units."""
    pending: list[_Pending] = []
    numberer = _Numberer()
    context = ""
    for block in _blocks(layout):
        text = block.text
        label = _CONTEXT.match(text) if block.kind is not UnitKind.ITEM else None
        if label:
            context = _title_case(label.group("label"))
            numberer.reset()
        elif block.kind is not UnitKind.ITEM and _POLICY.search(text) and pending and len(text) <= 120:
            # A policy appended to a licence ("Meta Llama 3 Acceptable Use Policy") starts the AUP.
            context = "AUP"
            numberer.reset()
        if block.kind is UnitKind.HEADING:
            numberer.reset()
            pending.append(_Pending(UnitKind.HEADING, text, block.line, context, []))
            continue
        if block.kind is UnitKind.ITEM:
            levels = numberer.place(_read_marker(block.marker), block.indent)
        else:
            levels = numberer.snapshot()
        split = _split_flattened(text)
        if split is None:
            pending.append(_Pending(block.kind, text, block.line, context, levels))
        else:
            head, pieces = split
            pending.append(_Pending(block.kind, head, block.line, context, levels, pieces))
    units: list[Unit] = []
    for entry in pending:
        section = _join(entry.context, _render(entry.levels))
        depth = len(entry.levels)
        units.append(Unit(entry.kind, entry.text, entry.line, section, depth))
        for index, piece in enumerate(entry.pieces, start=1):
            units.append(Unit(UnitKind.ITEM, piece, entry.line, _child(section, _to_alpha(index)), depth + 1, True))
    return tuple(units)


def _child(section: str, label: str) -> str:
    """The reference of sub-item ``label`` of ``section``.

    ``4`` -> ``4(a)``, ``Attachment A`` -> ``Attachment A (a)``.
    """
    if not section:
        return label
    if section[-1].isalnum() and " " in section and "(" not in section:
        return f"{section} ({label})"
    return f"{section}({label})"


def _title_case(label: str) -> str:
    word, _, rest = label.partition(" ")
    return f"{word.capitalize()} {rest.upper()}"


def _join(context: str, section: str) -> str:
    if context and section:
        return f"{context} ({section})" if section.isalpha() else f"{context} {section}"
    return context or section
