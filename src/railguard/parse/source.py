"""Turn the bytes of a licence file into normalised text, or a clean error.

Licence files arrive in every shape: UTF-8 with or without a BOM, UTF-16 from Windows tools,
Latin-1 from old archives, CRLF or CR line ends, and sometimes something that is not text at
all. Decoding is decided here, once, so the grammars only ever see ``\\n``-terminated text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from railguard.errors import InputError
from railguard.readfile import read_input

#: Larger inputs are refused: the longest real licence (GPL-3.0, AGPL-3.0) is under 40 kB, 25 times
#: less; the bound keeps parse time (about 2 s at the limit) predictable in CI and pre-commit.
MAX_BYTES = 1024 * 1024


#: Characters that end a line or a page in old licence files (GPL texts carry form feeds).
_LINE_BREAKS = str.maketrans({"\r": "\n", "\f": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded licence text.

    Attributes:
        name: the path or label shown in messages.
        text: the text with ``\\n`` line ends, no BOM, ending in ``\\n`` (empty for an empty file).
        encoding: the encoding it was decoded from.
    """

    name: str
    text: str
    encoding: str


def decode(data: bytes, name: str) -> Source:
    """Decode licence bytes.

    Raises:
        InputError: binary data, or too large to be a licence.
    """
    if len(data) > MAX_BYTES:
        size = len(data) / (1024 * 1024)
        raise InputError(
            f"is {size:.1f} MiB; a licence text is at most {MAX_BYTES // (1024 * 1024)} MiB, so this is not one",
            path=name,
        )
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (it contains NUL bytes), not a licence text", path=name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        # NOTE: old licence files are often Latin-1 / Windows-1252; every byte decodes, so only
        # accept the result when it still reads as text.
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252"
    text = text.lstrip("\ufeff")
    if _control_ratio(text) > 0.05:
        raise InputError("looks like a binary file (mostly control characters), not a licence text", path=name)
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    if text and not text.endswith("\n"):
        text += "\n"
    return Source(name=name, text=text, encoding=encoding)


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample)


#: The C0 control characters other than the line and page breaks and the tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def read_source(path: str | Path) -> Source:
    """Read and decode a licence file.

    Raises:
        InputError: missing, unreadable, binary or too large.
    """
    name = str(path)
    file = Path(path)
    try:
        # NOTE: the size of a regular file says how large it is; a device or pipe is read to the bound.
        size = file.stat().st_size if file.is_file() else 0
    except OSError:
        size = 0
    if size > MAX_BYTES:
        raise InputError(
            f"is {size / (1024 * 1024):.1f} MiB; a licence text is at most "
            f"{MAX_BYTES // (1024 * 1024)} MiB, so this is not one",
            path=name,
        )
    return decode(read_input(file, "a licence text", MAX_BYTES), name)
