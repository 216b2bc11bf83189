"""The category lexicon (``licences/_lexicon.yaml``): clause text to restriction categories."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from railguard.catalogue import load_catalogue
from railguard.errors import LicenceDataError
from railguard.resources import data_dir

LEXICON_FILE = "_lexicon.yaml"


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns by category slug, in catalogue category order."""

    patterns: Mapping[str, tuple[re.Pattern[str], ...]]
    #: phrases that name something other than the restricted act ("sexual orientation" as a
    #: protected ground, the crime a prediction is about); blanked out before matching.
    ignore: re.Pattern[str] | None = None
    #: phrases read as another phrase before matching ("laws that protect civil, labour, privacy
    #: ... rights" are human-rights laws), as (pattern, replacement) pairs.
    rewrite: tuple[tuple[re.Pattern[str], str], ...] = ()

    def __post_init__(self) -> None:
        # NOTE: one alternation per category is several times faster than its patterns one by one.
        joined = {
            slug: re.compile("|".join(f"(?:{p.pattern})" for p in pats), re.IGNORECASE)
            for slug, pats in self.patterns.items()
            if pats
        }
        object.__setattr__(self, "_joined", joined)

    def categorise(self, text: str) -> tuple[str, ...]:
        """Every category whose patterns match ``text``, in a stable order."""
        if self.ignore is not None:
            text = self.ignore.sub(" ", text)
        for pattern, replacement in self.rewrite:
            text = pattern.sub(replacement, text)
        joined: dict[str, re.Pattern[str]] = self._joined  # type: ignore[attr-defined]
        return tuple(slug for slug, pattern in joined.items() if pattern.search(text))


@functools.cache
def load_lexicon() -> Lexicon:
    """Load and check the lexicon against the category list.

    Raises:
        LicenceDataError: unknown category, a pattern that does not compile, or malformed YAML.
    """
    path = f"licences/{LEXICON_FILE}"
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load((data_dir("licences") / LEXICON_FILE).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise LicenceDataError([f"{path}: not valid YAML: {exc}"]) from exc
    categories = load_catalogue().categories
    problems: list[str] = []
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    body = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(body, dict):
        raise LicenceDataError([f"{path}: expected a mapping `categories: {{slug: [pattern, ...]}}`"])
    for slug, patterns in body.items():
        if slug not in categories:
            problems.append(f"{path}: at categories.{slug}: unknown category")
            continue
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            problems.append(f"{path}: at categories.{slug}: expected a list of patterns")
            continue
        items: list[re.Pattern[str]] = []
        for index, pattern in enumerate(patterns):
            try:
                items.append(re.compile(pattern, re.IGNORECASE))
            except re.error as exc:
                problems.append(f"{path}: at categories.{slug}[{index}]: bad pattern: {exc}")
        compiled[slug] = tuple(items)
    ignore: list[re.Pattern[str]] = []
    raw_ignore = data.get("ignore", [])
    if not isinstance(raw_ignore, list) or not all(isinstance(p, str) for p in raw_ignore):
        problems.append(f"{path}: at ignore: expected a list of patterns")
    else:
        for index, pattern in enumerate(raw_ignore):
            try:
                ignore.append(re.compile(pattern, re.IGNORECASE))
            except re.error as exc:
                problems.append(f"{path}: at ignore[{index}]: bad pattern: {exc}")
    rewrite: list[tuple[re.Pattern[str], str]] = []
    raw_rewrite = data.get("rewrite", [])
    if not isinstance(raw_rewrite, list):
        problems.append(f"{path}: at rewrite: expected a list of {{match, as}} mappings")
        raw_rewrite = []
    for index, entry in enumerate(raw_rewrite):
        if not (isinstance(entry, dict) and isinstance(entry.get("match"), str) and isinstance(entry.get("as"), str)):
            problems.append(f"{path}: at rewrite[{index}]: expected a mapping with string `match` and `as`")
            continue
        try:
            rewrite.append((re.compile(entry["match"], re.IGNORECASE), f" {entry['as']} "))
        except re.error as exc:
            problems.append(f"{path}: at rewrite[{index}]: bad pattern: {exc}")
    if problems:
        raise LicenceDataError(problems)
    ordered = {slug: compiled[slug] for slug in categories if slug in compiled}
    joined = re.compile("|".join(f"(?:{p.pattern})" for p in ignore), re.IGNORECASE) if ignore else None
    return Lexicon(ordered, joined, tuple(rewrite))
