"""The catalogue as one snapshot: built into the package, or kept in the user's cache in a checkout.

Reading and validating the ~140 catalogue files costs a cold command several times its budget,
and the catalogue of a release never changes. So:

* an installed railguard reads ``_data/catalogue.marshal``, which the build hook wrote from the
  same YAML when the wheel was built (:func:`write_package_files`). It is marshal data (plain
  values only: no pickles, nothing that can run code), checked for its format and railguard
  version; a missing or unreadable one falls back to the YAML;
* a source checkout (an editable install) reads the YAML and keeps a JSON copy in the user's cache
  (:mod:`railguard.cache`), keyed by a digest of every catalogue file's content, of railguard's
  version and of the model's fields, so an edit of ``licences/`` is seen on the next run. A cache
  file that is not exactly what this code would have written is ignored and rewritten.

Tables derived from the catalogue alone (:data:`TABLES`) are built along with it, so that no
command pays for them. Licences and categories stay in their plain form until first asked for: a
cold ``compat`` needs two licences of ~140.
"""

from __future__ import annotations

import marshal
from binascii import crc32
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from railguard.model import Family, Grant, Licence, Obligation, ObligationKind, Restriction, RestrictionKind

if TYPE_CHECKING:
    from railguard.catalogue.loader import Catalogue
    from railguard.model import Category

T = TypeVar("T")

#: Bumped whenever the encoding below changes.
FORMAT = 1
#: The snapshot inside an installed package, beside ``_data/licences``.
PACKAGE_FILE = "catalogue.marshal"
#: The package file starts with this tag, then the CRC-32 of the marshal data that follows.
_MAGIC = b"RGSNAP\x00\x01"
#: Tables derived from the catalogue alone, built with the snapshot: name -> ``module:function``.
#: The function takes no argument and returns plain data (str, int, bool, None, lists, dicts with
#: string keys) that JSON round-trips unchanged; its reader is given to :func:`table`.
TABLES: dict[str, str] = {
    "lint-known-models": "railguard.lint.tables:known_model_rows",
    "lint-names": "railguard.lint.tables:name_rows",
    "lint-families": "railguard.lint.families:family_rows",
}
#: No user-cache file of ours comes near this (the catalogue is about 0.4 MB).
_MAX_CACHE_BYTES = 16 * 1024 * 1024


# --- the encoding: plain lists in field order ---------------------------------------------------


def _plain(value: Any) -> Any:
    from dataclasses import fields, is_dataclass
    from enum import Enum

    if is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name)) for f in fields(value)]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _tuples(value: Any) -> Any:
    # NOTE: every sequence of the model is a tuple (values hash and compare); JSON and the encoding
    # give lists.
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    return value


def _positions(cls: Any) -> dict[str, int]:
    return {name: index for index, name in enumerate(cls.__dataclass_fields__)}


_L = _positions(Licence)
_R = _positions(Restriction)
_O = _positions(Obligation)


def _restriction(plain: list[Any]) -> Restriction:
    values = [_tuples(v) for v in plain]
    values[_R["kind"]] = RestrictionKind(values[_R["kind"]])
    return Restriction(*values)


def _obligation(plain: list[Any]) -> Obligation:
    values = [_tuples(v) for v in plain]
    values[_O["kind"]] = ObligationKind(values[_O["kind"]])
    return Obligation(*values)


def decode_licence(plain: list[Any]) -> Licence:
    """The licence from its plain form (fields in order; enums by value; tuples as lists).

    Raises:
        TypeError, ValueError, KeyError, IndexError: ``plain`` is not such a form.
    """
    if not isinstance(plain, list) or len(plain) != len(_L):
        raise ValueError("not an encoded licence")
    values = [_tuples(v) for v in plain]
    values[_L["family"]] = Family(values[_L["family"]])
    values[_L["grants"]] = tuple(Grant(g) for g in values[_L["grants"]])
    values[_L["restrictions"]] = tuple(_restriction(list(r)) for r in plain[_L["restrictions"]])
    values[_L["obligations"]] = tuple(_obligation(list(o)) for o in plain[_L["obligations"]])
    module = plain[_L["module"]]
    if module is not None:
        from railguard.model import Module

        values[_L["module"]] = Module(*module)
    return Licence(*values)


def decode_category(plain: list[Any]) -> Category:
    """The restriction category from its plain form."""
    from railguard.model import Category

    return Category(*plain)


