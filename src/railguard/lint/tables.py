"""Lookup tables the linter derives from the catalogue, built along with the catalogue's snapshot.

Building them means reading ``licences/_models.yaml`` and every licence, which costs more than
linting a card; they are derived tables of the snapshot (:data:`railguard.catalogue.snapshot.TABLES`),
built into an installed package, so a cold ``railguard lint README.md`` only reads them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from railguard.model.names import names_in, normalise

if TYPE_CHECKING:
    from railguard.lineage.model import ModelEntry


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


class KnownModels(Mapping[str, "ModelEntry"]):
    """The well-known models table, kept as plain rows (:func:`known_model_rows`) until an entry is asked for.

    A lint asks for the few base models its cards name; building 527 slotted dataclasses
    would cost more than the whole check.
    """

    __slots__ = ("_built", "_rows")

    def __init__(self, rows: Mapping[str, Any]) -> None:
        self._rows = rows
        self._built: dict[str, ModelEntry] = {}

    def __getitem__(self, key: str) -> ModelEntry:
        found = self._built.get(key)
        if found is None:
            from railguard.lineage.model import ModelEntry

            model_id, licence, bases, file = self._rows[key]
            found = self._built[key] = ModelEntry(model_id, licence, tuple(bases), file=file)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def known_model_rows() -> dict[str, list[Any]]:
    """The derived table ``lint-known-models``: lower-case id -> [id, licence, [base models], file]."""
    from railguard.lineage.known import known_models

    return {k: [e.id, e.licence, list(e.base_models), e.file] for k, e in known_models().items()}


def _check_known_models(rows: Any) -> None:
    for key, (model_id, licence, bases, file) in rows.items():
        if not all(isinstance(v, str) for v in (key, model_id, *bases)) or not all(
            v is None or isinstance(v, str) for v in (licence, file)
        ):
            raise TypeError("not a known-models row")


@functools.cache
def known_models_cached() -> KnownModels:
    """:func:`railguard.lineage.known.known_models`, from the catalogue's snapshot."""
    from railguard.catalogue.snapshot import table

    return table("lint-known-models", KnownModels, check=_check_known_models)


def url_key(url: str) -> str:
    """A URL without scheme, ``www.``, query, fragment or trailing slash, lower-cased."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return url.removeprefix("www.")


def _worth_finding(name: str) -> bool:
    """Whether a catalogue name is distinctive enough to be taken as naming a licence in prose.

    A short plain word is too often something else (``Gemma`` the model, ``mit`` the German word,
    ``other``, the family names ``cc`` or ``openrail``): only a name with a digit, a hyphen or a
    ``+`` (``llama-2``, ``cc-by-4.0``), or one of nine letters or more, counts. The rule is about a
    name's shape, so no licence or model is named here.
    """
    key = normalise(name)
    if len(key) < 5:
        return False
    return any(c.isdigit() for c in key) or "-" in key or "+" in key or len(key) >= 9


def name_rows() -> dict[str, Any]:
    """The derived table ``lint-names``: the parts of a :class:`NameTable` as plain data."""
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
    ordered = sorted(names.items(), key=lambda item: (-len(item[0]), item[0]))
    return {"names": [list(p) for p in ordered], "urls": urls, "families": families, "ambiguous": sorted(ambiguous)}


def _check_names(plain: Any) -> None:
    urls, families, ambiguous = plain["urls"], plain["families"], plain["ambiguous"]
    pairs = [(name, ident) for name, ident in plain["names"]]
    texts = [*(v for pair in pairs for v in pair), *urls, *urls.values(), *families, *families.values(), *ambiguous]
    if not all(isinstance(v, str) for v in texts):
        raise TypeError("not a name table")


def _name_table(plain: Any) -> NameTable:
    names = tuple((name, ident) for name, ident in plain["names"])
    return NameTable(names, dict(plain["urls"]), dict(plain["families"]), frozenset(plain["ambiguous"]))


@functools.cache
def name_table() -> NameTable:
    """The :class:`NameTable`, from the catalogue's snapshot."""
    from railguard.catalogue.snapshot import table

    return table("lint-names", _name_table, check=_check_names)


def licences_named(text: str) -> dict[str, int]:
    """Catalogue licences named in prose: licence id -> offset of its first mention.

    The names that are not ordinary words (:func:`_worth_finding`), found by the one finder of
    licence names in text, :func:`railguard.model.names.names_in`; and `MIT` in capitals.
    """
    found = names_in(text, ((name, (ident,)) for name, ident in name_table().names))
    for match in re.finditer(r"\bMIT\b(?!-)", text):
        found.setdefault("mit", match.start())
        break
    return found
