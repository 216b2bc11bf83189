"""The table of well-known datasets (``licences/_datasets.yaml``): valid, sourced, unique, and refused when not."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import railguard.resources
from railguard.audit import audit_paths
from railguard.audit.datasets import DATASETS_FILE, known_datasets
from railguard.catalogue import load_catalogue
from railguard.catalogue.yamlfile import load_yaml
from railguard.errors import LicenceDataError
from railguard.resources import data_dir
from tests.audit.conftest import Build, card

#: The day the table's first entries were checked; no entry can have been checked before it.
FIRST_CHECK = datetime.date(2026, 12, 7)


def _shipped() -> str:
    return (data_dir("licences") / DATASETS_FILE).read_text(encoding="utf-8")


def test_the_shipped_table_is_large_and_spans_the_licence_families() -> None:
    catalogue = load_catalogue()
    entries = {e.id: e for e in known_datasets().values()}
    assert len(entries) >= 40
    families = {catalogue.get(e.licence).family.value for e in entries.values()}
    expected = {"creative-commons", "open-data", "permissive", "public-domain", "vendor", "proprietary-research"}
    assert expected <= families
    licences = {e.licence for e in entries.values()}
    assert {"cc-by-nc-4.0", "cc-by-nc-sa-3.0", "cc-by-nc-nd-4.0", "cc-by-sa-4.0", "odc-by", "cc0-1.0"} <= licences


def test_every_entry_names_a_catalogue_licence_by_its_id() -> None:
    catalogue = load_catalogue()
    for entry in known_datasets().values():
        assert catalogue.get(entry.licence).id == entry.licence, entry.id


def test_every_entry_is_dated_and_sourced() -> None:
    for entry in known_datasets().values():
        assert FIRST_CHECK <= entry.checked <= datetime.date.today(), entry.id
        parts = urlsplit(entry.source)
        assert parts.scheme == "https", entry.id
        assert "." in parts.netloc, entry.id
        assert not re.search(r"\s", entry.source), entry.id


def test_no_id_is_listed_twice_in_any_spelling() -> None:
    body = load_yaml(_shipped())["datasets"]
    assert body.duplicates == []
    names = [str(ident).lower() for ident in body]
    names += [alias.lower() for spec in body.values() for alias in spec.get("aliases", [])]
    assert len(names) == len(set(names))


def test_ids_are_hub_ids() -> None:
    # NOTE: an owner and a name, or a legacy canonical id with no owner (`squad`, `wikipedia`).
    hub_id = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*$")
    for key in known_datasets():
        assert hub_id.match(key), key


def test_aliases_reach_the_same_entry() -> None:
    table = known_datasets()
    assert table["squad"] is table["rajpurkar/squad"]
    assert table["imagenet-1k"] is table["ilsvrc/imagenet-1k"]
    assert table["wiki_lingua"].licence == "cc-by-nc-sa-3.0"


@pytest.fixture
def table_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the licence folder whose ``_datasets.yaml`` a test may rewrite."""
    load_catalogue()  # the catalogue itself stays the shipped one
    folder = tmp_path / "licences"
    folder.mkdir()
    path = folder / DATASETS_FILE
    path.write_text(_shipped(), encoding="utf-8")
    real = railguard.resources.data_path

    def data_path(name: str) -> str | None:
        return str(folder) if name == "licences" else real(name)

    monkeypatch.setattr(railguard.resources, "data_path", data_path)
    known_datasets.cache_clear()
    yield path
    known_datasets.cache_clear()


ENTRY = "  acme/data:\n    licence: mit\n    checked: 2026-12-07\n    source: https://example.org/acme\n"


def _refused(path: Path, extra: str) -> str:
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with pytest.raises(LicenceDataError) as caught:
        known_datasets()
    return "\n".join(caught.value.problems)


def test_a_private_copy_loads_like_the_shipped_one(table_file: Path) -> None:
    table_file.write_text(table_file.read_text(encoding="utf-8") + ENTRY, encoding="utf-8")
    assert known_datasets()["acme/data"].licence == "mit"


def test_an_id_repeated_verbatim_is_refused_with_its_line(table_file: Path) -> None:
    lines = len(table_file.read_text(encoding="utf-8").splitlines())
    problems = _refused(table_file, ENTRY + ENTRY)
    assert f":{lines + 5}: at datasets.acme/data: key given twice" in problems


