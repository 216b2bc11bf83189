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

import functools
import re
from dataclasses import dataclass, field, replace
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
        level: a heading's level (1 for "#", a title line ...), 0 for other units.
        label: the item's own title, when it starts with one ("Media: Be an individual ...",
            "**Legal advice.** This model is not a lawyer"); ``text`` is then what follows it.
        operative: False inside a definitions section: a definition restricts nothing.
        indent: columns of white space before the unit's first line.
    """

    kind: UnitKind
    text: str
    line: int
    section: str
    depth: int = 0
    generated: bool = False
    level: int = 0
    label: str = ""
    operative: bool = True
    indent: int = 0


_EMPHASIS = re.compile(r"(\*\*|__|\*(?=\S)|(?<=\S)\*|`)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000]+")
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


_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((?:[^()\s]|\([^()\s]*\))*\)")


def clean(text: str) -> str:
    """Remove Markdown links, emphasis and escapes and fold white space."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def is_foreign(text: str) -> bool:
    """True when most letters are CJK: the other half of a bilingual licence."""
    if not text or max(text) < "\u3040":
        return False  # no character in the CJK ranges (and their pattern is slow to compile)
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return False
    return len(_cjk().findall(text)) / letters > 0.3


@functools.cache
def _cjk() -> re.Pattern[str]:
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")


@dataclass
class _Block:
    kind: UnitKind
    parts: list[str]
    line: int
    indent: int = 0
    marker: str = ""
    joined: str = ""  # the cleaned text, set once the block is complete
    level: int = 0  # a heading's level
    label: str = ""  # the item's own title, set once the block is complete
    split: bool = False  # one line of a list whose lines are its items (no markers)

    @property
    def text(self) -> str:
        return self.joined or clean(" ".join(self.parts))


def _blocks(layout: Layout) -> list[_Block]:
    """Join hard-wrapped lines: a text line continues the open item or paragraph.

    A line does not continue the one before when that one ended a sentence or a Markdown hard
    break and the new line starts like a new sentence: such lines are the items of an unmarked
    list ("one item per line"), as policies write them.
    """
    blocks: list[_Block] = []
    current: _Block | None = None
    last_line: Line | None = None
    for line in layout.lines:
        if line.kind is LineKind.BLANK or _is_markup_only(line):
            current = None
        elif line.kind is LineKind.HEADING:
            blocks.append(_Block(UnitKind.HEADING, [line.text], line.line, level=line.level or 1))
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
        elif current is not None and last_line is not None and _ends_line_item(last_line, line, current):
            current = _Block(UnitKind.PARAGRAPH, [line.text], line.line, line.indent, split=True)
            blocks.append(current)
        elif current is not None and not _starts_new_paragraph(line, current):
            current.parts.append(line.text)
        else:
            current = _Block(UnitKind.PARAGRAPH, [line.text], line.line, line.indent)
            blocks.append(current)
        last_line = line if line.kind is not LineKind.BLANK else None
    kept: list[_Block] = []
    for block in blocks:
        if block.kind is not UnitKind.HEADING and block.parts:
            block.label, rest = _label(block.parts[0])
            if block.label:
                block.parts = [rest, *block.parts[1:]]
            elif block.kind is UnitKind.ITEM and len(block.parts) > 1 and _is_title_text(clean(block.parts[0])):
                # "3. Distribution & Attribution" then "If you distribute ...": a titled item.
                block.label, block.parts = clean(block.parts[0]), block.parts[1:]
        block.joined = text = block.text
        if (text or block.label) and not is_foreign(text or block.label):
            kept.append(block)
    return kept


_SENTENCE_END_LINE = re.compile(r"[.;:!?][\"”’)\]]?$")
_NEW_SENTENCE = re.compile(r"^[\"“(\[]?[A-Z0-9]|^[^\w\s]")


def _ends_line_item(previous: Line, line: Line, current: _Block) -> bool:
    """``line`` starts a new unit: ``previous`` ended with a hard break or a sentence end."""
    if line.kind is not LineKind.TEXT or previous.kind is LineKind.BLANK:
        return False
    if previous.hard_break:
        return True
    return bool(_SENTENCE_END_LINE.search(previous.text)) and bool(_NEW_SENTENCE.match(line.text))


