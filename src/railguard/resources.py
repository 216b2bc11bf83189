"""The only place that knows where railguard's data lives.

``licences/`` and ``grammar/`` sit at the repository top level (they are the product's
specification, meant to be read and reviewed as data). A wheel ships them inside the package as
``railguard/_data/<name>``; an editable install or a plain source checkout runs ``src/railguard``
straight from the repository, where they are two levels above the package.

A wheel also carries what the build hook made from them (the catalogue snapshot, the compiled
grammars): :func:`built_file` reads those, and finds nothing in a checkout.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

from railguard.errors import ResourceError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DATA_DIRS = ("licences", "grammar")


def _missing(name: str) -> ResourceError:
    return ResourceError(f"railguard's `{name}` data is missing from this installation; reinstall railguard")


@functools.cache
def data_path(name: str) -> str | None:
    """The directory of packaged data ``name`` as a file-system path; ``None`` in a zip import.

    The cold path's variant of :func:`data_dir`: plain ``os.path`` (``pathlib`` is off the cold
    path: ``tests/test_packaging.py`` holds it to its imports).

    Raises:
        ResourceError: the package is on the file system but the data is not where an
            installation puts it.
    """
    if name not in DATA_DIRS:
        raise ValueError(f"unknown data directory {name!r}")
    here = os.path.dirname(os.path.realpath(__file__))
    if not os.path.isfile(os.path.join(here, "__init__.py")):
        return None
    shipped = os.path.join(here, "_data", name)
    if os.path.isdir(shipped):
        return shipped
    # NOTE: editable installs and source checkouts import src/railguard in place; the data is then
    # the repository's own top-level folder, recognised by the pyproject.toml beside it.
    root = os.path.dirname(os.path.dirname(here))
    candidate = os.path.join(root, name)
    if os.path.isdir(candidate) and os.path.isfile(os.path.join(root, "pyproject.toml")):
        return candidate
    raise _missing(name)


@functools.cache
def data_dir(name: str) -> Traversable:
    """Return the directory of packaged data ``name`` (``licences`` or ``grammar``).

    Raises:
        ResourceError: the data is not where an installation puts it.
    """
    path = data_path(name)
    if path is not None:
        from pathlib import Path

        return Path(path)
    # NOTE: importlib.resources (with tempfile and zipfile) only for a zip import: an installed
    # wheel or a checkout is a plain folder, and the cold path stays without it.
    from importlib import resources

    shipped = resources.files("railguard") / "_data" / name
    if shipped.is_dir():
        return shipped
    raise _missing(name)


def built_file(name: str) -> bytes | None:
    """The bytes of ``_data/<name>``, a file the build hook put in the package; ``None`` if absent.

    A source checkout or editable install has no such files: its data is read from the YAML and
    grammar sources instead.
    """
    here = os.path.dirname(os.path.realpath(__file__))
    if os.path.isfile(os.path.join(here, "__init__.py")):
        try:
            with open(os.path.join(here, "_data", name), "rb") as handle:
                return handle.read()
        except OSError:
            return None
    from importlib import resources  # a zip import only

    try:
        return (resources.files("railguard") / "_data" / name).read_bytes()
    except OSError:
        return None


def read_text(name: str, filename: str) -> str:
    """Read one packaged data file as UTF-8 text."""
    text: str = (data_dir(name) / filename).read_text(encoding="utf-8")
    return text
