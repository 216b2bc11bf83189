"""Per-user caches: the validated catalogue and the compiled grammars, so cold commands start fast.

The key covers railguard's version and every catalogue file's name, size and modification time,
so an edited or upgraded catalogue is never served stale. Any problem with the cache (no home
directory, read-only file system, a corrupt or foreign file) silently falls back to loading the
YAML files; the cache can only make a run faster, never different.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

try:
    # NOTE: the C unpickler that `pickle` wraps; importing `pickle` itself also runs its
    # pure-Python module (about a millisecond of a cold start), which only writing a cache needs.
    from _pickle import PickleError, load
except ImportError:  # an interpreter without the C accelerator
    from pickle import PickleError, load

if TYPE_CHECKING:
    from pathlib import Path

T = TypeVar("T")


def _folder() -> str | None:
    # NOTE: a path string: reading a cache (every cold command) needs no pathlib, whose import
    # (with urllib.parse and ipaddress) costs a cold lint about 4 ms.
    if os.environ.get("RAILGUARD_NO_CACHE"):
        return None
    explicit = os.environ.get("RAILGUARD_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):
            raise RuntimeError("Could not determine home directory.")  # as Path.home() does
        base = os.path.join(home, ".cache")
    return os.path.join(base, "railguard")


def cache_dir() -> Path | None:
    """``$RAILGUARD_CACHE_DIR``, else ``$XDG_CACHE_HOME/railguard``, else ``~/.cache/railguard``."""
    from pathlib import Path

    folder = _folder()
    return Path(folder) if folder is not None else None


def fingerprint(folder: str | os.PathLike[str], version: str) -> str:
    """A digest of ``version`` and each file's name, size and modification time in ``folder``."""
    # NOTE: CRC-32 and CRC-CCITT (48 bits together) detect any change of a listing; a cryptographic
    # hash is not needed here, and importing hashlib (OpenSSL) costs more than a cold lint's run.
    # binascii rather than zlib: YAML's loader has imported it already.
    import binascii

    listing = [version]
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            stat = entry.stat()
            listing.append(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    data = "\n".join(listing).encode()
    return f"{binascii.crc32(data):08x}{binascii.crc_hqx(data, 0):04x}{len(listing):04x}"


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """Return the value stored under ``name``/``key``, or build, store and return it."""
    folder = _folder()
    if folder is None:
        return build()
    path = os.path.join(folder, f"{name}-{key}.pickle")
    try:
        with open(path, "rb") as handle:
            return load(handle)  # type: ignore[no-any-return]  # noqa: S301 - our own cache file
    except (OSError, PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    try:
        import pickle
        import tempfile
        from pathlib import Path

        os.makedirs(folder, exist_ok=True)
        for stale in Path(folder).glob(f"{name}-*.pickle"):
            stale.unlink(missing_ok=True)
        # NOTE: write to a temporary file and rename, so a concurrent run never reads half a file.
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
    except OSError:
        pass
    return value


def grammar_cache(name: str, grammar: str) -> str | bool:
    """A cache file for a compiled Lark grammar (Lark's ``cache`` argument), or ``False``.

    The file name carries a digest of the grammar text and the Lark version, so an edited grammar
    or an upgraded Lark never loads a stale parser.
    """
    import hashlib

    import lark

    folder = cache_dir()
    if folder is None:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    digest = hashlib.sha256(f"{lark.__version__}\0{grammar}".encode()).hexdigest()[:24]
    return str(folder / f"{name}-{digest}.lark-cache")
