"""The lineage engine: what every model in a derivation graph inherits, and where it conflicts.

``check_lineage`` is a pure function of the declared models, the catalogue and the table of
well-known models. It walks the graph in topological order without recursion (chains can be
100,000 deep), breaks cycles deterministically and reports them, and memoises the per-licence-pair
conflict rules so millions of models cost little more than reading them.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from railguard.bulk import no_cycle_collection
from railguard.catalogue import Catalogue
from railguard.lineage.checks import Template, duty_rules, edge_templates, irreconcilable, named_after, notice_template
from railguard.lineage.model import LineageResult, ModelEntry, ModelResult
from railguard.lineage.terms import Terms, terms_of
from railguard.model import Finding, Licence
from railguard.rules import finding


def _key(model_id: str) -> str:
    # NOTE: the Hub treats model ids case-insensitively (`Meta-Llama/...` resolves too).
    return model_id.strip().lower()


class _Run:
    """State of one lineage check."""

    def __init__(self, catalogue: Catalogue, extra: Mapping[str, Licence] | None = None) -> None:
        self.catalogue = catalogue
        self.extra = dict(extra or {})
        # NOTE: findings are kept by (file, line), the leading part of Finding.sort_key, so the
        # final order needs a sort of one key per model and of each model's few findings instead
        # of a sort of tens of millions of findings by their full key.
        self.findings: dict[tuple[str, int], list[Finding]] = {}
        self.terms: dict[str, Terms] = {}
        self.edge_memo: dict[tuple[str, str], tuple[Template, ...]] = {}
        self.duty_memo: dict[str, tuple[tuple[str | None, Template], ...]] = {}
        self.notice_memo: dict[str, Template | None] = {}
        self.conflict_memo: dict[tuple[str, ...], tuple[Template, ...]] = {}
        self.result_memo: dict[tuple[str | None, tuple[str, ...], bool], _Inherits] = {}
        self.licence_memo: dict[str, Licence | None] = {}
        self.suggestions: dict[str, tuple[str, ...]] = {}

    def licence(self, name: str | None) -> Licence | None:
        if not name:
            return None
        if name not in self.licence_memo:
            self.licence_memo[name] = self.extra.get(name) or self.catalogue.find(name)
        return self.licence_memo[name]

    def terms_of(self, licence: Licence) -> Terms:
        found = self.terms.get(licence.id)
        if found is None:
            found = self.terms[licence.id] = terms_of(licence)
        return found

    def edges(self, inherited: Licence, declared: Licence) -> tuple[Template, ...]:
        key = (inherited.id, declared.id)
        found = self.edge_memo.get(key)
        if found is None:
            found = self.edge_memo[key] = edge_templates(inherited, declared)
        return found

    def duties(self, terms: Terms) -> tuple[tuple[str | None, Template], ...]:
        found = self.duty_memo.get(terms.id)
        if found is None:
            found = self.duty_memo[terms.id] = duty_rules(terms.licence)
        return found

    def notice(self, licence: Licence) -> Template | None:
        if licence.id not in self.notice_memo:
            self.notice_memo[licence.id] = notice_template(licence)
        return self.notice_memo[licence.id]

    def conflicts(self, licence_ids: tuple[str, ...]) -> tuple[Template, ...]:
        found = self.conflict_memo.get(licence_ids)
        if found is None:
            found = self.conflict_memo[licence_ids] = irreconcilable(tuple(self.terms[i] for i in licence_ids))
        return found

    def bucket(self, entry: ModelEntry | None) -> list[Finding]:
        """The findings list of the place ``entry`` was declared at."""
        where = (entry.file or "", entry.line or 0) if entry else ("", 0)
        found = self.findings.get(where)
        if found is None:
            found = self.findings[where] = []
        return found

    def sorted_findings(self) -> tuple[Finding, ...]:
        """Every finding in Finding.sort_key order (stable, as one sort of them all would give)."""
        out: list[Finding] = []
        for where in sorted(self.findings):
            here = self.findings[where]
            if len(here) > 1:
                here.sort(key=Finding.sort_key)
            out.extend(here)
        return tuple(out)

    def warn(self, code: str, message: str, hint: str, entry: ModelEntry | None, **fields: str | None) -> None:
        self.bucket(entry).append(
            finding(
                code,
                message,
                hint=hint,
                file=entry.file if entry else None,
                line=entry.line if entry else None,
                model=entry.id if entry else fields.pop("model", None),
                **fields,
            )
        )


@dataclass(frozen=True, slots=True)
class _Inherits:
    """The parts of a model's result that depend only on its licence and what it inherits."""

    restrictions: tuple[str, ...]
    governing: tuple[str, ...]
    commercial: bool | None


