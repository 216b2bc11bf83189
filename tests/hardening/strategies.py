"""Hypothesis strategies for hostile inputs: model cards, lineage tables, licence-like texts."""

from __future__ import annotations

import json

import yaml
from hypothesis import strategies as st
from lark import Lark

from tests.parse.test_properties import LICENCE_LIKE, grammar

__all__ = ["CARD_TEXT", "JSONL_TEXT", "LICENCE_LIKE", "MANIFEST_TEXT", "YAML_TEXT", "structure_grammar"]


def structure_grammar() -> Lark:
    """The structure grammar, compiled for ``from_lark``."""
    return grammar("structure.lark")


_KEYS = st.sampled_from(
    ["license", "licence", "license_name", "base_model", "base_model_relation", "id", "tags", "model-index", "x"]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from(["mit", "creativeml-openrail-m", "llama3.1", "other", "merge", "adapter", "a/b", ""]),
    st.text(max_size=20),
)
#: Plausible YAML values: what a card's front matter or a manifest holds, including wrong shapes.
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)
_TOKENS = st.sampled_from(
    [
        "license:",
        "base_model:",
        "models:",
        "- ",
        "id:",
        " ",
        "  ",
        "\n",
        "\t",
        "&a",
        "*a",
        "&b",
        "*b",
        "[",
        "]",
        "{",
        "}",
        ",",
        "!!str",
        "!!python/object:os.system",
        "!!binary",
        "? ",
        "<<: *a",
        "'",
        '"',
        "#",
        "2024-13-45",
        "2024-02-30",
        "0x",
        "1" * 5000,
        "1e999",
        "---",
        "...",
        "%YAML 1.1",
        "|",
        ">",
        "\ufeff",
        "\x00",
        "mit",
    ]
)


def _alias_chain(levels: int, fanout: int) -> str:
    """A small alias bomb: each level lists the previous one ``fanout`` times."""
    lines = [f"l0: &l0 [{', '.join(['x'] * fanout)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fanout)}]")
    lines.append(f"base_model: *l{levels - 1}")
    return "\n".join(lines) + "\n"


#: YAML documents: well-formed values (dumped), token soup, alias chains and deep nesting.
YAML_TEXT = st.one_of(
    _VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.lists(_TOKENS, max_size=60).map("".join),
    st.builds(_alias_chain, st.integers(1, 12), st.integers(1, 12)),
    st.integers(1, 400).map(lambda n: "license: mit\nx: " + "[" * n + "]" * n + "\n"),
    st.integers(1, 400).map(lambda n: "license: mit\nx: " + "{a: " * n + "b" + "}" * n + "\n"),
)

#: Model-card text: optional front matter (maybe unclosed) around a YAML document, then a body.
CARD_TEXT = st.builds(
    lambda lead, opener, meta, closer, body: (
        lead + opener + meta + ("" if meta.endswith("\n") else "\n") + closer + body
    ),
    st.sampled_from(["", "", "", "\n", "\ufeff", "  \n"]),
    st.sampled_from(["---\n", "---\n", "---\n", "---\r\n", "--- \n", "", "+++\n"]),
    YAML_TEXT,
    st.sampled_from(["---\n", "---\n", "---\n", "...\n", "", "---"]),
    st.text(max_size=100),
)

#: A lineage manifest: a models list of plausible (and implausible) records, or any YAML text.
MANIFEST_TEXT = st.one_of(
    st.lists(st.dictionaries(_KEYS, _VALUES, max_size=5), max_size=6).map(
        lambda models: yaml.safe_dump({"models": models}, allow_unicode=True)
    ),
    YAML_TEXT,
)

#: A JSONL table: records, non-objects and broken lines.
JSONL_TEXT = st.lists(
    st.one_of(
        st.dictionaries(_KEYS, _VALUES, max_size=5).map(json.dumps),
        _VALUES.map(json.dumps),
        st.text(max_size=30),
        st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    ),
    max_size=8,
).map("\n".join)
