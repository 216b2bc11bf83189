"""What the audit reads in a repository's files: licence texts, copyright notices, notice lines.

A licence file is read with the licence reader (:mod:`railguard.parse`), whose identification
says what the file is (:attr:`Reading.identity`):

* ``published``: a catalogue licence's published wording, nothing the reader can tell changed
  (exact, or differing from the catalogue entry only where the reader cannot see the entry's terms
  in the published text either: :attr:`railguard.parse.identify.Identification.as_published`);
* ``edited``: that wording with restrictions, clauses or the duty to pass them on added or removed
  (the reader's :class:`~railguard.parse.identify.Edit` is the evidence);
* ``titled``: it names itself as a catalogue licence, and its wording was not matched, either
  because the catalogue holds no published wording for that licence or because the text differs
  from it (another version, or an edited copy);
* ``policy``: a catalogue licence's separately published use policy, not the licence;
* ``relative``: it only shares part of a licence's wording, or resembles its restrictions (a
  licence derived from another one, such as a modified Apache-2.0): evidence, never identity;
* ``unknown``: nothing in the catalogue is close.

Only the first three say that a file *is* a licence's text.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from railguard.lazyre import lazy

if TYPE_CHECKING:
    from railguard.model import Licence
    from railguard.parse import ParsedLicence
    from railguard.parse.identify import Identification

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


#: What a licence file is, by the reader's identification (see the module documentation).
IDENTITIES = ("published", "edited", "titled", "policy", "relative", "unknown")
#: The identities that make a file the text of its licence.
TEXTS = frozenset({"published", "edited", "titled"})


@dataclass(frozen=True, slots=True)
class Reading:
    """One licence file as the audit reads it.

    Attributes:
        name: the file, as a path below the repository's top.
        problem: why the file could not be read as a licence text (binary, too large), else ``None``.
        parsed: what the licence reader found in it.
        nearest: the catalogue licence the reader's identification names (its text, its policy,
            or only a relative), else ``None``.
        identity: what the file is (:data:`IDENTITIES`); ``""`` when it could not be read.
        notices: its copyright notices.
        folded: its text as :func:`fold` gives it, to look notices up in.
        stub: the file is a stub ``audit --fix`` wrote, not a licence text.
        body_start: the first line after any front matter (YAML ``---`` or TOML ``+++``).
        path: the file below the repository's top, as messages name it (``name`` is where findings
            point: a path as given, or a Hub address).
    """

    name: str
    problem: str | None
    parsed: ParsedLicence | None = None
    nearest: Licence | None = None
    identity: str = ""
    notices: Notices = Notices()
    folded: str = ""
    stub: bool = False
    body_start: int = 1
    path: str = ""

    @property
    def shown(self) -> str:
        """How messages name the file."""
        return self.path or self.name

    @property
    def licence(self) -> Licence | None:
        """The catalogue licence whose text the file is (published, edited or titled so), else ``None``."""
        return self.nearest if self.identity in TEXTS else None

    @property
    def policy_of(self) -> Licence | None:
        """The catalogue licence whose use policy the file is, else ``None``."""
        return self.nearest if self.identity == "policy" else None

    @property
    def categories(self) -> frozenset[str]:
        """The restriction categories the text carries, with those it takes in from a policy by reference."""
        if self.parsed is None:
            return frozenset()
        found = self.parsed.identification
        return self.parsed.categories | frozenset(found.by_reference)

    def evidence(self) -> str:
        """How the reader identified the file, for a message: what matched, and how it differs."""
        if self.parsed is None or self.nearest is None:
            return "no catalogue licence is close to it"
        found = self.parsed.identification
        ident = self.nearest.id
        if self.identity == "published":
            return f"its wording is the published `{ident}` text, similarity {found.score:.2f}"
        if self.identity == "edited":
            return f"its wording is the published `{ident}` text, edited: {edit_text(found)}"
        if self.identity == "policy":
            return f"its wording is the published use policy of `{ident}`"
        if self.identity == "titled":
            title = f"its title `{_short(self.parsed.title)}` names `{ident}`"
            if not has_wording(ident):
                return f"{title}; railguard holds no published wording of `{ident}` to compare"
            return f"{title}, and its wording matches the published text only at {found.score:.2f}"
        if found.basis == "relative":
            return f"it shares part of the wording of `{ident}`, similarity {found.score:.2f}, but is not its text"
        return f"its restrictions resemble those of `{ident}`, similarity {found.score:.2f}, but its wording does not"


def has_wording(licence_id: str) -> bool:
    """Whether railguard holds the published wording (fingerprint) of a catalogue licence."""
    return licence_id in _worded()


@functools.cache
def _worded() -> frozenset[str]:
    from railguard.parse.wording import load_references

    return frozenset(r.licence for r in load_references() if r.role == "licence")


def edit_text(found: Identification) -> str:
    """The reader's evidence of an edit, in words (against the published wording, else the entry)."""
    edit = found.edit
    added = edit.added if edit is not None else found.added
    dropped = edit.dropped if edit is not None else found.dropped
    novel = edit.novel if edit is not None else found.novel
    parts = []
    if dropped:
        parts.append("drops " + ", ".join(f"`{c}`" for c in dropped))
    if added:
        parts.append("adds " + ", ".join(f"`{c}`" for c in added))
    if novel:
        parts.append(f"adds {len(novel)} restriction clause(s) the published text lacks (`{_short(novel[0])}`)")
    if edit is not None and edit.duty is not None:
        parts.append(f"{'adds' if edit.duty else 'drops'} the duty to pass its restrictions on")
    return " and ".join(parts) or "words its clauses differently"


