"""YAML from files railguard did not write: safe tags only, and bounded.

``yaml.safe_load`` refuses arbitrary objects but not every hostile document. An alias bomb
(``&a [x, x, ...]``, ``&b [*a, *a, ...]``, ...) is a few hundred bytes that expand into billions
of nodes as soon as anything walks the result; nesting a few thousand levels deep exhausts
Python's recursion limit, and libyaml's C composer overflows the C stack (a segfault) on a
hundred thousand levels; scalars that look like dates or integers but are not valid ones raise
``ValueError`` from the constructor.

:func:`compose` first walks the document's event stream (iterative, so any depth is safe),
refusing documents nested deeper than :data:`MAX_DEPTH`, aliases that refer to their own
enclosing node, and aliases that together add more than :data:`MAX_ALIAS_NODES` nodes or
:data:`MAX_ALIAS_CHARS` characters of scalar text; only then does it compose. Every refusal is a
:class:`yaml.MarkedYAMLError` with the line, so callers that report YAML syntax errors with
their line report these the same way. The C loader is used when PyYAML has it.

:func:`load_front_matter` is the same for a model card's front matter, and also keeps where each
top-level key and value starts, so the linter can point at them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import yaml

#: Deeper documents are refused; a Hugging Face model card's ``model-index`` is about eight levels.
MAX_DEPTH = 100
#: Nodes that aliases may add to a document when expanded.
MAX_ALIAS_NODES = 100_000
#: Characters of scalar text that aliases may add to a document when expanded.
MAX_ALIAS_CHARS = 10_000_000

_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLLimitError(yaml.MarkedYAMLError):
    """A YAML document exceeds a bound: too deep, or aliases that expand too far."""


class _Loader(_BASE):  # type: ignore[valid-type,misc]
    """The safe loader, with constructor failures reported as YAML errors at the node's line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            # NOTE: e.g. `released: 2024-13-45` (a timestamp by YAML's rules, not a date) or an
            # integer of more digits than Python converts.
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read the value: {exc}", node.start_mark
            ) from None


def _refuse(problem: str, event: yaml.Event) -> YAMLLimitError:
    # NOTE: the C parser's marks are yaml._yaml.Mark; they have the same fields as yaml.Mark.
    return YAMLLimitError(problem=problem, problem_mark=event.start_mark)  # type: ignore[arg-type]


def check(text: str) -> None:
    """Refuse a document that is too deep or whose aliases expand too far.

    Raises:
        yaml.YAMLError: a syntax error, or :class:`YAMLLimitError`.
    """
    try:
        _walk(yaml.parse(text, Loader=_BASE))
    except YAMLLimitError:
        raise
    except yaml.YAMLError:
        if _BASE is yaml.SafeLoader:
            raise
        # NOTE: libyaml (0.2.6 on) has a nesting bound of its own, checked by its scanner ahead of
        # the events this walk sees, with its own wording. The pure-Python parser has none: walking
        # its events again gives our refusal (same bound, same line) where a bound was passed, and
        # the same syntax error otherwise. Only failing documents pay for the second walk.
        # NOTE: the pure-Python scanner converts a `%YAML` directive's version with int(), which
        # refuses thousands of digits; libyaml's own error (re-raised below) says what is wrong.
        with contextlib.suppress(ValueError, OverflowError):
            _walk(yaml.parse(text, Loader=yaml.SafeLoader))
        raise


def _walk(events: Iterator[yaml.Event]) -> None:
    # Per open collection: [anchor, nodes, characters] of its expanded content so far.
    stack: list[list[Any]] = []
    anchored: dict[str, tuple[int, int]] = {}
    open_anchors: set[str] = set()
    extra_nodes = extra_chars = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _refuse(f"nested more than {MAX_DEPTH} levels deep", event)
            stack.append([event.anchor, 1, 0])
            if event.anchor is not None:
                open_anchors.add(event.anchor)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, nodes, chars = stack.pop()
            if anchor is not None:
                anchored[anchor] = (nodes, chars)
                open_anchors.discard(anchor)
        elif isinstance(event, yaml.ScalarEvent):
            nodes, chars = 1, len(event.value)
            if event.anchor is not None:
                anchored[event.anchor] = (nodes, chars)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise _refuse(
                    f"alias `*{event.anchor}` refers to a node that contains it (a recursive structure)", event
                )
            # NOTE: an undefined alias counts one node here; composing reports it.
            nodes, chars = anchored.get(event.anchor or "", (1, 0))
            extra_nodes += nodes
            extra_chars += chars
            if extra_nodes > MAX_ALIAS_NODES or extra_chars > MAX_ALIAS_CHARS:
                raise _refuse(
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes or {MAX_ALIAS_CHARS:,} characters "
                    "(an alias bomb?)",
                    event,
                )
        else:
            continue
        if stack:
            stack[-1][1] += nodes
            stack[-1][2] += chars


def _plainly_bounded(text: str) -> bool:
    """True when the text cannot break a bound, so walking its events can be skipped."""
    # NOTE: each nesting level opens with `[`, `{`, `-`, `?` or a key's `:`, so fewer of those than
    # MAX_DEPTH bounds the depth; without `*` there is no alias to expand.
    return "*" not in text and sum(text.count(c) for c in "[{-?:") <= MAX_DEPTH


def compose(text: str) -> yaml.Node | None:
    """The checked document's node graph (with line marks), or None for an empty document.

    Raises:
        yaml.YAMLError: not valid YAML, not a single document, or beyond the bounds.
    """
    if not _plainly_bounded(text):
        check(text)
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def construct(node: yaml.Node | None) -> Any:
    """The Python value of a node from :func:`compose` (safe tags only).

    Raises:
        yaml.YAMLError: a value that cannot be constructed, with its line.
    """
    if node is None:
        return None
    return _Loader("").construct_document(node)


def describe(exc: yaml.YAMLError) -> tuple[str, int | None]:
    """A one-line account of a YAML error and its 0-based line (None when unknown)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    what = "is refused" if isinstance(exc, YAMLLimitError) else "is not valid YAML"
    return f"{what}: {problem}", mark.line if mark is not None else None


def load(text: str) -> Any:
    """``yaml.safe_load`` for untrusted text, bounded as described above.

    Raises:
        yaml.YAMLError: not valid YAML or beyond the bounds, with the line (``problem_mark``).
    """
    return construct(compose(text))


#: What :func:`load_front_matter` returns: the value, and for a top-level mapping where each key
#: and each value starts, as 0-based (line, column) pairs. A plain tuple: this runs for every card,
#: and even creating a NamedTuple class costs a quarter of a millisecond at import.
FrontMatter = tuple[Any, dict[str, tuple[int, int]], dict[str, tuple[int, int]]]


def load_front_matter(text: str) -> FrontMatter:
    """Load a card's front matter as :func:`load` does, keeping its top-level positions.

    Raises:
        yaml.YAMLError: not valid YAML or beyond the bounds, with the line (``problem_mark``).
    """
    node = compose(text)
    if node is None:
        return None, {}, {}
    data = construct(node)
    keys: dict[str, tuple[int, int]] = {}
    values: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            # NOTE: a repeated key keeps its last value (as PyYAML does), so keep its last position.
            if isinstance(key_node, yaml.ScalarNode):
                keys[key_node.value] = (key_node.start_mark.line, key_node.start_mark.column)
                values[key_node.value] = (value_node.start_mark.line, value_node.start_mark.column)
    return data, keys, values
