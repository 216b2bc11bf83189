"""Every text a person reads cites a clause list the same way: runs of sections folded into ranges.

(``permits`` prints its findings with ``compat``'s line and GitHub annotation; a use is restricted
by one section, so its own output has no list to fold.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.clauses import cited, fold

ROOT = Path(__file__).resolve().parents[2]
CARD = str(ROOT / "examples" / "cards" / "acme" / "support-bot" / "README.md")
LINEAGE = str(ROOT / "examples" / "lineage.yaml")
REPO = str(ROOT / "examples" / "model-repo")
#: `llama3.1`'s use policy, cited by RG301 for a derivative that drops all of its restrictions
FOLDED = "AUP 1(a)(i)–4"
UNFOLDED = "AUP 1(a)(i), AUP 1(a)(ii)"


def test_fold_folds_runs_of_three_or_more_in_the_licence_order() -> None:
    order = ["1.b.iv", "AUP 1(a)", "AUP 1(b)", "AUP 2", "AUP 3", "AUP 4"]
    assert fold("1.b.iv, AUP 1(a), AUP 1(b), AUP 2, AUP 3, AUP 4; 1.b.i", order) == "1.b.iv, AUP 1(a)–4; 1.b.i"
    assert fold("AUP 1(a), AUP 2", order) == "AUP 1(a), AUP 2"
    assert fold("AUP 1(a), AUP 3, AUP 4", order) == "AUP 1(a), AUP 3, AUP 4"  # AUP 2 is left out: no run


def test_cited_is_nothing_without_a_clause_and_escapes_what_it_prints() -> None:
    assert cited(None) == ""
    assert cited("") == ""
    assert "\x1b" not in cited("4(a)\x1b[2J")


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", CARD],
        ["lint", CARD, "--format", "github"],
        ["lint", CARD, "--format", "sarif"],
        ["compat", "llama3.1", "apache-2.0"],
        ["compat", "llama3.1", "apache-2.0", "--format", "github"],
        ["compat", "llama3.1", "apache-2.0", "--format", "sarif"],
        ["audit", REPO],
        ["lineage", LINEAGE],
        ["lineage", LINEAGE, "--format", "github"],
        ["lineage", LINEAGE, "--format", "sarif"],
        ["lineage", LINEAGE, "--format", "spdx"],
        ["lineage", LINEAGE, "--format", "cyclonedx"],
    ],
    ids=lambda argv: " ".join(a if "/" not in a else Path(a).name for a in argv),
)
def test_every_text_folds_a_clause_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str]
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    if "spdx" in argv:
        pytest.importorskip("spdx_tools")
    code = main(argv)
    out = capsys.readouterr().out
    assert code == 1
    if "sarif" in argv:
        out = " ".join(r["message"]["text"] for run in json.loads(out)["runs"] for r in run["results"])
    elif "spdx" in argv or "cyclonedx" in argv:
        out = json.dumps(json.loads(out), ensure_ascii=False)
    assert FOLDED in out
    assert UNFOLDED not in out