def _with_known(
    entries: Sequence[ModelEntry], known: Mapping[str, ModelEntry]
) -> tuple[dict[str, ModelEntry], set[str]]:
    """The input's models plus every well-known ancestor they reach, by normalised id."""
    models: dict[str, ModelEntry] = {}
    for entry in entries:
        models.setdefault(_key(entry.id), entry)
    added: set[str] = set()
    pending = [base for entry in models.values() for base in entry.base_models]
    while pending:
        key = _key(pending.pop())
        if key in models or key not in known:
            continue
        models[key] = known[key]
        added.add(key)
        pending.extend(known[key].base_models)
    return models, added


def _order(run: _Run, models: dict[str, ModelEntry]) -> tuple[list[str], dict[str, list[str]]]:
    """A deterministic topological order (Kahn, smallest id first), with cycles broken and reported."""
    parents: dict[str, list[str]] = {}
    children: dict[str, list[str]] = {key: [] for key in models}
    indegree: dict[str, int] = dict.fromkeys(models, 0)
    for key, entry in models.items():
        seen: list[str] = []
        for base in entry.base_models:
            base_key = _key(base)
            if base_key == key:
                run.warn("RG310", f"`{entry.id}` names itself as its base model", "remove it from `base_model`", entry)
                continue
            if base_key not in models:
                run.warn(
                    "RG309",
                    f"base model `{base}` of `{entry.id}` is not in the input nor a well-known model, "
                    "so its licence is unknown",
                    f"add `{base}` with its licence to the input",
                    entry,
                    upstream=base,
                )
                continue
            if base_key not in seen:
                seen.append(base_key)
                children[base_key].append(key)
                indegree[key] += 1
        parents[key] = seen
    ready = [key for key, degree in indegree.items() if degree == 0]
    heapq.heapify(ready)
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(models):
        while ready:
            key = heapq.heappop(ready)
            order.append(key)
            placed.add(key)
            for child in children[key]:
                indegree[child] -= 1
                if indegree[child] == 0:
                    heapq.heappush(ready, child)
        if len(order) < len(models):
            # NOTE: what is left sits on or below a cycle; cut the smallest unplaced model loose
            # from its unplaced parents, report it, and carry on.
            stuck = min(key for key in models if key not in placed and indegree[key] > 0)
            loop = [p for p in parents[stuck] if p not in placed]
            entry = models[stuck]
            run.warn(
                "RG310",
                f"`{entry.id}` is its own ancestor through {', '.join(f'`{models[p].id}`' for p in loop)}; "
                "inheritance around the loop is not checked",
                "correct the `base_model` entries on the loop",
                entry,
            )
            parents[stuck] = [p for p in parents[stuck] if p in placed]
            indegree[stuck] = 0
            heapq.heappush(ready, stuck)
    return order, parents


def check_lineage(
    entries: Sequence[ModelEntry],
    catalogue: Catalogue,
    known: Mapping[str, ModelEntry] | None = None,
    extra: Mapping[str, Licence] | None = None,
) -> LineageResult:
    """Check a derivation graph: inheritance of every model and every conflict.

    Args:
        entries: the models of the input (a model listed twice keeps its first entry).
        catalogue: the licence catalogue.
        known: well-known models by lower-case id, used for base models the input lacks.
        extra: licences parsed from files, by the name the entries use for them.
    """
    with no_cycle_collection():
        return _check(entries, catalogue, known, extra)


def _check(
    entries: Sequence[ModelEntry],
    catalogue: Catalogue,
    known: Mapping[str, ModelEntry] | None,
    extra: Mapping[str, Licence] | None,
) -> LineageResult:
    run = _Run(catalogue, extra)
    models, from_table = _with_known(entries, known or {})
    order, parents = _order(run, models)
    # passes[key]: what the model hands its children, licence id -> the model it came from (the
    # nearest ancestor declaring it). Only binding or unsettled licences pass; a model that adds
    # nothing hands on its single parent's mapping itself, so long chains share one dict.
    passes: dict[str, dict[str, str]] = {}
    # unknown[key]: the model or an ancestor has a licence railguard cannot read, or a base model
    # that is nowhere to be found, so what it permits cannot be settled from the input.
    unknown: dict[str, bool] = {}
    results: dict[str, ModelResult] = {}
    for key in order:
        entry = models[key]
        own = run.licence(entry.licence)
        unknown[key] = (
            own is None
            or any(unknown[parent] for parent in parents[key])
            or any(_key(base) not in models for base in entry.base_models)
        )
        if own is None:
            _unknown_licence(run, entry)
        elif own.ambiguous and key not in from_table:
            run.warn(
                "RG311",
                f"`{entry.id}` declares `{own.id}`, which names a family of licences; it is read conservatively",
                "declare the exact licence id",
                entry,
                licence=own.id,
            )
        inherited = _inherit(passes, parents[key])
        mine = inherited
        if own is not None:
            terms = run.terms_of(own)
            if own.id not in inherited:
                mine = {**inherited, own.id: entry.id}
                passes[key] = mine if terms.binds or terms.unsettled else inherited
            else:
                passes[key] = inherited
        else:
            passes[key] = inherited
        if key not in from_table:
            _findings(run, entry, own, inherited, parents[key], models)
        results[key] = _result(run, entry, own, inherited, mine, key in from_table, unknown[key])
    ordered = tuple(results[k] for k in sorted(results, key=lambda k: (models[k].id.lower(), models[k].id)))
    return LineageResult(ordered, run.sorted_findings())


