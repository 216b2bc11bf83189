"""Reading a file railguard was given: bounded, safe on devices, with errors that name the file."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

from railguard.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from io import BufferedReader
    from pathlib import Path

#: How much is read before deciding whether to read on: enough to see that a file is binary.
HEAD_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_input(path: str | Path, what: str, limit: int | None = None) -> bytes:
    """The bytes of ``path``: all of them, or at most ``limit + 1`` so that the caller can tell it is too large.

    ``what`` names what the file should be ("a licence text", "a model card") in the errors. Reading
    stops after the first :data:`HEAD_BYTES` when they hold a NUL byte (and no UTF-16 byte-order mark):
    the file is binary, and the path may be a device such as ``/dev/zero`` that never ends.

    Raises:
        InputError: the file does not exist, is a directory, or cannot be read.
    """
    with _named_errors(path, what), open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES if limit is None else min(HEAD_BYTES, limit + 1))
        if b"\x00" in head and not head.startswith(_UTF16_BOMS):
            return head
        rest = handle.read() if limit is None else handle.read(limit + 1 - len(head))
    return head + rest


def input_lines(path: str | Path, what: str) -> Iterator[bytes]:
    """The lines of ``path`` as bytes (each with its ``\\n``), read as they are needed.

    For tables of millions of lines: the file is never whole in memory, and a line is split at
    ``\\n`` only (a JSON string may hold U+2028 raw). A byte-order mark is left out. Errors as
    :func:`read_input`'s, and binary files are refused from their first :data:`HEAD_BYTES`.

    Raises:
        InputError: the file does not exist, is a directory, cannot be read, or is binary.
    """
    with _named_errors(path, what), open(path, "rb", buffering=1 << 16) as handle:
        head = cast("BufferedReader", handle).peek(HEAD_BYTES)[:HEAD_BYTES]
        if b"\x00" in head:
            raise InputError(f"looks like a binary file, not {what}", path=str(path))
        first = True
        for line in handle:
            if first:
                line, first = line.removeprefix(b"\xef\xbb\xbf"), False
            yield line


@contextmanager
def _named_errors(path: str | Path, what: str) -> Iterator[None]:
    """Errors of opening or reading ``path`` as :class:`InputError` naming it (``what``: what it should be)."""
    name = str(path)
    try:
        yield
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not {what}", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=name) from None
