"""RG301-RG305, RG312, RG317, RG319, RG328, RG350: the declared licence against what the base models pass down.

The lineage engine's findings are reported under their own codes (one finding per conflict, with
the licence, clause and remedy the engine names), placed at the card's ``license`` value: every
finding `lineage` reports for the card's own model, so the two commands agree. The engine's
other findings are left out on purpose: naming and notice duties (RG306) are checked
against the card itself by RG412 and RG413; notices of permissive parents (RG307) are not a card
problem; an unknown own licence (RG308) and a family id (RG311) are RG404/RG405 and RG311 of the
licence check; a cycle (RG310) cannot arise from one card.

A base model found neither among the cards of the repository nor in the table of well-known
models is reported as RG309 (a warning, at ``base_model``): what it passes down is unknown, so
the card's inheritance is checked only in part, and saying nothing would read as a pass. So is an
unknown base model of a sibling card the card is built on (pre-commit passes only the changed
card; the sibling is not linted itself in that run). A conflict with a licence the card's own organisation granted
(Qwen's instruct model from Qwen's base model) is no conflict: a licensor may relicense its work.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.model import Finding

REPORTED = frozenset({"RG301", "RG302", "RG303", "RG304", "RG305", "RG312", "RG317", "RG319", "RG328", "RG350"})


def check(ctx: CardContext) -> Iterator[Finding]:
    """The engine's conflicts for this card's model."""
    if ctx.card.problem is not None or not ctx.base_models:
        return
    line, col = ctx.card.value_position("license")
    for found in ctx.lineage_findings:
        if found.code in REPORTED and not ctx.own_work(found.upstream):
            yield replace(found, file=ctx.card.path, line=line, col=col)
    result = ctx.lineage
    if result is None:
        return
    for found in result.unknown_above(ctx.model_id):
        via = "" if (found.model or "").lower() == ctx.model_id.lower() else f" (the base model of `{found.model}`)"
        yield at(
            ctx,
            "RG309",
            f"base model `{found.upstream}`{via} is neither a card in this repository nor a well-known model, "
            f"so what it passes down to `{ctx.model_id}` is not checked",
            f"add its card to the repository (`{found.upstream}/README.md`), or check the lineage with "
            "`railguard lineage --hub`",
            ctx.card.value_position("base_model"),
            upstream=found.upstream,
        )
