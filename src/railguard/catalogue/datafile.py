"""The catalogue's data tables (``licences/_*.yaml``): one reader for all of them.

Every table is read by the line-aware loader (:mod:`railguard.catalogue.yamlfile`) and checked by
the schema machinery the licence files use (:class:`~railguard.catalogue.schema.Checker`): its
top-level keys against the table's spec, and no key given twice anywhere (PyYAML would keep the
last and drop the first without a word). The module that owns a table checks its entries with the
same checker, so every problem reads ``licences/<file>:<line>: at <key path>: <problem>`` and all of
a file's problems are reported at once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from railguard.catalogue.schema import Checker
from railguard.catalogue.yamlfile import LineDict, LineList
from railguard.errors import LicenceDataError


class Table:
    """One data table as read: its top-level mapping, and the checker that collects its problems.

    Attributes:
        data: the file's top-level mapping (line-aware).
        check: problems found so far; :meth:`done` raises them.
    """

    __slots__ = ("check", "data")

    def __init__(self, data: LineDict, check: Checker) -> None:
        self.data = data
        self.check = check

    @property
    def path(self) -> str:
        """The file as problems name it (``licences/_models.yaml``)."""
        return self.check.path

    def done(self) -> None:
        """Raise every problem found in the file.

        Raises:
            LicenceDataError: the file or one of its entries breaks the schema.
        """
        if self.check.problems:
            raise LicenceDataError(self.check.problems)


def read_table(name: str, keys: Mapping[str, bool]) -> Table:
    """Read and check the data table ``licences/<name>`` (``keys``: top-level key -> required).

    Raises:
        LicenceDataError: as :func:`read_optional_table`, or the file is absent.
    """
    table = read_optional_table(name, keys)
    if table is None:
        raise LicenceDataError([f"licences/{name}: cannot be read"])
    return table


def read_optional_table(name: str, keys: Mapping[str, bool]) -> Table | None:
    """:func:`read_table`, but ``None`` for an absent file (the table is then empty).

    Raises:
        LicenceDataError: the file is not YAML, is not a mapping, has a top-level key
            unknown or missing, or gives a key twice (each problem with its line).
    """
    import yaml

    from railguard.catalogue.yamlfile import load_yaml

    path = f"licences/{name}"
    text = _read(name)
    if text is None:
        return None
    check = Checker(path)
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        check.fail(mark.line + 1 if mark is not None else 0, "", f"not valid YAML: {getattr(exc, 'problem', exc)}")
        raise LicenceDataError(check.problems) from None
    top = check.mapping(data, 1, "")
    if top is None:
        raise LicenceDataError(check.problems)
    check.keys(top, keys, "")
    for key, value in top.items():
        _repeated(check, value, str(key))
    return Table(top, check)


def _read(name: str) -> str | None:
    """The file's text; ``None`` when it does not exist.

    Raises:
        LicenceDataError: it exists but cannot be read as UTF-8 text.
    """
    # NOTE: through railguard.resources at call time, so a test's copy of the data folder is read.
    from railguard import resources

    folder = resources.data_path("licences")
    try:
        if folder is None:  # a zip import
            return resources.read_text("licences", name)
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise LicenceDataError([f"licences/{name}: cannot be read: {exc}"]) from None


def _repeated(check: Checker, value: Any, where: str) -> None:
    """Report every key given twice below ``value`` (the top level is :meth:`Checker.keys`' job)."""
    if isinstance(value, LineDict):
        for key, line in value.duplicates:
            check.fail(line, f"{where}.{key}", "key given twice")
        for key, item in value.items():
            _repeated(check, item, f"{where}.{key}")
    elif isinstance(value, LineList):
        for index, item in enumerate(value):
            _repeated(check, item, f"{where}[{index}]")


def line_of(container: LineDict | LineList | Any, key: Any) -> int:
    """The line of ``key`` (a mapping key or a list index) in a line-aware container; 0 when unknown."""
    if isinstance(container, LineDict):
        return container.lines.get(key, container.line)
    if isinstance(container, LineList) and isinstance(key, int) and 0 <= key < len(container.lines):
        return container.lines[key]
    return getattr(container, "line", 0)
