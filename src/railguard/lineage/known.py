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
from typing import Any, NamedTuple

import yaml

from railguard.catalogue import load_catalogue
from railguard.errors import LicenceDataError
from railguard.lineage.model import ModelEntry
from railguard.resources import data_dir

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
    path = f"licences/{MODELS_FILE}"
    folder = data_dir("licences")
    table = KnownModels()
    if not (folder / MODELS_FILE).is_file():
        return table
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load((folder / MODELS_FILE).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise LicenceDataError([f"{path}: not valid YAML: {exc}"]) from exc
    body = data.get("models") if isinstance(data, dict) else None
    if not isinstance(body, dict):
        raise LicenceDataError([f"{path}: expected a mapping `models: {{id: {{licence: ...}}}}`"])
    catalogue = load_catalogue()
    problems: list[str] = []
    for model_id, spec in body.items():
        where = f"{path}: at models.{model_id}"
        if not isinstance(spec, dict) or not isinstance(spec.get("licence"), str):
            problems.append(f"{where}: expected a mapping with a `licence`")
            continue
        licence = catalogue.find(spec["licence"])
        if licence is None:
            problems.append(f"{where}.licence: unknown licence `{spec['licence']}`")
            continue
        checked, source = _date(spec.get("checked")), _text(spec.get("source"))
        if checked is None or source is None:
            problems.append(f"{where}: expected `checked` (the date the licence was read) and `source`")
            continue
        earlier: list[Earlier] = []
        for index, item in enumerate(spec.get("earlier") or ()):
            before = catalogue.find(item.get("licence", "")) if isinstance(item, dict) else None
            until = _date(item.get("until")) if isinstance(item, dict) else None
            if before is None or until is None:
                problems.append(f"{where}.earlier[{index}]: expected a catalogue `licence` and its end date (`until`)")
                continue
            earlier.append(Earlier(before.id, until, _text(item.get("source")) or source))
        bases = spec.get("base_model") or ()
        bases = (bases,) if isinstance(bases, str) else tuple(bases)
        key = str(model_id).lower()
        table[key] = ModelEntry(str(model_id), licence.id, bases, file=path)
        table.provenance[key] = Provenance(checked, source, tuple(earlier))
    for entry in table.values():
        for base in entry.base_models:
            if base.lower() not in table:
                problems.append(f"{path}: at models.{entry.id}.base_model: `{base}` is not in the table")
    grants = data.get("licensors") or {}
    if not isinstance(grants, dict):
        problems.append(f"{path}: expected `licensors: {{licence: [hub organisation, ...]}}`")
        grants = {}
    for name, orgs in grants.items():
        licence = catalogue.find(str(name))
        if licence is None:
            problems.append(f"{path}: at licensors.{name}: unknown licence `{name}`")
            continue
        if not isinstance(orgs, list) or not all(isinstance(o, str) and o.strip() for o in orgs):
            problems.append(f"{path}: at licensors.{name}: expected a list of Hub organisations")
            continue
        table.licensors[licence.id] = frozenset(o.strip().lower() for o in orgs)
    if problems:
        raise LicenceDataError(problems)
    return table
