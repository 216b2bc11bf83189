"""Exceptions that stop a run.

Problems found *in* what railguard checks are findings (values), never exceptions. An exception
means railguard cannot do its job: unreadable input, invalid catalogue data, an unknown licence
name given on the command line. The CLI turns every :class:`RailError` into one line on stderr
and exit code 2.
"""

from __future__ import annotations


class RailError(Exception):
    """Base class: the run cannot continue."""


class InputError(RailError):
    """A command input (file, manifest, argument) cannot be used.

    Attributes:
        path: the file concerned, if any.
        line: 1-based line number, if known.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class LicenceDataError(RailError):
    """A catalogue file breaks the schema; names the file, line and key path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid licence catalogue data:\n  " + "\n  ".join(problems))


class UnknownLicenceError(RailError):
    """A licence name that resolves to nothing in the catalogue."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = suggestions
        message = f"unknown licence `{name}`"
        if suggestions:
            message += "; did you mean " + ", ".join(f"`{s}`" for s in suggestions) + "?"
        else:
            message += "; run `railguard licences` to list the known ids"
        super().__init__(message)


class ResourceError(RailError):
    """Packaged data (catalogue, grammar) cannot be found: a broken installation."""


class OptionalDependencyError(RailError):
    """A feature needs an optional extra that is not installed (``pip install 'railguard[hub]'``)."""
