"""JSON output: the same input gives the same bytes.

Documents are written with orjson: on a lineage of millions of models it encodes about four times
as fast as the json module (see ``tests/bench/bench_lineage.py``). A string orjson refuses (a lone
surrogate, from a ``\\ud800`` escape in the input) is written by the json module instead, as the
output stream's error handler says.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

#: The version of every JSON document railguard writes; the schemas in ``railguard/schemas`` are the contract.
SCHEMA_VERSION = 2

#: Above this many list entries a document is written compactly (one line): indenting it would
#: make a large lineage several times larger for no reader's benefit.
COMPACT_ABOVE = 20_000


def dumps(value: Any, indent: bool = False) -> str:
    """``value`` as JSON text; indented by two spaces when ``indent``."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(
            value, ensure_ascii=False, indent=2 if indent else None, separators=None if indent else (",", ":")
        )


def lines(values: list[Any]) -> str:
    """Each value as compact JSON text on a line of its own (each line ends with a newline)."""
    # NOTE: one orjson call per value and one decode per batch: at 500,000 JSONL lines a Python
    # wrapper and a decode per line cost about a second (tests/bench/bench_lineage.py).
    try:
        return b"".join([orjson.dumps(value, option=orjson.OPT_APPEND_NEWLINE) for value in values]).decode()
    except (orjson.JSONEncodeError, TypeError):
        return "".join(dumps(value) + "\n" for value in values)


def document(command: str, **fields: Any) -> str:
    """A top-level JSON document: ``schema_version`` and ``command`` first, then ``fields`` and ``findings``.

    Small documents are indented for people; large ones are compact, on one line.
    """
    body: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "command": command}
    body.update(fields)
    body.setdefault("findings", [])
    size = sum(len(v) for v in body.values() if isinstance(v, list))
    return dumps(body, indent=size <= COMPACT_ABOVE) + "\n"
