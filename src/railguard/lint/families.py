"""Model families that cards name in prose (``licences/_families.yaml``), for RG416."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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
    from railguard.catalogue.datafile import line_of, read_optional_table

    table = read_optional_table(FAMILIES_FILE, {"families": True})
    if table is None:
        return ()
    check = table.check
    items = check.sequence(table.data, "families", "")
    found: list[Family] = []
    for number, item in enumerate(items):
        where, line = f"families[{number}]", line_of(items, number)
        entry = check.mapping(item, line, where)
        if entry is None:
            continue
        check.keys(entry, dict.fromkeys(FIELDS, True), where)
        fields = [check.string(entry, key, where, required=True) for key in FIELDS]
        name, pattern, licence, example = fields
        if name is None or pattern is None or licence is None or example is None:
            continue
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            check.fail(line_of(entry, "pattern"), f"{where}.pattern", f"not a regular expression: {exc}")
            continue
        found.append(Family(name, compiled, licence, example))
    table.done()
    return tuple(found)


FIELDS = ("name", "pattern", "licence", "example")
