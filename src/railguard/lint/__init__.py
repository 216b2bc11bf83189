"""The model-card linter: ``railguard lint`` and its library API.

from railguard.lint import lint_paths, lint_text
report = lint_paths(["README.md"])
for finding in report.findings: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.lazyexports import lazy_exports

if TYPE_CHECKING:
    from railguard.lint.runner import CardReport, LintReport, lint_paths, lint_text

__all__ = ["CardReport", "LintReport", "lint_paths", "lint_text"]


__getattr__ = lazy_exports(__name__, "railguard.lint.runner", __all__)
