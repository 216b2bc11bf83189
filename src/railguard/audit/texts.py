"""What the audit reads in a repository's files: licence texts, copyright notices, notice lines.

A licence file is read with the licence reader (:mod:`railguard.parse`) and identified against
the catalogue. Only a text that *names* a licence near its top counts as identified: the reader's
nearest match by restrictions alone is kept as evidence but never used to say that a file is
another licence than the card declares.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from railguard.lazyre import lazy

if TYPE_CHECKING:
    from railguard.model import Licence
    from railguard.parse import ParsedLicence

#: The reader's score from which a licence is identified by its own title (a text that names the
#: licence near its top scores at least this; a match by restriction categories alone scores less).
TITLE_SCORE = 0.55

# NOTE: a notice line starts with the word or the sign (after comment marks); prose that merely
# mentions copyright ("the above copyright notice shall be included") does not.
_NOTICE = lazy(r"^[ \t#*/;!\"'>|-]{0,8}(?:copyright\b|©)(?P<rest>[^\n]{0,300})$", re.IGNORECASE | re.MULTILINE)
#: What makes a line a notice rather than a heading ("Copyright and Similar Rights"): a year, the sign, the reservation.
_NOTICE_MARK = lazy(r"\b(?:1[89]|20)\d\d\b|©|\(c\)|all rights reserved", re.IGNORECASE)
#: A template's blank left unfilled: ``<year>``, ``[yyyy]``, ``[name of copyright owner]``, ``{fullname}``.
_PLACEHOLDER = lazy(
    r"[<\[{][^>\]}\n]{0,40}(?:year|yyyy|name|owner|holder|author|fullname|organi[sz]ation)[^>\]}\n]{0,40}[>\]}]",
    re.IGNORECASE,
)
_NOT_ALNUM = lazy(r"[^0-9a-z]+")
#: The mark of a licence stub written by ``audit --fix``: it names a licence but is not its text.
STUB_MARK = "railguard stub"


def fold(text: str) -> str:
    """Lower case with everything but letters and digits removed, to find a notice in any layout."""
    return _NOT_ALNUM.sub("", text.casefold())


@dataclass(frozen=True, slots=True)
class Notices:
    """The copyright notices of one text.

    Attributes:
        lines: (line, text) of every filled-in copyright notice.
        blanks: (line, text) of template notices whose blanks were never filled (``<year>``).
    """

    lines: tuple[tuple[int, str], ...] = ()
    blanks: tuple[tuple[int, str], ...] = ()


def copyright_notices(text: str) -> Notices:
    """The copyright notices in ``text``, filled-in and left blank."""
    if "opyright" not in text and "©" not in text and "(c)" not in text.lower():
        return Notices()
    lines: list[tuple[int, str]] = []
    blanks: list[tuple[int, str]] = []
    for match in _NOTICE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        whole = match.group(0).strip(" \t#*/;!\"'>|-")
        if _PLACEHOLDER.search(whole):
            blanks.append((line, whole))
        elif _NOTICE_MARK.search(whole):
            lines.append((line, whole))
    return Notices(tuple(lines), tuple(blanks))


@dataclass(frozen=True, slots=True)
class Reading:
    """One licence file as the audit reads it.

    Attributes:
        name: the file, as a path below the repository's top.
        problem: why the file could not be read as a licence text (binary, too large), else ``None``.
        parsed: what the licence reader found in it.
        licence: the catalogue licence the text names itself as (see :data:`TITLE_SCORE`), else ``None``.
        nearest: the nearest catalogue licence by the reader, named or not.
        notices: its copyright notices.
        folded: its text as :func:`fold` gives it, to look notices up in.
        stub: the file is a stub ``audit --fix`` wrote, not a licence text.
        body_start: the first line after any front matter (YAML ``---`` or TOML ``+++``).
    """

    name: str
    problem: str | None
    parsed: ParsedLicence | None = None
    licence: Licence | None = None
    nearest: Licence | None = None
    notices: Notices = Notices()
    folded: str = ""
    stub: bool = False
    body_start: int = 1

    @property
    def categories(self) -> frozenset[str]:
        """The restriction categories the text carries, with those it takes in from a policy by reference."""
        if self.parsed is None:
            return frozenset()
        found = self.parsed.identification
        return self.parsed.categories | frozenset(found.by_reference)

    def evidence(self) -> str:
        """How the reader identified the file, for a message: its title and how its restrictions compare."""
        if self.parsed is None or self.nearest is None:
            return "no catalogue licence is close to it"
        found = self.parsed.identification
        parts = []
        if self.parsed.title:
            parts.append(f"its title `{_short(self.parsed.title)}`")
        parts.append(f"similarity {found.score:.2f}")
        if found.exact:
            parts.append("the same restrictions and duties")
        elif found.added or found.dropped:
            parts.append(f"{len(found.added)} restriction(s) added, {len(found.dropped)} dropped")
        return ", ".join(parts)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


#: Readings of texts already read in this process, by content digest: a run over many
#: repositories meets the same few licence texts again and again.
_READ: dict[tuple[str, str], Reading] = {}


def _body_start(text: str) -> int:
    """The first line after front matter (licence databases and site generators add some)."""
    lines = text.split("\n", 200)
    if lines and lines[0].strip() in ("---", "+++"):
        fence = lines[0].strip()
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == fence), None)
        if end is not None:
            return end + 2
    return 1


def read_licence(name: str, text: str) -> Reading:
    """Read one licence text (memoised by content, so many copies of one text cost one parse)."""
    key = (name, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    found = _READ.get(key)
    if found is not None:
        return found
    from railguard.parse import parse_text

    parsed = parse_text(text, name)
    identification = parsed.identification
    nearest = identification.licence
    licence = nearest if nearest is not None and identification.score >= TITLE_SCORE else None
    reading = Reading(
        name, None, parsed, licence, nearest, copyright_notices(text), fold(text), STUB_MARK in text, _body_start(text)
    )
    if len(_READ) < 4096:
        _READ[key] = reading
    return reading
