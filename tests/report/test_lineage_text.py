"""``lineage`` text reads like an audit, and GitHub annotations respect the ten a step shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main


def _table(tmp_path: Path, count: int) -> str:
    rows = [{"id": "meta/llama", "license": "llama3.1"}]
    rows += [{"id": f"org/tune-{i}", "license": "llama3.1", "base_model": "meta/llama"} for i in range(count)]
    rows += [{"id": f"bad/relicensed-{i}", "license": "apache-2.0", "base_model": "meta/llama"} for i in range(3)]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_errors_first_by_model_duties_once_summary_by_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lineage", _table(tmp_path, 40)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].endswith("bad/relicensed-0  (apache-2.0; governed by llama3.1)")
    assert lines[1].startswith("  ✗ RG301 `bad/relicensed-0` declares `apache-2.0`")
    assert "(clause 1.b.iv, AUP 1(a)(i)–4; " in lines[1]
    # a kind's hint once, under its first finding
    assert sum(line.strip().startswith("hint: release it under `llama3.1`") for line in lines) == 1
    # the threshold duty of every Llama derivative: one line with the number of models
    (duty,) = [line for line in lines if "700,000,000" in line]
    assert duty.startswith("  RG306 [warning] 43 models: ")
    assert "What the governing licences pass down (once per licence):" in lines
    assert sum("passes down 20 restrictions" in line for line in lines) == 1
    assert "44 models: 3 with errors" in err


def test_verbose_lists_the_models_of_a_grouped_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lineage", _table(tmp_path, 4), "--verbose"])
    out = capsys.readouterr().out
    assert f"      {tmp_path}/t.jsonl:2: org/tune-0" in out
    assert "Models, a tree per root model:" in out


def test_fail_on_warning_lists_warnings_by_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lineage", _table(tmp_path, 2), "--fail-on", "warning"])
    out = capsys.readouterr().out
    assert "org/tune-0  (llama3.1)" in out
    assert "Other findings" not in out or "RG306" not in out.split("Other findings")[1]


def test_github_overflow_goes_to_the_job_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    main(["lineage", _table(tmp_path, 30), "--format", "github"])
    out = capsys.readouterr().out.splitlines()
    for level in ("error", "warning", "notice"):
        assert sum(line.startswith(f"::{level} file=") for line in out) <= 10
    assert out[0].startswith("::error ")
    assert out[-1].startswith("::notice title=railguard::")
    table = summary.read_text(encoding="utf-8")
    assert "| severity | code | where | model | finding | clause | hint |" in table
    rows = [line for line in table.splitlines() if line.startswith("| warning |")]
    assert rows
    assert all(line.count(" | ") == 6 for line in rows)
