"""Regular expressions compiled on first use.

A cold ``railguard lint`` runs in about a tenth of a second; compiling every pattern of every
check at import would cost several milliseconds of that for patterns most cards never need.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


class LazyPattern:
    """A ``re.Pattern`` that compiles itself the first time it is used."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        return self.compiled.search(string, pos)

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        """As ``re.Pattern.match``."""
        return self.compiled.match(string, pos)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        return self.compiled.finditer(string)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str) -> str:
        """As ``re.Pattern.sub``."""
        return self.compiled.sub(repl, string)


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled on first use (same arguments as ``re.compile``)."""
    return LazyPattern(source, flags)
