"""The category lexicon (``licences/_lexicon.yaml``): a prohibited purpose's text to categories.

The clause grammar decides *what* a clause forbids (its purpose argument, its conduct, a list item
under a lead-in); the lexicon decides which restriction categories that text names. Each entry
carries the examples it must match and the phrases its category must not be given
(``tests/parse/test_lexicon.py`` runs them all).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from railguard.catalogue import load_catalogue
from railguard.errors import LicenceDataError

LEXICON_FILE = "_lexicon.yaml"


@dataclass(frozen=True, slots=True)
class Entry:
    """One pattern of a category, with the cases it is tested on.

    Attributes:
        category: the category slug (or the grant-limit name).
        source: the pattern as written (matched case-insensitively).
        examples: phrases the entry must match.
        negatives: phrases its category must not be given.
        why: the reason for an `ignore` or `rewrite` entry.
    """

    category: str
    source: str
    examples: tuple[str, ...] = ()
    negatives: tuple[str, ...] = ()
    why: str = ""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled on first use: a category's entries are matched as one
        alternation, so the single patterns serve the tests and the error messages; compiling
        them at load took as long as the alternations, about 25 ms of a cold parse, measured)."""
        return _compiled(self.source)


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    """Compiled entries by category slug, in catalogue category order."""

    entries: Mapping[str, tuple[Entry, ...]]
    #: phrases blanked out before matching (they name something other than the restricted act)
    ignore: tuple[Entry, ...] = ()
    #: phrases read as another phrase before matching, as (entry, replacement) pairs
    rewrite: tuple[tuple[Entry, str], ...] = ()
    #: what a limited grant ("solely for ...") is limited to: {"non-commercial": entries}
    grant_limits: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    #: heading patterns that open a list of prohibited uses, of permitted uses, of duties
    prohibited_headings: tuple[re.Pattern[str], ...] = ()
    permitted_headings: tuple[re.Pattern[str], ...] = ()
    required_headings: tuple[re.Pattern[str], ...] = ()
    #: required conduct that names a category ("disclose that the output is machine-generated")
    duties: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # NOTE: one alternation per category is several times faster than its entries one by one.
        joined = {slug: _joined(entries) for slug, entries in self.entries.items() if entries}
        object.__setattr__(self, "_joined", joined)
        object.__setattr__(self, "_cache", {})

    def normalise(self, text: str) -> str:
        """The text as the category patterns read it: ignored phrases blanked, rewrites applied."""
        for entry in self.ignore:
            text = entry.pattern.sub(" ", text)
        for entry, replacement in self.rewrite:
            text = entry.pattern.sub(f" {replacement} ", text)
        return text

    def categorise(self, text: str, extra: Mapping[str, Iterable[re.Pattern[str]]] | None = None) -> tuple[str, ...]:
        """Every category whose entries match ``text``, in a stable order.

        ``extra`` adds patterns by category: the vocabulary of the catalogue licence the text was
        recognised as.
        """
        found = list(self._categories(text))
        if extra:
            text = self.normalise(text)
            for slug, patterns in extra.items():
                if slug not in found and any(p.search(text) for p in patterns):
                    found.append(slug)
        return tuple(found)

    def _categories(self, text: str) -> tuple[str, ...]:
        cache: dict[str, tuple[str, ...]] = self._cache  # type: ignore[attr-defined]
        found = cache.get(text)
        if found is None:
            # NOTE: licences repeat their items (RAIL texts share most of Attachment A), so a batch
            # run meets the same purpose text again; the cache is bounded.
            normalised = self.normalise(text)
            joined: dict[str, re.Pattern[str]] = self._joined  # type: ignore[attr-defined]
            found = tuple(slug for slug, pattern in joined.items() if pattern.search(normalised))
            if len(cache) < 20_000:
                cache[text] = found
        return found

    def limit_of(self, text: str) -> str | None:
        """What a limited grant's text limits it to (``non-commercial``), if the lexicon knows."""
        text = self.normalise(text)
        for name, entries in self.grant_limits.items():
            if any(e.pattern.search(text) for e in entries):
                return name
        return None

    def duty_categories(self, text: str) -> tuple[str, ...]:
        """The categories a duty's required conduct names (see the lexicon's ``duties``)."""
        text = self.normalise(text)
        return tuple(slug for slug, entries in self.duties.items() if any(e.pattern.search(text) for e in entries))

    def heading_polarity(self, text: str) -> str | None:
        """``prohibited``, ``permitted`` or ``required`` for a heading that opens such a list."""
        if any(p.search(text) for p in self.permitted_headings):
            return "permitted"
        if any(p.search(text) for p in self.required_headings):
            return "required"
        if any(p.search(text) for p in self.prohibited_headings):
            return "prohibited"
        return None


def _joined(entries: Iterable[Entry]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{e.source})" for e in entries), re.IGNORECASE)