def fields_signature() -> list[list[str]]:
    """The field names of every encoded class, in order: a checkout's cache is keyed by them."""
    from railguard.model import Category, Module

    return [list(cls.__dataclass_fields__) for cls in (Licence, Restriction, Obligation, Module, Category)]


class LazyLicences(Mapping[str, Licence]):
    """Licences kept in their encoded form until first asked for, each decoded once."""

    __slots__ = ("_encoded", "_loaded")

    def __init__(self, encoded: Mapping[str, Any]) -> None:
        self._encoded = encoded
        self._loaded: dict[str, Licence] = {}

    def __getitem__(self, key: str) -> Licence:
        licence = self._loaded.get(key)
        if licence is None:
            plain = self._encoded[key]
            # NOTE: bytes come only from the package's own snapshot (see _package_snapshot).
            licence = decode_licence(marshal.loads(plain) if isinstance(plain, bytes) else plain)  # noqa: S302
            self._loaded[key] = licence
        return licence

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


class LazyCategories(Mapping[str, "Category"]):
    """The restriction categories, decoded on first use (a cold ``lint`` never needs them)."""

    __slots__ = ("_encoded", "_loaded")

    def __init__(self, encoded: Mapping[str, Any]) -> None:
        self._encoded = encoded
        self._loaded: dict[str, Category] | None = None

    def _categories(self) -> dict[str, Category]:
        if self._loaded is None:
            self._loaded = {slug: decode_category(plain) for slug, plain in self._encoded.items()}
        return self._loaded

    def __getitem__(self, key: str) -> Category:
        return self._categories()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


def encode(catalogue: Catalogue) -> dict[str, Any]:
    """The plain form of a catalogue: ``licences``, ``categories`` and ``index``."""
    return {
        "licences": {ident: _plain(licence) for ident, licence in catalogue.licences.items()},
        "categories": {slug: _plain(category) for slug, category in catalogue.categories.items()},
        "index": dict(catalogue.index),
    }


def _catalogue(licences: Mapping[str, Any], categories: Mapping[str, Any], index: Mapping[str, str]) -> Catalogue:
    from railguard.catalogue.loader import Catalogue

    return Catalogue(licences=LazyLicences(licences), categories=LazyCategories(categories), index=index)


# --- an installed package -----------------------------------------------------------------------


def _package_snapshot() -> dict[str, Any] | None:
    from railguard import __version__
    from railguard.resources import built_file

    data = built_file(PACKAGE_FILE)
    if data is None or data[:8] != _MAGIC or int.from_bytes(data[8:12], "big") != crc32(data[12:]):
        return None
    try:
        # NOTE: marshal only for the file the build put inside the installed package, which is as
        # trusted as the code beside it; the user's cache holds JSON.
        snapshot = marshal.loads(data[12:])  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return None
    if (
        not isinstance(snapshot, dict)
        or snapshot.get("format") != FORMAT
        or snapshot.get("version") != __version__
        or not all(isinstance(snapshot.get(k), dict) for k in ("licences", "categories", "index", "tables"))
    ):
        return None
    return snapshot


_PACKAGE: list[dict[str, Any] | None] = []


def package_snapshot() -> dict[str, Any] | None:
    """The snapshot built into this installation, or ``None`` (a checkout, or a broken file)."""
    if not _PACKAGE:
        _PACKAGE.append(_package_snapshot())
    return _PACKAGE[0]


def write_package_files(out: str) -> list[str]:
    """Write the snapshot an installed package reads into the folder ``out``; the files' names.

    Run by the build hook (``hatch_build.py``) in a process that reads the YAML
    (``RAILGUARD_NO_CACHE`` set), so nothing of the builder's own cache enters a wheel.

    Raises:
        LicenceDataError: the catalogue is invalid.
    """
    import importlib
    import os

    from railguard import __version__
    from railguard.catalogue.loader import load_catalogue

    plain = encode(load_catalogue())
    tables: dict[str, bytes] = {}
    for name, target in sorted(TABLES.items()):
        module, _, function = target.partition(":")
        tables[name] = marshal.dumps(getattr(importlib.import_module(module), function)())
    snapshot = {
        "format": FORMAT,
        "version": __version__,
        "licences": {ident: marshal.dumps(value) for ident, value in plain["licences"].items()},
        "categories": plain["categories"],
        "index": plain["index"],
        "tables": tables,
    }
    os.makedirs(out, exist_ok=True)
    payload = marshal.dumps(snapshot)
    with open(os.path.join(out, PACKAGE_FILE), "wb") as handle:
        handle.write(_MAGIC + crc32(payload).to_bytes(4, "big") + payload)
    return [PACKAGE_FILE]


