"""``lint`` and ``audit`` SARIF within GitHub code scanning's limits (``--max-results``).

GitHub keeps the first 5,000 results of a run by severity and rejects a run of more than 25,000;
an audit of a folder of thousands of repositories passes that. Past the budget the most severe
findings stay results of their own and the others are one result per rule and level.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from railguard.cli import main
from tests.report.test_registry import sarif_validator

#: A card with an error (a permissive licence over a Llama base) and warnings.
CARD = """---
license: mit
base_model: meta-llama/Llama-3.1-8B
---
# {name}

A fine-tune.
"""
#: A card with only warnings (no licence section, a base model found nowhere).
WARNED = """---
license: apache-2.0
base_model: nobody/unheard-of-{name}
---
# {name}

A fine-tune.
"""
_RANK = {"error": 2, "warning": 1, "note": 0}


@pytest.fixture(scope="module")
def repositories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty model repositories: the first twenty with errors and warnings, then ten with warnings only."""
    root = tmp_path_factory.mktemp("repos")
    for number in range(30):
        folder = root / f"model-{number:02d}"
        folder.mkdir()
        text = (CARD if number < 20 else WARNED).format(name=f"model-{number:02d}")
        (folder / "README.md").write_text(text, encoding="utf-8")
    return root


def _sarif(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[dict[str, Any]]:
    assert main([*argv, "--format", "sarif", "--exit-zero", "--quiet"]) == 0
    log = json.loads(capsys.readouterr().out)
    sarif_validator().validate(log)
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return results


def _commands(root: Path) -> list[list[str]]:
    return [["lint", str(root)], ["audit", str(root), "--recursive"]]


def _counted(results: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    """Findings per rule and level: a result of its own counts one, a rule's result its ``findings``."""
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        counts[(result["ruleId"], result["level"])] += result["properties"].get("findings", 1)
    return counts


@pytest.mark.parametrize("command", [0, 1], ids=["lint", "audit"])
@pytest.mark.parametrize("budget", [12, 40])
def test_past_the_budget_every_finding_is_still_counted(
    capsys: pytest.CaptureFixture[str], repositories: Path, command: int, budget: int
) -> None:
    argv = _commands(repositories)[command]
    every = _sarif(capsys, [*argv, "--max-results", "0"])
    assert len(every) > budget
    capped = _sarif(capsys, [*argv, "--max-results", str(budget)])
    rules = {(r["ruleId"], r["level"]) for r in every}
    assert len(capped) <= max(budget, len(rules))
    assert _counted(capped) == _counted(every)
    fingerprints = [r["partialFingerprints"]["railguardFinding/v1"] for r in capped]
    assert len(set(fingerprints)) == len(fingerprints)


@pytest.mark.parametrize("command", [0, 1], ids=["lint", "audit"])
def test_the_most_severe_findings_are_the_ones_listed(
    capsys: pytest.CaptureFixture[str], repositories: Path, command: int
) -> None:
    argv = _commands(repositories)[command]
    every = _sarif(capsys, [*argv, "--max-results", "0"])
    capped = _sarif(capsys, [*argv, "--max-results", "40"])
    single = [r for r in capped if "findings" not in r["properties"]]
    grouped = [r for r in capped if "findings" in r["properties"]]
    assert single
    assert grouped
    assert min(_RANK[r["level"]] for r in single) >= max(_RANK[r["level"]] for r in grouped)
    # the results of their own keep the order they were reported in
    order = [json.dumps(r["message"]) + json.dumps(r["locations"]) for r in every]
    positions = [order.index(json.dumps(r["message"]) + json.dumps(r["locations"])) for r in single]
    assert positions == sorted(positions)
    for result in grouped:
        related = result["relatedLocations"]
        assert len(related) == min(result["properties"]["findings"], 1_000)
        assert [one["id"] for one in related] == list(range(len(related)))
        assert result["locations"][0]["physicalLocation"] == related[0]["physicalLocation"]


@pytest.mark.parametrize("command", [0, 1], ids=["lint", "audit"])
def test_the_default_budget_lists_every_finding_of_a_small_run(
    capsys: pytest.CaptureFixture[str], repositories: Path, command: int
) -> None:
    argv = _commands(repositories)[command]
    assert _sarif(capsys, argv) == _sarif(capsys, [*argv, "--max-results", "0"])


@pytest.mark.parametrize("command", ["lint", "audit", "lineage"])
def test_the_help_names_the_option(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert main([command, "--help"]) == 0
    assert "--max-results" in capsys.readouterr().out


def test_a_negative_budget_is_a_usage_error(capsys: pytest.CaptureFixture[str], repositories: Path) -> None:
    assert main(["lint", str(repositories), "--format", "sarif", "--max-results", "-1"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_related_locations_stay_within_the_log_total(
    capsys: pytest.CaptureFixture[str], repositories: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import railguard.report.sarif as sarif

    monkeypatch.setattr(sarif, "RELATED_TOTAL", 20)
    capped = _sarif(capsys, ["lint", str(repositories), "--max-results", "12"])
    assert sum(len(r.get("relatedLocations", ())) for r in capped) <= 20
    assert _counted(capped) == _counted(_sarif(capsys, ["lint", str(repositories), "--max-results", "0"]))
