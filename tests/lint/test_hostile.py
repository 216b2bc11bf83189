"""Hostile or faulty surroundings of a card (issue 11): they never hide findings or exhaust the machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from railguard.cli import main
from tests.lint.conftest import Repo, where

GEMMA = "---\nlicense: gemma\nbase_model: google/gemma-2-9b\n---\n# M\n\n## Terms\n\nGemma Terms of Use\n"
NOTICE = "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms\n"


def test_cyrillic_lookalike_in_a_base_model_is_refused(repo: Repo) -> None:
    # `mеta-llama` with a Cyrillic `е` (U+0435) reads like Meta's model and is no Hub id
    findings = repo.findings("---\nlicense: apache-2.0\nbase_model: m\u0435ta-llama/Llama-3.1-8B\n---\n# M\n")
    assert where(findings, "RG410") == [(3, 13)]
    (refused,) = [f for f in findings if f.code == "RG410"]
    assert "meta-llama/Llama-3.1-8B" in (refused.hint or "")


@pytest.mark.parametrize("model", ["meta-llama/Llama-3.1-8B", "gpt2", "org_x/name_v2.1"])
def test_ascii_ids_are_model_ids(repo: Repo, model: str) -> None:
    assert where(repo.findings(f"---\nlicense: mit\nbase_model: {model}\n---\n# M\n"), "RG410") == []


def test_the_hub_lookup_uses_the_same_model_id_rule() -> None:
    from railguard.lineage.hub import is_hub_id

    assert not is_hub_id("m\u0435ta-llama/Llama-3.1-8B")
    assert is_hub_id(" meta-llama/Llama-3.1-8B ")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_huge_licence_file_beside_a_card_is_read_only_at_its_head(repo: Repo, tmp_path: Path) -> None:
    card = repo.card("acme/model", GEMMA)
    huge = card.parent / "LICENSE"
    with huge.open("wb") as handle:
        handle.write(NOTICE.encode())
        handle.truncate(1536 * 1024 * 1024)  # 1.5 GB, sparse: no disk or memory until read
    limit = 1024 * 1024 * 1024
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))\n"
        "from railguard.cli import main\n"
        f"sys.exit(main(['lint', '--format', 'json', {str(card)!r}]))\n"
    )
    env = {**os.environ, "RAILGUARD_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"RG413"' not in done.stdout  # the notice at the head of the file was found


def test_planted_settings_above_a_folder_outside_any_repository_are_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.railguard]\nignore = ["RG405"]\n', encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    (work / "card.md").write_text("---\nlicense: Apache-2.0\n---\n# M\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(work)
    assert main(["lint", "--format", "json", "card.md"]) == 1
    out = capsys.readouterr().out
    assert '"RG405"' in out
    assert '"settings": null' in out


def test_settings_in_the_home_folder_apply_below_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    (home / "pyproject.toml").write_text('[tool.railguard]\nignore = ["RG405"]\n', encoding="utf-8")
    (home / "work" / "card.md").write_text("---\nlicense: Apache-2.0\n---\n# M\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home / "work")
    assert main(["lint", "card.md"]) == 0
    err = capsys.readouterr().err
    assert f"settings: {home / 'pyproject.toml'}" in err
