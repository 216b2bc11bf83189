"""How licence names are compared: one normal form for ids, SPDX ids, Hub ids and spellings."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s_]+")


def normalise(name: str) -> str:
    """Fold case and separators so ``Apache_2.0``, ``apache 2.0`` and ``APACHE-2.0`` meet.

    >>> normalise("  CreativeML Open_RAIL-M ")
    'creativeml-open-rail-m'
    """
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")
