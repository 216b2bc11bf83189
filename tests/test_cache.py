"""The per-user cache folder: JSON only, the user's own folder (0700), no symbolic link followed."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from railguard import cache

posix_only = pytest.mark.skipif(os.name != "posix", reason="permissions and symbolic links as POSIX has them")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown a folder")


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(folder))
    monkeypatch.delenv("RAILGUARD_NO_CACHE", raising=False)
    return folder


def test_a_value_is_stored_and_read_back(root: Path) -> None:
    where = cache.folder()
    assert where == str(root)
    assert cache.write_json(where, "thing-1.json", {"value": [1, "two", None]})
    assert cache.read_json(where, "thing-1.json", 1000) == {"value": [1, "two", None]}
    assert cache.read_json(where, "thing-2.json", 1000) is None


def test_writing_removes_the_older_keys_of_the_same_entry(root: Path) -> None:
    where = cache.folder()
    assert where is not None
    cache.write_json(where, "thing-1.json", 1, stale_prefix="thing-")
    cache.write_json(where, "other-1.json", 2, stale_prefix="other-")
    cache.write_json(where, "thing-2.json", 3, stale_prefix="thing-")
    assert sorted(p.name for p in root.iterdir()) == ["other-1.json", "thing-2.json"]


@posix_only
def test_the_folder_is_the_users_alone(root: Path) -> None:
    assert cache.folder("hub") is not None
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "hub").stat().st_mode) == 0o700


@posix_only
def test_a_folder_of_ours_with_wider_permissions_is_narrowed(root: Path) -> None:
    root.mkdir(mode=0o777)
    root.chmod(0o777)
    assert cache.folder() == str(root)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


@posix_only
def test_a_symlinked_folder_is_not_used(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    root.symlink_to(elsewhere)
    assert cache.folder() is None
    assert not cache.write_json(str(root), "x.json", 1)
    assert list(elsewhere.iterdir()) == []


@posix_only
@as_root
def test_a_folder_owned_by_someone_else_is_not_used(root: Path) -> None:
    root.mkdir(mode=0o700)
    (root / "thing-1.json").write_text("1", encoding="utf-8")
    os.chown(root, 54321, 54321)
    assert cache.folder() is None
    assert cache.read_json(str(root), "thing-1.json", 100) is None
    assert not cache.write_json(str(root), "thing-2.json", 2)


@posix_only
@as_root
def test_a_file_owned_by_someone_else_is_not_read(root: Path) -> None:
    where = cache.folder()
    assert where is not None
    (root / "thing-1.json").write_text("1", encoding="utf-8")
    os.chown(root / "thing-1.json", 54321, 54321)
    assert cache.read_json(where, "thing-1.json", 100) is None


@posix_only
def test_a_planted_symlink_is_neither_read_nor_written_through(root: Path, tmp_path: Path) -> None:
    where = cache.folder()
    assert where is not None
    victim = tmp_path / "victim.json"
    victim.write_text('{"planted": true}', encoding="utf-8")
    (root / "thing-1.json").symlink_to(victim)
    assert cache.read_json(where, "thing-1.json", 100) is None
    assert cache.write_json(where, "thing-1.json", {"ours": 1})
    assert victim.read_text(encoding="utf-8") == '{"planted": true}'
    assert not (root / "thing-1.json").is_symlink()
    assert json.loads((root / "thing-1.json").read_text(encoding="utf-8")) == {"ours": 1}


@posix_only
def test_a_fifo_or_a_folder_in_place_of_a_file_is_no_cache(root: Path) -> None:
    where = cache.folder()
    assert where is not None
    os.mkfifo(root / "fifo.json")  # reading it must not wait for a writer
    (root / "dir.json").mkdir()
    assert cache.read_json(where, "fifo.json", 100) is None
    assert cache.read_json(where, "dir.json", 100) is None


@pytest.mark.parametrize("content", [b"", b"not json", b"\xff\xfe\x00", b"[" * 100_000, b"1" * 2000])
def test_a_corrupt_or_oversized_file_is_no_cache(root: Path, content: bytes) -> None:
    where = cache.folder()
    assert where is not None
    (root / "thing.json").write_bytes(content)
    assert cache.read_json(where, "thing.json", 1000) is None


def test_an_unwritable_place_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(blocker / "sub"))
    assert cache.folder() is None
    assert not cache.write_json(str(blocker / "sub"), "x.json", 1)


def test_no_cache_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAILGUARD_NO_CACHE", "1")
    assert cache.cache_root() is None
    assert cache.folder() is None


def test_no_home_means_no_cache_rather_than_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RAILGUARD_NO_CACHE", "RAILGUARD_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # what it does without HOME and passwd entry
    assert cache.home() is None
    assert cache.cache_root() is None


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("RAILGUARD_NO_CACHE", "RAILGUARD_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_root() == str(tmp_path / ".cache" / "railguard")


def test_names_cannot_leave_the_folder(root: Path) -> None:
    where = cache.folder()
    assert where is not None
    for name in ("../x.json", "a/b.json", "..", ""):
        with pytest.raises(ValueError, match="not a file name"):
            cache.read_json(where, name, 10)
