"""Reading real-world card files: line ends, BOM, blank lines, broken YAML, hostile YAML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railguard.card.reader import parse_card, read_card_file
from railguard.errors import InputError
from railguard.lint.runner import lint_text

CARD = "---\nlicense: mit\nbase_model: org/base\n---\n# Title\n\nText.\n\n## License\n\nMIT\n"


@pytest.mark.parametrize(
    "raw",
    [
        CARD.encode(),
        CARD.replace("\n", "\r\n").encode(),
        CARD.replace("\n", "\r").encode(),
        b"\xef\xbb\xbf" + CARD.encode(),
        ("\n\n  \n" + CARD).encode(),
        CARD.encode("utf-16"),
    ],
    ids=["lf", "crlf", "cr", "bom", "blank-lines-first", "utf-16"],
)
def test_variants_read_alike(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(raw)
    card = read_card_file(path)
    assert card.problem is None
    assert card.meta == {"license": "mit", "base_model": "org/base"}
    offset = card.front_matter[0] - 1 if card.front_matter else 0
    assert card.keys["license"] == (2 + offset, 1)
    assert card.values["base_model"] == (3 + offset, 13)
    assert [(s.title, s.level) for s in card.sections] == [("Title", 1), ("License", 2)]


def test_crlf_and_bom_are_remembered_for_fixes(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + CARD.replace("\n", "\r\n").encode())
    card = read_card_file(path)
    assert (card.newline, card.bom) == ("\r\n", True)


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_card_file(tmp_path / "nope.md")


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("# no front matter\n", "missing", 1),
        ("---\nlicense: mit\n", "invalid", 1),
        ("---\nlicense: mit\n  bad: indent\n---\n", "invalid", 3),
        ("---\nlicense: [mit\n---\n", "invalid", 3),
        ("---\n- a\n- b\n---\n", "not-mapping", 2),
        ("---\njust a string\n---\n", "not-mapping", 2),
        ("---\nlicense: !!python/object:os.system ls\n---\n", "invalid", 2),
    ],
)
def test_problems_carry_their_line(text: str, kind: str, line: int) -> None:
    card = parse_card(text)
    assert card.problem is not None
    assert (card.problem.kind, card.problem.line) == (kind, line)


def test_empty_front_matter_is_an_empty_mapping() -> None:
    card = parse_card("---\n---\n# M\n")
    assert card.problem is None
    assert card.meta == {}


def test_fenced_code_is_not_a_heading() -> None:
    card = parse_card("---\nlicense: mit\n---\n```python\n# comment\n```\nTitle\n=====\n")
    assert [(s.title, s.line) for s in card.sections] == [("Title", 7)]


def test_alias_bomb_is_refused_with_its_line() -> None:
    rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        rows.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    card = parse_card("---\nlicense: mit\n" + "\n".join(rows) + "\n---\n")
    assert card.problem is not None
    assert card.problem.kind == "refused"
    assert "alias" in card.problem.message
    assert 4 <= card.problem.line <= 12


def test_modest_aliases_are_fine() -> None:
    card = parse_card("---\nlicense: mit\nx: &x [1, 2]\ny: *x\n---\n")
    assert card.problem is None
    assert card.meta["y"] == [1, 2]


def test_recursive_alias_is_refused() -> None:
    card = parse_card("---\nlicense: mit\nx: &x [*x]\n---\n")
    assert card.problem is not None


@pytest.mark.parametrize(
    "body",
    ["a: " + "[" * 100_000 + "]" * 100_000, "a:\n" + "".join(" " * i + "- \n" for i in range(300)), "- " * 5000 + "x"],
    ids=["flow", "block", "compact"],
)
def test_deep_nesting_is_refused_without_crashing_the_interpreter(tmp_path: Path, body: str) -> None:
    # NOTE: in a subprocess: libyaml's composer would crash the whole test run with a segfault.
    path = tmp_path / "README.md"
    path.write_text("---\n" + body + "\n---\n", encoding="utf-8")
    code = "import sys; from railguard.cli import main; sys.exit(main(['lint', '--format', 'json', sys.argv[1]]))"
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert '"RG402"' in done.stdout
    assert "nest" in done.stdout


@given(st.text(max_size=400))
def test_any_text_lints_without_raising(text: str) -> None:
    lint_text(text)


@given(
    st.dictionaries(
        st.sampled_from(["license", "license_name", "license_link", "base_model", "base_model_relation", "licence"]),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.text(max_size=30),
            st.lists(st.one_of(st.text(max_size=20), st.integers(), st.none()), max_size=3),
            st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
        ),
    ),
    st.text(max_size=200),
)
def test_any_metadata_lints_without_raising(meta: dict[str, object], body: str) -> None:
    import yaml

    lint_text("---\n" + yaml.safe_dump(meta) + "---\n" + body)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"), (b"---\n" + b"x" * (3 << 20), "larger than 2 MiB")],
)
def test_a_file_that_is_not_a_card_is_unreadable(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(data)
    card = read_card_file(path)
    assert card.problem is not None
    assert card.problem.kind == "unreadable"
    assert message in card.problem.message
