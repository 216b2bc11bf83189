"""The table of well-known base models (``licences/_models.yaml``).

Each entry gives a model's licence, the date it was checked and where (``source``: ``card`` for the
model card's metadata on the Hugging Face Hub, else a URL), its base models when they are in the
table too, and, for a model whose licence changed, the ``earlier`` licences with the date each
ended. ``licensors`` names the Hub organisations that grant each licence: a model they publish is
the licensor's own release and does not inherit that licence (``railguard.lineage.engine``).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from railguard.catalogue import load_catalogue
from railguard.catalogue.datafile import line_of, read_optional_table
from railguard.lineage.model import ModelEntry

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue
    from railguard.catalogue.schema import Checker

MODELS_FILE = "_models.yaml"


class Earlier(NamedTuple):
    """A licence a well-known model was published under before its current one."""

    licence: str
    until: str
    source: str


class Provenance(NamedTuple):
    """Where a well-known model's licence was read, and when."""

    checked: str
    source: str
    earlier: tuple[Earlier, ...] = ()


class KnownModels(dict[str, ModelEntry]):
    """Well-known models by lower-case id, with where each licence was read and who grants which licence.

    Attributes:
        provenance: lower-case model id -> when and where its licence was checked.
        licensors: licence id -> the Hub organisations (lower case) that grant it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.provenance: dict[str, Provenance] = {}
        self.licensors: dict[str, frozenset[str]] = {}

    def with_entries(self, extra: Mapping[str, ModelEntry]) -> KnownModels:
        """A copy with more models (looked up on the Hub), keeping provenance and licensors."""
        more = KnownModels()
        more.update(self)
        more.update(extra)
        more.provenance = self.provenance
        more.licensors = self.licensors
        return more


def _date(value: Any) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


@functools.cache
def known_models() -> KnownModels:
    """Well-known models by lower-case id, each with its licence and base models.

    Raises:
        LicenceDataError: the table is malformed, names an unknown licence or an unknown base model,
            or an entry lacks the date it was checked or its source.
    """
    table = KnownModels()
    found = read_optional_table(MODELS_FILE, {"models": True, "licensors": False})
    if found is None:
        return table
    catalogue = load_catalogue()
    check = found.check
    models = check.mapping(found.data.get("models"), line_of(found.data, "models"), "models")
    for model_id, spec in (models or {}).items():
        line = line_of(models, model_id)
        _add_model(table, catalogue, check, str(model_id), spec, line, found.path)
    for entry in table.values():
        for base in entry.base_models:
            if base.lower() not in table:
                line = line_of(models, entry.id)
                check.fail(line, f"models.{entry.id}.base_model", f"`{base}` is not in the table")
    grants = found.data.get("licensors")
    if grants is not None:
        _add_licensors(table, catalogue, check, check.mapping(grants, line_of(found.data, "licensors"), "licensors"))
    found.done()
    return table


def _add_model(
    table: KnownModels, catalogue: Catalogue, check: Checker, model_id: str, spec: Any, line: int, path: str
) -> None:
    """Add one entry of ``models:`` to ``table``, or report why it cannot be read."""
    where = f"models.{model_id}"
    if not isinstance(spec, dict) or not isinstance(spec.get("licence"), str):
        check.fail(line, where, "expected a mapping with a `licence`")
        return
    licence = catalogue.find(spec["licence"])
    if licence is None:
        check.fail(line, f"{where}.licence", f"unknown licence `{spec['licence']}`")
        return
    checked, source = _date(spec.get("checked")), _text(spec.get("source"))
    if checked is None or source is None:
        check.fail(line, where, "expected `checked` (the date the licence was read) and `source`")
        return
    earlier: list[Earlier] = []
    for index, item in enumerate(spec.get("earlier") or ()):
        before = catalogue.find(item.get("licence", "")) if isinstance(item, dict) else None
        until = _date(item.get("until")) if isinstance(item, dict) else None
        if before is None or until is None:
            check.fail(line, f"{where}.earlier[{index}]", "expected a catalogue `licence` and its end date (`until`)")
            continue
        earlier.append(Earlier(before.id, until, _text(item.get("source")) or source))
    bases = spec.get("base_model") or ()
    bases = (bases,) if isinstance(bases, str) else tuple(bases)
    key = model_id.lower()
    table[key] = ModelEntry(model_id, licence.id, bases, file=path)
    table.provenance[key] = Provenance(checked, source, tuple(earlier))


def _add_licensors(table: KnownModels, catalogue: Catalogue, check: Checker, grants: Mapping[Any, Any] | None) -> None:
    """Record ``licensors:`` (licence -> the Hub organisations that grant it) in ``table``."""
    for name, orgs in (grants or {}).items():
        line = line_of(grants, name)
        licence = catalogue.find(str(name))
        if licence is None:
            check.fail(line, f"licensors.{name}", f"unknown licence `{name}`")
            continue
        if not isinstance(orgs, list) or not all(isinstance(o, str) and o.strip() for o in orgs):
            check.fail(line, f"licensors.{name}", "expected a list of Hub organisations")
            continue
        table.licensors[licence.id] = frozenset(o.strip().lower() for o in orgs)
