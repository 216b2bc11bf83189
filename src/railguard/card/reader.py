"""Read a model card into its front matter (with the position of every top-level key) and body.

Real cards are messy: Windows or old-Mac line ends, a UTF-8 byte-order mark, blank lines before
the opening ``---``, no licence at all. All of those read. What cannot be read as a card (no
front matter, YAML that does not parse, front matter that is not a mapping) is returned as a
:class:`CardProblem` with its line, never raised: to the linter a broken card is a finding.
Only a file that cannot be opened at all raises.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from railguard.lazyre import lazy
from railguard.safeyaml import YAMLLimitError, load_front_matter

if TYPE_CHECKING:
    from pathlib import Path

#: Cards are small; a larger file is not a model card (and keeps YAML work bounded).
MAX_CARD_BYTES = 2 * 1024 * 1024

_ATX = lazy(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = lazy(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = lazy(r"^ {0,3}(`{3,}|~{3,})")


class CardProblem(NamedTuple):
    """Why a card's front matter cannot be read.

    Attributes:
        kind: ``missing`` (no front matter), ``invalid`` (not YAML, or never closed), ``refused``
            (beyond the bounds of safe YAML: an alias bomb, deep nesting), ``unreadable`` (binary, or
            too large to be a card) or ``not-mapping``.
        message: one sentence naming the problem.
        line, col: 1-based position in the file.
    """

    kind: str
    message: str
    line: int
    col: int = 1


class Section(NamedTuple):
    """A Markdown heading of the body and the lines it governs.

    Attributes:
        title: the heading text, without the ``#`` marks.
        level: 1 to 6.
        line: the 1-based line of the heading.
        end: the 1-based line where the section ends (exclusive): the next heading of the same
            or a higher level, or the end of the file.
    """

    title: str
    level: int
    line: int
    end: int


class ModelCard:
    """A card as read from disk (or from a string, for tests and ``--fix``); treat as immutable.

    Attributes:
        path: the file, as given.
        text: the whole text with line ends normalised to ``\\n`` and any BOM removed.
        meta: the front matter (empty when ``problem`` is set).
        keys: top-level key -> (line, column) of the key, 1-based, in the file.
        values: top-level key -> (line, column) where its value starts.
        front_matter: the lines of the opening and closing ``---`` (1-based), when found.
        problem: why the front matter cannot be used, if it cannot.
        newline: the file's dominant line end, kept by ``--fix``.
        bom: whether the file started with a UTF-8 byte-order mark, kept by ``--fix``.
    """

    # NOTE: a plain class, not a dataclass: creating a dataclass costs about a millisecond at
    # import, a noticeable share of a cold `railguard lint`.
    def __init__(
        self,
        path: str,
        text: str,
        meta: dict[str, Any] | None = None,
        keys: dict[str, tuple[int, int]] | None = None,
        values: dict[str, tuple[int, int]] | None = None,
        front_matter: tuple[int, int] | None = None,
        problem: CardProblem | None = None,
        newline: str = "\n",
        bom: bool = False,
    ) -> None:
        self.path = path
        self.text = text
        self.meta: dict[str, Any] = meta if meta is not None else {}
        self.keys: dict[str, tuple[int, int]] = keys if keys is not None else {}
        self.values: dict[str, tuple[int, int]] = values if values is not None else {}
        self.front_matter = front_matter
        self.problem = problem
        self.newline = newline
        self.bom = bom

    def __repr__(self) -> str:
        return f"ModelCard({self.path!r}, problem={self.problem!r})"

    @functools.cached_property
    def lines(self) -> list[str]:
        """The lines of the text (line ``n`` is ``lines[n - 1]``)."""
        return self.text.split("\n")

    @property
    def body_start(self) -> int:
        """The first line after the front matter (1 when there is none)."""
        return self.front_matter[1] + 1 if self.front_matter else 1

    @functools.cached_property
    def body(self) -> str:
        """The text after the front matter."""
        return "\n".join(self.lines[self.body_start - 1 :])

    @functools.cached_property
    def prose(self) -> str:
        """The body with fenced code blocks blanked out (line count kept), for searching the text."""
        out: list[str] = []
        fence: str | None = None
        for line in self.lines[self.body_start - 1 :]:
            opener = _FENCE.match(line)
            if fence is not None:
                if opener is not None and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                    fence = None
                out.append("")
            elif opener is not None:
                fence = opener.group(1)
                out.append("")
            else:
                out.append(line)
        return "\n".join(out)

    def body_position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of an offset into :attr:`body` or :attr:`prose`."""
        before = self.prose[:offset]
        line = before.count("\n")
        col = offset - (before.rfind("\n") + 1) + 1
        return self.body_start + line, col

    @functools.cached_property
    def sections(self) -> tuple[Section, ...]:
        """Every heading of the body outside fenced code blocks, in order."""
        return _sections(self.lines, self.body_start)

    def position(self, key: str) -> tuple[int, int]:
        """Where a front-matter key stands; the opening ``---`` (or line 1) when it is absent."""
        if key in self.keys:
            return self.keys[key]
        return (self.front_matter[0] if self.front_matter else 1), 1

    def value_position(self, key: str) -> tuple[int, int]:
        """Where a front-matter key's value starts (the key's position when unknown)."""
        return self.values.get(key) or self.position(key)

    def section_text(self, section: Section) -> str:
        """The lines under a heading, the heading excluded."""
        return "\n".join(self.lines[section.line : section.end - 1])