def identity_of(found: Identification) -> str:
    """What a text is, by the reader's identification (see the module documentation)."""
    if found.licence is None:
        return "unknown"
    if found.document == "policy":
        return "policy"
    if found.basis == "wording":
        return "published" if found.as_published else "edited"
    if found.basis == "title":
        return "titled"
    return "relative"


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


def _without_the_licences_own(notices: Notices, text: str, licence: Licence) -> Notices:
    """The notices of a licence's text without those that are part of the licence document.

    The catalogue records them on the licence's ``licence-copy`` duty (what a copy of it holds):
    ``document_notice``, the holders of the document's own copyright (the Free Software
    Foundation's on the GPL), and ``ends_at``, the line that ends the terms, after which come
    instructions with an example notice (the Apache licence's appendix). Neither is the
    repository's copyright notice.
    """
    from railguard.model import ObligationKind

    holders: list[str] = []
    ends: list[str] = []
    for obligation in licence.obligations_of(ObligationKind.LICENCE_COPY):
        holders.extend(fold(str(h)) for h in obligation.param("document_notice") or ())
        if obligation.param("ends_at"):
            ends.append(fold(str(obligation.param("ends_at"))))
    if not holders and not ends:
        return notices
    last = None
    if ends:
        lines = text.split("\n")
        last = next((n for n, line in enumerate(lines, start=1) if fold(line) in ends), None)
    kept = tuple(
        (line, notice)
        for line, notice in notices.lines
        if not any(holder in fold(notice) for holder in holders if holder) and (last is None or line < last)
    )
    return Notices(kept, notices.blanks) if len(kept) != len(notices.lines) else notices


def read_licence(name: str, text: str) -> Reading:
    """Read one licence text (memoised by content, so many copies of one text cost one parse)."""
    key = (name, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    found = _READ.get(key)
    if found is not None:
        return found
    from railguard.parse import parse_text

    parsed = parse_text(text, name)
    identification = parsed.identification
    identity = identity_of(identification)
    notices = copyright_notices(text)
    if identity in TEXTS and identification.licence is not None:
        notices = _without_the_licences_own(notices, text, identification.licence)
    reading = Reading(
        name,
        None,
        parsed,
        identification.licence,
        identity,
        notices,
        fold(text),
        STUB_MARK in text,
        _body_start(text),
    )
    if len(_READ) < 4096:
        _READ[key] = reading
    return reading
