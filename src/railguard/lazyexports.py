"""A package's names that live in a heavier module, imported on first use (PEP 562).

``railguard.lint`` and ``railguard.parse`` are imported by every cold command (the rule registry
reads their ``rules.py``), so their public functions must not pull in the linter or the grammars
with them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any


def lazy_exports(package: str, module: str, names: Collection[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that takes ``names`` from ``module`` on first use."""

    def __getattr__(name: str) -> Any:
        if name in names:
            import importlib

            return getattr(importlib.import_module(module), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
