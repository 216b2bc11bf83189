"""The structure grammar classifies lines as real texts write them."""

from __future__ import annotations

import pytest

from railguard.parse.structure import LineKind, parse_layout


def kinds(text: str) -> list[tuple[str, str, str]]:
    layout = parse_layout(text)
    return [(line.kind.value, line.marker, line.text) for line in layout.lines if line.kind is not LineKind.BLANK]


@pytest.mark.parametrize(
    "marker",
    ["(a)", "a.", "a)", "A.", "(iv)", "iv.", "1.", "1)", "(1)", "3.1.", "3.1.4.", "3.1.4", "-", "*", "+", "•"],
)
def test_list_markers(marker: str) -> None:
    assert kinds(f"{marker} For military purposes;\n") == [("item", marker, "For military purposes;")]


def test_tab_after_marker_and_indentation() -> None:
    layout = parse_layout("1.\tDEFINITIONS.\n    * nested item\n")
    first, second = layout.lines
    assert (first.kind, first.marker, first.text) == (LineKind.ITEM, "1.", "DEFINITIONS.")
    assert second.indent == 4


@pytest.mark.parametrize(
    "text",
    [
        "e.g. a chatbot or translator",
        "U.S. export law applies",
        "2022. The licensor",
        "etc. and more",
        "**Bold** text",
        "(e.g. by text profiling)",
    ],
)
def test_words_that_look_like_markers_are_text(text: str) -> None:
    assert kinds(text + "\n")[0][0] == "text"


def test_markdown_heading() -> None:
    assert kinds("## 2. Grant of Licence ##\n") == [("heading", "", "2. Grant of Licence")]


def test_toml_and_yaml_front_matter() -> None:
    toml = parse_layout('+++\ntitle = "Licence"\n+++\nBody\n')
    assert toml.front_matter is not None
    assert [line.text for line in toml.lines if line.text] == ["Body"]
    yaml_doc = parse_layout("---\ntitle: MIT\n---\nBody\n")
    assert yaml_doc.front_matter is not None
    assert yaml_doc.lines[0].line == 4


def test_front_matter_only_at_the_top() -> None:
    layout = parse_layout("Intro\n---\nnot: front matter\n---\n")
    assert layout.front_matter is None


def test_line_numbers_count_blank_lines() -> None:
    layout = parse_layout("A\n\n\nB\n")
    assert [(line.kind.value, line.line) for line in layout.lines] == [
        ("text", 1),
        ("blank", 2),
        ("blank", 3),
        ("text", 4),
    ]
