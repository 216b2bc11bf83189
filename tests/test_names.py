"""The one finder of licence names in text (railguard.model.names.names_in)."""

from __future__ import annotations

import pytest

from railguard.model.names import names_in

NAMES = (
    ("creativeml-openrail-m", ("creativeml-openrail-m",)),
    ("llama-3.1", ("llama3.1",)),
    ("gpl-2.0+", ("gpl-2.0-or-later",)),
    ("gpl-2.0", ("gpl-2.0",)),
    ("llama-3", ("llama3",)),
    ("openrail", ("openrail",)),
    ("mit", ("mit",)),
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("CreativeML OpenRAIL-M", ["creativeml-openrail-m"]),  # the longer name masks the shorter inside it
        ("summit of MIT", ["mit"]),  # not inside a word
        ("Llama 3.5 and Llama 3", ["llama3"]),  # `llama-3` inside `llama-3.5` is no name
        ("GPL-2.0+, or GPL-2.0", ["gpl-2.0-or-later", "gpl-2.0"]),
        ("Llama-3.1+ or Llama-3+x", ["llama3.1"]),  # `+` then more of a word is no end
        ("Llama_3.1. OpenRAIL", ["llama3.1", "openrail"]),  # a full stop ends a name
    ],
)
def test_names_stand_alone_longest_first(text: str, found: list[str]) -> None:
    assert list(names_in(text, NAMES)) == found


def test_offsets_are_first_mentions_in_the_folded_text() -> None:
    found = names_in("mit then  MIT and llama 3", NAMES)
    assert found == {"mit": 0, "llama3": 17}
