"""Resolve a licence argument: a catalogue id or alias, or the path of a licence text.

This is the one place where "a licence argument may also be a file" is decided. It lives apart
from :mod:`railguard.parse` so that naming a catalogue licence never imports the grammars (a
cold ``compat`` may not: ``tests/test_packaging.py``).
"""

from __future__ import annotations

from railguard.catalogue import load_catalogue
from railguard.errors import InputError
from railguard.model import Licence


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
    return catalogue.get(name)


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
