"""SARIF for code scanning: locations, URIs, messages, fingerprints, grouping of duties."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lineage.engine import check_lineage
from railguard.model import Severity
from railguard.report.registry import Options
from railguard.report.sarif import write_lineage
from tests.report.test_lineage_contract import graphs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lineage.yaml"


def _sarif(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    main([*argv, "--format", "sarif"])
    return json.loads(capsys.readouterr().out)


def test_uris_are_relative_to_the_repository_root(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "examples")
    log = _sarif(capsys, "lineage", "lineage.yaml")
    (run,) = log["runs"]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///")
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "SRCROOT"
        assert artifact["uri"] in ("examples/lineage.yaml", "licences/_models.yaml")


def test_compat_results_point_at_the_documented_pseudo_location(capsys: pytest.CaptureFixture[str]) -> None:
    log = _sarif(capsys, "compat", "llama3.1", "mit")
    for result in log["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "railguard-compat/llama3.1/mit"
        assert "(clause " in result["message"]["text"]
        assert "Fix: " in result["message"]["text"]
    assert log["runs"][0]["automationDetails"]["id"] == "railguard/compat/"


def test_compat_results_point_at_a_licence_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "LICENSE"
    text.write_text("Permission is hereby granted, free of charge, to any person.\n", encoding="utf-8")
    log = _sarif(capsys, "compat", "llama3.1", str(text))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert len(uris) == 1
    assert next(iter(uris)).endswith("LICENSE")


def test_duties_below_the_threshold_are_one_result_each(capsys: pytest.CaptureFixture[str]) -> None:
    log = _sarif(capsys, "lineage", str(EXAMPLE))
    results = log["runs"][0]["results"]
    duties = [r for r in results if r["ruleId"] == "RG306"]
    # the five duties of llama3.1 (Built with, name, Notice, user ceiling, AUP 4), each once however
    # many models carry it
    assert len(duties) == 5
    for duty in duties:
        assert duty["properties"]["models"] == len(duty["relatedLocations"]) >= 2
    assert len({r["partialFingerprints"]["railguardFinding/v1"] for r in results}) == len(results)


@settings(max_examples=40)
@given(graphs())
def test_error_results_are_the_error_findings(graph: Any) -> None:
    entries, loose = graph
    result = check_lineage(entries, load_catalogue(), None, None, loose)
    out = io.StringIO()
    write_lineage(result, out, Options(source="t.jsonl"))
    log = json.loads(out.getvalue())
    errors = sorted(
        (f.model or "", f.message) for f in result.findings if f.severity is Severity.ERROR and f.model is not None
    )
    found = sorted(
        (r["properties"]["model"], r["message"]["text"])
        for r in log["runs"][0]["results"]
        if r["level"] == "error" and "model" in r["properties"]
    )
    from railguard.report.escape import printable

    assert len(found) == len(errors)
    for (model, text), (expected_model, message) in zip(found, errors, strict=True):
        assert model == expected_model
        assert text.startswith(printable(message))
