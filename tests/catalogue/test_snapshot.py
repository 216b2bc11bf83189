"""The catalogue snapshot: the same catalogue as the YAML, and a checkout's copy follows every edit."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from railguard import resources
from railguard.catalogue import loader, snapshot
from railguard.lint import tables
from railguard.resources import data_dir


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (a str is not taken for a StrEnum)."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b) if not isinstance(a, Enum) else a is b


def test_every_licence_survives_the_encoding_exactly() -> None:
    catalogue = loader._load_catalogue()
    plain = json.loads(json.dumps(snapshot.encode(catalogue)))  # the user cache's round trip
    for ident, licence in catalogue.licences.items():
        assert same(snapshot.decode_licence(plain["licences"][ident]), licence), ident
    for slug, category in catalogue.categories.items():
        assert same(snapshot.decode_category(plain["categories"][slug]), category), slug


@pytest.mark.parametrize("name", sorted(snapshot.TABLES))
def test_derived_tables_are_plain_data(name: str) -> None:
    module, _, function = snapshot.TABLES[name].partition(":")
    value = getattr(__import__(module, fromlist=[function]), function)()
    assert json.loads(json.dumps(value)) == value  # no tuples, sets or other types JSON would change


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A writable copy of licences/ read as a checkout reads it, with a fresh cache."""
    folder = tmp_path / "licences"
    shutil.copytree(Path(str(data_dir("licences"))), folder)
    monkeypatch.setattr(loader, "data_dir", lambda name: folder)
    monkeypatch.setattr(resources, "data_path", lambda name: str(folder))
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RAILGUARD_NO_CACHE", raising=False)
    loader.load_catalogue.cache_clear()
    yield folder
    loader.load_catalogue.cache_clear()


def reload() -> Any:
    loader.load_catalogue.cache_clear()
    return loader.load_catalogue()


def test_a_checkout_serves_its_catalogue_from_the_cache(checkout: Path) -> None:
    first = reload()
    cached = list((checkout.parent / "cache").glob("catalogue-*.json"))
    assert len(cached) == 1
    second = reload()
    assert list(second.licences) == list(first.licences)
    assert all(same(second.licences[k], first.licences[k]) for k in first.licences)
    assert second.index == first.index
    assert list(second.categories) == list(first.categories)  # the order of _categories.yaml


def test_an_edit_of_the_same_size_and_time_is_seen(checkout: Path) -> None:
    path = checkout / "mit.yaml"
    assert reload().get("mit").name == "MIT License"
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: MIT License", "name: MIT Licensf"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    assert reload().get("mit").name == "MIT Licensf"


def plant(folder: Path, pattern: str, content: Any) -> None:
    (path,) = folder.glob(pattern)
    stored = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**stored, "value": content}), encoding="utf-8")


@pytest.mark.parametrize(
    "value",
    [
        None,
        5,
        [],
        {"licences": 5},
        {"licences": {"mit": ["too", "short"]}, "categories": {}, "index": {}},
        {"licences": {}, "categories": {}, "index": {"mit": "mit"}},
    ],
    ids=["null", "number", "list", "licences-number", "short-licence", "dangling-index"],
)
def test_a_cached_catalogue_of_another_shape_is_rebuilt(checkout: Path, value: Any) -> None:
    reference = reload()
    plant(checkout.parent / "cache", "catalogue-*.json", value)
    again = reload()
    assert again.get("mit") == reference.get("mit")
    assert len(again) == len(reference)


@pytest.mark.parametrize("value", [None, 5, {"x": [1, 2]}, {"meta-llama/llama-3.1-8b": [1, 2, 3, 4]}])
def test_a_cached_table_of_another_shape_is_rebuilt(checkout: Path, value: Any) -> None:
    tables.known_models_cached.cache_clear()
    try:
        reference = dict(tables.known_models_cached())
        plant(checkout.parent / "cache", "table-lint-known-models-*.json", value)
        tables.known_models_cached.cache_clear()
        again = tables.known_models_cached()
        assert dict(again) == reference
    finally:
        tables.known_models_cached.cache_clear()
