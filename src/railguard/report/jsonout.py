"""Stable JSON: the same input gives the same bytes."""

from __future__ import annotations

import json
from typing import Any

from railguard.bulk import no_cycle_collection

SCHEMA_VERSION = 1


#: Above this many list entries the document is written compactly: the indenting encoder is pure
#: Python and would dominate the time of a lineage of millions of models.
COMPACT_ABOVE = 20_000


def document(**fields: Any) -> str:
    """A top-level JSON document with ``schema_version`` first and a ``findings`` list.

    Small documents are indented for people; large ones are compact, one document per line.
    Either way the same input gives the same bytes.
    """
    body: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    body.update(fields)
    body.setdefault("findings", [])
    size = sum(len(v) for v in body.values() if isinstance(v, list))
    if size > COMPACT_ABOVE:
        with no_cycle_collection():
            return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