def test_an_id_repeated_in_another_case_is_refused(table_file: Path) -> None:
    problems = _refused(table_file, ENTRY + ENTRY.replace("acme/data", "ACME/Data"))
    assert "`ACME/Data` is listed twice" in problems


def test_an_alias_that_repeats_an_id_is_refused(table_file: Path) -> None:
    problems = _refused(table_file, ENTRY + "    aliases: [tatsu-lab/ALPACA]\n")
    assert "`tatsu-lab/ALPACA` is listed twice" in problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("licence: mit", "licence: acme-data-licence"), "unknown licence `acme-data-licence`"),
        (("checked: 2026-12-07", "checked: last week"), "expected a date"),
        (("    checked: 2026-12-07\n", ""), "expected a date"),
        (("https://example.org/acme", "http://example.org/acme"), "expected an https:// address"),
        (("    source: https://example.org/acme\n", ""), "expected an https:// address"),
        (("licence: mit", "licence: mit\n    url: https://example.org"), "at datasets.acme/data.url: unknown key"),
    ],
)
def test_a_malformed_entry_is_refused_naming_it(table_file: Path, change: tuple[str, str], expected: str) -> None:
    problems = _refused(table_file, ENTRY.replace(*change))
    assert "at datasets.acme/data" in problems
    assert expected in problems


def test_not_yaml_is_refused(table_file: Path) -> None:
    table_file.write_text("datasets: [unclosed\n", encoding="utf-8")
    with pytest.raises(LicenceDataError, match="not valid YAML"):
        known_datasets()


def test_the_table_is_plain_yaml_too() -> None:
    # The file is read by people and other tools as well: plain YAML must give the same mapping.
    plain = yaml.safe_load(_shipped())["datasets"]
    assert sorted(plain) == sorted(load_yaml(_shipped())["datasets"])


# What the new catalogue entries and vendor-licensed data do in an audit.


def _codes(folder: Path, dataset: str) -> set[str]:
    return {f.code for f in audit_paths(str(folder)).findings if f.upstream == dataset}


def test_imagenet_terms_are_non_commercial_for_a_commercial_model(repo: Build) -> None:
    folder = repo(card("apache-2.0", "datasets: [ILSVRC/imagenet-1k]"), LICENSE="apache-2.0")
    report = audit_paths(str(folder))
    rg508 = [f for f in report.findings if f.code == "RG508"]
    assert len(rg508) == 1
    assert rg508[0].licence == "imagenet-terms-of-access"
    assert rg508[0].clause == "1"
    assert "unsettled" in rg508[0].message


def test_the_stack_terms_ask_for_credit_and_nothing_else(repo: Build) -> None:
    folder = repo(card("apache-2.0", "datasets: [bigcode/the-stack]"), LICENSE="apache-2.0")
    assert _codes(folder, "bigcode/the-stack") == {"RG512"}
    credited = repo(
        card("apache-2.0", "datasets: [bigcode/the-stack]", body="Trained on bigcode/the-stack.\n"),
        name="credited",
        LICENSE="apache-2.0",
    )
    assert _codes(credited, "bigcode/the-stack") == set()


def test_llama_generated_data_passes_its_use_policy_on(repo: Build) -> None:
    dataset = "Magpie-Align/Magpie-Llama-3.1-Pro-500K-Filtered"
    folder = repo(card("mit", f"datasets: [{dataset}]"), LICENSE="mit")
    assert "RG510" in _codes(folder, dataset)


def test_a_legacy_id_resolves_through_its_alias(repo: Build) -> None:
    # `samsum` is the id older cards use for Samsung/samsum (CC BY-NC-ND 4.0).
    folder = repo(card("mit", "datasets: [samsum]"), LICENSE="mit")
    assert _codes(folder, "samsum") == {"RG508", "RG512", "RG517"}


def test_permissive_data_gives_no_licence_warning(repo: Build) -> None:
    folder = repo(card("apache-2.0", "datasets: [openai/gsm8k]", body="Tuned on openai/gsm8k.\n"), LICENSE="apache-2.0")
    assert _codes(folder, "openai/gsm8k") == set()
