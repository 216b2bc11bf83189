"""Which catalogue licence a parsed text is, and how it differs from it.

A licence text names itself in its first lines ("CreativeML Open RAIL-M", "LLAMA 2 COMMUNITY
LICENSE AGREEMENT"); the title is matched against every catalogue name. The restrictions then
decide between "this is that licence" and "this is a variant of it": a RAIL licence with a
restriction added, dropped or reworded is reported as the nearest licence plus the differences.
Without a usable title, the nearest licence by restriction categories and duties is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from railguard.catalogue import Catalogue, compose
from railguard.model import Licence, ObligationKind
from railguard.model.names import normalise


@dataclass(frozen=True, slots=True)
class Identification:
    """The nearest catalogue licence and how the text differs from it.

    Attributes:
        licence: the nearest catalogue licence (``None`` when nothing is close).
        exact: the text carries the same restriction categories, flow-down and commercial flag.
        score: similarity in [0, 1].
        added: categories the text restricts that the catalogue entry does not.
        dropped: categories the catalogue entry restricts that the text does not.
        by_reference: categories that come from a policy the text incorporates by reference
            (an acceptable use policy published separately), so are not missing from it.
    """

    licence: Licence | None
    exact: bool
    score: float
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    by_reference: tuple[str, ...] = ()


_POLICY_SECTION = ("AUP", "PUP", "Policy", "Exhibit")


def _from_policy(licence: Licence) -> frozenset[str]:
    """Categories the licence restricts only through its separately published use policy."""
    inside = {r.category for r in licence.restrictions if not r.section.startswith(_POLICY_SECTION)}
    return frozenset(r.category for r in licence.restrictions if r.category not in inside)


@dataclass(frozen=True)
class _NameIndex:
    """Every catalogue name in one pattern, so a text's opening is scanned once."""

    pattern: re.Pattern[str]
    owners: dict[str, tuple[str, ...]]


_INDEXES: dict[int, tuple[Catalogue, _NameIndex]] = {}


def _name_index(catalogue: Catalogue) -> _NameIndex:
    cached = _INDEXES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    owners: dict[str, list[str]] = {}
    for licence in catalogue:
        for name in {normalise(n) for n in (licence.name, licence.id, *licence.names)}:
            if len(name) >= 6:
                owners.setdefault(name, []).append(licence.id)
    # NOTE: longest names first, so "llama-3.1-community-license" wins over "llama-3.1" at one position.
    keys = sorted(owners, key=lambda k: (-len(k), k))
    pattern = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![a-z0-9+])")
    index = _NameIndex(pattern, {k: tuple(v) for k, v in owners.items()})
    _INDEXES[id(catalogue)] = (catalogue, index)
    return index


def _name_positions(head: str, catalogue: Catalogue) -> dict[str, int]:
    """For each licence named in ``head``, the position of its first mention."""
    index = _name_index(catalogue)
    positions: dict[str, int] = {}
    for match in index.pattern.finditer(head):
        for ident in index.owners[match.group()]:
            positions.setdefault(ident, match.start())
    return positions


def _title_score(position: int | None) -> float:
    # NOTE: a licence names itself near its top; a name found later is often a reference to
    # another licence ("based on the Apache License"), so it counts for less.
    if position is None:
        return 0.0
    return 1.0 if position < 400 else 0.6


def _candidates(catalogue: Catalogue) -> list[Licence]:
    """Every catalogue licence, plus each composable core with all of its modules.

    A text that carries a core licence and every module it publishes (Hippocratic 3.0's full
    text, with its "(Module -- Ecocide)" clauses) is that composition, not the core with added
    restrictions; both bear the core's title, so the restrictions decide between them.
    """
    cached = _CANDIDATES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    found = list(catalogue)
    for licence in catalogue:
        modules = catalogue.modules_of(licence.id) if licence.full_modules else {}
        chosen = [modules[code] for code in sorted(set(licence.full_modules)) if code in modules]
        if chosen:
            found.append(compose(licence, chosen))
    _CANDIDATES[id(catalogue)] = (catalogue, found)
    return found


_CANDIDATES: dict[int, tuple[Catalogue, list[Licence]]] = {}


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def identify(
    opening: str,
    categories: frozenset[str],
    flow_down: bool,
    commercial: bool | None,
    catalogue: Catalogue,
    references_policy: bool = False,
) -> Identification:
    """Find the catalogue licence nearest to a parsed text.

    Args:
        opening: the first part of the text, where a licence names itself.
        categories: the restriction categories read from the text.
        flow_down: whether the text passes its restrictions on.
        commercial: the commercial flag read from the text.
        catalogue: the licences to compare with.
        references_policy: the text incorporates a use policy published elsewhere.
    """
    positions = _name_positions(normalise(opening[:2000]), catalogue) if opening else {}
    best: tuple[float, str, Licence] | None = None
    for licence in _candidates(catalogue):
        if licence.ambiguous:
            continue
        # NOTE: a composition is named by its core's title ("HIPPOCRATIC LICENSE").
        title_part = _title_score(positions.get(licence.components[0] if licence.components else licence.id))
        if title_part == 0.0 and (not categories or _jaccard(categories, licence.categories) < 0.8):
            # NOTE: without its name, only a close match of real restrictions identifies a licence;
            # two texts that restrict nothing are not thereby the same licence.
            continue
        expected = licence.categories - _from_policy(licence) if references_policy else licence.categories
        rules = _jaccard(categories, expected) if categories or expected else 1.0
        same_flow = 1.0 if flow_down == licence.has(ObligationKind.FLOW_DOWN) else 0.0
        same_commercial = 1.0 if commercial == licence.commercial else 0.0
        score = 0.55 * title_part + 0.3 * rules + 0.1 * same_flow + 0.05 * same_commercial
        key = (score, licence.id)
        if best is None or key > (best[0], best[1]):
            best = (score, licence.id, licence)
    if best is None or best[0] < 0.45:
        return Identification(None, False, round(best[0], 3) if best else 0.0)
    licence = best[2]
    by_reference = _from_policy(licence) - categories if references_policy else frozenset()
    added = tuple(sorted(categories - licence.categories))
    dropped = tuple(sorted(licence.categories - categories - by_reference))
    flows = licence.obligations_of(ObligationKind.FLOW_DOWN)
    # NOTE: a flow-down that the catalogue cites from the separately published policy reaches the
    # text's recipients through the incorporation, as its restrictions do.
    flow_by_reference = references_policy and any(o.section.startswith(_POLICY_SECTION) for o in flows)
    exact = (
        not added
        and not dropped
        and (flow_down == bool(flows) or (flow_by_reference and not flow_down))
        and (commercial == licence.commercial or licence.commercial is None)
    )
    return Identification(licence, exact, round(best[0], 3), added, dropped, tuple(sorted(by_reference)))
