"""Clause lists folded into ranges: ``AUP 1(a)(i), AUP 1(a)(ii), ..., AUP 4`` reads ``AUP 1(a)(i)–4``.

A finding about twenty inherited restrictions cites twenty sections. Where they are consecutive
in the licence's own order (no section of the licence left out between them), the run is shown
as its first and last section. The full list stays in the machine formats.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from railguard.report.escape import printable

if TYPE_CHECKING:
    from railguard.model import Finding

#: Runs shorter than this are listed as they are: "a, b" reads better than "a–b".
_SHORTEST_RUN = 3
_NUMBERED = re.compile(r"[\d(]")
#: A name in backticks in a message: a licence the finding is about may be among them.
_NAMED = re.compile(r"`([^`\s]+)`")


def _stem(section: str) -> str:
    """The words before a section's number: ``AUP`` of ``AUP 1(a)``, ``Attachment A`` of ``Attachment A (b)``."""
    words = section.split(" ")
    for index, word in enumerate(words):
        if _NUMBERED.search(word):
            return " ".join(words[:index])
    return section


def _split(group: str, known: Sequence[str]) -> list[str]:
    """A comma-separated list of sections, keeping known sections that hold a comma whole."""
    out: list[str] = []
    rest = group
    while rest:
        match = next((s for s in sorted(known, key=len, reverse=True) if rest == s or rest.startswith(s + ", ")), None)
        if match is None:
            match, _, _ = rest.partition(", ")
        out.append(match)
        rest = rest[len(match) + 2 :]
    return out


def fold(clause: str, order: Sequence[str]) -> str:
    """``clause`` (``; ``-separated groups of ``, ``-separated sections) with consecutive runs folded.

    ``order`` is every section of the licence in the licence's order.

    >>> order = ["1.b.iv", "AUP 1(a)", "AUP 1(b)", "AUP 2", "AUP 3", "AUP 4"]
    >>> fold("1.b.iv, AUP 1(a), AUP 1(b), AUP 2, AUP 3, AUP 4; 1.b.i", order)
    '1.b.iv, AUP 1(a)–4; 1.b.i'
    >>> fold("AUP 1(a), AUP 2, AUP 3, AUP 4", order)
    'AUP 1(a), AUP 2–4'
    >>> fold("AUP 1(a), AUP 2", order)
    'AUP 1(a), AUP 2'
    """
    place = {section: index for index, section in enumerate(dict.fromkeys(order))}
    groups = []
    for group in clause.split("; "):
        sections = _split(group, list(place))
        runs: list[list[str]] = []
        for section in sections:
            last = runs[-1][-1] if runs else None
            if (
                last is not None
                and section in place
                and last in place
                and place[section] == place[last] + 1
                and _stem(section) == _stem(last)
            ):
                runs[-1].append(section)
            else:
                runs.append([section])
        groups.append(", ".join(_run(run) for run in runs))
    return "; ".join(groups)


def _run(run: list[str]) -> str:
    if len(run) < _SHORTEST_RUN:
        return ", ".join(run)
    first, last = run[0], run[-1]
    stem = _stem(first)
    tail = last[len(stem) :].lstrip() if stem and last.startswith(stem) else last
    return f"{first}–{tail}"


@functools.cache
def _order(licence_id: str) -> tuple[str, ...]:
    from railguard.catalogue import load_catalogue

    licence = load_catalogue().find(licence_id)
    if licence is None:
        return ()
    return tuple(r.section for r in licence.restrictions) + tuple(o.section for o in licence.obligations)


def _hits(clause: str, order: Sequence[str]) -> int:
    """How many of the clause's sections the order holds."""
    known = set(order)
    return sum(1 for group in clause.split("; ") for section in _split(group, list(known)) if section in known)


@functools.cache
def _best_order(clause: str) -> tuple[str, ...]:
    """The section order of the catalogue licence that holds most of the clause's sections."""
    from railguard.catalogue import load_catalogue

    best: tuple[str, ...] = ()
    best_hits = 0
    for licence in load_catalogue():
        order = _order(licence.id)
        hits = _hits(clause, order)
        if hits > best_hits:
            best, best_hits = order, hits
    return best


@functools.cache
def folded(clause: str, *licence_ids: str | None) -> str:
    """``clause`` folded in the order of the first catalogue licence of ``licence_ids`` that holds
    three or more of its sections.

    Without one, the licence that holds most of its sections gives the order (a search through
    the whole catalogue); a clause of fewer than three sections is returned as it is.
    """
    if clause.count(",") < _SHORTEST_RUN - 1:
        return clause
    order: tuple[str, ...] = ()
    for licence_id in dict.fromkeys(filter(None, licence_ids)):
        candidate = _order(licence_id)
        if _hits(clause, candidate) >= _SHORTEST_RUN:
            order = candidate
            break
    if not order:
        order = _best_order(clause)
    return fold(clause, order) if order else clause


def cited(clause: str | None, *licence_ids: str | None) -> str:
    """`` (clause ...)`` after a message: the clause :func:`folded` and safe to print; nothing without
    a clause. Every text a person reads cites a clause this way (:func:`cited_by`)."""
    return f" (clause {printable(folded(clause, *licence_ids))})" if clause else ""


def cited_by(finding: Finding) -> str:
    """:func:`cited` for a finding (lint, lineage, compat, permits, audit, GitHub, SBOM annotations).

    The clause is a section of a licence the finding names: its ``licence``, its ``upstream``, or
    one its message names in backticks (RG301 names the inherited licence whose sections it cites,
    while its ``licence`` is the one the model declares), tried in that order.
    """
    if not finding.clause:
        return ""
    return cited(finding.clause, finding.licence, finding.upstream, *_NAMED.findall(finding.message))
