"""Licence exceptions (SPDX ``WITH`` additions): what each one lifts, and the licence it leaves.

The data is ``licences/_exceptions.yaml`` (our own words). ``<licence> WITH <exception>`` is read
as a composed licence: the catalogue licence with the exception's lifted duties removed, or, for a
lift that holds only ``towards`` some licences (LLVM's for GPL-2.0), marked on the duty so that
only a derivative under one of those licences may set it aside. Its id is
``"<licence id> WITH <exception id>"``, which :meth:`railguard.catalogue.Catalogue.find` resolves
back through :func:`compose_with`, so every part of railguard that names licences by id (the
lineage engine, ``permits``, reports) handles it like any other.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from railguard.errors import LicenceDataError
from railguard.model import Licence, Obligation, ObligationKind
from railguard.model.names import normalise

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue

EXCEPTIONS_FILE = "_exceptions.yaml"
#: The word that joins a licence and its exception in a composed id (``gpl-2.0 WITH ...``).
WITH = " WITH "
#: An obligation parameter: the licence ids towards which an exception lets this duty be set aside.
WAIVED_FOR = "waived_for"


@dataclass(frozen=True, slots=True)
class LicenceException:
    """One exception railguard knows (an entry of ``licences/_exceptions.yaml``)."""

    id: str
    spdx: str
    name: str
    url: str
    applies_to: tuple[str, ...]
    summary: str
    lifts: tuple[ObligationKind, ...]
    condition: str
    reach: str = "linking"
    towards: tuple[str, ...] = ()
    droppable: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the exception answers to."""
        return (self.id, self.spdx, *self.aliases)


_FIELDS = {
    "id": str,
    "spdx": str,
    "name": str,
    "url": str,
    "applies_to": list,
    "summary": str,
    "lifts": list,
    "condition": str,
    "reach": str,
    "towards": list,
    "droppable": bool,
    "aliases": list,
}
_REQUIRED = ("id", "spdx", "name", "url", "applies_to", "summary", "lifts", "reach", "condition")
#: ``derivatives``: the lift holds for every work built on the licensed one (verdicts change);
#: ``linking``: only for works that link with or merely use it (a derivative stays bound).
REACHES = ("derivatives", "linking")


