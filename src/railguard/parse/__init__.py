"""Read a licence text into the rule model.

``parse_text`` runs the pipeline: decode (``source``), the structure grammar (``structure``),
numbering and list repair (``outline``), the clause grammar on every sentence (``clauses``),
categories from the lexicon (``lexicon``), assembly (``extract``) and comparison with the
catalogue (``identify``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from railguard.catalogue import load_catalogue
from railguard.model import Family, Licence, Obligation, ObligationKind, Restriction
from railguard.parse.extract import extract
from railguard.parse.identify import Identification, identify
from railguard.parse.lexicon import load_lexicon
from railguard.parse.outline import Unit, UnitKind, outline
from railguard.parse.source import Source, decode, read_source
from railguard.parse.structure import parse_layout

__all__ = ["ParsedLicence", "parse_file", "parse_source", "parse_text"]


@dataclass(frozen=True, slots=True)
class ParsedLicence:
    """What a licence text says, and which catalogue licence it is nearest to."""

    source: str
    title: str
    restrictions: tuple[Restriction, ...]
    obligations: tuple[Obligation, ...]
    commercial: bool | None
    identification: Identification

    @property
    def categories(self) -> frozenset[str]:
        """The restricted categories."""
        return frozenset(r.category for r in self.restrictions)

    @property
    def flow_down(self) -> bool:
        """Whether the text passes its use restrictions on to recipients."""
        return any(o.kind is ObligationKind.FLOW_DOWN for o in self.obligations)

    def to_licence(self, prefer_catalogue: bool = True) -> Licence:
        """The rule model of this text as a :class:`Licence`.

        With ``prefer_catalogue``, a text recognised exactly as a catalogue licence is that
        licence (whose entry carries more than a text shows, such as compatible licences);
        otherwise the licence is built from what the text says, with the id ``file:<source>``.
        """
        found = self.identification
        if prefer_catalogue and found.licence is not None and found.exact:
            return found.licence
        return Licence(
            id=f"file:{self.source}",
            name=self.title or self.source,
            family=found.licence.family if found.licence is not None else Family.PROPRIETARY_RESEARCH,
            url=self.source,
            summary=f"Licence text parsed from {self.source}",
            commercial=self.commercial,
            restrictions=self.restrictions,
            obligations=self.obligations,
        )


def parse_source(source: Source) -> ParsedLicence:
    """Parse a decoded licence text."""
    layout = parse_layout(source.text)
    units = outline(layout)
    extraction = extract(units, load_lexicon())
    declared = _front_matter_title(layout.front_matter)
    title = declared or _title(units)
    # NOTE: a title declared in front matter is the document's own name; it leads the opening so
    # that it outranks licences the body mentions (Hippocratic 1.x quotes MIT-style wording).
    opening = " ".join([declared, *(u.text for u in units[:12])]).strip()
    restrictions = extraction.restrictions
    obligations = extraction.obligations
    flow_down = any(o.kind is ObligationKind.FLOW_DOWN for o in obligations)
    found = identify(
        opening,
        frozenset(r.category for r in restrictions),
        flow_down,
        extraction.commercial,
        load_catalogue(),
        references_policy=any(o.kind is ObligationKind.ACCEPTABLE_USE_POLICY for o in obligations),
    )
    return ParsedLicence(source.name, title, restrictions, obligations, extraction.commercial, found)


_FRONT_TITLE = re.compile(r"^title\s*[:=]\s*[\"']?(?P<title>[^\"'\n]+?)[\"']?\s*$", re.MULTILINE)


def _front_matter_title(front_matter: str | None) -> str:
    """The ``title`` of TOML (``title = "..."``) or YAML (``title: ...``) front matter, if any."""
    match = _FRONT_TITLE.search(front_matter or "")
    return match.group("title").strip() if match else ""


_TITLE_WORDS = re.compile(r"\b(?:licen[cs]e|agreement|policy|terms)\b", re.IGNORECASE)


def _title(units: tuple[Unit, ...]) -> str:
    """The licence's own title: an early short line that names a licence, else the first line."""
    candidates = [
        u.text
        for u in units[:10]
        if u.kind is not UnitKind.ITEM and 3 <= len(u.text) <= 120 and not u.text.lower().startswith("copyright")
    ]
    return next((t for t in candidates if _TITLE_WORDS.search(t)), candidates[0] if candidates else "")


def parse_text(text: str, name: str = "<text>") -> ParsedLicence:
    """Parse licence text given as a string."""
    return parse_source(decode(text.encode("utf-8"), name))


def parse_file(path: str | Path) -> ParsedLicence:
    """Read and parse a licence file.

    Raises:
        railguard.errors.InputError: missing, unreadable, binary or too large.
    """
    return parse_source(read_source(path))
