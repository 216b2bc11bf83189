"""``-or-later`` and ``+``: a licence version and every later version of it in the catalogue.

A licence's *series* is its catalogue id without the trailing version (``gpl-2.0`` is version
2.0 of ``gpl``, ``cc-by-nc-sa-3.0`` version 3.0 of ``cc-by-nc-sa``, ``hippocratic-2.1`` version
2.1 of ``hippocratic``). ``GPL-2.0-or-later`` is then every catalogue licence of the series
``gpl`` from 2.0 on: ``gpl-2.0`` and ``gpl-3.0``. The rule reads ids only, so a new version
added to the catalogue joins its series without code.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue
    from railguard.model import Licence

_VERSIONED = re.compile(r"^(?P<series>[a-z][a-z0-9.+_-]*?)-(?P<version>\d+(?:\.\d+)*)$")
#: Spellings of "this version or any later one": SPDX's ``-or-later`` and ``+``, ScanCode's ``-plus``.
_OR_LATER = re.compile(r"(?i)(?:-or-later|(?<!\+)\+|-plus)$")
#: SPDX's "this version only" suffix.
_ONLY = re.compile(r"(?i)-only$")
#: A versioned SPDX id with a variant after the version (``GFDL-1.3-no-invariants``): its series.
_VARIANT = re.compile(r"^(?P<series>[a-z][a-z0-9.+_-]*?)-(?P<version>\d+(?:\.\d+)*)(?:-[a-z][a-z-]*)?$")


def or_later_base(name: str) -> str | None:
    """The licence an or-later name starts from, or ``None`` when ``name`` is not one.

    >>> or_later_base("GPL-2.0-or-later"), or_later_base("GPL-2.0+"), or_later_base("gpl-2.0-plus")
    ('GPL-2.0', 'GPL-2.0', 'gpl-2.0')
    >>> or_later_base("openrail++") is None and or_later_base("MIT") is None
    True
    """
    match = _OR_LATER.search(name)
    if match is None or name.endswith("++"):
        return None
    base = name[: match.start()].rstrip()
    return base or None


def only_base(name: str) -> str | None:
    """The licence a ``-only`` name is that one version of, or ``None`` when ``name`` is not one.

    >>> only_base("GFDL-1.3-only"), only_base("GPL-2.0-only"), only_base("MIT") is None
    ('GFDL-1.3', 'GPL-2.0', True)
    """
    match = _ONLY.search(name)
    if match is None:
        return None
    return name[: match.start()].rstrip() or None


def series_of(licence_id: str) -> tuple[str, tuple[int, ...]] | None:
    """The series and version of a catalogue id, or ``None`` when its id carries no version.

    >>> series_of("cc-by-nc-sa-3.0"), series_of("llama3.1"), series_of("gpl")
    (('cc-by-nc-sa', (3, 0)), None, None)
    """
    match = _VERSIONED.match(licence_id)
    if match is None:
        return None
    return match.group("series"), tuple(int(part) for part in match.group("version").split("."))


@functools.cache
def _series(catalogue: Catalogue) -> dict[str, tuple[tuple[tuple[int, ...], str], ...]]:
    found: dict[str, list[tuple[tuple[int, ...], str]]] = {}
    for ident in catalogue.licences:
        parsed = series_of(ident)
        if parsed is not None:
            found.setdefault(parsed[0], []).append((parsed[1], ident))
    return {series: tuple(sorted(members)) for series, members in found.items()}


def or_later(catalogue: Catalogue, licence: Licence) -> tuple[str, ...]:
    """``licence`` and every later version of it in the catalogue, oldest first."""
    parsed = series_of(licence.id)
    if parsed is None:
        return (licence.id,)
    series, version = parsed
    return tuple(ident for number, ident in _series(catalogue).get(series, ()) if number >= version)


def family_of(catalogue: Catalogue, base: str, *, variant: bool = False) -> Licence | None:
    """The catalogue entry for a whole family (``gpl``, ``gfdl``) that a version railguard lacks belongs to.

    ``GFDL-1.2`` (bare, ``-only`` or ``-or-later``, with a variant such as ``-no-invariants`` or
    not) names a version the catalogue has no entry for; its family entry (``gfdl``, read
    conservatively and reported as ambiguous) is the honest answer. Only a family the catalogue
    marks ambiguous answers: a version of any other series stays unknown. ``variant``: ``base``
    came before ``-only`` / ``-or-later``, where SPDX puts a variant after the version; a bare
    name's words after a version are part of its name (``BSD-2-Clause``).
    """
    match = (_VARIANT if variant else _VERSIONED).match(base.strip().lower().replace(" ", "-"))
    if match is None:
        return None
    licence = catalogue.find(match.group("series"))
    return licence if licence is not None and licence.ambiguous else None


def versions_of(catalogue: Catalogue, name: str) -> tuple[str, ...]:
    """The catalogue ids one licence name stands for, as choices; empty when it names none.

    A known name is its licence; ``X-or-later`` is X and every later version; ``X-only`` is
    version X exactly; a version the catalogue lacks, in any of these spellings, is its family
    entry when the catalogue has an ambiguous one (``GFDL-1.2``, ``GFDL-1.3-only`` -> ``gfdl``).
    """
    base = or_later_base(name)
    if base is not None:
        first = catalogue.find(base)
        if first is not None:
            return or_later(catalogue, first)
    found = catalogue.find(name)
    if found is not None:
        return (found.id,)
    exact = only_base(name) if base is None else None
    if exact is not None:
        found = catalogue.find(exact)
        if found is not None and series_of(found.id) is not None:
            return (found.id,)
    family = family_of(catalogue, base or exact or name, variant=(base or exact) is not None)
    return (family.id,) if family is not None else ()
