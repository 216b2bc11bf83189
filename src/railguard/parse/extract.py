"""Assemble the rule model from clause units and their signals.

Restrictions are the items that a prohibition lead-in governs ("You agree not to use the Model:"
followed by a list), plus stand-alone prohibition sentences ("shall not be used ... to violate
human rights"); each takes the categories the lexicon gives its text. Obligations come from the
clause signals, with their parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from railguard.model import Obligation, ObligationKind, Restriction, RestrictionKind
from railguard.parse.clauses import Signal, SignalKind, sentences, signals
from railguard.parse.lexicon import Lexicon
from railguard.parse.outline import Unit, UnitKind

_RESTRICTION_HEADING = re.compile(
    r"\b(?:use\s+restrictions|prohibited\s+uses?|restricted\s+uses?|use[- ]based\s+restrictions)\b", re.IGNORECASE
)
# A lead-in that announces a list of restrictions without a prohibition verb:
# "... and you must adhere to the following license restrictions:"
_RESTRICTION_LEADIN = re.compile(
    r"\b(?:following|these)\s+(?:(?:licen[sc]e|use|usage)\s+)?(?:restrictions|prohibitions|prohibited\s+uses)\s*:$",
    re.IGNORECASE,
)
_SUMMARY_LIMIT = 240
_PROHIBITIONS = frozenset({SignalKind.USE_PROHIBITION, SignalKind.MODAL_PROHIBITION})
_BINDING = frozenset({SignalKind.INCORPORATION, SignalKind.USE_PROHIBITION})

_OBLIGATION_OF: dict[SignalKind, ObligationKind] = {
    SignalKind.FLOW_DOWN: ObligationKind.FLOW_DOWN,
    SignalKind.SAME_LICENCE: ObligationKind.SAME_LICENCE,
    SignalKind.NO_FURTHER_RESTRICTIONS: ObligationKind.NO_FURTHER_RESTRICTIONS,
    SignalKind.SCALE_LIMIT: ObligationKind.SCALE_LIMIT,
    SignalKind.NAMING: ObligationKind.NAMING,
    SignalKind.DISPLAY_NOTICE: ObligationKind.DISPLAY_NOTICE,
    SignalKind.ATTRIBUTION: ObligationKind.ATTRIBUTION,
    SignalKind.LICENCE_COPY: ObligationKind.LICENCE_COPY,
    SignalKind.STATE_CHANGES: ObligationKind.STATE_CHANGES,
    SignalKind.SOURCE_DISCLOSURE: ObligationKind.SOURCE_DISCLOSURE,
    SignalKind.PATENT_RETALIATION: ObligationKind.PATENT_RETALIATION,
    SignalKind.LATEST_VERSION: ObligationKind.USE_LATEST_VERSION,
}


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the text says, before it is compared with the catalogue."""

    restrictions: tuple[Restriction, ...]
    obligations: tuple[Obligation, ...]
    commercial: bool | None


@dataclass
class _Scope:
    """An open prohibition lead-in and the list it governs.

    ``licensee`` is set when the lead-in itself excludes licensees ("Be an individual or entity
    that:"), so the items under it say who may not be a licensee.
    """

    unit: Unit
    licensee: bool = False

    def governs(self, unit: Unit) -> bool:
        if unit.kind is not UnitKind.ITEM:
            return False
        lead = self.unit
        if lead.kind is UnitKind.ITEM:
            if unit.depth > lead.depth:
                return True
            return bool(lead.section) and unit.section.startswith(lead.section + ".")
        return True


def _summary(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1].rstrip() + "…"


def _is_leadin(unit: Unit, found: tuple[Signal, ...]) -> bool:
    kinds = {s.kind for s in found}
    opens_list = unit.text.rstrip().endswith((":", "to", "following"))
    if SignalKind.USE_PROHIBITION in kinds and opens_list:
        return True
    if SignalKind.LICENSEE_CLAUSE in kinds and unit.text.rstrip().endswith(":"):
        return True
    if _RESTRICTION_LEADIN.search(unit.text.rstrip()):
        return True
    return SignalKind.MODAL_PROHIBITION in kinds and unit.text.rstrip().endswith(":")


def _is_licensee_clause(unit: Unit, found: tuple[Signal, ...]) -> bool:
    return unit.kind is UnitKind.ITEM and any(s.kind is SignalKind.LICENSEE_CLAUSE for s in found)


