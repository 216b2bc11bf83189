"""YAML reading that remembers where each key and item stood.

Catalogue errors must name the file, line and key path, so mappings and sequences are built as
:class:`LineDict` / :class:`LineList`, which carry the 1-based line of every key and item.
Duplicate keys (which PyYAML silently collapses) are recorded so validation can report them.
"""

from __future__ import annotations

from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the line of each key and which keys were repeated."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []


class LineList(list):  # type: ignore[type-arg]
    """A sequence that knows the line of each item."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []


class _LineLoader(_Base):  # type: ignore[misc]  # libyaml loader or the pure one
    """Safe loader (C-accelerated when libyaml is present) building line-aware containers."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        value = loader.construct_object(value_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            if key in result:
                result.duplicates.append((key, line))
        except TypeError:  # unhashable key (a list or mapping used as a key)
            key = repr(key)
        result[key] = value
        result.lines[key] = line
    return result


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    result = LineList()
    result.line = node.start_mark.line + 1
    for child in node.value:
        result.append(loader.construct_object(child, deep=True))
        result.lines.append(child.start_mark.line + 1)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str) -> Any:
    """Parse one YAML document safely, with line-aware containers.

    Raises:
        yaml.YAMLError: the text is not YAML; ``problem_mark`` gives the position.
    """
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader derives from SafeLoader
