"""Read the YAML front matter of a Hugging Face model card (README.md) for lineage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from railguard import safeyaml

#: Cards are small; a larger file is not a model card (and keeps YAML expansion bounded).
MAX_CARD_BYTES = 2 * 1024 * 1024


def read_card(path: Path) -> tuple[dict[str, Any], str | None, int | None]:
    """The card's front matter as a mapping, or a problem and its line."""
    try:
        # NOTE: read at most the bound: the path may be a huge file or a device such as /dev/zero.
        with path.open("rb") as handle:
            data = handle.read(MAX_CARD_BYTES + 1)
    except OSError as exc:
        return {}, f"`{path}` cannot be read: {exc.strerror or exc}", None
    if len(data) > MAX_CARD_BYTES:
        return {}, f"`{path}` is larger than 2 MiB, so it is not read as a model card", None
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or lines[start].strip() != "---":
        return {}, f"`{path}` has no YAML front matter (`---` at the top)", 1
    try:
        end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        return {}, f"`{path}` opens its front matter at line {start + 1} but never closes it", start + 1
    try:
        meta = safeyaml.load("\n".join(lines[start + 1 : end]))
    except yaml.YAMLError as exc:
        problem, offset = safeyaml.describe(exc)
        line = start + 2 + offset if offset is not None else start + 1
        return {}, f"the front matter of `{path}` {problem}", line
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, f"the front matter of `{path}` is not a mapping", start + 2
    return meta, None, None
