"""The pre-commit hooks, for real: ``pre-commit try-repo`` this checkout in a fresh git repository.

pre-commit installs the hook's environment from this checkout with pip, which needs the package
index (for hatchling and the dependencies); the test is marked ``slow``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GOOD = (
    "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Llama-3.1-helper\n\n"
    "Built with Llama.\n\n## License\n\nLlama 3.1 Community License. Llama 3.1 is licensed under the Llama 3.1 "
    "Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.\n"
)
BAD = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Helper\n"


def test_manifest_declares_the_documented_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"railguard-lint", "railguard-lint-fix", "railguard-lineage", "railguard-audit"}
    assert hooks["railguard-lint"]["entry"] == "railguard lint"
    assert hooks["railguard-lint-fix"]["entry"] == "railguard lint --fix"
    assert hooks["railguard-lineage"]["pass_filenames"] is False
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for hook in hooks:
        assert f"`{hook}`" in docs, f"docs/configuration.md does not describe the hook {hook}"
    assert "id: railguard-lint" in (ROOT / "README.md").read_text(encoding="utf-8")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the module: pre-commit builds it once, then reuses it."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo: Path, home: Path, hook: str = "railguard-lint") -> subprocess.CompletedProcess[str]:
    executable = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "RAILGUARD_CACHE_DIR": str(home / "railguard-cache")}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [executable, "try-repo", str(ROOT), hook, "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _needs_tools() -> None:
    if not (Path(sys.executable).with_name("pre-commit").exists() or shutil.which("pre-commit")):
        pytest.skip("pre-commit is not installed (it is a test dependency)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")


def _new_repository(path: Path) -> Path:
    path.mkdir()
    _git(path, "init", "-q")
    _git(path, "config", "user.email", "test@example.org")
    _git(path, "config", "user.name", "test")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(("card", "passes"), [(GOOD, True), (BAD, False)], ids=["good-card", "bad-card"])
def test_try_repo_on_a_staged_card(tmp_path: Path, precommit_home: Path, card: str, passes: bool) -> None:
    _needs_tools()
    repo = _new_repository(tmp_path / "Llama-3.1-helper")
    (repo / "README.md").write_text(card, encoding="utf-8")
    _git(repo, "add", "README.md")
    done = _try_repo(repo, precommit_home)
    output = done.stdout + done.stderr
    if passes:
        assert done.returncode == 0, output
        assert "Passed" in output
    else:
        assert done.returncode == 1, output
        assert "Failed" in output
        assert "README.md:2:10: RG301 [error]" in output
        assert "README.md:2:10: RG302 [error]" in output
        assert "hint: " in output


#: A code repository: its own README, a docs README, a package README, and one model card.
CODE_REPOSITORY = {
    "README.md": "# acme-tools\n\nUtilities for training.\n\n## Install\n\n    pip install acme-tools\n",
    "docs/README.md": "# Docs\n\nBuild them with `make html`.\n",
    "src/pkg/README.md": "# pkg\n\nInternal notes on the package layout.\n",
    "models/acme/Llama-helper/README.md": BAD,
}


@pytest.mark.slow
def test_try_repo_in_a_code_repository_checks_only_the_model_card(tmp_path: Path, precommit_home: Path) -> None:
    _needs_tools()
    repo = _new_repository(tmp_path / "acme-tools")
    for name, text in CODE_REPOSITORY.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", ".")
    done = _try_repo(repo, precommit_home)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "models/acme/Llama-helper/README.md:2:10: RG301 [error]" in output
    for other in ("docs/README.md", "src/pkg/README.md"):
        assert other not in output
    assert "README.md:1:1" not in output  # no RG401 for any README
    assert "skipped 3 READMEs that are no model card" in output


@pytest.mark.slow
def test_try_repo_fix_hook_fixes_the_card(tmp_path: Path, precommit_home: Path) -> None:
    _needs_tools()
    repo = _new_repository(tmp_path / "classifier")
    card = repo / "README.md"
    card.write_bytes(b"---\r\nlicense: Apache-2.0\r\n---\r\n# Classifier\r\n")
    _git(repo, "add", "README.md")
    done = _try_repo(repo, precommit_home, "railguard-lint-fix")
    assert done.returncode == 1, done.stdout + done.stderr  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in done.stdout
    assert card.read_bytes() == b"---\r\nlicense: apache-2.0\r\n---\r\n# Classifier\r\n"
