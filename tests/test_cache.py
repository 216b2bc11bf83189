"""The on-disk caches make runs faster and never different."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from railguard import cache


def test_cached_value_is_built_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"value": 42}

    assert cache.cached("thing", "k1", build) == {"value": 42}
    assert cache.cached("thing", "k1", build) == {"value": 42}
    assert len(calls) == 1
    assert cache.cached("thing", "k2", build) == {"value": 42}
    assert len(calls) == 2
    assert [p.name for p in tmp_path.glob("thing-*.pickle")] == ["thing-k2.pickle"]


def test_corrupt_cache_falls_back_to_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", "k", lambda: 7) == 7


def test_unwritable_cache_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("thing", "k", lambda: 8) == 8
    assert cache.grammar_cache("g", "start: A") is False


def test_no_cache_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAILGUARD_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert cache.grammar_cache("g", "start: A") is False


def test_fingerprint_changes_when_a_file_changes(tmp_path: Path) -> None:
    data = tmp_path / "a.yaml"
    data.write_text("one", encoding="utf-8")
    before = cache.fingerprint(tmp_path, "1.0")
    assert cache.fingerprint(tmp_path, "1.0") == before
    assert cache.fingerprint(tmp_path, "2.0") != before
    data.write_text("one!", encoding="utf-8")
    later = time.time() + 5
    os.utime(data, (later, later))
    assert cache.fingerprint(tmp_path, "1.0") != before


def test_cached_catalogue_equals_the_yaml_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from railguard.catalogue import loader

    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    fresh = loader._load_catalogue()
    loader.load_catalogue.cache_clear()
    try:
        built = loader.load_catalogue()  # builds and writes the cache
        loader.load_catalogue.cache_clear()
        served = loader.load_catalogue()  # reads it back, licences unpickled on demand
        assert list(served.licences) == list(fresh.licences)
        assert served.find("llama3.1") == fresh.find("llama3.1")
        assert list(served) == list(fresh) == list(built)
        assert served.index == fresh.index
        assert served.categories == fresh.categories
    finally:
        loader.load_catalogue.cache_clear()


def test_a_cache_of_an_older_shape_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from railguard.catalogue import loader

    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(loader, "_SNAPSHOT_FORMAT", "older")
    loader.load_catalogue.cache_clear()
    try:
        loader.load_catalogue()
        monkeypatch.setattr(loader, "_SNAPSHOT_FORMAT", "newer")
        loader.load_catalogue.cache_clear()
        assert loader.load_catalogue().find("mit") is not None
    finally:
        loader.load_catalogue.cache_clear()
