"""Identification: exact only on matching wording; a licence named in a text does not decide it."""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.catalogue import load_catalogue
from railguard.parse import parse_file, parse_text
from railguard.parse.findings import check_parsed
from railguard.parse.identify import named_in_title


@pytest.mark.parametrize(
    "text",
    [
        "This model is NOT released under the MIT License. You may use it for research.\n",
        "Unlike the Apache License 2.0, this licence restricts use. You shall not use it for military purposes.\n",
        "Based on the Apache License 2.0 and the MIT License, with changes.\n\nYou may copy the model.\n",
    ],
)
def test_a_licence_named_inside_a_text_does_not_decide_what_it_is(text: str) -> None:
    found = parse_text(text).identification
    assert not found.exact
    assert found.licence is None


def test_a_password_file_is_no_licence() -> None:
    text = (
        "root:x:0:0:root:/root:/bin/bash\npostgres:x:112:120:PostgreSQL administrator:/var/lib/postgresql:/bin/bash\n"
    )
    result = parse_text(text, "passwd")
    assert result.identification.licence is None
    assert [f.code for f in check_parsed(result)] == ["RG103"]


def test_a_title_names_a_licence_but_only_wording_makes_it_exact() -> None:
    text = "# MIT License\n\nPermission is hereby granted to use this software for any purpose.\n"
    found = parse_text(text).identification
    assert found.licence is not None
    assert found.licence.id == "mit"
    assert found.basis == "title"
    assert not found.exact


def test_a_title_without_reference_wording_is_reported_as_unverified() -> None:
    text = "# BigCode OpenRAIL-M v1.1 License\n\nYou agree not to use the Model to harass people.\n"
    result = parse_text(text)
    assert result.identification.basis == "title"
    assert not result.identification.exact


def test_the_published_text_is_identified_exactly(shared: Path) -> None:
    found = parse_file(shared / "licences" / "mit.txt").identification
    assert (found.licence.id if found.licence else None, found.exact, found.basis) == ("mit", True, "wording")


def test_a_copy_of_a_licence_with_one_added_prohibition_is_a_variant(shared: Path) -> None:
    result = parse_file(shared / "licences" / "json-license.txt")
    found = result.identification
    assert found.licence is not None
    assert found.licence.id == "mit"
    assert not found.exact
    assert found.novel
    assert "RG101" in {f.code for f in check_parsed(result)}


def test_a_text_not_in_the_catalogue_is_rg102_with_its_nearest_relative(shared: Path) -> None:
    result = parse_file(shared / "licences" / "do-no-harm-0.3.txt")
    finding = next(f for f in check_parsed(result) if f.code == "RG102")
    assert finding.licence == "apache-2.0"
    assert 0 < result.identification.score < 0.8


def test_a_verbatim_copy_is_exact_even_where_reader_and_catalogue_differ_on_the_duty(shared: Path) -> None:
    # The reader finds flow-down in Qwen's "give any other recipients ... a copy of this Agreement";
    # the catalogue records a licence copy only. The text is the published wording, so it is exact.
    found = parse_file(shared / "licences" / "qwen-license.txt").identification
    assert (found.licence.id if found.licence else None, found.exact) == ("qwen-license", True)


def test_a_copy_that_drops_the_carrying_clause_is_a_variant(shared: Path) -> None:
    text = (shared / "licences" / "qwen-license.txt").read_text(encoding="utf-8")
    clause = "You shall give any other recipients of the Materials or derivative works a copy of this Agreement;"
    assert clause in text
    found = parse_text(text.replace(clause, ""), "qwen-variant.txt").identification
    assert found.licence is not None
    assert found.licence.id == "qwen-license"
    assert not found.exact


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Summit licence", ()),  # a name inside a word is no name
        ("Llama 3.1 Community License Agreement", ("llama3.1",)),  # the longest name at a place
        ("Apache License, Version 2.0 and MIT", ("apache-2.0", "mit")),  # in title order
        ("", ()),
    ],
)
def test_the_licences_a_title_names(title: str, named: tuple[str, ...]) -> None:
    assert named_in_title(title, load_catalogue()) == named


def test_a_published_text_the_catalogue_reads_further_is_as_published_not_exact(shared: Path) -> None:
    # The catalogue reads violence and safety-circumvention into Grok 2's guardrail headings, the
    # reader does not: the copy is not exact (its terms differ from the entry) but it is the
    # published wording with nothing changed, which is what a repository audit asks.
    found = parse_file(shared / "licences" / "xai-grok-2-community-license.txt").identification
    assert found.licence is not None
    assert (found.licence.id, found.exact, found.as_published) == ("grok2-community", False, True)
    assert found.edit is not None
    assert not found.edit


def test_an_edited_copy_names_its_edit_against_the_published_wording(shared: Path) -> None:
    text = (shared / "licences" / "creativeml-openrail-m.txt").read_text(encoding="utf-8")
    edited = "\n".join(line for line in text.splitlines() if "medical advice" not in line.lower())
    found = parse_text(edited, "edited.txt").identification
    assert not found.as_published
    assert found.edit is not None
    assert found.edit.dropped == ("medical-advice",)
    assert found.edit.added == ()
