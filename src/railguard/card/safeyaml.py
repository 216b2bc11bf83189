"""YAML for untrusted front matter: safe tags only, bounded nesting, bounded alias expansion.

``yaml.safe_load`` refuses arbitrary objects but not two other attacks a model card can carry:

* **Alias bombs** ("billion laughs"): a few lines of anchors and aliases describe a structure
  with billions of elements. PyYAML shares the aliased nodes, so loading is cheap, but anything
  that then walks the value (printing it, ``str()`` of a list, JSON) runs out of time and memory.
  :func:`load_front_matter` computes the *expanded* size of the composed node graph, sharing
  counted once per use, and refuses documents above :data:`MAX_EXPANDED_NODES`.
* **Deep nesting**: libyaml's composer recurses in C, and ``[[[[...]]]]`` nested a hundred
  thousand deep crashes the interpreter with a segmentation fault (no exception to catch).
  :func:`nesting_problem` rejects such text *before* the parser sees it.

Both refusals name the line, so the linter reports them as findings.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from railguard.lazyre import lazy

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Deeper than any real card (model-index results nest about six levels).
MAX_DEPTH = 64
#: Indentation beyond this many columns only happens in generated attacks.
MAX_INDENT = 256
#: A generous bound: the largest real card front matter has a few thousand nodes.
MAX_EXPANDED_NODES = 100_000

_DEEP_INDENT = lazy(rf"^[ \t]{{{MAX_INDENT},}}\S", re.MULTILINE)
_COMPACT_NESTING = lazy(rf"^[ \t]*(?:[-?:][ \t]+){{{MAX_DEPTH},}}", re.MULTILINE)


class UnsafeYamlError(Exception):
    """The text is refused before or after parsing; ``line`` is 0-based within the text."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


#: What :func:`load_front_matter` returns: the data, and for a top-level mapping where each key
#: and each value starts, as (line, column) pairs, 0-based within the text. A plain tuple: this
#: runs for every card, and even a NamedTuple class costs a quarter of a millisecond to create.
Loaded = tuple[Any, dict[str, tuple[int, int]], dict[str, tuple[int, int]]]


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index)


def nesting_problem(text: str) -> UnsafeYamlError | None:
    """Refuse text nested deeper than :data:`MAX_DEPTH` (flow or block), with its line."""
    # NOTE: the patterns only run on text that could match them (most cards never do).
    found = _DEEP_INDENT.search(text) if " " * MAX_INDENT in text or "\t" in text else None
    if found is None and sum(text.count(m) for m in ("- ", "? ", "-\t")) > MAX_DEPTH:
        found = _COMPACT_NESTING.search(text)
    if found is not None:
        return UnsafeYamlError(f"nesting deeper than {MAX_DEPTH} levels is refused", _line_of(text, found.start()))
    # NOTE: counting brackets ignores quoting, so a string full of brackets may be counted as
    # nesting; only text with more than MAX_DEPTH of them pays for the scan at all.
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for index, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return UnsafeYamlError(f"nesting deeper than {MAX_DEPTH} levels is refused", _line_of(text, index))
        elif char in "]}" and depth:
            depth -= 1
    return None


def _expanded_size(root: yaml.Node) -> tuple[int, yaml.Node | None]:
    """The node count of the fully expanded document, and the smallest node that is too large."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes and not done:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if not done:
            sizes[key] = -1  # in progress; a cycle (a recursive alias) counts as huge
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        total = 1
        for child in children:
            size = sizes.get(id(child), 1)
            total += MAX_EXPANDED_NODES + 1 if size < 0 else size
        sizes[key] = min(total, MAX_EXPANDED_NODES * 10)
    if sizes[id(root)] <= MAX_EXPANDED_NODES:
        return sizes[id(root)], None
    culprit = root
    seen: set[int] = set()
    while id(culprit) not in seen:
        seen.add(id(culprit))
        children = (
            list(culprit.value)
            if isinstance(culprit, yaml.SequenceNode)
            else [part for pair in culprit.value for part in pair]
            if isinstance(culprit, yaml.MappingNode)
            else []
        )
        bigger = next((c for c in children if sizes.get(id(c), 1) > MAX_EXPANDED_NODES or sizes.get(id(c)) == -1), None)
        if bigger is None:
            break
        culprit = bigger
    return sizes[id(root)], culprit


def load_front_matter(text: str) -> Loaded:
    """Load one YAML document safely, keeping the positions of top-level keys.

    Raises:
        UnsafeYamlError: nesting or alias expansion beyond the bounds.
        yaml.YAMLError: the text is not valid YAML.
    """
    refused = nesting_problem(text)
    if refused is not None:
        raise refused
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, {}
        if "*" in text:
            _, culprit = _expanded_size(node)
            if culprit is not None:
                raise UnsafeYamlError(
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (an alias bomb); refused",
                    culprit.start_mark.line,
                )
        try:
            data = loader.construct_document(node)
        except RecursionError:
            raise UnsafeYamlError("the document is nested too deeply to load", node.start_mark.line) from None
    finally:
        loader.dispose()
    keys: dict[str, tuple[int, int]] = {}
    values: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            # NOTE: a repeated key keeps its last value (as PyYAML does), so keep its last position.
            if isinstance(key_node, yaml.ScalarNode):
                keys[key_node.value] = (key_node.start_mark.line, key_node.start_mark.column)
                values[key_node.value] = (value_node.start_mark.line, value_node.start_mark.column)
    return data, keys, values
