"""What every check needs: building a finding placed in the card."""

from __future__ import annotations

from typing import Any

from railguard.lint.context import CardContext
from railguard.model import Finding
from railguard.rules import finding


def at(ctx: CardContext, code: str, message: str, hint: str, where: tuple[int, int], **fields: Any) -> Finding:
    """A finding of ``code`` about ``ctx``'s card at (line, column)."""
    line, col = where
    return finding(code, message, hint=hint, file=ctx.card.path, line=line, col=col, model=ctx.model_id, **fields)
