"""Resolve a licence argument: a catalogue id or alias, an SPDX expression, or the path of a licence text.

This is the one place where "a licence argument may also be a file" is decided. It lives apart
from :mod:`railguard.parse` so that naming a catalogue licence never imports the grammars (a
cold ``compat`` may not: ``tests/test_packaging.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.catalogue import load_catalogue
from railguard.errors import InputError, UnknownLicenceError
from railguard.model import Licence
from railguard.model.declared import Declared

if TYPE_CHECKING:
    from railguard.expression.parser import Note


def resolve_licence(name: str, prefer_catalogue: bool = True) -> Licence:
    """A licence named by catalogue id or alias, or by the path of a licence text (parsed).

    ``prefer_catalogue``: a parsed text recognised as a catalogue licence becomes that entry
    (``False`` keeps what the text itself says, for ``diff``).

    Raises:
        railguard.errors.UnknownLicenceError: neither a known name nor an existing file.
        railguard.errors.InputError: the file cannot be read as a licence text, or a name that
            looks like a path names no file.
    """
    catalogue = load_catalogue()
    found = catalogue.find(name)
    if found is not None:
        return found
    # NOTE: pathlib only here, off a cold `compat`'s path.
    from pathlib import Path

    if Path(name).exists():
        from railguard.parse import parse_file

        return parse_file(name).to_licence(prefer_catalogue)
    if looks_like_path(name):
        raise InputError("no such file (and not a licence name)", path=name)
    argument = resolve_argument(name)
    if not argument.declared.is_single:
        raise InputError(f"`{name}` names more than one licence ({argument.declared.expression()}); give one of them")
    return argument.licences[argument.declared.names[0]]


class Argument:
    """A licence argument read as a declared licence (one id, a choice, a conjunction).

    Attributes:
        declared: the normal form, every name a key of ``licences``.
        licences: each name's licence.
        notes: what the expression's reading reports (unknown exception, conditions).
    """

    # NOTE: a plain class, not a dataclass: creating a dataclass costs about a millisecond at
    # import, a noticeable share of a cold `railguard compat`.
    __slots__ = ("declared", "licences", "notes")

    def __init__(self, declared: Declared, licences: dict[str, Licence], notes: tuple[Note, ...] = ()) -> None:
        self.declared = declared
        self.licences = licences
        self.notes = notes


def resolve_argument(name: str) -> Argument:
    """A licence argument that may also be an SPDX expression (``MIT OR Apache-2.0``) or a file.

    Raises:
        railguard.errors.UnknownLicenceError: a name in it is not a known licence.
        railguard.errors.InputError: a file that cannot be read as a licence text, an expression
            that cannot be parsed, or one that declares no licence (``NOASSERTION``).
    """
    catalogue = load_catalogue()
    found = catalogue.find(name)
    if found is not None and _plain(name):
        # NOTE: the common case (`compat mit apache-2.0`) never imports the expression library.
        return Argument(Declared.single(found.id), {found.id: found})
    from pathlib import Path

    if found is None and Path(name).exists():
        licence = resolve_licence(name)
        return Argument(Declared.single(licence.id), {licence.id: licence})
    from railguard.expression.parser import parse_licence

    parsed = parse_licence(name)
    if parsed.error is not None:
        raise InputError(f"`{name}` is not a valid licence expression: {parsed.error}")
    if parsed.declared.empty:
        raise InputError(f"`{name}` declares no licence")
    licences: dict[str, Licence] = {}
    for part in parsed.declared.names:
        found = catalogue.find(part)
        if found is None:
            if part == name and looks_like_path(name):
                raise InputError("no such file (and not a licence name)", path=name)
            raise UnknownLicenceError(part, catalogue.suggest(part))
        licences[part] = found
    return Argument(parsed.declared, licences, parsed.notes)


def _plain(name: str) -> bool:
    """Whether a name the catalogue resolved needs no expression reading (no or-later, no operator)."""
    lowered = name.casefold()
    return not (
        lowered.endswith(("+", "-or-later", "-plus"))
        or " with " in lowered
        or "-with-" in lowered
        or "licenseref-" in lowered
    )


_FILE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".rst", ".html", ".yaml", ".yml", ".json", ".jsonl", ".csv"})
_FILE_NAMES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "README")


def looks_like_path(name: str) -> bool:
    """Whether an argument that resolves to nothing was meant as a file rather than a licence name.

    A missing ``path/to/LICENSE.md`` should read "no such file", not "unknown licence"; names
    such as ``llama3.1`` or ``mit/expat`` still get the licence suggestions.
    """
    from pathlib import Path

    path = Path(name)
    return (
        name.startswith(("/", "./", "../", "~"))
        or path.suffix.lower() in _FILE_SUFFIXES
        or path.stem.upper() in _FILE_NAMES
    )
