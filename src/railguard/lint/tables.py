"""Lookup tables the linter derives from the catalogue, cached per user like the catalogue.

Building them means reading ``licences/_models.yaml`` and unpickling every licence, which costs
more than linting a card; the per-user cache (keyed like the catalogue's, so never stale) makes a
cold ``railguard lint README.md`` pay only for unpickling the finished tables.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from railguard.model.names import normalise

if TYPE_CHECKING:
    from railguard.lineage.model import ModelEntry

_TABLES_FORMAT = "lint-tables-1"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class NameTable:
    """Licence names worth finding in prose, and licence URLs.

    Attributes:
        names: (normalised name, licence id), longest first.
        urls: normalised URL (no scheme, no trailing slash) -> licence id.
        families: licence id -> family slug.
        ambiguous: ids of licences that name a family.
    """

    names: tuple[tuple[str, str], ...]
    urls: dict[str, str]
    families: dict[str, str]
    ambiguous: frozenset[str]


def _key(name: str) -> str:
    from railguard import __version__
    from railguard.cache import fingerprint
    from railguard.resources import data_dir

    folder = data_dir("licences")
    if not isinstance(folder, Path):
        return ""
    return fingerprint(folder, f"{__version__}/{_TABLES_FORMAT}/{name}")


def _cached(name: str, build: Callable[[], T]) -> T:
    from railguard.cache import cached

    key = _key(name)
    return cached(f"lint-{name}", key, build) if key else build()


@functools.cache
def known_models_cached() -> dict[str, ModelEntry]:
    """:func:`railguard.lineage.known.known_models`, served from the per-user cache when warm."""

    def build() -> dict[str, ModelEntry]:
        from railguard.lineage.known import known_models

        return dict(known_models())

    return _cached("known-models", build)


def url_key(url: str) -> str:
    """A URL without scheme, ``www.``, query, fragment or trailing slash, lower-cased."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return url.removeprefix("www.")


#: Names that are ordinary words or other things in prose (``Gemma`` the model, ``mit``
#: the German word): never taken as naming a licence on their own.
_PROSE_WORDS = frozenset({"gemma", "mit", "cc", "bsd", "gpl", "lgpl", "openrail", "other", "unknown", "isc", "zlib"})


def _worth_finding(name: str) -> bool:
    key = normalise(name)
    if key in _PROSE_WORDS or len(key) < 5:
        return False
    return any(c.isdigit() for c in key) or "-" in key or "+" in key or len(key) >= 9


@functools.cache
def name_table() -> NameTable:
    """The :class:`NameTable`, from the per-user cache when warm."""

    def build() -> NameTable:
        from railguard.catalogue import load_catalogue

        names: dict[str, str] = {}
        urls: dict[str, str] = {}
        families: dict[str, str] = {}
        ambiguous: set[str] = set()
        for licence in load_catalogue():
            families[licence.id] = licence.family.value
            if licence.ambiguous:
                ambiguous.add(licence.id)
            if licence.url:
                urls.setdefault(url_key(licence.url), licence.id)
            for name in (licence.id, licence.name, *licence.names):
                if _worth_finding(name):
                    names.setdefault(normalise(name), licence.id)
        ordered = tuple(sorted(names.items(), key=lambda item: (-len(item[0]), item[0])))
        return NameTable(ordered, urls, families, frozenset(ambiguous))

    return _cached("names", build)


@functools.cache
def _name_pattern() -> re.Pattern[str]:
    table = name_table()
    # NOTE: the text keeps its runs of separators (so offsets stay true); a name's hyphen matches a run.
    alternatives = "|".join("-+".join(re.escape(part) for part in name.split("-")) for name, _ in table.names)
    # NOTE: a name must stand alone: `llama-3` inside `llama-3.1` or `apache-2` inside `apache-2.0`
    # would name the wrong licence.
    return re.compile(rf"(?<![a-z0-9])({alternatives})(?![a-z0-9]|[.+][a-z0-9])")


def licences_named(text: str) -> dict[str, int]:
    """Catalogue licences named in prose: licence id -> offset of its first mention in ``text``.

    Offsets are into ``text`` itself: names are matched on a copy with case and separators folded
    that keeps every character's position.
    """
    table = name_table()
    by_name = dict(table.names)
    folded = re.sub(r"[\s_-]", "-", text.casefold())
    found: dict[str, int] = {}
    for match in _name_pattern().finditer(folded):
        ident = by_name.get(re.sub(r"-+", "-", match.group(1)))
        if ident is not None:
            found.setdefault(ident, match.start())
    for match in re.finditer(r"\bMIT\b(?!-)", text):
        found.setdefault("mit", match.start())
    return found
