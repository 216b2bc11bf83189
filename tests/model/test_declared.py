"""The normal form of a declared licence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from railguard.model.declared import Declared

NAMES = st.sampled_from(["mit", "apache-2.0", "llama2", "cc-by-nc-4.0", "openrail"])


def test_single_licence() -> None:
    declared = Declared.single("mit")
    assert declared.is_single
    assert not declared.listed
    assert not declared.empty
    assert declared.names == ("mit",)
    assert str(declared) == "mit"


def test_a_list_of_one_is_that_licence() -> None:
    assert Declared.from_list(("mit",)) == Declared.single("mit")


def test_a_list_is_read_both_ways() -> None:
    declared = Declared.from_list(("apache-2.0", "mit"))
    assert declared.listed
    assert declared.alternatives == (("apache-2.0",), ("mit",))
    assert str(declared) == "[apache-2.0, mit]"


def test_expression_form_without_text() -> None:
    declared = Declared((("mit",), ("apache-2.0", "cc-by-4.0")))
    assert str(declared) == "mit OR (apache-2.0 AND cc-by-4.0)"
    assert Declared((("apache-2.0", "cc-by-4.0"),)).__str__() == "apache-2.0 AND cc-by-4.0"


def test_nothing_declared() -> None:
    assert Declared(()).empty


@given(st.lists(NAMES, min_size=1, max_size=6))
def test_names_are_each_name_once_in_order(names: list[str]) -> None:
    declared = Declared.from_list(tuple(names))
    assert declared.names == tuple(dict.fromkeys(names))
    assert set(declared.names) == set(names)
