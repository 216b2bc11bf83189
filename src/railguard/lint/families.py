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
    licensor: str | None = None


@functools.cache
def families() -> tuple[Family, ...]:
    """The families of the catalogue's table, in the table's order.

    Read through the catalogue's snapshot (:func:`railguard.catalogue.snapshot.table`): a cold
    lint of a card that says what it is built on pays for neither the YAML reader nor the schema.

    Raises:
        LicenceDataError: the table is malformed or has a bad pattern.
    """
    from railguard.catalogue.snapshot import table

    return table("lint-families", _families_of, check=_check_rows)


def _families_of(rows: list[list[str | None]]) -> tuple[Family, ...]:
    return tuple(
        Family(str(name), _compile(str(pattern), licensor), str(licence), str(example), licensor)
        for name, pattern, licence, example, licensor in rows
    )


def _check_rows(rows: object) -> None:
    if not isinstance(rows, list) or not all(
        isinstance(row, list)
        and len(row) == 5
        and all(isinstance(v, str) for v in row[:4])
        and (row[4] is None or isinstance(row[4], str))
        for row in rows
    ):
        raise TypeError("not a families table")


def family_rows() -> list[list[str | None]]:
    """The derived table ``lint-families``: [name, pattern, licence, example, licensor] per family,
    read from ``licences/_families.yaml`` and checked (each pattern compiles).

    Raises:
        LicenceDataError: the table is malformed or has a bad pattern.
    """
    # NOTE: the licence ids are not looked up here: loading the catalogue would cost a cold lint
    # more than the rest of this check. tests/lint/test_families.py checks that each is a catalogue id.
    from railguard.catalogue.datafile import line_of, read_optional_table

    table = read_optional_table(FAMILIES_FILE, {"families": True})
    if table is None:
        return []
    check = table.check
    items = check.sequence(table.data, "families", "")
    found: list[list[str | None]] = []
    for number, item in enumerate(items):
        where, line = f"families[{number}]", line_of(items, number)
        entry = check.mapping(item, line, where)
        if entry is None:
            continue
        check.keys(entry, {**dict.fromkeys(FIELDS, True), "licensor": False}, where)
        fields = [check.string(entry, key, where, required=True) for key in FIELDS]
        name, pattern, licence, example = fields
        licensor = check.string(entry, "licensor", where, required=False)
        if name is None or pattern is None or licence is None or example is None:
            continue
        try:
            _compile(pattern, licensor)
        except re.error as exc:
            check.fail(line_of(entry, "pattern"), f"{where}.pattern", f"not a regular expression: {exc}")
            continue
        found.append([name, pattern, licence, example, licensor])
    table.done()
    return found


FIELDS = ("name", "pattern", "licence", "example")


def _compile(pattern: str, licensor: str | None) -> re.Pattern[str]:
    return re.compile(_owned(licensor) + f"(?:{pattern})", re.IGNORECASE)


def _owned(licensor: str | None) -> str:
    """The pattern for the licensor's possessive before the family's name ("Meta's Llama 3")."""
    if not licensor:
        return ""
    words = r"\s+".join(re.escape(word) for word in licensor.split())
    return rf"(?:(?<![\w.]){words}['\u2019]?s\s+)?"