def _sections(lines: list[str], start: int) -> tuple[Section, ...]:
    found: list[tuple[str, int, int]] = []
    fence: str | None = None
    previous_text = False
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        opener = _FENCE.match(line)
        if fence is not None:
            if opener is not None and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            previous_text = False
            continue
        if opener is not None:
            fence = opener.group(1)
            previous_text = False
            continue
        atx = _ATX.match(line)
        if atx is not None:
            found.append(((atx.group(2) or "").strip(), len(atx.group(1)), number))
            previous_text = False
            continue
        setext = _SETEXT.match(line)
        if setext is not None and previous_text:
            found.append((lines[number - 2].strip(), 1 if setext.group(1)[0] == "=" else 2, number - 1))
            previous_text = False
            continue
        previous_text = bool(line.strip()) and not line.lstrip().startswith(("<", "|", ">"))
    sections: list[Section] = []
    for index, (title, level, start_line) in enumerate(found):
        end = len(lines) + 1
        for _, later_level, later_line in found[index + 1 :]:
            if later_level <= level:
                end = later_line
                break
        sections.append(Section(title, level, start_line, end))
    return tuple(sections)


def _decode(data: bytes) -> tuple[str, str, bool]:
    """Text with ``\\n`` line ends, the original line end, and whether there was a BOM."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        # NOTE: the BOM cut off by hand: the `utf-8-sig` codec would be one more module to import.
        text = (data[3:] if bom else data).decode("utf-8", errors="replace")
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, newline, bom


def parse_card(text: str, path: str = "README.md", *, newline: str = "\n", bom: bool = False) -> ModelCard:
    """Read a card from its (``\\n``-normalised) text."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    base = ModelCard(path, text, newline=newline, bom=bom)
    if start >= len(lines) or lines[start].strip() != "---":
        problem = CardProblem("missing", f"`{path}` has no YAML front matter (a `---` block at the top)", 1)
        return _with(base, problem=problem)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problem = CardProblem(
            "invalid", f"the front matter of `{path}` opens at line {start + 1} but is never closed by `---`", start + 1
        )
        return _with(base, problem=problem)
    front = (start + 1, end + 1)
    first = start + 2  # the file line of the front matter's first line
    try:
        loaded_data, loaded_keys, loaded_values = load_front_matter("\n".join(lines[start + 1 : end]))
    except YAMLLimitError as exc:
        mark = exc.problem_mark
        line = first + mark.line if mark is not None else first
        problem = CardProblem("refused", f"the front matter of `{path}` is refused: {exc.problem}", line)
        return _with(base, front_matter=front, problem=problem)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first + mark.line if mark is not None else first
        col = mark.column + 1 if mark is not None else 1
        what = getattr(exc, "problem", None) or "not valid YAML"
        context = getattr(exc, "context", None)
        detail = f"{context}, {what}" if context else what
        opened = getattr(exc, "context_mark", None)
        if opened is not None and mark is not None and opened.line != mark.line:
            detail += f" (it starts at line {first + opened.line})"
        problem = CardProblem("invalid", f"the front matter of `{path}` is not valid YAML: {detail}", line, col)
        return _with(base, front_matter=front, problem=problem)
    data = loaded_data if loaded_data is not None else {}
    if not isinstance(data, dict):
        problem = CardProblem(
            "not-mapping", f"the front matter of `{path}` is a {_kind(data)}, not a mapping of keys to values", first
        )
        return _with(base, front_matter=front, problem=problem)
    keys = {k: (first + line, col + 1) for k, (line, col) in loaded_keys.items()}
    values = {k: (first + line, col + 1) for k, (line, col) in loaded_values.items()}
    return _with(base, meta=data, keys=keys, values=values, front_matter=front)


def _with(card: ModelCard, **changes: Any) -> ModelCard:
    fields = ("path", "text", "meta", "keys", "values", "front_matter", "problem", "newline", "bom")
    return ModelCard(**{**{f: getattr(card, f) for f in fields}, **changes})


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def read_card_file(path: str | Path) -> ModelCard:
    """Read a card from disk.

    Raises:
        InputError: the file does not exist or cannot be opened (the card cannot be linted).
    """
    from railguard.readfile import read_input

    return read_card_bytes(read_input(path, "a model card", MAX_CARD_BYTES), str(path))


def read_card_bytes(data: bytes, name: str) -> ModelCard:
    """Read a card from the bytes of a file (or of standard input) named ``name``."""
    if len(data) > MAX_CARD_BYTES:
        problem = CardProblem("unreadable", f"`{name}` is larger than 2 MiB, so it is not read as a model card", 1)
        return ModelCard(name, "", problem=problem)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ModelCard(name, "", problem=CardProblem("unreadable", f"`{name}` is a binary file, not a model card", 1))
    text, newline, bom = _decode(data)
    return parse_card(text, name, newline=newline, bom=bom)
