"""The only place that knows where railguard's data lives.

``licences/`` and ``grammar/`` sit at the repository top level (they are the product's
specification, meant to be read and reviewed as data). A wheel ships them inside the package as
``railguard/_data/<name>``; an editable install or a plain source checkout runs ``src/railguard``
straight from the repository, where they are two levels above the package.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.errors import ResourceError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DATA_DIRS = ("licences", "grammar")


@functools.cache
def data_dir(name: str) -> Traversable:
    """Return the directory of packaged data ``name`` (``licences`` or ``grammar``).

    Raises:
        ResourceError: the data is not where an installation puts it.
    """
    if name not in DATA_DIRS:
        raise ValueError(f"unknown data directory {name!r}")
    # NOTE: an installed wheel or a checkout is a plain folder; importlib.resources (and the
    # tempfile and zipfile modules it pulls in) costs a tenth of a cold `railguard lint`, so it is
    # only asked when the package is not on the file system (a zip import).
    here = Path(__file__).resolve().parent
    if (here / "__init__.py").is_file():
        package: Traversable = here
    else:
        from importlib import resources

        package = resources.files("railguard")
    shipped = package / "_data" / name
    if shipped.is_dir():
        return shipped
    # NOTE: editable installs and source checkouts import src/railguard in place; the data is then
    # the repository's own top-level folder, recognised by the pyproject.toml beside it.
    if isinstance(package, Path):
        root = package.parent.parent
        candidate = root / name
        if candidate.is_dir() and (root / "pyproject.toml").is_file():
            return candidate
    raise ResourceError(f"railguard's `{name}` data is missing from this installation; reinstall railguard")


def read_text(name: str, filename: str) -> str:
    """Read one packaged data file as UTF-8 text."""
    text: str = (data_dir(name) / filename).read_text(encoding="utf-8")
    return text
