"""The card checks, in the order their findings are produced.

Each check is ``check(ctx) -> Iterator[Finding]`` over a :class:`~railguard.lint.context.CardContext`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from railguard.lint.checks import basemodel, body, frontmatter, licence, lineage, terms, undeclared, vendor
from railguard.lint.context import CardContext
from railguard.model import Finding

Check = Callable[[CardContext], Iterator[Finding]]

CHECKS: tuple[Check, ...] = (
    frontmatter.check,
    licence.check,
    basemodel.check,
    lineage.check,
    terms.check,
    vendor.check,
    body.check,
    undeclared.check,
)

__all__ = ["CHECKS", "Check"]
