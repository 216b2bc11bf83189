"""The table of well-known base models (``licences/_models.yaml``)."""

from __future__ import annotations

import functools

import yaml

from railguard.catalogue import load_catalogue
from railguard.errors import LicenceDataError
from railguard.lineage.model import ModelEntry
from railguard.resources import data_dir

MODELS_FILE = "_models.yaml"


@functools.cache
def known_models() -> dict[str, ModelEntry]:
    """Well-known models by lower-case id, each with its licence and base models.

    Raises:
        LicenceDataError: the table is malformed, names an unknown licence or an unknown base model.
    """
    path = f"licences/{MODELS_FILE}"
    folder = data_dir("licences")
    if not (folder / MODELS_FILE).is_file():
        return {}
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
    table: dict[str, ModelEntry] = {}
    for model_id, spec in body.items():
        where = f"{path}: at models.{model_id}"
        if not isinstance(spec, dict) or not isinstance(spec.get("licence"), str):
            problems.append(f"{where}: expected a mapping with a `licence`")
            continue
        licence = catalogue.find(spec["licence"])
        if licence is None:
            problems.append(f"{where}.licence: unknown licence `{spec['licence']}`")
            continue
        bases = spec.get("base_model") or ()
        bases = (bases,) if isinstance(bases, str) else tuple(bases)
        table[str(model_id).lower()] = ModelEntry(str(model_id), licence.id, bases, file=path)
    for entry in table.values():
        for base in entry.base_models:
            if base.lower() not in table:
                problems.append(f"{path}: at models.{entry.id}.base_model: `{base}` is not in the table")
    if problems:
        raise LicenceDataError(problems)
    return table
