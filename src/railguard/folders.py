"""Walking up from a card's folder: to the repository root, or to the nearest settings file.

Plain ``os.path`` strings: pathlib (with the urllib.parse and ipaddress modules it pulls in) costs a
cold lint about 4 ms.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


def ancestors(folder: str) -> Iterator[str]:
    """``folder`` and every folder above it, up to the file-system root."""
    candidate = folder
    while True:
        yield candidate
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return
        candidate = parent


def is_repository_root(folder: str) -> bool:
    """Whether ``folder`` is the top of a git repository (it holds ``.git``)."""
    return os.path.exists(os.path.join(folder, ".git"))


def repository_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` (absolute and resolved) that holds ``.git``."""
    return next((candidate for candidate in ancestors(folder) if is_repository_root(candidate)), None)
