"""How licence names are compared: one normal form for ids, SPDX ids, Hub ids and spellings."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s_-]+")


def normalise(name: str) -> str:
    """Fold case, and every run of spaces, underscores and hyphens into one hyphen.

    >>> normalise("  CreativeML Open_RAIL-M ")
    'creativeml-open-rail-m'
    >>> normalise("Eclipse Public License - v 1.0") == normalise("eclipse_public_license_-_v_1.0")
    True
    """
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")
