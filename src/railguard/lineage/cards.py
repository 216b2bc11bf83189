"""Read the YAML front matter of a Hugging Face model card (README.md) for lineage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from railguard.card.reader import MAX_CARD_BYTES, read_card_file
from railguard.errors import InputError

__all__ = ["MAX_CARD_BYTES", "read_card"]


def read_card(path: Path) -> tuple[dict[str, Any], str | None, int | None]:
    """The card's front matter as a mapping, or a problem and its line."""
    try:
        card = read_card_file(path)
    except InputError as exc:
        return {}, f"`{path}` {exc.detail}", None
    if card.problem is not None:
        return {}, card.problem.message, card.problem.line
    return card.meta, None, None
