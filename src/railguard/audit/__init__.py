"""The repository audit: ``railguard audit`` and its library API.

from railguard.audit import audit_paths
report = audit_paths("path/to/model-repo")
for finding in report.findings: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railguard.audit.runner import AuditReport, RepositoryReport, audit_paths

__all__ = ["AuditReport", "RepositoryReport", "audit_paths"]


def __getattr__(name: str) -> Any:
    # NOTE: imported on first use, as for railguard.lint.
    if name in __all__:
        from railguard.audit import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'railguard.audit' has no attribute {name!r}")
