"""The catalogue is written in our own words: no long run of words copied from a licence text."""

from __future__ import annotations

import re
from pathlib import Path

from railguard.catalogue import load_catalogue

#: Twelve words in a row shared with a licence text is quotation, not paraphrase.
RUN = 12
WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_no_catalogue_prose_is_copied_from_a_licence_text(shared: Path) -> None:
    corpus: set[tuple[str, ...]] = set()
    for path in sorted((shared / "licences").glob("*.txt")):
        corpus |= shingles(path.read_text(encoding="utf-8", errors="replace"))
    copied: list[str] = []
    for licence in load_catalogue():
        texts = [licence.summary, licence.reading or "", licence.notes or ""]
        texts += [r.summary for r in licence.restrictions] + [o.summary for o in licence.obligations]
        for text in texts:
            if shingles(text) & corpus:
                copied.append(f"{licence.id}: {text[:80]}")
    assert copied == []