def parse_exceptions(
    data: Any, path: str, licence_ids: frozenset[str]
) -> tuple[dict[str, LicenceException], list[str]]:
    """Validate the exceptions file; return the exceptions by every normalised name, and the problems."""
    problems: list[str] = []
    items = data.get("exceptions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}, [f"{path}: expected `exceptions:` followed by a list"]
    kinds = {kind.value: kind for kind in ObligationKind}
    index: dict[str, LicenceException] = {}
    for number, item in enumerate(items):
        where = f"{path}: at exceptions[{number}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        bad = [f"{where}: unknown key `{key}`" for key in item if key not in _FIELDS]
        bad += [f"{where}: `{key}` is required" for key in _REQUIRED if key not in item]
        bad += [
            f"{where}.{key}: expected {_FIELDS[key].__name__}"
            for key, value in item.items()
            if key in _FIELDS and not isinstance(value, _FIELDS[key])
        ]
        if bad:
            problems.extend(bad)
            continue
        for key in ("applies_to", "towards"):
            problems.extend(
                f"{where}.{key}: no licence `{name}`" for name in item.get(key, ()) if name not in licence_ids
            )
        problems.extend(f"{where}.lifts: no obligation kind `{kind}`" for kind in item["lifts"] if kind not in kinds)
        if item["reach"] not in REACHES:
            problems.append(f"{where}.reach: expected one of {', '.join(REACHES)}, got `{item['reach']}`")
        if item.get("towards") and item["reach"] != "derivatives":
            problems.append(f"{where}.towards: needs `reach: derivatives`")
        exception = LicenceException(
            id=item["id"],
            spdx=item["spdx"],
            name=item["name"],
            url=item["url"],
            applies_to=tuple(item["applies_to"]),
            summary=" ".join(item["summary"].split()),
            lifts=tuple(kinds[k] for k in item["lifts"] if k in kinds),
            condition=" ".join(item["condition"].split()),
            reach=item["reach"],
            towards=tuple(item.get("towards", ())),
            droppable=item.get("droppable", False),
            aliases=tuple(str(a) for a in item.get("aliases", ())),
        )
        for name in exception.names:
            owner = index.setdefault(normalise(name), exception)
            if owner is not exception:
                problems.append(f"{where}: name `{name}` also names `{owner.id}`")
    return index, problems


@functools.cache
def exception_index() -> dict[str, LicenceException]:
    """Every known exception by each of its normalised names.

    Raises:
        LicenceDataError: the exceptions file is malformed.
    """
    from railguard.catalogue import load_catalogue
    from railguard.catalogue.datafile import read_table

    table = read_table(EXCEPTIONS_FILE, {"exceptions": True})
    path, data = table.path, table.data
    table.done()
    index, problems = parse_exceptions(data, path, frozenset(load_catalogue().licences))
    if problems:
        raise LicenceDataError(problems)
    return index


def find_exception(name: str) -> LicenceException | None:
    """The exception called ``name`` (its id, SPDX id or an alias, any case), or ``None``."""
    key = normalise(name)
    if key.startswith("licenseref-scancode-"):
        key = key[len("licenseref-scancode-") :]
    return exception_index().get(key)


def with_exception(licence: Licence, exception: LicenceException) -> Licence:
    """``licence`` with ``exception`` attached, as a licence of its own.

    An exception that reaches derivatives removes the lifted duties (or, ``towards`` some
    licences, marks them as waivable for those). One that reaches only linking works leaves the
    duties in place: a derivative of the work itself stays bound, and the parser reports what the
    exception would allow (RG355). A ``droppable`` exception lets derivatives take the licence
    alone, so the composed licence accepts it under its same-licence duty.
    """
    obligations: list[Obligation] = []
    for obligation in licence.obligations:
        if exception.reach == "derivatives" and obligation.kind in exception.lifts:
            if not exception.towards:
                continue
            params = dict(obligation.params)
            params[WAIVED_FOR] = tuple(dict.fromkeys((*params.get(WAIVED_FOR, ()), *exception.towards)))
            obligation = replace(obligation, params=tuple(sorted(params.items())))
        elif exception.droppable and obligation.kind is ObligationKind.SAME_LICENCE:
            params = dict(obligation.params)
            params["compatible"] = tuple(dict.fromkeys((licence.id, *params.get("compatible", ()))))
            obligation = replace(obligation, params=tuple(sorted(params.items())))
        obligations.append(obligation)
    spdx = f"{licence.spdx}{WITH}{exception.spdx}" if licence.spdx else None
    return replace(
        licence,
        id=f"{licence.id}{WITH}{exception.id}",
        name=f"{licence.name} with the {exception.name}",
        obligations=tuple(obligations),
        aliases=(),
        spdx=spdx,
        scancode=None,
        hub=None,
        components=(licence.id, exception.id),
        notes=f"{licence.notes or ''} With the {exception.name}: {exception.summary}".strip(),
    )


def compose_with(catalogue: Catalogue, key: str) -> Licence | None:
    """Resolve a normalised ``<licence>-with-<exception>`` name (what :meth:`Catalogue.find` asks).

    ``None`` unless both parts are known and the exception is written for the licence.
    """
    head, sep, tail = key.rpartition("-with-")
    if not sep:
        return None
    exception = find_exception(tail)
    licence = catalogue.find(head)
    if exception is None or licence is None or licence.id not in exception.applies_to:
        return None
    return with_exception(licence, exception)


def waived(obligation: Obligation, derivative_id: str) -> bool:
    """Whether an exception lets a derivative under ``derivative_id`` set ``obligation`` aside."""
    return derivative_id in obligation.param(WAIVED_FOR, ())
