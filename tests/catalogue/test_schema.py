"""Malformed catalogue files fail, and the message names the file, the line and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from railguard import resources
from railguard.catalogue import loader
from railguard.catalogue.loader import load_categories, parse_file
from railguard.errors import LicenceDataError
from railguard.resources import data_dir

GOOD = """\
id: demo-licence
name: Demo Licence
family: rail
version: "1.0"
url: https://example.org/demo
commercial: true
grants: [use, distribute]
summary: A made-up licence for tests.
restrictions:
  - category: military
    kind: use
    section: "Attachment A (c)"
    summary: Military uses.
obligations:
  - kind: scale-limit
    section: "2"
    summary: Above the threshold ask for a licence.
    params: {monthly_active_users: 1000}
"""


def problems(text: str, name: str = "demo-licence.yaml") -> list[str]:
    licence, found = parse_file(name, text, load_categories())
    if found:
        assert licence is None
    return found


def test_good_file_is_valid() -> None:
    licence, found = parse_file("demo-licence.yaml", GOOD, load_categories())
    assert found == []
    assert licence is not None
    assert licence.restrictions[0].category == "military"
    assert licence.obligations[0].param("monthly_active_users") == 1000


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("family: rail", "family: rails"), "demo-licence.yaml:3: at family: expected one of"),
        (
            ("    kind: use", "    kind: uses"),
            "demo-licence.yaml:11: at restrictions[0].kind: expected one of use, licensee",
        ),
        (
            ("category: military", "category: militar"),
            "at restrictions[0].category: unknown category `militar` (did you mean `military`?)",
        ),
        (('version: "1.0"', "version: 1.0"), "at version: expected a string, got a number (1.0) (quote it"),
        (("id: demo-licence", "id: other-id"), "at id: must equal the file name `demo-licence`"),
        (("url: https://example.org/demo", "url: example.org"), "at url: expected an http(s) address"),
        (("grants: [use, distribute]", "grants: [use, fly]"), "at grants[1]: expected one of"),
        (("commercial: true", "commercial: maybe"), "at commercial: expected true, false or null"),
        (
            ("monthly_active_users: 1000", "monthly_active_users: lots"),
            "params.monthly_active_users: expected a whole number",
        ),
        (("monthly_active_users: 1000", "prefix: Demo"), "`scale-limit` takes no parameter `prefix`"),
        (
            ("kind: scale-limit", "kind: naming"),
            "`naming` takes no parameter `monthly_active_users` (allowed: forms, prefix)",
        ),
        (
            ("kind: scale-limit", "kind: naming", "{monthly_active_users: 1000}", "{prefix: Demo, forms: Acme Demo}"),
            "params.forms: expected a list, got",
        ),
        (
            ("kind: scale-limit", "kind: naming", "{monthly_active_users: 1000}", "{prefix: Demo, forms: [1]}"),
            "params.forms: expected a list of strings",
        ),
        (
            ("summary: A made-up licence for tests.", "summary: A made-up licence.\nsumary: typo"),
            "demo-licence.yaml:9: at sumary: unknown key",
        ),
        (("name: Demo Licence\n", ""), "demo-licence.yaml:1: at name: required key is missing"),
        (("family: rail", "family: rail\nfamily: vendor"), "at family: key given twice"),
        (('    section: "2"', "    section: 2"), "at obligations[0].section: expected a string"),
        (("restrictions:", "restrictions: none\nx:"), "at restrictions: expected a list"),
    ],
)
def test_malformed_file_names_file_line_and_key(change: tuple[str, ...], expected: str) -> None:
    text = GOOD
    for old, new in zip(change[::2], change[1::2], strict=True):
        assert old in text
        text = text.replace(old, new, 1)
    found = problems(text)
    assert any(expected in p for p in found), found
    assert all(p.startswith("licences/demo-licence.yaml") for p in found)


def test_not_yaml_gives_the_line() -> None:
    found = problems("id: x\nname: [unclosed\n")
    assert len(found) == 1
    assert found[0].startswith("licences/demo-licence.yaml:")
    assert "not valid YAML" in found[0]


def test_not_a_mapping() -> None:
    assert "expected a mapping, got a list" in problems("- a\n- b\n")[0]


def test_overlong_summary_is_refused() -> None:
    found = problems(GOOD.replace("summary: Military uses.", "summary: " + "word " * 80))
    assert any("longer than 300 characters" in p for p in found)


def test_ambiguous_needs_a_reading() -> None:
    found = problems(GOOD.replace("family: rail", "family: rail\nambiguous: true"))
    assert any("at reading:" in p for p in found)


@pytest.fixture
def catalogue_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the shipped catalogue that the loader reads instead."""
    folder = tmp_path / "licences"
    shutil.copytree(Path(str(data_dir("licences"))), folder)
    monkeypatch.setattr(loader, "data_dir", lambda name: folder)
    monkeypatch.setattr(resources, "data_path", lambda name: str(folder))
    loader.load_catalogue.cache_clear()
    yield folder
    loader.load_catalogue.cache_clear()


def test_loading_fails_on_a_malformed_file(catalogue_copy: Path) -> None:
    (catalogue_copy / "demo-licence.yaml").write_text(GOOD.replace("kind: use", "kind: uses"), encoding="utf-8")
    with pytest.raises(LicenceDataError) as info:
        loader.load_catalogue()
    assert any("licences/demo-licence.yaml:11: at restrictions[0].kind" in p for p in info.value.problems)


def test_loading_fails_when_a_name_resolves_twice(catalogue_copy: Path) -> None:
    (catalogue_copy / "demo-licence.yaml").write_text(GOOD + "aliases: [CreativeML_OpenRAIL-M]\n", encoding="utf-8")
    with pytest.raises(LicenceDataError) as info:
        loader.load_catalogue()
    assert any("name `CreativeML_OpenRAIL-M` also names `creativeml-openrail-m`" in p for p in info.value.problems)


def test_loading_accepts_a_new_valid_file(catalogue_copy: Path) -> None:
    (catalogue_copy / "demo-licence.yaml").write_text(GOOD, encoding="utf-8")
    assert loader.load_catalogue().get("demo-licence").name == "Demo Licence"


def test_members_belong_to_an_ambiguous_id() -> None:
    found = problems(GOOD.replace("family: rail", "family: rail\nmembers: [mit]"))
    assert any("at members: only an ambiguous id" in p for p in found)
    ambiguous = "family: rail\nambiguous: true\nreading: r\nmembers: [MIT, mit, mit]"
    found = problems(GOOD.replace("family: rail", ambiguous))
    assert any("members[0]: expected a catalogue licence id" in p for p in found)
    assert any("members[2]: `mit` listed twice" in p for p in found)


def test_loading_fails_on_a_member_the_catalogue_lacks(catalogue_copy: Path) -> None:
    text = GOOD.replace("family: rail", "family: rail\nambiguous: true\nreading: r\nmembers: [mit, no-such-id]")
    (catalogue_copy / "demo-licence.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LicenceDataError) as info:
        loader.load_catalogue()
    assert any("demo-licence.yaml: at members: no licence `no-such-id`" in p for p in info.value.problems)