def _inherit(passes: dict[str, dict[str, str]], parents: list[str]) -> dict[str, str]:
    """What a model inherits from its parents, first parent first; never to be mutated."""
    if len(parents) == 1:
        return passes[parents[0]]
    inherited: dict[str, str] = {}
    for parent in parents:
        for licence_id, origin in passes[parent].items():
            inherited.setdefault(licence_id, origin)
    return inherited


def _unknown_licence(run: _Run, entry: ModelEntry) -> None:
    suggestions: tuple[str, ...] = ()
    if entry.licence:
        if entry.licence not in run.suggestions:
            run.suggestions[entry.licence] = run.catalogue.suggest(entry.licence)
        suggestions = run.suggestions[entry.licence]
    run.warn(
        "RG308",
        f"`{entry.id}` has {'no licence' if not entry.licence else f'the unknown licence `{entry.licence}`'}; "
        "what it inherits cannot be checked against it",
        "use a catalogue id or alias"
        + (f" (did you mean {', '.join(f'`{s}`' for s in suggestions)}?)" if suggestions else "")
        + ", or `licence_file` pointing at the licence text",
        entry,
        licence=entry.licence,
    )


def _findings(
    run: _Run,
    entry: ModelEntry,
    own: Licence | None,
    inherited: dict[str, str],
    parents: list[str],
    models: dict[str, ModelEntry],
) -> None:
    bucket = run.bucket(entry)
    model, file, line = entry.id, entry.file, entry.line
    for licence_id, origin in inherited.items():
        terms = run.terms[licence_id]
        if own is not None:
            for template in run.edges(terms.licence, own):
                bucket.append(template.stamp(model, origin, file, line))
        # NOTE: an unsettled licence's naming, notice and scale duties are written for derivatives
        # (`Built with Qwen`, `Powered by Stability AI`), whatever its use restrictions reach.
        if terms.binds or terms.unsettled:
            for prefix, template in run.duties(terms):
                if prefix is None or not named_after(model, prefix):
                    bucket.append(template.stamp(model, origin, file, line))
    everything = tuple(inherited) if own is None or own.id in inherited else (*inherited, own.id)
    for template in run.conflicts(everything):
        bucket.append(template.stamp(model, None, file, line))
    for parent in parents:
        parent_licence = run.licence(models[parent].licence)
        notice = run.notice(parent_licence) if parent_licence is not None else None
        if notice is not None:
            bucket.append(notice.stamp(model, models[parent].id, file, line))


def _result(
    run: _Run,
    entry: ModelEntry,
    own: Licence | None,
    inherited: dict[str, str],
    mine: dict[str, str],
    known: bool,
    unknown: bool = False,
) -> ModelResult:
    memo_key = (own.id if own is not None else None, tuple(inherited), unknown)
    found = run.result_memo.get(memo_key)
    if found is None:
        found = run.result_memo[memo_key] = _inherits(run, own, inherited, mine, unknown)
    return ModelResult(
        id=entry.id,
        licence=own.id if own is not None else entry.licence,
        base_models=entry.base_models,
        relation=entry.relation,
        inherited_restrictions=found.restrictions,
        governing_licences=found.governing,
        commercial=found.commercial,
        known=known and not entry.hub,
        hub=entry.hub,
    )


def _inherits(
    run: _Run, own: Licence | None, inherited: dict[str, str], mine: dict[str, str], unknown: bool
) -> _Inherits:
    categories: set[str] = set()
    commercial: bool | None = own.commercial if own is not None else None
    for licence_id in inherited:
        terms = run.terms[licence_id]
        if terms.flow_down or terms.unsettled:
            categories |= terms.categories
        if terms.non_commercial:
            categories.add("non-commercial")
    for licence_id in mine:
        value = run.terms[licence_id].licence.commercial
        if value is False:
            commercial = False
        elif value is None and commercial is not False:
            commercial = None
    if unknown and commercial is True:
        # NOTE: an unreadable or missing licence up the chain may forbid commercial use.
        commercial = None
    return _Inherits(tuple(sorted(categories)), tuple(sorted(mine)), commercial)


def check_edge(upstream: Licence, derivative: Licence) -> tuple[Finding, ...]:
    """Findings for one derivation edge: a work under ``upstream`` released under ``derivative``."""
    findings = [t.stamp(None, None) for t in edge_templates(upstream, derivative)]
    findings.extend(t.stamp(None, None) for t in irreconcilable((terms_of(upstream), terms_of(derivative))))
    return tuple(sorted(findings, key=Finding.sort_key))
