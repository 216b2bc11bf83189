"""Lookup tables the linter derives from the catalogue, cached per user like the catalogue.

Building them means reading ``licences/_models.yaml`` and unpickling every licence, which costs
more than linting a card; the per-user cache (keyed by the catalogue's, so never stale) makes a
cold ``railguard lint README.md`` pay only for unpickling the finished tables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from railguard.model.names import normalise

if TYPE_CHECKING:
    from railguard.lineage.model import ModelEntry

_TABLES_FORMAT = "lint-tables-3"
T = TypeVar("T")


class NameTable(NamedTuple):
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


@functools.cache
def _base_key() -> str:
    from railguard.catalogue.loader import PickledLicences, load_catalogue

    # NOTE: the tables derive from the catalogue alone, so they take its cache key rather than
    # reading the catalogue folder's listing a second time (a millisecond of a cold lint).
    licences = load_catalogue().licences
    if not isinstance(licences, PickledLicences) or not licences.cache_key:
        return ""
    return f"{licences.cache_key}-{_TABLES_FORMAT}"


def _key(name: str) -> str:
    base = _base_key()
    return f"{base}-{name}" if base else ""


def _cached(name: str, build: Callable[[], T]) -> T:
    from railguard.cache import cached

    key = _key(name)
    return cached(f"lint-{name}", key, build) if key else build()


class KnownModels(Mapping[str, "ModelEntry"]):
    """The well-known models table, kept as plain tuples until an entry is asked for.

    A lint asks for the few base models its cards name; unpickling 527 slotted dataclasses
    would cost more than the whole check.
    """

    __slots__ = ("_built", "_rows")

    def __init__(self, rows: dict[str, tuple[str, str | None, tuple[str, ...], str | None]]) -> None:
        self._rows = rows
        self._built: dict[str, ModelEntry] = {}

    def __getitem__(self, key: str) -> ModelEntry:
        found = self._built.get(key)
        if found is None:
            from railguard.lineage.model import ModelEntry

            model_id, licence, bases, file = self._rows[key]
            found = self._built[key] = ModelEntry(model_id, licence, bases, file=file)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@functools.cache
def known_models_cached() -> KnownModels:
    """:func:`railguard.lineage.known.known_models`, served from the per-user cache when warm."""

    def build() -> dict[str, tuple[str, str | None, tuple[str, ...], str | None]]:
        from railguard.lineage.known import known_models

        return {k: (e.id, e.licence, e.base_models, e.file) for k, e in known_models().items()}

    return KnownModels(_cached("known-models", build))


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


_SEPARATORS = re.compile(r"[\s_-]+")


def _stands_alone(folded: str, start: int, end: int) -> bool:
    if start > 0 and folded[start - 1].isalnum():
        return False
    if end >= len(folded):
        return True
    # NOTE: `llama-3` inside `llama-3.1` or `apache-2` inside `apache-2.0` would name the wrong licence.
    after = folded[end]
    return not after.isalnum() and not (after in ".+" and end + 1 < len(folded) and folded[end + 1].isalnum())


def licences_named(text: str) -> dict[str, int]:
    """Catalogue licences named in prose: licence id -> offset of its first mention.

    Case and runs of spaces, underscores and hyphens are folded first, so offsets are into the
    folded text. Longer names are matched first and masked, so `creativeml-openrail-m` is not also
    read as a shorter name inside it. Substring search, not one regex of ~700 alternatives: that
    regex costs more to compile than a cold lint may spend in total.
    """
    table = name_table()
    folded = _SEPARATORS.sub("-", text.casefold())
    found: dict[str, int] = {}
    for name, ident in table.names:
        start = folded.find(name)
        while start != -1:
            end = start + len(name)
            if _stands_alone(folded, start, end):
                found.setdefault(ident, start)
                folded = folded[:start] + " " * len(name) + folded[end:]
            start = folded.find(name, start + 1)
    for match in re.finditer(r"\bMIT\b(?!-)", text):
        found.setdefault("mit", match.start())
        break
    return found
