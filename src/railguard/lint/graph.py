"""The lineage of a lint run: every card and every ancestor found for them, checked once.

Checking each card's ancestry on its own costs a walk and an engine run per card, which is
quadratic along a chain of cards (2,000 cards in a chain took 126 s and 772 MB). Instead the
cards of the run and the sibling cards their base models lead to form one graph: one walk (each
model visited once), one run of the lineage engine, and indexes that answer each card's
questions (its findings, an ancestor's result, where a licence came from) in constant time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from railguard.lineage.model import LineageResult, ModelEntry, ModelResult
from railguard.model import Finding

if TYPE_CHECKING:
    from railguard.lint.context import CardContext, RunContext


class RunLineage:
    """One checked lineage and its indexes by lower-case model id."""

    def __init__(self, entries: Sequence[ModelEntry], result: LineageResult, siblings: frozenset[str] = frozenset()):
        self.entries = tuple(entries)
        self.result = result
        #: lower-case ids of the models read from sibling cards (in the repository, not in the run).
        self.siblings = siblings
        self._models = {m.id.lower(): m for m in result.models}
        findings: dict[str, list[Finding]] = defaultdict(list)
        for found in result.findings:
            findings[(found.model or "").lower()].append(found)
        self._findings = {key: tuple(value) for key, value in findings.items()}
        self._origins: dict[tuple[str, str], frozenset[str]] = {}

    @classmethod
    def build(cls, run: RunContext, contexts: Sequence[CardContext]) -> RunLineage:
        """Check ``contexts``' cards and every ancestor found for them as one graph."""
        from railguard.card.reader import ModelCard
        from railguard.lineage.engine import check_lineage
        from railguard.lineage.walk import ancestors
        from railguard.lint.context import base_models_of, declared_licence_name, declared_of

        entries: list[ModelEntry] = []
        #: the base models of every model placed in the graph, for the walk to go on from there.
        bases_of: dict[str, tuple[str, ...]] = {}
        by_root: dict[str, list[str]] = defaultdict(list)
        for ctx in contexts:
            key = ctx.model_id.lower()
            if key in bases_of:
                continue
            entries.append(ctx.entry())
            bases_of[key] = ctx.base_models
            by_root[ctx.root].extend(ctx.base_models)
        own = len(entries)
        for root, bases in by_root.items():
            # NOTE: one walk per repository from all its cards' base models: each ancestor is
            # visited once however many cards share it.
            for base in ancestors(bases, lambda model: bases_of.get(model.lower(), ())):
                key = base.lower()
                if key in bases_of or key in run.known:
                    continue
                sibling: ModelCard | None = run.sibling(base, root)
                if sibling is None:
                    continue
                bases_of[key] = base_models_of(sibling.meta)
                licence = run.licence(declared_licence_name(sibling.meta))
                entries.append(
                    ModelEntry(
                        base,
                        licence.id if licence is not None else declared_licence_name(sibling.meta),
                        bases_of[key],
                        file=sibling.path,
                        line=sibling.position("license")[0],
                        declared=declared_of(sibling.meta),
                    )
                )
        siblings = frozenset(e.id.lower() for e in entries[own:])
        return cls(entries, check_lineage(entries, run.catalogue, run.known), siblings)

    def model(self, model_id: str) -> ModelResult | None:
        """The result for ``model_id``, if it is in the graph."""
        return self._models.get(model_id.lower())

    def findings_of(self, model_id: str) -> tuple[Finding, ...]:
        """The engine's findings about ``model_id``."""
        return self._findings.get(model_id.lower(), ())

    def unknown_above(self, model_id: str) -> list[Finding]:
        """RG309 of ``model_id`` and of its ancestors read from sibling cards (not cards of the run).

        A card of the run reports its own unknown base models; a sibling card that pre-commit did
        not pass is not linted itself, so the card built on it reports them.
        """
        found = list(self.findings_of(model_id))
        seen = {model_id.lower()}
        own = self.model(model_id)
        pending = [b.lower() for b in own.base_models] if own is not None else []
        while pending:
            key = pending.pop()
            if key in seen or key not in self.siblings:
                continue
            seen.add(key)
            found.extend(self.findings_of(key))
            sibling = self._models.get(key)
            pending.extend(b.lower() for b in (sibling.base_models if sibling is not None else ()))
        return [f for f in found if f.code == "RG309"]

    def _parents(self, model: ModelResult) -> list[ModelResult]:
        return [p for b in model.base_models if (p := self._models.get(b.lower())) is not None]

    def origins(self, model_id: str, licence_id: str) -> frozenset[str]:
        """The topmost models at or above ``model_id`` that declare ``licence_id``.

        A model is an origin when it declares the licence and none of its parents is governed by
        it. Answers are kept per (model, licence), so asking for every card of a chain costs a
        walk of the chain in all, not one per card.
        """
        start = self._models.get(model_id.lower())
        if start is None:
            return frozenset()
        # NOTE: an explicit stack, not recursion: a chain of thousands of cards is deeper than
        # Python's recursion limit.
        stack: list[tuple[ModelResult, bool]] = [(start, False)]
        on_stack: set[str] = set()
        while stack:
            model, expanded = stack.pop()
            key = (model.id.lower(), licence_id)
            if key in self._origins or (not expanded and key[0] in on_stack):
                continue
            parents = self._parents(model)
            if not expanded:
                stack.append((model, True))
                on_stack.add(key[0])
                # a parent still on the stack closes a cycle: it is left out rather than waited for
                stack.extend((p, False) for p in parents if p.id.lower() not in on_stack)
                continue
            on_stack.discard(key[0])
            found: set[str] = set()
            if model.licence == licence_id and not any(licence_id in p.governing_licences for p in parents):
                found.add(model.id)
            for parent in parents:
                found |= self._origins.get((parent.id.lower(), licence_id), frozenset())
            self._origins[key] = frozenset(found)
        return self._origins[(start.id.lower(), licence_id)]
