"""``audit`` reads the card as ``lint`` and ``lineage`` do, and reports the same verdicts on it.

The card is read by the one card reader (:mod:`railguard.card.metadata`): a list, an SPDX
expression, ``license_name`` beside ``license``, the British spelling. The card's RG3xx findings
(conflicts with base models, unknown base models, how the declaration was read) are the ones
``lint`` reports, and the conflicts are the ones ``lineage`` reports for the same cards.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.audit import audit_paths
from railguard.cli import main
from railguard.lint.runner import lint_paths
from railguard.report.lineage_json import as_version_1
from tests.audit.conftest import Build, card

LLAMA_NOTICE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. "
    "All Rights Reserved.\n"
)


def audit_codes(folder: Path) -> list[str]:
    return [f.code for f in audit_paths(str(folder)).findings]


def lint_rg3(folder: Path) -> set[tuple[str, int | None, str | None, str | None]]:
    report = lint_paths([str(folder / "README.md")])
    return {(f.code, f.line, f.licence, f.upstream) for f in report.findings if f.code.startswith("RG3")}


def audit_rg3(folder: Path) -> set[tuple[str, int | None, str | None, str | None]]:
    report = audit_paths(str(folder))
    return {(f.code, f.line, f.licence, f.upstream) for f in report.findings if f.code.startswith("RG3")}


def test_a_relicensed_llama_finetune_shows_the_conflict_as_lint_and_lineage_do(
    repo: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo(
        card("apache-2.0", "base_model: meta-llama/Llama-3.1-8B-Instruct"),
        name="tree/acme/Llama-helper",
        LICENSE="apache-2.0",
        NOTICE="Copyright 2025 Acme Labs\n" + LLAMA_NOTICE + "Built with Llama\n",
        **{"LICENSE-llama3.1": "llama3.1-community"},
    )
    # the files are in order; the licence itself is not: apache-2.0 drops what llama3.1 passes down
    found = audit_rg3(folder)
    assert {code for code, *_ in found} == {"RG301", "RG302"}
    assert found == lint_rg3(folder)
    assert main(["audit", str(folder), "-q"]) == 1
    capsys.readouterr()
    main(["lineage", str(folder.parent.parent), "--format", "json"])
    lineage = as_version_1(json.loads(capsys.readouterr().out))
    conflicts = {
        (f["code"], f["licence"]) for f in lineage["findings"] if f["code"] in ("RG301", "RG302") and f["model"]
    }
    assert conflicts == {(code, licence) for code, _, licence, _ in found}


def test_a_clean_llama_finetune_has_no_card_finding(repo: Build) -> None:
    folder = repo(
        card("llama3.1", "base_model: meta-llama/Llama-3.1-8B-Instruct", body="# Llama-helper\n\nBuilt with Llama\n"),
        name="Llama-helper",
        LICENSE="llama3.1-community",
        **{"USE_POLICY.md": "llama3.1-aup"},
        NOTICE=LLAMA_NOTICE,
    )
    assert audit_codes(folder) == []


def test_an_unknown_base_model_is_said_as_lint_says_it(repo: Build) -> None:
    folder = repo(card("mit", "base_model: someone/never-heard-of"), LICENSE="mit", NOTICE="Copyright 2025 A\n")
    assert {code for code, *_ in audit_rg3(folder)} == {"RG309"}
    assert audit_rg3(folder) == lint_rg3(folder)


def test_rg3xx_suppressed_in_the_card_is_suppressed_in_the_audit(repo: Build) -> None:
    folder = repo(
        card("mit", "base_model: someone/never-heard-of", body="<!-- railguard: ignore RG309 RG302 -->\n"),
        LICENSE="mit",
        NOTICE="Copyright 2025 A\n",
    )
    found = audit_paths(str(folder)).findings
    assert [(f.code, f.line) for f in found] == [("RG001", 5)]  # RG309 suppressed; RG302 suppresses nothing
    assert "RG302" in found[0].message


def test_a_licence_list_binds_every_item(repo: Build) -> None:
    folder = repo(card("[apache-2.0, mit]"), LICENSE="apache-2.0", NOTICE="Copyright 2025 A\n")
    found = audit_paths(str(folder)).findings
    assert [(f.code, f.licence) for f in found if f.code == "RG501"] == [("RG501", "mit")]
    assert "RG321" in {f.code for f in found}  # the list's reading, as lint says it
    files = {"LICENSE": "apache-2.0", "LICENSE-MIT": "mit", "NOTICE": "Copyright 2025 A\n"}
    both = repo(card("[apache-2.0, mit]"), name="both", **files)
    assert [c for c in audit_codes(both) if c.startswith("RG5")] == []


def test_a_choice_is_met_by_one_of_its_licences(repo: Build) -> None:
    folder = repo(card("other", "license_name: Apache-2.0 OR MIT"), LICENSE="mit", NOTICE="Copyright 2025 A\n")
    assert [c for c in audit_codes(folder) if c.startswith("RG5")] == []
    none = repo(card("other", "license_name: Apache-2.0 OR MIT"), name="none")
    assert audit_codes(none).count("RG501") == 1


def test_license_name_beside_another_licence_binds_both(repo: Build) -> None:
    folder = repo(card("mit", "license_name: llama3.1"), LICENSE="mit", NOTICE="Copyright 2025 A\n")
    found = audit_paths(str(folder)).findings
    assert [(f.code, f.licence) for f in found if f.code == "RG501"] == [("RG501", "llama3.1")]
    assert "RG322" in {f.code for f in found}


def test_other_with_a_name_and_the_british_spelling_are_read(repo: Build) -> None:
    named = repo(card("other", "license_name: llama3.1"), name="named", LICENSE="llama3.1-community")
    assert "RG515" not in audit_codes(named)
    assert "RG501" not in audit_codes(named)
    british = repo("---\nlicence: mit\nlicence_link: TERMS.txt\n---\n# m\n", name="british", **{"TERMS.txt": "mit"})
    (report,) = audit_paths(str(british)).repositories
    assert report.declared == "mit"
    assert [Path(r["path"]).name for r in report.files] == ["TERMS.txt"]  # the link names the licence file
    assert "RG501" not in audit_codes(british)


def test_datasets_are_read_by_the_card_reader(repo: Build) -> None:
    from railguard.card.metadata import datasets

    assert datasets({"datasets": ["a/b", " a/b ", 3, "", "c"]}) == ("a/b", "c")
    assert datasets({"datasets": "a/b"}) == ("a/b",)
    assert datasets({"datasets": {"a": 1}}) == ()
    folder = repo(card("mit", "datasets: tatsu-lab/alpaca"), LICENSE="mit", NOTICE="Copyright 2025 A\n")
    (report,) = audit_paths(str(folder)).repositories
    assert [d[0] for d in report.datasets] == ["tatsu-lab/alpaca"]
