"""The per-user cache folder: it can make a run faster, never different, and it never holds code.

Where: ``$RAILGUARD_CACHE_DIR``, else ``$XDG_CACHE_HOME/railguard``, else ``~/.cache/railguard``;
no cache at all when ``RAILGUARD_NO_CACHE`` is set or no home directory is known (``HOME`` unset
for a user id without a passwd entry, as in some containers).

An installed railguard reads its catalogue and grammars from the package (built with it), so only
a source checkout keeps a catalogue here, and ``--hub`` its answers. Anyone who can write this
folder decides what railguard reads from it, so (issue 11):

* the folder is created with mode 0700 and used only when it is a real directory (not a symbolic
  link) owned by the user; a folder of ours with wider permissions is narrowed to 0700;
* files hold JSON only (never pickles: reading them cannot run code), are opened without
  following symbolic links, and are read only when they are regular files owned by the user and
  no larger than the caller's bound;
* a file is written as a new temporary file then renamed over the old name, so a concurrent run
  never reads half a file and a planted symbolic link is replaced, never written through;
* anything unexpected (a corrupt, foreign or oversized file, a read-only or full disk) counts as
  no cache; it is never an error.
"""

from __future__ import annotations

import os
import stat
from typing import Any

#: Read and write through a directory descriptor (no path component can be swapped between the
#: check and the use) where the platform can; elsewhere by path, with the same checks.
_DIR_FD = {os.open, os.replace, os.unlink} <= os.supports_dir_fd and os.scandir in os.supports_fd
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted in the folder must not block a read
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def home() -> str | None:
    """The user's home directory, or ``None`` when there is none to be found.

    ``os.path.expanduser`` returns ``~`` unchanged when ``HOME`` is unset and the user id has no
    passwd entry (a container started with an arbitrary ``--user``); ``pathlib.Path.home`` raises.
    """
    found = os.path.expanduser("~")
    return found if os.path.isabs(found) else None


def cache_root() -> str | None:
    """The cache folder's path (not checked, not created), or ``None`` when caching is off."""
    if os.environ.get("RAILGUARD_NO_CACHE"):
        return None
    explicit = os.environ.get("RAILGUARD_CACHE_DIR")
    if explicit:
        return os.path.abspath(explicit)
    # NOTE: the XDG base directory specification says a relative XDG_CACHE_HOME is to be ignored.
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        user_home = home()
        if user_home is None:
            return None
        base = os.path.join(user_home, ".cache")
    return os.path.join(base, "railguard")


def _owned_by_user(info: os.stat_result) -> bool:
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or info.st_uid == geteuid()


def _open_folder(path: str, create: bool) -> int | None:
    """A descriptor of the cache folder ``path``, after the checks; ``None`` when unusable."""
    if create:
        try:
            parent = os.path.dirname(path)
            if parent:
                os.makedirs(parent, exist_ok=True)
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        fd = os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except OSError:  # absent, a symbolic link (ELOOP), not a directory, not ours to open
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode) or not _owned_by_user(info):
            os.close(fd)
            return None
        if os.name == "posix" and info.st_mode & 0o077:
            # NOTE: ours, but created by an older railguard (0755) or by hand: narrow it rather
            # than refuse it; a folder we cannot narrow is not used.
            os.fchmod(fd, 0o700)
    except OSError:
        os.close(fd)
        return None
    return fd


def folder(*parts: str, create: bool = True) -> str | None:
    """The cache folder (or its sub-folder ``parts``), checked and created; ``None`` when unusable.

    Every level is created with mode 0700 and must pass the checks of this module's docstring.
    """
    path = cache_root()
    if path is None:
        return None
    for part in ("", *parts):
        if part:
            _check_name(part)
            path = os.path.join(path, part)
        fd = _open_folder(path, create)
        if fd is None:
            return None
        os.close(fd)
    return path


def _check_name(name: str) -> None:
    if not name or name in (".", "..") or os.sep in name or (os.altsep and os.altsep in name):
        raise ValueError(f"not a file name: {name!r}")


def read_bytes(where: str, name: str, limit: int) -> bytes | None:
    """The content of the file ``name`` in the cache folder ``where``; ``None`` if absent or unsafe.

    Args:
        where: a folder from :func:`folder`.
        name: a plain file name (no directory part).
        limit: the largest size accepted, in bytes.
    """
    _check_name(name)
    dir_fd = _open_folder(where, create=False)
    if dir_fd is None:
        return None
    try:
        flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC
        fd = os.open(name, flags, dir_fd=dir_fd) if _DIR_FD else os.open(os.path.join(where, name), flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _owned_by_user(info) or info.st_size > limit:
                return None
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(dir_fd)


def write_bytes(where: str, name: str, data: bytes, *, stale_prefix: str | None = None) -> bool:
    """Store ``data`` as the file ``name`` in the cache folder ``where``; ``False`` if it could not.

    ``stale_prefix``: files of ours whose names start with it (older versions of the same entry,
    under other keys) are removed first.
    """
    _check_name(name)
    dir_fd = _open_folder(where, create=True)
    if dir_fd is None:
        return False
    temporary = f".{name}.{os.urandom(8).hex()}.tmp"
    at: dict[str, Any] = {"dir_fd": dir_fd} if _DIR_FD else {}

    def place(file_name: str) -> str:
        return file_name if _DIR_FD else os.path.join(where, file_name)

    try:
        if stale_prefix:
            _remove_stale(where, dir_fd, stale_prefix, keep=name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        fd = os.open(place(temporary), flags, 0o600, **at)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        except OSError:
            os.unlink(place(temporary), **at)
            raise
        if _DIR_FD:
            os.replace(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        else:
            os.replace(place(temporary), place(name))
        return True
    except OSError:
        return False
    finally:
        os.close(dir_fd)


def _remove_stale(where: str, dir_fd: int, prefix: str, keep: str) -> None:
    with os.scandir(dir_fd if _DIR_FD else where) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name != keep:
                try:
                    if entry.is_file(follow_symlinks=False) or entry.is_symlink():
                        os.unlink(entry.name if _DIR_FD else entry.path, **({"dir_fd": dir_fd} if _DIR_FD else {}))
                except OSError:
                    pass


def read_json(where: str, name: str, limit: int) -> Any:
    """The JSON value stored as ``name`` (see :func:`read_bytes`); ``None`` if absent or not JSON."""
    data = read_bytes(where, name, limit)
    if data is None:
        return None
    import json

    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def write_json(where: str, name: str, value: Any, *, stale_prefix: str | None = None) -> bool:
    """Store ``value`` as JSON (see :func:`write_bytes`); ``False`` if it could not."""
    import json

    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return write_bytes(where, name, data, stale_prefix=stale_prefix)
