"""Every real licence text parses, and the parse agrees with the catalogue entry for it.

Agreement means: the same set of restriction categories, a flow-down duty found exactly where the
catalogue records one, and the same commercial flag. The catalogue was written by reading the
licences; the parser was not given it. A gap that the corpus itself explains is listed in
KNOWN_GAPS with its reason, and is a strict xfail: it fails the day it starts agreeing, so the
list stays true.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.catalogue import load_catalogue
from railguard.model import ObligationKind
from railguard.parse import ParsedLicence, parse_file, parse_text
from tests.parse.corpus import CORPUS

KNOWN_GAPS = {
    "llama4": (
        "the corpus holds the Llama 4 community licence but not its acceptable use policy, from which the "
        "catalogue takes the restriction categories and the flow-down"
    ),
    "tencent-hunyuan-community": (
        "the corpus text (May 2024) predates the territory exclusion that the catalogue records from the "
        "November 2024 text"
    ),
}

#: Licences with no field-of-use restriction: their texts must yield none (NC ones only `non-commercial`).
PERMISSIVE = [
    "mit",
    "apache-2.0",
    "bsd-2-clause",
    "bsd-3-clause",
    "gpl-2.0",
    "gpl-3.0",
    "lgpl-2.1",
    "lgpl-3.0",
    "agpl-3.0",
    "mpl-2.0",
    "cc-by-4.0",
    "cc-by-sa-4.0",
    "cc0-1.0",
    "cc-by-nc-4.0",
    "cc-by-nc-sa-4.0",
]


def parse_corpus(shared: Path, ident: str) -> ParsedLicence:
    parts = [(shared / "licences" / f"{name}.txt").read_text(encoding="utf-8") for name in CORPUS[ident]]
    return parse_text("\n\n".join(parts), CORPUS[ident][0])


def cases() -> list[object]:
    return [
        pytest.param(ident, marks=pytest.mark.xfail(reason=KNOWN_GAPS[ident], strict=True))
        if ident in KNOWN_GAPS
        else ident
        for ident in sorted(CORPUS)
    ]


@pytest.mark.parametrize("ident", cases())
def test_parse_agrees_with_the_catalogue(shared: Path, ident: str) -> None:
    parsed = parse_corpus(shared, ident)
    licence = load_catalogue().get(ident)
    assert sorted(parsed.categories - licence.categories) == [], "restricted by the text, not the catalogue"
    assert sorted(licence.categories - parsed.categories) == [], "restricted by the catalogue, not found in the text"
    assert parsed.flow_down == licence.has(ObligationKind.FLOW_DOWN)
    if licence.commercial is not None:
        assert parsed.commercial == licence.commercial


def test_every_shared_text_parses(shared: Path) -> None:
    files = sorted((shared / "licences").glob("*.txt"))
    assert len(files) >= 70
    for path in files:
        parse_file(path)


@pytest.mark.parametrize("ident", PERMISSIVE)
def test_permissive_texts_yield_no_use_restrictions(shared: Path, ident: str) -> None:
    parsed = parse_corpus(shared, ident)
    expected = {"non-commercial"} if "-nc" in ident else set()
    assert set(parsed.categories) == expected
    assert parsed.commercial is ("-nc" not in ident)


@pytest.mark.parametrize(
    "ident", ["creativeml-openrail-m", "bigscience-openrail-m", "llama3.1", "mit", "hippocratic-2.1", "hippocratic-1.1"]
)
def test_known_texts_are_recognised(shared: Path, ident: str) -> None:
    found = parse_corpus(shared, ident).identification
    assert found.licence is not None
    assert found.licence.id == ident
    assert found.exact


def test_a_modified_rail_text_is_reported_as_a_variant(shared: Path) -> None:
    text = (shared / "licences" / "creativeml-openrail-m.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "medical advice" not in line]
    found = parse_text("\n".join(lines), "LICENSE").identification
    assert found.licence is not None
    assert found.licence.id == "creativeml-openrail-m"
    assert not found.exact
    assert found.dropped == ("medical-advice",)


def test_parsing_is_deterministic(shared: Path) -> None:
    for ident in ("gemma", "hippocratic-3.0", "openrail++"):
        assert parse_corpus(shared, ident) == parse_corpus(shared, ident)
