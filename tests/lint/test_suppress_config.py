"""Suppressions in cards and ``[tool.railguard]``, and what a bad configuration does."""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.errors import InputError
from railguard.model import Severity
from railguard.settings import find_config, load_config
from tests.lint.conftest import Repo, codes, where

BAD_ID = "---\nlicense: Apache-2.0\n---\n# M\n"


def test_inline_ignore_in_the_body(repo: Repo) -> None:
    findings = repo.findings(BAD_ID + "<!-- railguard: ignore RG405 -->\n")
    assert "RG405" not in codes(findings)
    assert "RG001" not in codes(findings)


def test_inline_ignore_by_rule_name_and_in_the_front_matter(repo: Repo) -> None:
    card = "---\nlicense: Apache-2.0  # railguard: ignore licence-not-hub-id\n---\n"
    assert codes(repo.findings(card)) == set()


def test_inline_ignore_that_matches_nothing_is_reported(repo: Repo) -> None:
    findings = repo.findings("---\nlicense: mit\n---\n\n<!-- railguard: ignore RG412, RG999 -->\n")
    assert where(findings, "RG001") == [(5, 1), (5, 1)]
    messages = sorted(f.message for f in findings if f.code == "RG001")
    assert "suppresses nothing" in messages[0]
    assert "no railguard code" in messages[1]


def _config(root: Path, body: str) -> Path:
    path = root / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.railguard]\n' + body, encoding="utf-8")
    return path


def test_config_ignore_and_severity(repo: Repo) -> None:
    config = load_config(_config(repo.root, 'ignore = ["RG405"]\n\n[tool.railguard.severity]\nRG404 = "warning"\n'))
    report = repo.lint(repo.card("acme/a", BAD_ID), repo.card("acme/b", "---\nlanguage: en\n---\n"), config=config)
    assert "RG405" not in codes(list(report.findings))
    assert [f.severity for f in report.findings if f.code == "RG404"] == [Severity.WARNING]


def test_config_ignore_that_matches_nothing_is_info(repo: Repo) -> None:
    config = load_config(_config(repo.root, 'ignore = ["RG412"]\n'))
    report = repo.lint(repo.card("acme/a", "---\nlicense: mit\n---\n"), config=config)
    (unused,) = [f for f in report.findings if f.code == "RG001"]
    assert unused.severity is Severity.INFO
    assert (unused.file, unused.line) == (str(repo.root / "pyproject.toml"), 5)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('ignore = ["RG4O5"]\n', 5, "unknown code"),
        ('ignore = "RG405"\n', 5, "must be a list"),
        ('ignores = ["RG405"]\n', 5, "unknown key"),
        ('[tool.railguard.severity]\nRG405 = "fatal"\n', 6, "expected error, warning or info"),
        ("ignore = [\n", None, "not valid TOML"),
    ],
)
def test_bad_configuration_stops_with_file_and_line(tmp_path: Path, body: str, line: int | None, words: str) -> None:
    with pytest.raises(InputError) as caught:
        load_config(_config(tmp_path, body))
    assert words in str(caught.value)
    if line is not None:
        assert caught.value.line == line


def test_find_config_stops_at_the_repository_root(tmp_path: Path) -> None:
    _config(tmp_path, 'ignore = ["RG405"]\n')
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    (inner / "models").mkdir()
    assert find_config(inner / "models") is None
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    assert find_config(tmp_path) is None
