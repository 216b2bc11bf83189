"""RG401-RG403: front matter that is missing, unparseable or not a mapping."""

from __future__ import annotations

from collections.abc import Iterator

from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.model import Finding

_CODES = {"missing": "RG401", "invalid": "RG402", "refused": "RG402", "unreadable": "RG402", "not-mapping": "RG403"}
_HINTS = {
    "missing": "start the file with a `---` line, the metadata (`license: ...`), and a closing `---` line",
    "invalid": "fix the YAML at this line; quote values containing `: `, `#`, or a leading `*`, `&`, `[` or `{`",
    "refused": "write the metadata out plainly: a card's front matter needs no anchors and aliases (`&x`, `*x`) "
    "and no deep nesting",
    "unreadable": "lint the model card itself (a Markdown file such as README.md), not this file",
    "not-mapping": "write the metadata as `key: value` lines (`license: mit`), without a leading `- `",
}


def check(ctx: CardContext) -> Iterator[Finding]:
    """Report a card whose front matter cannot be read; the other checks then have nothing to read."""
    problem = ctx.card.problem
    if problem is not None:
        yield at(ctx, _CODES[problem.kind], problem.message, _HINTS[problem.kind], (problem.line, problem.col))
