"""RG329: `license_link` that is exactly the catalogue's address of a licence the card does not declare.

Evidence to check, never a substitution: the declared licence is still the one read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.card.metadata import licence_fields
from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lint.runner import lint_text

MRL = load_catalogue().find("mrl-0.1")
assert MRL is not None
MRL_URL = MRL.url


def _codes(record: dict[str, object]) -> list[str]:
    return [note.code for note in licence_fields(record).notes]


def test_a_link_to_another_catalogue_licence_is_a_warning_and_no_substitution() -> None:
    record = {"license": "apache-2.0", "license_link": MRL_URL}
    fields = licence_fields(record)
    assert [n.code for n in fields.notes] == ["RG329"]
    (note,) = fields.notes
    assert note.key == "license_link"
    assert note.licence == "mrl-0.1"
    assert fields.licence == "apache-2.0"  # the declared licence is still what is read


@pytest.mark.parametrize(
    "link",
    [MRL_URL.replace("https://", "http://"), MRL_URL + "/", MRL_URL.replace("https://", "https://www.")],
)
def test_the_address_is_compared_without_scheme_www_or_trailing_slash(link: str) -> None:
    assert _codes({"license": "apache-2.0", "license_link": link}) == ["RG329"]


@pytest.mark.parametrize(
    "record",
    [
        {"license": "other", "license_name": "mrl-0.1", "license_link": MRL_URL},  # agrees
        {"license": "apache-2.0", "license_link": "LICENSE"},  # a file, not an address
        {"license": "apache-2.0", "license_link": MRL_URL + "/other-page"},  # not exactly the address
        {"license": "apache-2.0", "license_link": "https://example.org/licence"},  # no catalogue licence
    ],
)
def test_no_warning_where_the_link_does_not_name_another_catalogue_licence(record: dict[str, object]) -> None:
    assert "RG329" not in _codes(record)


def test_lint_places_it_at_license_link() -> None:
    card = f"---\nlicense: apache-2.0\nlicense_link: {MRL_URL}\n---\n# A model\n"
    found = [f for f in lint_text(card) if f.code == "RG329"]
    assert [(f.line, f.severity.value) for f in found] == [(3, "warning")]


def test_lineage_reports_it_and_fails_only_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text(
        json.dumps({"id": "a/m", "license": "apache-2.0", "license_link": MRL_URL}) + "\n", encoding="utf-8"
    )
    assert main(["lineage", str(table)]) == 0
    assert main(["lineage", str(table), "--fail-on", "warning"]) == 1
    assert "RG329" in capsys.readouterr().out


def test_the_real_corpus_case(shared: Path) -> None:
    corpus = shared / "corpus" / "hub-lineage" / "hub-lineage.jsonl"
    if not corpus.is_file():
        pytest.skip(f"needs the real Hub corpus at {corpus}, which is absent")
    flagged = set()
    for line in corpus.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if isinstance(record, dict) and "RG329" in _codes(record):
            flagged.add(record["id"])
    # apache-2.0 + license_name `m` + the MRL-0.1 address (two Mawdistical models)
    assert "Mawdistical/Mawdistic-NightLife-24b" in flagged
