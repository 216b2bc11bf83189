"""The lexicon is tested data: every entry's examples match, its negatives stay out of its category.

In the manner of sqlfluff's YAML rule tests: each case is one parametrised test named after the
entry, so a failing case names the category and the phrase.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from railguard.catalogue import load_catalogue
from railguard.errors import LicenceDataError
from railguard.parse.lexicon import Entry, load_lexicon, parse_lexicon

LEXICON = load_lexicon()


def cases() -> list[object]:
    out: list[object] = []
    sections = (
        ("category", "not", "", LEXICON.entries),
        ("duty", "duty-not", "duty:", LEXICON.duties),
        ("limit", "limit-not", "limit:", LEXICON.grant_limits),
    )
    for must, must_not, prefix, section in sections:
        for slug, entries in section.items():
            for index, entry in enumerate(entries):
                where = f"{prefix}{slug}[{index}]"
                for example in entry.examples:
                    out.append(pytest.param(must, slug, entry, example, id=f"{where}+{example[:40]}"))
                for negative in entry.negatives:
                    out.append(pytest.param(must_not, slug, entry, negative, id=f"{where}-{negative[:40]}"))
    return out


@pytest.mark.parametrize(("kind", "slug", "entry", "phrase"), cases())
def test_lexicon_case(kind: str, slug: str, entry: Entry, phrase: str) -> None:
    if kind == "category":
        assert entry.pattern.search(LEXICON.normalise(phrase)), "the entry does not match its own example"
        assert slug in LEXICON.categorise(phrase)
    elif kind == "not":
        assert slug not in LEXICON.categorise(phrase)
    elif kind == "duty":
        assert slug in LEXICON.duty_categories(phrase)
    elif kind == "duty-not":
        assert slug not in LEXICON.duty_categories(phrase)
    elif kind == "limit":
        assert LEXICON.limit_of(phrase) == slug
    else:
        assert LEXICON.limit_of(phrase) != slug


@pytest.mark.parametrize("entry", LEXICON.ignore + tuple(e for e, _ in LEXICON.rewrite), ids=lambda e: e.why[:50])
def test_ignore_and_rewrite_entries_match_their_examples_and_say_why(entry: Entry) -> None:
    assert entry.why
    assert entry.examples
    for example in entry.examples:
        assert entry.pattern.search(example)


@pytest.mark.parametrize(
    ("purpose", "categories"),
    [
        # the false positives of the keyword spotter, from issue 12
        ("to generate content about children's education", set()),
        ("text and data mining of copyrighted works", {"ip-infringement"}),
        ("present cutting-edge research results as your own", {"fraud"}),
        ("violates the terms of a hackathon", set()),
        ("to harass people", {"harassment"}),
    ],
)
def test_keyword_spotting_false_positives_are_gone(purpose: str, categories: set[str]) -> None:
    assert set(LEXICON.categorise(purpose)) == categories


def test_the_general_lexicon_holds_no_one_licences_names() -> None:
    text = (Path(__file__).resolve().parents[2] / "licences" / "_lexicon.yaml").read_text(encoding="utf-8").lower()
    patterns = " ".join(e.pattern.pattern.lower() for entries in LEXICON.entries.values() for e in entries)
    for name in ("xinjiang", "uyghur", "uygur", "myanmar", "taliban", "israel", "tariff", "withhold", "meta", "google"):
        assert name not in patterns, f"`{name}` belongs in a licence's vocabulary, not the general lexicon"
    assert "vocabulary" in text


def test_every_category_has_entries_and_every_entry_examples() -> None:
    assert set(LEXICON.entries) == set(load_catalogue().categories)
    assert all(entry.examples for entries in LEXICON.entries.values() for entry in entries)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"categories": {"no-such-category": []}}, "unknown category"),
        ({"categories": {"military": [{"match": "(unclosed"}]}}, "bad pattern"),
        ({"categories": {"military": [{"match": "war"}]}}, "needs `examples`"),
        ({"categories": {"military": [{"match": "war", "examples": ["war"], "extra": 1}]}}, "unknown key"),
        ({"categories": "not a mapping"}, "expected a mapping"),
    ],
)
def test_a_broken_lexicon_is_refused_with_the_place(data: object, problem: str) -> None:
    with pytest.raises(LicenceDataError) as info:
        parse_lexicon(data, load_catalogue().categories)
    assert re.search(re.escape(problem), str(info.value))


def test_the_shipped_lexicon_is_valid_yaml_with_the_documented_sections() -> None:
    path = Path(__file__).resolve().parents[2] / "licences" / "_lexicon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) == {"ignore", "rewrite", "headings", "duties", "grant_limits", "categories"}


def test_examples_and_gold_notes_are_our_own_words(shared: Path) -> None:
    run = 12
    word = re.compile(r"[a-z0-9]+")

    def grams(text: str) -> set[tuple[str, ...]]:
        tokens = word.findall(text.lower())
        return {tuple(tokens[i : i + run]) for i in range(len(tokens) - run + 1)}

    corpus: set[tuple[str, ...]] = set()
    for path in sorted((shared / "licences").glob("*.txt")):
        corpus |= grams(path.read_text(encoding="utf-8", errors="replace"))
    here = Path(__file__).parent
    texts = [(here / "gold.yaml").read_text(encoding="utf-8")]
    texts += [p for entries in LEXICON.entries.values() for e in entries for p in (*e.examples, *e.negatives)]
    copied = [text[:80] for text in texts if grams(text) & corpus]
    assert copied == []
