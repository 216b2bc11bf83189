"""Licence headers of the code a repository ships.

Model repositories carry modelling code (``modeling_*.py``, ``configuration_*.py``) copied from
other projects with its header: an ``SPDX-License-Identifier`` line, or a sentence saying the file
is licensed under a named licence. The name is resolved through the catalogue; a header that
points elsewhere ("the license found in the LICENSE file") names no licence and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from railguard.audit.texts import Notices, copyright_notices
from railguard.catalogue import Catalogue
from railguard.lazyre import lazy

#: Lines of a file's top that count as its header.
HEADER_LINES = 60

_SPDX = lazy(r"SPDX-License-Identifier:[ \t]*(?P<expr>[^\n*]+?)[ \t]*(?:\*/|-->|$)", re.MULTILINE)
_SPDX_ID = lazy(r"[A-Za-z0-9][A-Za-z0-9.+-]*")
# NOTE: "licensed under the Apache License, Version 2.0 (the "License");" and "released under the
# MIT license." name the licence between the verb and the first bracket, semicolon or full stop.
_UNDER = lazy(
    r"\b(?:licen[cs]ed|released|distributed|available)[ \t]+under[ \t]+(?:the[ \t]+|an?[ \t]+)?"
    r"(?P<name>[^\n;(\"“]{3,80}?)(?=[ \t]*(?:\(|;|\.(?:\s|$)|,[ \t]+(?:you|and|see|which)\b|\n|$))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Header:
    """What one code file's header says.

    Attributes:
        name: the file, below the repository's top.
        licences: (catalogue id, line, as written) for every licence the header names.
        notices: its copyright notices.
        choice: the licences are alternatives (an SPDX ``OR``): any one of them applies.
    """

    name: str
    licences: tuple[tuple[str, int, str], ...]
    notices: Notices
    choice: bool = False


def read_header(name: str, text: str, catalogue: Catalogue) -> Header:
    """The licences and copyright notices at the top of one code file."""
    lines = text.split("\n", HEADER_LINES)[:HEADER_LINES]
    head = "\n".join(lines)
    found: dict[str, tuple[str, int, str]] = {}
    choice = False
    for match in _SPDX.finditer(head):
        choice = choice or " OR " in match.group("expr").upper()
        line = head.count("\n", 0, match.start()) + 1
        for ident in (m.group() for m in _SPDX_ID.finditer(match.group("expr"))):
            if ident.upper() in ("AND", "OR", "WITH"):
                continue
            licence = catalogue.find(ident)
            if licence is not None:
                found.setdefault(licence.id, (licence.id, line, ident))
    if "nder" in head:
        for match in _UNDER.finditer(head):
            written = match.group("name").strip()
            licence = catalogue.find(written)
            if licence is not None:
                line = head.count("\n", 0, match.start()) + 1
                found.setdefault(licence.id, (licence.id, line, written))
    return Header(name, tuple(found.values()), copyright_notices(head), choice and len(found) > 1)
