"""How licence names are compared: one normal form for ids, SPDX ids, Hub ids and spellings."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s_-]+")


def normalise(name: str) -> str:
    """Fold case, and every run of spaces, underscores and hyphens into one hyphen.

    >>> normalise("  CreativeML Open_RAIL-M ")
    'creativeml-open-rail-m'
    >>> normalise("Eclipse Public License - v 1.0") == normalise("eclipse_public_license_-_v_1.0")
    True
    """
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")


def names_in(text: str, names: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, int]:
    """The licences whose names stand in ``text``: licence id -> offset of its first mention.

    ``names`` holds (normalised name, the ids it names) pairs, the longest names first; which
    names count is the caller's choice (a title may say `MIT`, prose needs longer names). Case and
    runs of spaces, underscores and hyphens are folded first, so offsets are into the folded text
    (of the same length as ``text`` for single separators). A name found is masked, so
    `creativeml-openrail-m` is not also read as a shorter name inside it. Substring search, not
    one regex of ~700 alternatives: that regex costs more to compile than a cold lint may spend.

    >>> names_in("Apache-2.0 or MIT, not summit", [("apache-2.0", ("apache-2.0",)), ("mit", ("mit",))])
    {'apache-2.0': 0, 'mit': 14}
    """
    folded = _SEPARATORS.sub("-", text.casefold())
    found: dict[str, int] = {}
    for name, owners in names:
        start = folded.find(name)
        while start != -1:
            end = start + len(name)
            if _stands_alone(folded, start, end):
                for ident in owners:
                    found.setdefault(ident, start)
                folded = folded[:start] + " " * len(name) + folded[end:]
            start = folded.find(name, start + 1)
    return found


def _stands_alone(folded: str, start: int, end: int) -> bool:
    # NOTE: `mit` is not in `summit`; `llama-3` inside `llama-3.1` or `apache-2` inside `apache-2.0`
    # would name the wrong licence. `GPL-2.0+` names GPL-2.0 (or later) where `gpl-2.0+` is no name.
    if start > 0 and folded[start - 1].isalnum():
        return False
    if end >= len(folded):
        return True
    after = folded[end]
    return not after.isalnum() and not (after in ".+" and end + 1 < len(folded) and folded[end + 1].isalnum())
