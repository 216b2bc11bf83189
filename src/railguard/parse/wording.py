"""Wording fingerprints: does a text say what a catalogue licence's published text says?

A licence text is reduced to its 5-word shingles (normalised words, hashed with CRC-32). The
catalogue ships, for each licence whose published text the project has read, a fixed sample of
those hashes (``licences/_wording.json``: hashes only, no text): every hash whose value is a
multiple of the document's modulus. Because a text's own shingles are all computed, the share of
a reference's sample found in a text estimates how much of the reference the text contains; with
the reference's shingle count it also gives the share of the text the reference explains.

``exact`` identification needs both to be high: a licence named in a text, quoted in part, or
extended with other terms is not that licence.
"""

from __future__ import annotations

import functools
import json
import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from railguard.errors import LicenceDataError
from railguard.resources import data_dir

WORDING_FILE = "_wording.json"
#: Words per shingle: long enough that common phrases ("the licensed work") do not match on
#: their own, short enough that a reflowed or lightly edited text keeps most of its shingles.
SHINGLE = 5
#: Sampled hashes kept per reference document.
SAMPLE = 256

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The text's words, case-folded (punctuation, Markdown and line breaks ignored)."""
    return _WORD.findall(text.casefold())


def shingles(text: str) -> frozenset[int]:
    """The CRC-32 hashes of the text's 5-word shingles (a text shorter than that: of its words)."""
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return frozenset({zlib.crc32(" ".join(tokens).encode())}) if tokens else frozenset()
    crc = zlib.crc32
    return frozenset(crc(" ".join(tokens[i : i + SHINGLE]).encode()) for i in range(len(tokens) - SHINGLE + 1))


@dataclass(frozen=True, slots=True)
class Reference:
    """The fingerprint of one published document of a catalogue licence.

    Attributes:
        licence: the catalogue id.
        role: ``licence`` (the licence text) or ``policy`` (its separately published use policy).
        size: how many distinct shingles the document has.
        modulus: the sample keeps the hashes divisible by this.
        sample: the sampled hashes.
        flow_down: whether the reader finds a flow-down duty in this wording (``None``: not
            recorded). Exactness compares the text's duty with this reading of the published
            wording, so a reader/catalogue disagreement on the duty does not stop a verbatim copy
            from being exact, while a copy that dropped or added the duty is still a variant.
        categories: the restriction categories the reader finds in this wording (``None``: not
            recorded). For the same reason: a copy is compared with what the reader finds in the
            published text, so a category the reader cannot see there (a later version's clause
            that the catalogue records, a heading the reader does not take as a restriction) is
            not "dropped" by a verbatim copy, while a copy missing one the reader does see is.
    """

    licence: str
    role: str
    size: int
    modulus: int
    sample: frozenset[int]
    flow_down: bool | None = None
    categories: frozenset[str] | None = None


def fingerprint(
    licence: str,
    role: str,
    text: str,
    flow_down: bool | None = None,
    categories: frozenset[str] | None = None,
) -> Reference:
    """The reference fingerprint of a document (used to build ``_wording.json``)."""
    hashes = shingles(text)
    modulus = max(1, math.ceil(len(hashes) / SAMPLE))
    sample = frozenset(h for h in hashes if h % modulus == 0)
    return Reference(licence, role, len(hashes), modulus, sample, flow_down, categories)


@dataclass(frozen=True, slots=True)
class Match:
    """How a text compares with one reference.

    Attributes:
        reference: the reference document.
        containment: share of the reference found in the text.
        coverage: share of the text the reference explains.
        resemblance: Jaccard similarity of the two shingle sets.
    """

    reference: Reference
    containment: float
    coverage: float
    resemblance: float


def compare(text: frozenset[int], reference: Reference) -> Match:
    """Estimate how much of ``reference`` is in ``text`` and how much of ``text`` it explains."""
    if not reference.sample or not text:
        return Match(reference, 0.0, 0.0, 0.0)
    found = len(reference.sample & text)
    containment = found / len(reference.sample)
    shared = containment * reference.size
    coverage = min(1.0, shared / len(text))
    union = len(text) + reference.size - shared
    return Match(reference, containment, coverage, shared / union if union else 0.0)


def to_json(references: Iterable[Reference]) -> str:
    """The ``_wording.json`` document for ``references`` (sorted, so rebuilding is stable)."""
    documents: list[dict[str, object]] = []
    for r in sorted(references, key=lambda r: (r.licence, r.role)):
        document: dict[str, object] = {
            "licence": r.licence,
            "role": r.role,
            "size": r.size,
            "modulus": r.modulus,
            "sample": sorted(r.sample),
        }
        if r.flow_down is not None:
            document["flow_down"] = r.flow_down
        if r.categories is not None:
            document["categories"] = sorted(r.categories)
        documents.append(document)
    body = {"version": 1, "shingle": SHINGLE, "documents": documents}
    return json.dumps(body, separators=(",", ":"), sort_keys=True) + "\n"


def parse_references(data: object, path: str = f"licences/{WORDING_FILE}") -> tuple[Reference, ...]:
    """Validate the fingerprint document.

    Raises:
        LicenceDataError: not the expected shape, or built with another shingle size.
    """
    problems: list[str] = []
    if not isinstance(data, dict) or data.get("version") != 1 or data.get("shingle") != SHINGLE:
        raise LicenceDataError([f"{path}: expected version 1 fingerprints of {SHINGLE}-word shingles"])
    documents = data.get("documents")
    if not isinstance(documents, list):
        raise LicenceDataError([f"{path}: at documents: expected a list"])
    out: list[Reference] = []
    for index, item in enumerate(documents):
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("licence"), str)
            and item.get("role") in ("licence", "policy")
            and isinstance(item.get("size"), int)
            and isinstance(item.get("modulus"), int)
            and item["modulus"] >= 1
            and isinstance(item.get("sample"), list)
            and all(isinstance(h, int) and 0 <= h < 2**32 for h in item["sample"])
            and isinstance(item.get("flow_down", False), bool)
            and isinstance(item.get("categories", []), list)
            and all(isinstance(c, str) for c in item.get("categories", []))
        )
        if not ok:
            problems.append(f"{path}: at documents[{index}]: expected licence, role, size, modulus and sample")
            continue
        sample = frozenset(item["sample"])
        categories = frozenset(item["categories"]) if "categories" in item else None
        out.append(
            Reference(
                item["licence"], item["role"], item["size"], item["modulus"], sample, item.get("flow_down"), categories
            )
        )
    if problems:
        raise LicenceDataError(problems)
    return tuple(out)


@functools.cache
def load_references() -> tuple[Reference, ...]:
    """The shipped fingerprints (none when the file is absent: nothing can then be exact).

    Raises:
        LicenceDataError: the file is present but malformed.
    """
    path = data_dir("licences") / WORDING_FILE
    if not path.is_file():
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise LicenceDataError([f"licences/{WORDING_FILE}: not valid JSON: {exc}"]) from exc
    return parse_references(data)
