"""A temporary model repository to lint cards in: ``repo.card("org/name", text)``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from railguard.lint.runner import LintReport, lint_paths
from railguard.model import Finding
from railguard.settings import LintConfig


class Repo:
    """A git-repository-shaped folder (it has a `.git` folder) holding model cards."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / ".git").mkdir()

    def card(self, model_id: str, text: str, name: str = "README.md") -> Path:
        path = self.root / model_id / name if model_id else self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def file(self, relative: str, text: str = "") -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def lint(self, *paths: Path, config: LintConfig | None = None, fix: bool = False) -> LintReport:
        return lint_paths([str(p) for p in paths] or [str(self.root)], config, fix=fix)

    def findings(self, text: str, model_id: str = "acme/model") -> list[Finding]:
        return list(self.lint(self.card(model_id, text)).findings)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    return Repo(tmp_path)


def where(findings: list[Finding], code: str) -> list[tuple[int | None, int | None]]:
    """The (line, col) of every finding of ``code``."""
    return [(f.line, f.col) for f in findings if f.code == code]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}