class _Reader:
    """Validates the lexicon file and collects every problem at once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path}: at {where}: {message}")

    def compile(self, where: str, pattern: Any) -> re.Pattern[str] | None:
        source = self.source(where, pattern)
        if source is None:
            return None
        try:
            return re.compile(source, re.IGNORECASE)
        except re.error as exc:
            self.fail(where, f"bad pattern: {exc}")
            return None

    def source(self, where: str, pattern: Any) -> str | None:
        if not isinstance(pattern, str):
            self.fail(where, "expected a pattern string")
            return None
        return pattern

    def check(self, where: str, entries: tuple[Entry, ...]) -> None:
        """Compile a category's entries as the one alternation they are matched as (the single
        patterns only when it fails, to say which)."""
        try:
            _joined(entries)
        except re.error:
            for index, entry in enumerate(entries):
                try:
                    re.compile(entry.source, re.IGNORECASE)
                except re.error as exc:
                    self.fail(f"{where}[{index}].match", f"bad pattern: {exc}")

    def strings(self, where: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, "expected a list of strings")
            return ()
        return tuple(value)

    def entry(self, category: str, where: str, raw: Any, *, need_examples: bool = True) -> Entry | None:
        if not isinstance(raw, dict):
            self.fail(where, "expected a mapping with `match`, `examples` and optionally `not`")
            return None
        unknown = set(raw) - {"match", "examples", "not", "why", "as"}
        if unknown:
            self.fail(where, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        pattern = self.source(f"{where}.match", raw.get("match"))
        examples = self.strings(f"{where}.examples", raw.get("examples"))
        if need_examples and not examples:
            self.fail(where, "every entry needs `examples` that it must match")
        negatives = self.strings(f"{where}.not", raw.get("not"))
        why = raw.get("why", "")
        if pattern is None:
            return None
        return Entry(category, pattern, examples, negatives, why if isinstance(why, str) else "")

    def entries(self, category: str, where: str, raw: Any) -> tuple[Entry, ...]:
        if not isinstance(raw, list):
            self.fail(where, "expected a list of entries")
            return ()
        out = [self.entry(category, f"{where}[{i}]", item) for i, item in enumerate(raw)]
        entries = tuple(e for e in out if e is not None)
        self.check(where, entries)
        return entries


def parse_lexicon(data: Any, categories: Iterable[str], path: str = f"licences/{LEXICON_FILE}") -> Lexicon:
    """Validate lexicon data (as loaded from YAML) against the category list.

    Raises:
        LicenceDataError: unknown category, a pattern that does not compile, an entry without
            examples, or a malformed file.
    """
    reader = _Reader(path)
    if not isinstance(data, dict):
        raise LicenceDataError([f"{path}: expected a mapping with `categories`"])
    known = list(categories)
    body = data.get("categories")
    compiled: dict[str, tuple[Entry, ...]] = {}
    if not isinstance(body, dict):
        reader.fail("categories", "expected a mapping {slug: [entry, ...]}")
        body = {}
    for slug, raw in body.items():
        if slug not in known:
            reader.fail(f"categories.{slug}", "unknown category")
            continue
        compiled[slug] = reader.entries(slug, f"categories.{slug}", raw)
    ignore = reader.entries("ignore", "ignore", data.get("ignore", []))
    rewrite: list[tuple[Entry, str]] = []
    raw_rewrite = data.get("rewrite", [])
    for index, raw in enumerate(raw_rewrite if isinstance(raw_rewrite, list) else []):
        entry = reader.entry("rewrite", f"rewrite[{index}]", raw)
        if entry is not None:
            reader.check(f"rewrite[{index}]", (entry,))
        replacement = raw.get("as") if isinstance(raw, dict) else None
        if not isinstance(replacement, str):
            reader.fail(f"rewrite[{index}].as", "expected the phrase to read instead")
        elif entry is not None:
            rewrite.append((entry, replacement))
    duties: dict[str, tuple[Entry, ...]] = {}
    raw_duties = data.get("duties", {})
    for slug, raw in raw_duties.items() if isinstance(raw_duties, dict) else []:
        if slug not in known:
            reader.fail(f"duties.{slug}", "unknown category")
            continue
        duties[slug] = reader.entries(slug, f"duties.{slug}", raw)
    limits: dict[str, tuple[Entry, ...]] = {}
    raw_limits = data.get("grant_limits", {})
    for name, raw in raw_limits.items() if isinstance(raw_limits, dict) else []:
        limits[str(name)] = reader.entries(str(name), f"grant_limits.{name}", raw)
    headings = data.get("headings", {})
    if not isinstance(headings, dict):
        reader.fail("headings", "expected a mapping with `prohibited` and `permitted` pattern lists")
        headings = {}
    prohibited = [reader.compile(f"headings.prohibited[{i}]", p) for i, p in enumerate(headings.get("prohibited", []))]
    permitted = [reader.compile(f"headings.permitted[{i}]", p) for i, p in enumerate(headings.get("permitted", []))]
    required = [reader.compile(f"headings.required[{i}]", p) for i, p in enumerate(headings.get("required", []))]
    if reader.problems:
        raise LicenceDataError(reader.problems)
    ordered = {slug: compiled[slug] for slug in known if slug in compiled}
    return Lexicon(
        ordered,
        ignore,
        tuple(rewrite),
        limits,
        tuple(p for p in prohibited if p is not None),
        tuple(p for p in permitted if p is not None),
        tuple(p for p in required if p is not None),
        duties,
    )


#: The lexicon's top-level keys, each with whether it is required.
_KEYS = {
    "categories": True,
    "ignore": False,
    "rewrite": False,
    "headings": False,
    "duties": False,
    "grant_limits": False,
}


@functools.cache
def load_lexicon() -> Lexicon:
    """Load and check the shipped lexicon against the catalogue's category list.

    Raises:
        LicenceDataError: see :func:`parse_lexicon`, or malformed YAML.
    """
    from railguard.catalogue.datafile import read_table

    table = read_table(LEXICON_FILE, _KEYS)
    table.done()
    path, data = table.path, table.data
    return parse_lexicon(data, load_catalogue().categories, path)
