"""The licence-reading pipeline behind :func:`railguard.parse.parse_text` (the package docstring names its stages)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from railguard.catalogue import load_catalogue
from railguard.model import Family, Licence, Obligation, ObligationKind, Restriction
from railguard.parse.extract import Extraction, extract
from railguard.parse.identify import Identification, Terms, identify
from railguard.parse.lexicon import load_lexicon
from railguard.parse.outline import Unit, UnitKind, body_text, outline
from railguard.parse.source import Source, decode, read_source
from railguard.parse.structure import parse_layout
from railguard.parse.wording import load_references, shingles

__all__ = ["ParsedLicence", "parse_file", "parse_source", "parse_text"]


@dataclass(frozen=True, slots=True)
class ParsedLicence:
    """What a licence text says, and which catalogue licence it is nearest to.

    Attributes:
        source: the file name or label.
        title: the text's own title, or its first line.
        restrictions: one per category of each prohibited purpose, with section and line.
        obligations: the duties the text imposes.
        commercial: commercial use permitted (True), excluded (False), not addressed (None).
        identification: the nearest catalogue licence and the differences from it.
        prohibitions: prohibited purposes that no category names ("for Good, not Evil").
        binding: False when the text says it does not legally bind (a community norm).
        english: False when the text is mostly not English (railguard reads English texts).
    """

    source: str
    title: str
    restrictions: tuple[Restriction, ...]
    obligations: tuple[Obligation, ...]
    commercial: bool | None
    identification: Identification
    prohibitions: tuple[Restriction, ...] = ()
    binding: bool = True
    english: bool = True

    @property
    def recognised(self) -> bool:
        """Whether any clause (restriction, duty, prohibition) or a catalogue licence was recognised.

        When none was (RG103), nothing the text grants is established (see :attr:`commercial_verdict`).
        """
        return bool(self.restrictions or self.obligations or self.prohibitions or self.identification.licence)

    @property
    def commercial_verdict(self) -> bool | None:
        """Whether commercial use is permitted, as railguard states it (``parse``, ``explain FILE``, ``compat``).

        :attr:`commercial` is what the reader made of the grant; a grant read in a text where no
        clause was recognised (RG103: "Unlike the Apache License 2.0, this licence grants you ...
        research only") establishes nothing, so the verdict is unknown, as ``lineage`` treats such a
        ``licence_file``.
        """
        return self.commercial if self.recognised else None

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
            commercial=self.commercial_verdict,
            restrictions=self.restrictions,
            obligations=self.obligations,
        )


def parse_source(source: Source) -> ParsedLicence:
    """Parse a decoded licence text."""
    layout = parse_layout(source.text)
    units = outline(layout)
    lexicon = load_lexicon()
    catalogue = load_catalogue()
    extraction = extract(units, lexicon)
    declared = _front_matter_title(layout.front_matter)
    title = declared or _title(units)
    text = shingles(body_text(units))
    references = load_references()
    own_title = declared or _own_title(units)
    found = identify(text, own_title, _terms(extraction), catalogue, references, _clauses(extraction))
    vocabulary = _vocabulary(found, catalogue)
    if vocabulary:
        # NOTE: words that only the recognised licence uses ("Withhold Release Order") name its
        # categories; the sentences are parsed already (cached), so this pass is cheap.
        extraction = extract(units, lexicon, vocabulary)
        found = identify(text, own_title, _terms(extraction), catalogue, references, _clauses(extraction))
    return ParsedLicence(
        source.name,
        title,
        extraction.restrictions,
        extraction.obligations,
        extraction.commercial,
        found,
        extraction.prohibitions,
        extraction.binding,
        _english(units),
    )


def _clauses(extraction: Extraction) -> tuple[str, ...]:
    """The sentences that state restrictions (for spotting one added to a licence's wording)."""
    return tuple(dict.fromkeys(r.summary for r in (*extraction.restrictions, *extraction.prohibitions)))


def _terms(extraction: Extraction) -> Terms:
    obligations = extraction.obligations
    return Terms(
        frozenset(r.category for r in extraction.restrictions),
        any(o.kind is ObligationKind.FLOW_DOWN for o in obligations),
        extraction.commercial,
        references_policy=any(o.kind is ObligationKind.ACCEPTABLE_USE_POLICY for o in obligations),
    )


def _vocabulary(found: Identification, catalogue: object) -> dict[str, list[re.Pattern[str]]]:
    """The vocabulary of the recognised licence (and of the modules of a composition)."""
    licence = found.licence
    if licence is None or found.basis != "wording":
        return {}
    owners = [licence]
    get = getattr(catalogue, "find", None)
    if licence.components and get is not None:
        owners = [o for o in (get(c) for c in licence.components) if o is not None]
    out: dict[str, list[re.Pattern[str]]] = {}
    for owner in owners:
        for category, pattern in owner.vocabulary:
            out.setdefault(category, []).append(re.compile(pattern, re.IGNORECASE))
    return out


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


def _own_title(units: tuple[Unit, ...]) -> str:
    """The title a text gives itself: a heading or title line among its first lines.

    A sentence is not a title ("This model is NOT released under the MIT License."), and a
    licence named further down the text is a mention, not the text's name.
    """
    for unit in units[:4]:
        text = unit.text.strip()
        if unit.kind is UnitKind.ITEM or not text or text.lower().startswith(("copyright", "[")):
            continue
        titled = len(text) <= 100 and not text.endswith((".", ";", ",", ":")) and bool(_TITLE_WORDS.search(text))
        if unit.kind is UnitKind.HEADING or titled:
            return text
    return ""


_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(?:the|and|of|to|you|shall|any|or|in|for|this|use)\b", re.IGNORECASE)


def _english(units: tuple[Unit, ...]) -> bool:
    """Whether the text reads as English: its common function words make up part of it."""
    sample = " ".join(u.text for u in units)[:20000]
    words = len(sample.split())
    if words < 20:
        return True
    return len(_ENGLISH.findall(sample)) / words >= 0.08


def parse_text(text: str, name: str = "<text>") -> ParsedLicence:
    """Parse licence text given as a string."""
    return parse_source(decode(text.encode("utf-8"), name))


def parse_file(path: str | Path) -> ParsedLicence:
    """Read and parse a licence file.

    Raises:
        railguard.errors.InputError: missing, unreadable, binary or too large.
    """
    return parse_source(read_source(path))