# "**Legal advice.** This model ...", "*Myanmar*: Be an individual ...", "**CSAM** — generating ..."
_EMPHASIS_LABEL = re.compile(r"^\s*(\*\*|__|\*|_)(?P<label>[^*_\n]{1,80}?)\1\s*(?:[:.—–]+|\s-\s)?\s*(?P<rest>.*)$")
# "Media: Be an individual ...", "No Harm: The software may not be used ..."
_PLAIN_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w'’/&-]*(?:\s+(?:[A-Z][\w'’/&-]*|and|or|of|&|the|to|for|in|on))*)\s*:\s+(?P<rest>[A-Z\"“(].*)$"
)


def _label(raw: str) -> tuple[str, str]:
    """Split an item's own title off its text: (label, rest), or ("", raw)."""
    match = _EMPHASIS_LABEL.match(raw)
    if match:
        label = clean(match.group("label")).rstrip(":.—– ").strip()
        rest = match.group("rest")
        if label and len(label.split()) <= 8 and rest.strip():
            return label, rest
    text = clean(raw)
    match = _PLAIN_LABEL.match(text)
    if match and len(match.group("label").split()) <= 6:
        return match.group("label"), match.group("rest")
    return "", raw


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


_TITLE_WORD = re.compile(r"^(?:[A-Z0-9][\w'’&/-]*|and|or|of|the|to|for|in|on|a|an|&|—|–|-)$")


def _is_title_text(text: str) -> bool:
    """Text that reads as a section title: a few capitalised words, no sentence end."""
    words = text.rstrip(":").split()
    if not 1 <= len(words) <= 7 or len(text) > 70 or text.endswith((".", ";", ",")):
        return False
    return _is_title(text) or all(_TITLE_WORD.match(w) for w in words)


def _is_title_line(block: _Block) -> bool:
    """A one-line paragraph that reads as a section title ("Prohibited Uses", "Use Restrictions")."""
    if block.kind is not UnitKind.PARAGRAPH or len(block.parts) != 1 or block.label:
        return False
    return _is_title_text(block.text)


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


def _first_label(style: str, label: str) -> bool:
    """The label that starts a list of its style: 1, a, A, i, I (or a dotted number)."""
    return style == "dotted" or label in ("1", "a", "i") or not label


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
            if level.style == style and style != "bullet" and indent > level.indent + 1:
                # "   1." under "2." (both decimal): nested by its indentation, as Markdown lists.
                break
            if level.style == style and style != "bullet" and indent < level.indent - 1 and depth > 0:
                continue
            same_bullet = style == "bullet" and level.style == "bullet" and abs(level.indent - indent) <= 1
            if (style != "bullet" and level.style == style) or same_bullet:
                del self.levels[depth + 1 :]
                level.count += 1
                level.label = label
                level.indent = indent
                return self.snapshot()
            if style == "bullet" and level.style == "bullet" and indent < level.indent:
                continue
        else:
            if (
                self.levels
                and style != "bullet"
                and not _first_label(style, label)
                and indent <= self.levels[0].indent + 1
            ):
                # "2." after lettered items whose own "1." is missing: a top-level number, not a child.
                self.levels.clear()
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
# "(a) ... (b) ...", "a. ... b. ...", "1) ... 2) ...", "(i) ... (ii) ..." inside one paragraph
_INLINE_MARKER = re.compile(
    r"(?:(?<=\s)|^)(?:\((?P<label>[a-z]|[ivx]{1,5}|\d{1,2})\)|(?P<bare>[a-z]|[ivx]{1,5}|\d{1,2})[.)])\s+(?=\S)"
)


def _split_flattened(text: str) -> tuple[str, list[str]] | None:
    """Split "lead-in: item; item; item" or "lead-in: (a) item (b) item" into its parts."""
    match = _LEADIN_END.search(text)
    if match is None:
        return None
    head, tail = text[: match.start() + 1], text[match.end() :]
    pieces = _split_run(tail)
    return (head, pieces) if pieces else None


def _split_run(tail: str) -> list[str] | None:
    """The items of a list run together in one paragraph: "(a) x (b) y", or "x; y; z"."""
    markers = list(_INLINE_MARKER.finditer(tail))
    if markers and markers[0].group("label") is None:
        # "a. ... b. ...": only markers of the same form as the first, so "e.g." or "(i)" inside an
        # item does not cut it.
        markers = [m for m in markers if m.group("bare") is not None]
    markers = _in_sequence(markers)
    if len(markers) >= 2 and markers[0].start() == 0:
        ends = [m.start() for m in markers[1:]] + [len(tail)]
        pieces = [tail[m.end() : end] for m, end in zip(markers, ends, strict=True)]
        return [p.strip().rstrip(";").strip() for p in pieces if p.strip()]
    if tail.count(";") >= 2:
        pieces = [p.strip() for p in re.split(r";\s*(?:and\s+|or\s+)?", tail)]
        pieces = [p for p in pieces if len(p) > 3]
        if len(pieces) >= 3:
            return pieces
    return None


def _in_sequence(markers: list[re.Match[str]]) -> list[re.Match[str]]:
    """The markers that continue the sequence the first one starts ("(1) ... (2) ..."); the
    others ("Copyright (c) ...", "see (ii) above") are words of an item."""
    if not markers:
        return []
    kept = [markers[0]]
    for marker in markers[1:]:
        labels = [m.group("label") or m.group("bare") for m in kept]
        candidate = marker.group("label") or marker.group("bare")
        if _sequential([*labels, candidate]):
            kept.append(marker)
    return kept if _sequential([m.group("label") or m.group("bare") for m in kept]) else []


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
    level: int = 0
    label: str = ""
    from_split: bool = False
    indent: int = 0


_DEFINITIONS = re.compile(r"^\W*(?:definitions?|interpretation)\b\W*(?:$|[A-Z])", re.IGNORECASE)
#: A title line is a heading below every Markdown heading: it ends no Markdown section.
_TITLE_LEVEL = 7


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
        if block.kind is UnitKind.HEADING or _is_title_line(block):
            level = block.level if block.kind is UnitKind.HEADING else _TITLE_LEVEL
            numberer.reset()
            pending.append(_Pending(UnitKind.HEADING, text, block.line, context, [], level=level))
            continue
        kind = block.kind
        if kind is UnitKind.ITEM:
            levels = numberer.place(_read_marker(block.marker), block.indent)
        elif block.split and pending and _opens_list(pending[-1]):
            # One line of an unmarked list under a lead-in ("... include:"): an item of it.
            kind = UnitKind.ITEM
            pieces = _split_run(text) or [text]
            for piece in pieces:
                levels = numberer.place(_Marker("bullet", ""), block.indent + 1)
                pending.append(
                    _Pending(
                        kind,
                        piece,
                        block.line,
                        context,
                        levels,
                        label=block.label,
                        from_split=True,
                        indent=block.indent,
                    )
                )
            continue
        else:
            levels = numberer.snapshot()
        split = _split_flattened(text)
        if split is None:
            pending.append(_Pending(kind, text, block.line, context, levels, label=block.label, indent=block.indent))
        else:
            head, pieces = split
            pending.append(
                _Pending(kind, head, block.line, context, levels, pieces, label=block.label, indent=block.indent)
            )
    return _definitions(_units(pending))


def _opens_list(entry: _Pending) -> bool:
    """A lead-in line ending with a colon, or an item of the unmarked list it opened."""
    return entry.text.rstrip().endswith(":") or (entry.kind is UnitKind.ITEM and entry.from_split)


def _units(pending: list[_Pending]) -> list[Unit]:
    units: list[Unit] = []
    for entry in pending:
        section = _join(entry.context, _render(entry.levels))
        depth = len(entry.levels)
        units.append(
            Unit(
                entry.kind,
                entry.text,
                entry.line,
                section,
                depth,
                level=entry.level,
                label=entry.label,
                indent=entry.indent,
            )
        )
        for index, piece in enumerate(entry.pieces, start=1):
            units.append(Unit(UnitKind.ITEM, piece, entry.line, _child(section, _to_alpha(index)), depth + 1, True))
    return units


def _definitions(units: list[Unit]) -> tuple[Unit, ...]:
    """Mark the units of a definitions section as not operative.

    A section is a heading called "Definitions" (until the next heading at its level or above) or
    an item or paragraph that starts with that word (until the next unit at its depth or above).
    """
    out: list[Unit] = []
    heading_level: int | None = None
    item: Unit | None = None
    for unit in units:
        starts = bool(_DEFINITIONS.match(unit.label or unit.text))
        if unit.kind is UnitKind.HEADING:
            item = None
            if heading_level is not None and unit.level <= heading_level:
                heading_level = None
            if starts:
                heading_level = unit.level
            out.append(unit)
            continue
        if item is not None and not (unit.depth > item.depth or (unit.kind is not UnitKind.ITEM and not unit.depth)):
            item = None
        if item is not None and unit.kind is not UnitKind.ITEM and unit.depth <= item.depth and item.depth:
            item = None
        inside = heading_level is not None or item is not None
        if starts:
            item = unit
            inside = True
        out.append(replace(unit, operative=False) if inside else unit)
    return tuple(out)


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


def body_text(units: tuple[Unit, ...]) -> str:
    """The document's readable text: every unit's label and text (front matter and the other
    half of a bilingual text left out), as wording fingerprints are taken from it."""
    return "\n".join(f"{u.label} {u.text}" if u.label else u.text for u in units)
