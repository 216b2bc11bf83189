"""The one rule for what a Hugging Face Hub model id looks like (``org/name`` or a legacy ``name``).

The Hub's repository ids are ASCII: each part is letters, digits, ``_``, ``-`` and ``.``,
starting and ending with a letter, digit or ``_``, at most 96 characters, with no ``--`` or
``..`` and no ``.git`` at the end. ASCII matters: ``mеta-llama/Llama-3.1-8B`` with a Cyrillic
``е`` reads like Meta's model and is no Hub id at all, so a base model spelt that way would
escape every check of what Meta's licence passes down.

>>> is_hub_id("meta-llama/Llama-3.1-8B"), is_hub_id("gpt2")
(True, True)
>>> is_hub_id("m\u0435ta-llama/Llama-3.1-8B"), is_hub_id("a--b/c"), is_hub_id("org/name.git")
(False, False, False)
>>> lookalike("m\u0435ta-llama/Llama-3.1-8B")
'meta-llama/Llama-3.1-8B'
>>> named(non_ascii("m\u0435ta-llama/Llama-3.1-8B") or "")
'`\u0435` (CYRILLIC SMALL LETTER IE)'
"""

from __future__ import annotations

import re

_PART = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?"
_HUB_ID = re.compile(rf"(?:{_PART}/)?{_PART}")

#: Letters of other scripts that render like an ASCII letter (Cyrillic, Greek), for suggesting the
#: id that was meant. Facts about the glyphs, after Unicode's confusables list.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТУХІЈЅԌαοινκρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwhlABEKMHOPCTYXIJSGaoivkptuxABEZHIKMNOPTYX",
)


def is_hub_id(value: str) -> bool:
    """Whether ``value`` (already stripped) has the shape of a Hub model id."""
    return (
        value.isascii()
        and _HUB_ID.fullmatch(value) is not None
        and "--" not in value
        and ".." not in value
        and not value.endswith(".git")
    )


def non_ascii(value: str) -> str | None:
    """The first character of ``value`` that is not ASCII, if any."""
    return next((char for char in value if not char.isascii()), None)


def lookalike(value: str) -> str | None:
    """The ASCII id ``value`` imitates with letters of other scripts, when that is a Hub id."""
    if value.isascii():
        return None
    ascii_value = value.translate(_LOOKALIKES)
    return ascii_value if is_hub_id(ascii_value) else None


def named(char: str) -> str:
    """A character as findings show it: itself in backticks and its Unicode name (which tells the script)."""
    import unicodedata  # NOTE: only for a look-alike; a cold `lint` does not load the Unicode tables

    return f"`{char}` ({unicodedata.name(char, f'U+{ord(char):04X}')})"
