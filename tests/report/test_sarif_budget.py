"""A lineage's SARIF within GitHub code scanning's limits: the budget of results of one finding each (--max-results)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from railguard.cli import main
from railguard.report.sarif import MAX_RESULTS, RELATED, _digest
from railguard.rules import RULES
from tests.bench.bench_lineage import generate
from tests.report.test_registry import sarif_validator

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lineage.yaml"


def _run(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> dict[str, Any]:
    code = main(["lineage", str(path), *argv, "--exit-zero", "--quiet"])
    assert code == 0
    loaded: dict[str, Any] = json.loads(capsys.readouterr().out)
    return loaded


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Hub-shaped table, with unknown licences (a kind each) and records about no model."""
    path = tmp_path_factory.mktemp("budget") / "hub.jsonl"
    generate(path, 1_500)
    with path.open("a", encoding="utf-8") as out:
        for number in range(40):
            out.write(json.dumps({"id": f"odd/model-{number}", "license": f"house-licence-{number}"}) + "\n")
        for number in range(30):
            out.write(f'{{"id": "broken-{number}", \n')
    return path


def _by_kind(results: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per kind (its fingerprint's start): the models of results of their own, the models its group counts;
    per rule: the findings its result counts."""
    own: dict[str, set[str]] = {}
    grouped: Counter[str] = Counter()
    ruled: Counter[str] = Counter()
    for result in results:
        fingerprint = result["partialFingerprints"]["railguardFinding/v1"]
        properties = result["properties"]
        if fingerprint.endswith("rule"):
            ruled[result["ruleId"]] += properties["findings"]
        elif fingerprint.endswith("group"):
            grouped[fingerprint[:16]] += properties["models"]
        elif "model" in properties:
            own.setdefault(fingerprint[:16], set()).add(properties["model"])
    return Counter({kind: len(models) for kind, models in own.items()}), grouped, ruled


@pytest.mark.parametrize("budget", [20, 200])
def test_past_the_budget_findings_join_their_kinds(
    capsys: pytest.CaptureFixture[str], table: Path, budget: int
) -> None:
    log = _run(capsys, table, "--format", "sarif", "--max-results", str(budget))
    sarif_validator().validate(log)
    results = log["runs"][0]["results"]
    contract = _run(capsys, table, "--format", "json")

    # results of one finding, of a kind (a kind of one model is its finding), of a rule
    singles = [r for r in results if "relatedLocations" not in r]
    ruled = [r for r in results if r["partialFingerprints"]["railguardFinding/v1"].endswith("rule")]
    # the results of one finding each come first, then the kinds'
    assert next(n for n, r in enumerate(results) if "relatedLocations" in r) <= budget
    assert len(results) <= max(budget, budget // 2 + 3 * len(RULES))
    assert len(ruled) <= 3 * len(RULES)
    assert all(len(r.get("relatedLocations", ())) <= RELATED for r in results)
    assert len({r["partialFingerprints"]["railguardFinding/v1"] for r in results}) == len(results)

    # every model a kind applies to is counted once: by a result of its own, its kind's group or its rule's
    own, grouped, ruled = _by_kind(results)
    rest: Counter[str] = Counter()
    for kind in contract["kinds"]:
        digest = _digest(kind["code"], kind["message"], kind["licence"], kind["clause"])
        if digest in grouped:
            assert own[digest] + grouped[digest] == kind["models"], kind["message"]
        else:
            rest[kind["code"]] += kind["models"] - own[digest]
    standalone = Counter(f["code"] for f in contract["findings"])
    individual = Counter(r["ruleId"] for r in singles if "model" not in r["properties"])
    assert ruled == rest + standalone - individual
    assert rest, "the table has more kinds than the budget"
    assert standalone
    assert individual != standalone, "findings about no model past the budget join their rules"


def test_a_group_after_results_of_its_own_says_it_counts_the_others(
    capsys: pytest.CaptureFixture[str], table: Path
) -> None:
    results = _run(capsys, table, "--format", "sarif", "--max-results", "300")["runs"][0]["results"]
    own, _, _ = _by_kind(results)
    groups = [r for r in results if r["partialFingerprints"]["railguardFinding/v1"].endswith("group")]
    for group in groups:
        listed = own[group["partialFingerprints"]["railguardFinding/v1"][:16]]
        more = group["message"]["text"].startswith(f"{group['properties']['models']:,} more models, not listed")
        assert more == bool(listed)
    assert any(own[g["partialFingerprints"]["railguardFinding/v1"][:16]] for g in groups)


def test_no_budget_writes_every_finding_at_the_threshold(capsys: pytest.CaptureFixture[str], table: Path) -> None:
    log = _run(capsys, table, "--format", "sarif", "--max-results", "0")
    contract = _run(capsys, table, "--format", "json")
    results = log["runs"][0]["results"]
    errors = [r for r in results if r["level"] == "error"]
    assert len(errors) == contract["summary"]["findings"]["error"] > 200
    assert not any(r["partialFingerprints"]["railguardFinding/v1"].endswith("rule") for r in results)


@pytest.mark.parametrize("argv", [[], ["--fail-on", "warning"], ["--fail-on", "info"]])
def test_the_default_budget_changes_nothing_for_a_small_lineage(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    main(["lineage", str(EXAMPLE), "--format", "sarif", *argv])
    default = capsys.readouterr().out
    main(["lineage", str(EXAMPLE), "--format", "sarif", "--max-results", "0", *argv])
    assert capsys.readouterr().out == default


@pytest.mark.parametrize("budget", [8, 12, 16])
def test_a_small_budget_on_the_example(capsys: pytest.CaptureFixture[str], budget: int) -> None:
    main(["lineage", str(EXAMPLE), "--format", "sarif", "--max-results", str(budget)])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    ruled = [r for r in results if r["partialFingerprints"]["railguardFinding/v1"].endswith("rule")]
    assert ruled
    # a result per rule with findings left even when the budget is smaller
    assert len(results) <= max(budget, budget // 2 + len(ruled))
    for result in ruled:
        assert result["properties"]["findings"] == len(result["relatedLocations"])
        for related in result["relatedLocations"]:
            assert "`" in related["message"]["text"]


def test_the_help_names_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", "--help"]) == 0
    assert f"default: {MAX_RESULTS}" in " ".join(capsys.readouterr().out.split())


def test_any_number_of_kinds_stays_within_the_budget(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # every unknown licence name is a kind of its own: 6,000 of them were 6,000 results
    path = tmp_path / "odd.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(6_000):
            out.write(json.dumps({"id": f"odd/model-{number}", "license": f"house-licence-{number}"}) + "\n")
    results = _run(capsys, path, "--format", "sarif")["runs"][0]["results"]
    # no finding at the threshold: the kinds have the whole budget, but for their rule's result
    assert len(results) == MAX_RESULTS
    ruled = [r for r in results if r["partialFingerprints"]["railguardFinding/v1"].endswith("rule")]
    assert [r["ruleId"] for r in ruled] == ["RG308"]
    assert ruled[0]["properties"]["findings"] + len(results) - 1 == 6_000
    assert len(ruled[0]["relatedLocations"]) == RELATED


def test_related_locations_stay_within_the_log_total(
    capsys: pytest.CaptureFixture[str], table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub takes at most 10 MB gzipped: the related locations of all results share one total."""
    import railguard.report.sarif as sarif

    full = _run(capsys, table, "--format", "sarif", "--max-results", "60")["runs"][0]["results"]
    monkeypatch.setattr(sarif, "RELATED_TOTAL", 300)
    capped = _run(capsys, table, "--format", "sarif", "--max-results", "60")["runs"][0]["results"]
    assert sum(len(r.get("relatedLocations", ())) for r in full) > 300
    assert sum(len(r.get("relatedLocations", ())) for r in capped) <= 300
    sarif_validator().validate({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": capped}]})
    # the same results, counting the same models and findings; only fewer are listed
    assert [(r["partialFingerprints"], r["properties"]) for r in capped] == [
        (r["partialFingerprints"], r["properties"]) for r in full
    ]
    for result in capped:
        related = result.get("relatedLocations", [])
        assert [one["id"] for one in related] == list(range(len(related)))
