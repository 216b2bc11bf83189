"""Wording fingerprints: hashes only, rebuilt from the shared texts, and their estimates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from railguard.errors import LicenceDataError
from railguard.parse.wording import compare, fingerprint, load_references, parse_references, shingles, words

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_fingerprints_are_up_to_date(shared: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "parse" / "build_wording.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_fingerprints_hold_numbers_only() -> None:
    data = json.loads((ROOT / "licences" / "_wording.json").read_text(encoding="utf-8"))
    for document in data["documents"]:
        assert all(isinstance(h, int) for h in document["sample"])
        assert set(document) - {"flow_down", "categories"} == {"licence", "role", "size", "modulus", "sample"}
        assert isinstance(document.get("flow_down", False), bool)
        assert all(isinstance(c, str) for c in document.get("categories", []))
    assert load_references()


def test_words_ignore_case_punctuation_and_markup() -> None:
    assert words("**You** shall NOT use\nthe *Model*.") == ["you", "shall", "not", "use", "the", "model"]


def test_containment_and_coverage_estimates() -> None:
    licence = " ".join(f"word{i}" for i in range(400))
    reference = fingerprint("demo", "licence", licence)
    same = compare(shingles(licence), reference)
    assert same.containment == 1.0
    assert same.coverage > 0.99
    longer = compare(shingles(licence + " " + " ".join(f"extra{i}" for i in range(400))), reference)
    assert longer.containment == 1.0
    assert 0.4 < longer.coverage < 0.6
    unrelated = compare(shingles(" ".join(f"other{i}" for i in range(400))), reference)
    assert unrelated.containment == 0.0


def test_a_broken_fingerprint_file_is_refused() -> None:
    with pytest.raises(LicenceDataError):
        parse_references({"version": 1, "shingle": 5, "documents": [{"licence": "x", "role": "other"}]})
    with pytest.raises(LicenceDataError):
        parse_references({"version": 2})
