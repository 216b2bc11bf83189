"""Compiled grammars: built into the package for any grammar in grammar/, used only when they match."""

from __future__ import annotations

from pathlib import Path

import lark
import pytest

from railguard import grammars

DEMO = """// a demo: words and numbers
start: (WORD | NUMBER)+
%import .common (WORD, NUMBER)
%ignore " "
"""
COMMON = """// imported by demo.lark; no start rule, so nothing to build
WORD: /[a-z]+/
NUMBER: /[0-9]+/
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A grammar folder of two files, and a package that carries what the build made of it."""
    source = tmp_path / "grammar"
    source.mkdir()
    (source / "demo.lark").write_text(DEMO, encoding="utf-8")
    (source / "common.lark").write_text(COMMON, encoding="utf-8")
    built = tmp_path / "built"
    monkeypatch.setattr(grammars, "data_dir", lambda name: source)

    def built_file(name: str) -> bytes | None:
        path = built / name
        return path.read_bytes() if path.is_file() else None

    monkeypatch.setattr(grammars, "built_file", built_file)
    assert grammars.write_package_files(str(built)) == ["grammars/demo.marshal"]
    return source


def words(parser: lark.Lark, text: str) -> list[str]:
    return [str(token) for token in parser.parse(text).children]


def test_a_built_grammar_is_loaded_and_parses_as_the_source(folder: Path) -> None:
    loaded = grammars._load("demo", {})
    assert loaded is not None
    assert words(loaded, "ab 12 cd") == ["ab", "12", "cd"]
    assert words(grammars.compiled("demo"), "ab 12 cd") == ["ab", "12", "cd"]


@pytest.mark.parametrize("lexer", ["basic", "contextual"])
def test_any_lexer_can_be_put_on_the_built_tables(folder: Path, lexer: str) -> None:
    loaded = grammars._load("demo", {"lexer": lexer, "propagate_positions": True})
    assert loaded is not None
    assert loaded.options.lexer == lexer
    assert words(loaded, "x 1") == ["x", "1"]


def test_an_edited_grammar_is_compiled_not_taken_from_the_build(folder: Path) -> None:
    (folder / "common.lark").write_text(COMMON.replace("[a-z]+", "[a-z_]+"), encoding="utf-8")
    assert grammars._load("demo", {}) is None
    assert words(grammars.compiled("demo"), "a_b 1") == ["a_b", "1"]


def test_another_lark_version_compiles(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lark, "__version__", "0.0.1")
    assert grammars._load("demo", {}) is None
    assert words(grammars.compiled("demo"), "ab") == ["ab"]


def test_another_shape_compiles(folder: Path) -> None:
    assert grammars._load("demo", {"keep_all_tokens": True}) is None
    assert words(grammars.compiled("demo", keep_all_tokens=True), "ab") == ["ab"]


def test_a_checkout_compiles_its_grammars(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grammars, "built_file", lambda name: None)
    assert words(grammars.compiled("demo"), "ab 7") == ["ab", "7"]