# --- a source checkout: the user's cache --------------------------------------------------------


def source_key() -> str:
    """A digest of every catalogue file's name and content, railguard's version, and the fields."""
    import hashlib
    import json
    import os

    from railguard import __version__
    from railguard.resources import data_path

    digest = hashlib.sha256(json.dumps([FORMAT, __version__, fields_signature()]).encode())
    folder = data_path("licences")
    if folder is not None:
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, "rb") as handle:
                    content = handle.read()
                digest.update(f"\0{name}\0{len(content)}\0".encode())
                digest.update(content)
    return digest.hexdigest()[:32]


def _cached(kind: str, key: str) -> Any:
    # NOTE: one file per kind, named by its key; writing one removes the kind's files of other keys.
    from railguard.cache import folder, read_json

    where = folder()
    if where is None:
        return None
    stored = read_json(where, f"{kind}-{key}.json", _MAX_CACHE_BYTES)
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != key:
        return None
    return stored.get("value")


def _store(kind: str, key: str, value: Any) -> None:
    from railguard.cache import folder, write_json

    where = folder()
    if where is not None:
        write_json(where, f"{kind}-{key}.json", {"format": FORMAT, "key": key, "value": value}, stale_prefix=f"{kind}-")


def _from_plain(plain: Any) -> Catalogue:
    """A catalogue from a cached plain form, every entry decoded now so a bad one is seen now.

    Raises:
        TypeError, ValueError, KeyError, IndexError, AttributeError: not such a form.
    """
    from railguard.catalogue.loader import Catalogue

    licences = {str(ident): decode_licence(value) for ident, value in plain["licences"].items()}
    categories = {str(slug): decode_category(value) for slug, value in plain["categories"].items()}
    index = plain["index"]
    if not all(isinstance(k, str) and isinstance(v, str) and v in licences for k, v in index.items()):
        raise ValueError("not a name index")
    if any(licence.id != ident for ident, licence in licences.items()):
        raise ValueError("licences filed under another id")
    return Catalogue(licences=licences, categories=categories, index=index)


_DECODE_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError)


def load(from_yaml: Callable[[], Catalogue]) -> Catalogue:
    """The catalogue: from the package's snapshot, else the user's cache, else ``from_yaml()``.

    Raises:
        LicenceDataError: the YAML had to be read and is invalid.
    """
    snapshot = package_snapshot()
    if snapshot is not None:
        return _catalogue(snapshot["licences"], snapshot["categories"], snapshot["index"])
    key = source_key()
    plain = _cached("catalogue", key)
    if plain is not None:
        try:
            return _from_plain(plain)
        except _DECODE_ERRORS:
            pass
    catalogue = from_yaml()
    _store("catalogue", key, encode(catalogue))
    return catalogue


def table(name: str, read: Callable[[Any], T], check: Callable[[Any], object] | None = None) -> T:
    """The derived table ``name`` of :data:`TABLES`, turned into its value by ``read``.

    From the package's snapshot, else the user's cache, else built now. A table read from the
    user's cache is first given to ``check``, which raises (TypeError, ValueError, KeyError,
    IndexError) on data of another shape: such a table is built again.

    Raises:
        KeyError: ``name`` is not in :data:`TABLES`.
    """
    target = TABLES[name]
    snapshot = package_snapshot()
    if snapshot is not None and isinstance(snapshot["tables"].get(name), bytes):
        try:
            return read(marshal.loads(snapshot["tables"][name]))  # noqa: S302 - the package's own file
        except (*_DECODE_ERRORS, EOFError):
            pass
    key = source_key() if snapshot is None else ""
    if key:
        plain = _cached(f"table-{name}", key)
        if plain is not None:
            try:
                if check is not None:
                    check(plain)
                return read(plain)
            except _DECODE_ERRORS:
                pass
    import importlib

    module, _, function = target.partition(":")
    plain = getattr(importlib.import_module(module), function)()
    if key:
        _store(f"table-{name}", key, plain)
    return read(plain)
