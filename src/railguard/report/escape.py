"""Text read from input made safe to print: the one function every human-facing formatter uses.

Model ids, licence names, file names and Hub answers come from files someone else wrote. Printed
as they are, a newline in a model id forges a second `::error` annotation in GitHub Actions or a
second finding line in text output, and an escape character sends the terminal commands (colours,
cursor moves, window titles, hyperlinks). :func:`printable` writes every such character as a
visible escape (``\\n``, ``\\x1b``, ``\\u2028``), so what is printed is what the input says, no more.
"""

from __future__ import annotations

import functools
import re

# NOTE: C0 and C1 controls (newlines, tabs, ESC, CSI), DEL, the Unicode line and paragraph
# separators, the directional formatting characters that reorder what a terminal shows
# ("Trojan Source"), the byte-order mark and lone surrogates (which no encoding can write).
# Every one of them is a character str.isprintable() refuses, which spares most texts the search.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, separator and direction character written as a visible escape.

    >>> printable("acme/model\\n::error::forged")
    'acme/model\\\\n::error::forged'
    >>> printable("\\x1b[31mred\\x1b[0m")
    '\\\\x1b[31mred\\\\x1b[0m'
    >>> printable("plain `text` stays")
    'plain `text` stays'
    """
    if text.isprintable():
        return text
    unsafe = _pattern()
    if unsafe.search(text) is None:
        return text
    return unsafe.sub(_escape, text)


@functools.cache
def _pattern() -> re.Pattern[str]:
    # NOTE: compiled when first needed: a cold `railguard lint` of a clean card never needs it.
    return re.compile(_UNSAFE)
