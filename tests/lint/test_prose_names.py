"""Which catalogue names RG415 takes as naming a licence in a card's prose: a rule of shape, not a word list."""

from __future__ import annotations

import pytest

from railguard.lint.tables import _worth_finding


@pytest.mark.parametrize("name", ["Gemma", "MIT", "cc", "OpenRAIL", "other", "unknown", "zlib", "bsd"])
def test_a_short_plain_word_never_names_a_licence_on_its_own(name: str) -> None:
    # "a fine-tune of Gemma", "mit" in German, "other" in any sentence: too often something else.
    assert not _worth_finding(name)


@pytest.mark.parametrize(
    "name", ["Llama 2", "CC-BY-4.0", "GPL-2.0+", "Apache-2.0", "creativeml-openrail-m", "Hippocratic"]
)
def test_a_distinctive_name_does(name: str) -> None:
    assert _worth_finding(name)
