"""The model-card linter: ``railguard lint`` and its library API.

from railguard.lint import lint_paths, lint_text
report = lint_paths(["README.md"])
for finding in report.findings: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railguard.lint.runner import CardReport, LintReport, lint_paths, lint_text

__all__ = ["CardReport", "LintReport", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    # NOTE: imported on first use so that `railguard.settings` etc. stay cheap to import.
    if name in __all__:
        from railguard.lint import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'railguard.lint' has no attribute {name!r}")