def _categorised(
    lexicon: Lexicon, text: str, kind: RestrictionKind, unit: Unit, *, commercial: bool = True
) -> list[Restriction]:
    """One restriction per lexicon category of ``text`` (without non-commercial unless asked)."""
    return [
        Restriction(category, kind, unit.section, _summary(text), unit.line)
        for category in lexicon.categorise(text)
        if commercial or category != "non-commercial"
    ]


def extract(units: tuple[Unit, ...], lexicon: Lexicon) -> Extraction:
    """Read restrictions, obligations and the commercial flag out of the units."""
    restrictions: list[Restriction] = []
    obligations: list[Obligation] = []
    scope: _Scope | None = None
    non_commercial: list[Unit] = []
    commercial_ok = False
    for unit in units:
        parts = [(sentence, signals(sentence)) for sentence in sentences(unit.text)] if unit.text else []
        unit_signals = tuple(sig for _, found in parts for sig in found)
        if unit.kind is UnitKind.HEADING:
            scope = _Scope(unit) if _RESTRICTION_HEADING.search(unit.text) else None
            continue
        licensee = _is_licensee_clause(unit, unit_signals)
        leadin = _is_leadin(unit, unit_signals)
        if scope is not None and scope.governs(unit):
            kind = RestrictionKind.LICENSEE if licensee or scope.licensee else RestrictionKind.USE
            restrictions += _categorised(lexicon, unit.text, kind, unit)
            if licensee and leadin and not scope.licensee:
                # "Be an individual or entity that:" inside a prohibition list: its own items
                # name who may not be a licensee.
                scope = _Scope(unit, licensee=True)
        elif licensee:
            # An item that begins "Be an individual or entity ..." excludes licensees even
            # where its lead-in is missing (a Hippocratic 3.0 module, an excerpt).
            restrictions += _categorised(lexicon, unit.text, RestrictionKind.LICENSEE, unit)
            scope = _Scope(unit, licensee=True) if leadin else None
        elif unit.kind is UnitKind.ITEM and any(s.kind is SignalKind.WRONGFUL_ACT for s in unit_signals):
            # An item that itself names culpable conduct ("Commit ecocide", "Knowingly employ ...")
            # is a prohibition even where its lead-in is missing.
            restrictions += _categorised(lexicon, unit.text, RestrictionKind.USE, unit)
            scope = None
        elif leadin:
            scope = _Scope(unit)
        elif scope is not None and (unit.kind is not UnitKind.ITEM or not scope.governs(unit)):
            scope = None
        governed = scope is not None and scope.unit is not unit and scope.governs(unit)
        for sentence, found in parts:
            kinds = {s.kind for s in found}
            excludes = SignalKind.GRANT_EXCLUSION in kinds
            prohibits = excludes or SignalKind.USE_PROHIBITION in kinds or SignalKind.LAWFUL_USE in kinds
            if prohibits and not leadin and not governed:
                kind = RestrictionKind.LICENSEE if excludes else RestrictionKind.USE
                restrictions += _categorised(lexicon, sentence, kind, unit, commercial=False)
            summary, section, line = _summary(sentence), unit.section, unit.line
            if SignalKind.TRAIN_OTHER_MODELS in kinds and kinds & _PROHIBITIONS:
                restrictions.append(Restriction("train-other-models", RestrictionKind.USE, section, summary, line))
            if SignalKind.NON_COMMERCIAL in kinds:
                non_commercial.append(unit)
                restrictions.append(Restriction("non-commercial", RestrictionKind.USE, section, summary, line))
            if SignalKind.COMMERCIAL_GRANT in kinds:
                commercial_ok = True
            if SignalKind.POLICY_REFERENCE in kinds and (kinds & _BINDING or "comply" in sentence.lower()):
                obligations.append(Obligation(ObligationKind.ACCEPTABLE_USE_POLICY, section, summary, (), line))
            for sig in found:
                duty = _OBLIGATION_OF.get(sig.kind)
                if duty is None:
                    continue
                params = ((sig.param, sig.value),) if sig.param and sig.value is not None else ()
                obligations.append(Obligation(duty, section, summary, params, line))
    if commercial_ok:
        # A licence that grants commercial use beside a research grant restricts nothing commercial.
        restrictions = [r for r in restrictions if r.category != "non-commercial"]
    restricted = bool(non_commercial) or any(r.category == "non-commercial" for r in restrictions)
    commercial: bool | None = commercial_ok or not restricted
    return Extraction(_dedupe(restrictions), _dedupe(obligations), commercial)


def _dedupe(items: list) -> tuple:  # type: ignore[type-arg]
    seen: dict[object, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)
