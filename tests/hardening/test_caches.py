"""Issue 11, item 6: what lies in the cache folder can neither run code, nor break a command, nor be written through.

Every command runs once in a fresh process with an empty cache folder; what that run left in the
folder is then tampered with, one way per test (a pickle that creates a file when loaded, a Lark
cache header before one, data of another shape, garbage, a symbolic link, a directory), and the
same commands run again: they must print the same and exit the same way, the planted pickle must
never be loaded and nothing may be written through a link. The folder itself is the user's alone:
mode 0700, never a symbolic link, never another user's.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.hardening.driver import run_plan
from tests.hardening.readme import ROOT, make_workdir
from tests.hardening.test_process import HOSTILE, INVOCATIONS

posix_only = pytest.mark.skipif(os.name != "posix", reason="permissions and symbolic links as POSIX has them")


def _one_of_each(invocations: list[list[str]]) -> list[list[str]]:
    # NOTE: one invocation per command and per input kind is enough to read and write every cache.
    seen: set[tuple[str, ...]] = set()
    out = []
    for argv in invocations:
        kind = (argv[0], *(Path(a).suffix for a in argv[1:2]))
        if kind not in seen and "--fix" not in argv:
            seen.add(kind)
            out.append(argv)
    return out


PLAN = _one_of_each(INVOCATIONS)


class Planted:
    """Creates the file ``marker`` when unpickled: proof that a cache file was unpickled."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.marker, "w"))


def drive(folder: Path, cache: Path, tag: str) -> list[dict[str, Any]]:
    """Run :data:`PLAN` in a fresh process and workdir with ``cache`` as the cache folder."""
    workdir = make_workdir(folder / f"work-{tag}", produce=True)
    for name, text in HOSTILE.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "RAILGUARD_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("RAILGUARD_NO_CACHE", None)
    found = run_plan(workdir, PLAN, 1, env, str(folder / tag))
    for item in found:
        for run in item["runs"]:
            run["out"] = run["out"].replace(str(workdir), "WORKDIR")
            run["err"] = run["err"].replace(str(workdir), "WORKDIR")
    return found


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict[str, Any]]]:
    """The folder, the cache a first run left, and what that run printed."""
    folder = tmp_path_factory.mktemp("caches")
    cache = folder / "cache"
    results = drive(folder, cache, "learn")
    assert all(run["code"] in (0, 1) for item in results for run in item["runs"]), results
    return folder, cache, results


def cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and not p.is_symlink())


def _json_of_another_shape(data: bytes) -> bytes:
    try:
        value = json.loads(data)
    except ValueError:
        return b"[]"
    if not isinstance(value, dict):
        return b"{}"
    return json.dumps({k: (v if k in ("format", "key", "endpoint", "id") else 5) for k, v in value.items()}).encode()


def _tampered(how: str, data: bytes, evil: bytes, seed: str) -> bytes:
    if how == "pickle":
        return evil
    if how == "lark-cache-header":  # Lark's cache: a digest line, then pickles it loaded unchecked
        return data.split(b"\n", 1)[0] + b"\n" + evil
    if how == "another-shape":
        return pickle.dumps(["not", "the", "shape"])
    if how == "json-of-another-shape":
        return _json_of_another_shape(data)
    assert how == "garbage"
    return random.Random(seed).randbytes(len(data) or 64)


def tamper(cache: Path, how: str, marker: Path, victim: Path) -> int:
    """Change every file of ``cache`` the way ``how`` says; the number of files changed."""
    evil = pickle.dumps(Planted(str(marker)))
    files = cache_files(cache)
    for path in files:
        data = path.read_bytes()
        if how == "symlink" or how == "directory":
            path.unlink()
            if how == "symlink":
                path.symlink_to(victim)
            else:
                path.mkdir()
            continue
        path.write_bytes(_tampered(how, data, evil, path.name))
    return len(files)


@pytest.mark.parametrize(
    "how", ["pickle", "lark-cache-header", "another-shape", "json-of-another-shape", "garbage", "symlink", "directory"]
)
def test_a_tampered_cache_changes_nothing(learned: tuple[Path, Path, list[dict[str, Any]]], how: str) -> None:
    folder, cache, expected = learned
    copy = folder / f"cache-{how}"
    shutil.copytree(cache, copy, symlinks=True)
    marker = folder / f"unpickled-{how}"
    victim = folder / f"victim-{how}"
    victim.write_bytes(b"not railguard's")
    assert tamper(copy, how, marker, victim) > 0, "the first run left nothing in the cache to tamper with"
    assert drive(folder, copy, how) == expected
    assert not marker.exists(), "a file from the cache folder was unpickled"
    assert victim.read_bytes() == b"not railguard's", "railguard wrote through a symbolic link in its cache"


@posix_only
def test_the_cache_folder_is_private(learned: tuple[Path, Path, list[dict[str, Any]]]) -> None:
    _, cache, _ = learned
    for path in [cache, *cache.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o077 == 0, f"{path} is mode {mode:o}"


@posix_only
def test_a_symlinked_cache_folder_is_not_used(learned: tuple[Path, Path, list[dict[str, Any]]]) -> None:
    folder, _, expected = learned
    target = folder / "shared-target"
    target.mkdir(mode=0o700)
    link = folder / "cache-link"
    link.symlink_to(target)
    assert drive(folder, link, "link") == expected
    assert list(target.iterdir()) == []


@posix_only
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a folder away")
def test_a_cache_folder_of_another_user_is_not_used(learned: tuple[Path, Path, list[dict[str, Any]]]) -> None:
    folder, cache, expected = learned
    theirs = folder / "cache-theirs"
    shutil.copytree(cache, theirs)
    marker = folder / "unpickled-theirs"
    tamper(theirs, "pickle", marker, folder / "unused")
    before = sorted(p.name for p in theirs.rglob("*"))
    for path in [theirs, *theirs.rglob("*")]:
        os.chown(path, 54321, 54321)
    assert drive(folder, theirs, "theirs") == expected
    assert not marker.exists()
    assert sorted(p.name for p in theirs.rglob("*")) == before


def test_a_checkout_sees_every_edit_of_its_catalogue(tmp_path: Path) -> None:
    # A source checkout reads licences/ through its cache: an edit that keeps the file's size and
    # modification time (a checkout of another branch can) must still be seen on the next run.
    checkout = tmp_path / "checkout"
    for name in ("src", "licences", "grammar"):
        shutil.copytree(ROOT / name, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "RAILGUARD_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("RAILGUARD_NO_CACHE", None)

    def explain() -> dict[str, Any]:
        proc = subprocess.run(
            [sys.executable, "-m", "railguard", "explain", "mit", "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        licence: dict[str, Any] = json.loads(proc.stdout)["licence"]
        return licence

    assert explain()["name"] == "MIT License"
    path = checkout / "licences" / "mit.yaml"
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("name: MIT License", "name: MIT Licensf"), "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    assert explain()["name"] == "MIT Licensf"
