"""Model families that cards name in prose (``licences/_families.yaml``), for RG416."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from railguard.errors import LicenceDataError

FAMILIES_FILE = "_families.yaml"


@dataclass(frozen=True)
class Family:
    """A family of models published under one licence that passes terms down."""

    name: str
    pattern: re.Pattern[str]
    licence: str
    example: str


@functools.cache
def families() -> tuple[Family, ...]:
    """The families of the catalogue's table, in the table's order.

    Raises:
        LicenceDataError: the table is malformed or has a bad pattern.
    """
    # NOTE: the licence ids are not looked up here: loading the catalogue would cost a cold lint
    # more than the rest of this check. tests/lint/test_families.py checks that each is a catalogue id.
    import yaml

    from railguard.resources import data_dir

    path = f"licences/{FAMILIES_FILE}"
    file = data_dir("licences") / FAMILIES_FILE
    if not file.is_file():
        return ()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise LicenceDataError([f"{path}: not valid YAML: {exc}"]) from exc
    items = data.get("families") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LicenceDataError([f"{path}: expected `families:` followed by a list"])
    found: list[Family] = []
    problems: list[str] = []
    for number, item in enumerate(items, start=1):
        where = f"{path}: family {number}"
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in FIELDS):
            problems.append(f"{where}: expected a mapping with {', '.join(f'`{k}`' for k in FIELDS)}")
            continue
        try:
            pattern = re.compile(item["pattern"], re.IGNORECASE)
        except re.error as exc:
            problems.append(f"{where}: `pattern` is not a regular expression: {exc}")
            continue
        found.append(Family(item["name"], pattern, item["licence"], item["example"]))
    if problems:
        raise LicenceDataError(problems)
    return tuple(found)


FIELDS = ("name", "pattern", "licence", "example")
