"""Read the YAML front matter of a Hugging Face model card (README.md) for lineage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from railguard.card.reader import MAX_CARD_BYTES, read_card_file
from railguard.card.vocabulary import CARD_NAMES
from railguard.errors import InputError

__all__ = ["MAX_CARD_BYTES", "find_cards", "read_card"]

_RANK = {name.lower(): rank for rank, name in enumerate(CARD_NAMES)}


def find_cards(folder: Path) -> list[tuple[str, Path]]:
    """The cards of a directory laid out as ``<org>/<name>/<card>``, with the model id of each.

    A card is any of :data:`CARD_NAMES` in any case (``readme.md``, ``MODEL_CARD.md``), as ``lint``
    reads them; a folder with several keeps the Hub's own (``README.md``) first.
    """
    found: dict[str, tuple[tuple[bool, int, str], Path]] = {}
    for path in folder.glob("*/*/*"):
        rank = _RANK.get(path.name.lower())
        if rank is None:
            continue
        model_id = "/".join(path.relative_to(folder).parts[:2])
        # NOTE: a card name that is not a file (a directory named README.md) is still returned, so
        # that reading it reports the problem; a real file beside it wins.
        order = (not path.is_file(), rank, path.name)
        if model_id not in found or order < found[model_id][0]:
            found[model_id] = (order, path)
    return [(model_id, found[model_id][1]) for model_id in sorted(found)]


def read_card(path: Path) -> tuple[dict[str, Any], str | None, int | None]:
    """The card's front matter as a mapping with the line of its ``license`` value, or a problem and its line.

    The line is where ``lint`` reports the card's licence findings (the value of ``license``, else
    the opening ``---``), so ``lineage`` on a folder of cards points at the same line.
    """
    try:
        card = read_card_file(path)
    except InputError as exc:
        return {}, f"`{path}` {exc.detail}", None
    if card.problem is not None:
        return {}, card.problem.message, card.problem.line
    return card.meta, None, card.value_position("license")[0]
