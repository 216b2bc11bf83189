"""The one reader of licence metadata: what a card or a record declares, and what it had to decide."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railguard.card.metadata import base_models, licence_fields, read_card_metadata, read_metadata, relation
from railguard.card.reader import parse_card
from railguard.card.vocabulary import RELATIONS
from railguard.model.declared import Declared


def codes(record: dict[str, object]) -> list[str]:
    return [note.code for note in licence_fields(record).notes]


def test_one_licence_is_its_name_as_written() -> None:
    fields = licence_fields({"license": "  Apache-2.0 "})
    assert fields.licence == "Apache-2.0"
    assert fields.declared is None
    assert fields.as_declared() == Declared.single("Apache-2.0")
    assert fields.notes == ()


def test_licence_spelled_the_british_way_is_read_when_license_is_absent() -> None:
    fields = licence_fields({"licence": "mit"})
    assert (fields.licence, fields.key) == ("mit", "licence")
    assert licence_fields({"license": "mit", "licence": "gpl-3.0"}).licence == "mit"


def test_a_list_is_read_both_ways_and_said_so() -> None:
    fields = licence_fields({"license": ["creativeml-openrail-m", "mit"]})
    assert fields.declared == Declared.from_list(("creativeml-openrail-m", "mit"))
    assert fields.declared is not None
    assert fields.declared.listed
    assert fields.licence == "[creativeml-openrail-m, mit]"
    (note,) = fields.notes
    assert note.code == "RG321"
    assert "license_name" in note.hint


def test_a_list_of_one_is_that_licence() -> None:
    fields = licence_fields({"license": ["mit"]})
    assert (fields.licence, fields.declared, fields.notes) == ("mit", None, ())


def test_repeated_list_items_count_once() -> None:
    assert licence_fields({"license": ["mit", "mit"]}).licence == "mit"


@pytest.mark.parametrize("word", ["other", "Other", " OTHER ", "unknown", "Unknown"])
def test_other_or_unknown_with_a_name_is_the_name(word: str) -> None:
    fields = licence_fields({"license": word, "license_name": "llama3.1"})
    assert (fields.licence, fields.name, fields.notes) == ("llama3.1", "llama3.1", ())


@pytest.mark.parametrize("word", ["other", "Unknown"])
def test_other_or_unknown_without_a_name_declares_nothing(word: str) -> None:
    fields = licence_fields({"license": word})
    assert fields.licence is None
    assert fields.as_declared().empty
    assert codes({"license": word}) == ["RG308"]


def test_a_name_without_a_licence_is_read() -> None:
    assert licence_fields({"license_name": "intel-research-use-license"}).licence == "intel-research-use-license"


def test_a_name_that_names_the_same_licence_changes_nothing() -> None:
    fields = licence_fields({"license": "llama2", "license_name": "llama-2-community-license"})
    assert (fields.licence, fields.declared, fields.notes) == ("llama2", None, ())


def test_a_name_naming_another_catalogue_licence_binds_too() -> None:
    fields = licence_fields({"license": "mit", "license_name": "deepseek"})
    assert fields.declared == Declared((("mit", "deepseek"),), False, "mit AND deepseek")
    assert fields.licence == "mit AND deepseek"
    assert codes({"license": "mit", "license_name": "deepseek"}) == ["RG322"]


def test_a_name_railguard_does_not_know_beside_a_licence_is_reported_and_left_out() -> None:
    fields = licence_fields({"license": "apache-2.0", "license_name": "m"})
    assert (fields.licence, fields.declared) == ("apache-2.0", None)
    (note,) = fields.notes
    assert note.code == "RG322"
    assert note.key == "license_name"


def test_without_a_resolver_different_names_are_different_licences() -> None:
    fields = licence_fields({"license": "apache-2.0", "license_name": "m"}, resolve=None)
    assert fields.declared == Declared((("apache-2.0", "m"),), False, "apache-2.0 AND m")


def test_other_inside_a_list_stands_for_the_name() -> None:
    fields = licence_fields({"license": ["mit", "other"], "license_name": "deepseek"})
    assert fields.declared == Declared.from_list(("mit", "deepseek"))
    assert codes({"license": ["mit", "other"], "license_name": "deepseek"}) == ["RG321"]


@pytest.mark.parametrize("value", [{"name": "mit"}, [["mit"]]])
def test_a_structure_is_not_a_licence_id(value: object) -> None:
    fields = licence_fields({"license": value})
    assert fields.licence is None
    assert "RG327" in codes({"license": value})


def test_scalars_that_are_not_text_are_read_as_written() -> None:
    assert licence_fields({"license": 2.0}).licence == "2.0"
    assert licence_fields({"license": True}).licence == "true"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("finetune", "finetune"), ("Fine-Tune", "finetune"), ("quantised", "quantized"), ("LoRA", "adapter")],
)
def test_relation_spellings(written: str, meant: str) -> None:
    assert relation({"base_model_relation": written}) == (meant, written)


def test_an_unknown_relation_is_kept_as_written_only() -> None:
    assert relation({"base_model_relation": "distilled"}) == (None, "distilled")
    assert relation({}) == (None, None)


def test_base_models_in_every_form() -> None:
    assert base_models({"base_model": " a/b "}) == ("a/b",)
    assert base_models({"base_model": ["a/b", "c/d", "a/b", None, ""]}) == ("a/b", "c/d")
    assert base_models({"base_model": "a/b; c/d"}, separator=";") == ("a/b", "c/d")
    assert base_models({"base_model": {"id": "a/b"}}) == ()
    assert base_models({}) == ()


def test_a_card_is_read_with_the_position_of_each_value() -> None:
    card = parse_card("---\nlicense:\n  - creativeml-openrail-m\n  - mit\nbase_model: a/b\n---\n# Model\n")
    found = read_card_metadata(card)
    assert found.declared.listed
    assert found.base_models == ("a/b",)
    assert found.positions["base_model"][0] == 5
    assert found.positions["license"][0] == 3


def test_read_metadata_gathers_every_field() -> None:
    found = read_metadata(
        {
            "license": "other",
            "license_name": "gemma-terms-of-use",
            "license_link": " https://ai.google.dev/gemma/terms ",
            "base_model": "google/gemma-7b",
            "base_model_relation": "adapter",
        }
    )
    assert found.licence == "gemma-terms-of-use"
    assert found.licence_link == "https://ai.google.dev/gemma/terms"
    assert (found.relation, found.base_models) == ("adapter", ("google/gemma-7b",))


def test_the_relations_are_the_hubs() -> None:
    assert RELATIONS == ("adapter", "merge", "quantized", "finetune")


NAMES = st.sampled_from(["mit", "apache-2.0", "llama2", "cc-by-nc-4.0", "creativeml-openrail-m", "Other", " "])


@given(st.one_of(NAMES, st.lists(NAMES, max_size=5)), st.one_of(st.none(), NAMES))
def test_whatever_is_declared_every_name_reaches_the_declaration(value: object, name: str | None) -> None:
    """No declared licence id is dropped silently: each is in the declaration or a note says why."""
    record = {"license": value} if name is None else {"license": value, "license_name": name}
    fields = licence_fields(record)
    items = value if isinstance(value, list) else [value]
    written = {str(v).strip() for v in items if str(v).strip() and str(v).strip().lower() not in ("other", "unknown")}
    assert written <= set(fields.as_declared().names)
    assert (fields.licence is None) == fields.as_declared().empty
