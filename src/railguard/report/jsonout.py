"""Stable JSON: the same input gives the same bytes."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 1


def document(**fields: Any) -> str:
    """A top-level JSON document with ``schema_version`` first and a ``findings`` list."""
    body: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    body.update(fields)
    body.setdefault("findings", [])
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
