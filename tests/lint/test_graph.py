"""A run's lineage: sibling cards anywhere in the repository, unknown base models said out loud, chains."""

from __future__ import annotations

import json

import pytest

from railguard.cli import main
from railguard.report.lineage_json import as_version_1
from tests.lint.conftest import Repo, codes, where

BASE = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Llama-base\n\nBuilt with Llama\n"
CHILD = "---\nlicense: apache-2.0\nbase_model: acme/Llama-base\n---\n# Llama-child\n\nBuilt with Llama\n"


def test_monorepo_sibling_is_found_when_only_the_changed_card_is_linted(repo: Repo) -> None:
    # models/<org>/<name>/README.md: what pre-commit passes is the changed card alone
    repo.card("models/acme/Llama-base", BASE)
    child = repo.card("models/acme/Llama-child", CHILD)
    alone = repo.lint(child)
    whole = repo.lint(repo.root / "models")
    assert where(list(alone.findings), "RG301") == [(2, 10)]
    assert [f for f in whole.findings if f.file == str(child)] == list(alone.findings)


def test_unknown_base_model_is_a_warning_at_base_model(repo: Repo) -> None:
    child = repo.card("acme/m", "---\nlicense: apache-2.0\nbase_model: someone/private-model\n---\n# M\n")
    findings = list(repo.lint(child).findings)
    assert where(findings, "RG309") == [(3, 13)]
    assert {f.severity.value for f in findings if f.code == "RG309"} == {"warning"}


def test_unknown_base_model_of_a_sibling_not_in_the_run_is_reported_by_the_card_built_on_it(repo: Repo) -> None:
    repo.card("acme/Llama-base", "---\nlicense: llama3.1\nbase_model: someone/private-model\n---\n# B\n")
    child = repo.card("acme/Llama-child", CHILD)
    (unknown,) = [f for f in repo.lint(child).findings if f.code == "RG309"]
    assert (unknown.line, unknown.upstream) == (3, "someone/private-model")
    # linted together, the sibling reports its own unknown base model and the child does not repeat it
    both = repo.lint(repo.root)
    assert [(f.file, f.line) for f in both.findings if f.code == "RG309"] == [
        (str(repo.root / "acme" / "Llama-base" / "README.md"), 3)
    ]


def test_well_known_base_model_is_not_unknown(repo: Repo) -> None:
    card = repo.card("acme/m", "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# M\n")
    assert "RG309" not in codes(list(repo.lint(card).findings))


def test_chain_of_cards_inherits_from_the_top(repo: Repo) -> None:
    # a chain of 60 cards: the licence at the top binds the bottom through every sibling
    repo.card("acme/Llama-0", BASE.replace("# Llama-base", "# Llama-0"))
    for i in range(1, 60):
        licence = "apache-2.0" if i == 59 else "llama3.1"
        repo.card(f"acme/Llama-{i}", f"---\nlicense: {licence}\nbase_model: acme/Llama-{i - 1}\n---\n# L\n")
    report = repo.lint(repo.root)
    bottom = str(repo.root / "acme" / "Llama-59" / "README.md")
    assert [(f.file, f.code) for f in report.findings if f.code == "RG301"] == [(bottom, "RG301")]
    alone = repo.lint(repo.root / "acme" / "Llama-59" / "README.md")
    assert where(list(alone.findings), "RG301") == [(2, 10)]


def test_two_cards_of_one_model_are_each_checked(repo: Repo) -> None:
    readme = repo.card("acme/m", CHILD.replace("acme/Llama-base", "meta-llama/Llama-3.1-8B"))
    other = repo.card("acme/m", CHILD.replace("acme/Llama-base", "meta-llama/Llama-3.1-8B"), name="MODEL_CARD.md")
    report = repo.lint(readme, other)
    assert sorted(f.file for f in report.findings if f.code == "RG301") == sorted([str(readme), str(other)])


#: Lineage codes `lint` leaves to its own checks (RG306 -> RG412/RG413, RG308/RG311 -> the licence
#: check, RG307 notices are no card problem); see railguard.lint.checks.lineage.
LEFT_TO_LINT = {"RG306", "RG307", "RG308", "RG311"}


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        ("license: apache-2.0\n", "license: gpl-2.0\n"),
        ("license: apache-2.0\n", "license: other\nlicense_name: GPL-2.0-or-later\n"),
        ("license: cc-by-nd-4.0\n", "license: mit\n"),
        ("tags: [no-licence]\n", "license: mit\n"),
        ("license: creativeml-openrail-m\n", "license: mit\n"),
        ("license: other\nlicense_name: GPL-2.0-only OR Apache-2.0\n", "license: gpl-2.0\n"),
    ],
)
def test_lint_reports_what_lineage_reports_for_the_cards_own_edge(
    repo: Repo, capsys: pytest.CaptureFixture[str], parent: str, child: str
) -> None:
    repo.card("acme/base", f"---\n{parent}---\n# Base\n")
    card = repo.card("acme/tune", f"---\n{child}base_model: acme/base\n---\n# Tune\n")
    main(["lineage", str(repo.root), "--format", "json"])
    data = as_version_1(json.loads(capsys.readouterr()[0]))
    expected = {f["code"] for f in data["findings"] if f.get("model") == "acme/tune"} - LEFT_TO_LINT
    assert expected
    linted = [f for f in repo.lint(card).findings if f.code.startswith("RG3")]
    assert {f.code for f in linted} == expected
    assert {f.line for f in linted} == {2}
