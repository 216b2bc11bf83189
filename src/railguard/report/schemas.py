"""The JSON Schemas of railguard's JSON output, shipped in the package: the output contract.

``railguard/schemas/COMMAND.schema.json`` describes ``railguard COMMAND --format json`` (and for
``lineage``, the lines of ``--format jsonl`` under ``$defs``); ``finding.schema.json`` one finding.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def schema(name: str) -> dict[str, Any]:
    """The schema ``name`` (a command, or ``finding``)."""
    text = files("railguard").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


def names() -> list[str]:
    """Every schema shipped."""
    folder = files("railguard").joinpath("schemas")
    return sorted(entry.name.removesuffix(".schema.json") for entry in folder.iterdir() if entry.name.endswith(".json"))
