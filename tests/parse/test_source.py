"""Decoding licence files: every shape of input gives text or a clean error naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from railguard.errors import InputError
from railguard.parse.source import MAX_BYTES, decode, read_source


def test_utf8_crlf_and_bom_are_normalised() -> None:
    source = decode(codecs.BOM_UTF8 + b"Line one\r\nLine two\rLine three", "LICENSE")
    assert source.text == "Line one\nLine two\nLine three\n"
    assert source.encoding == "utf-8"


def test_utf16_with_bom() -> None:
    source = decode("Licence\nterms\n".encode("utf-16"), "LICENSE")
    assert source.text == "Licence\nterms\n"


def test_latin1_falls_back_to_cp1252() -> None:
    source = decode("Licence © Société\n".encode("latin-1"), "LICENSE")
    assert "Société" in source.text
    assert source.encoding == "cp1252"


def test_empty_file_is_empty_text() -> None:
    assert decode(b"", "LICENSE").text == ""


def test_binary_is_refused_with_the_file_named() -> None:
    with pytest.raises(InputError) as info:
        decode(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 100, "model.bin")
    assert "model.bin" in str(info.value)
    assert "binary" in str(info.value)


def test_control_characters_are_refused() -> None:
    with pytest.raises(InputError):
        decode(bytes(range(1, 31)) * 50, "noise")


def test_too_large_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "LICENSE"
    big.write_bytes(b"a" * (MAX_BYTES + 10))
    with pytest.raises(InputError) as info:
        read_source(big)
    assert str(big) in str(info.value)
    assert "MiB" in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_source(tmp_path)
