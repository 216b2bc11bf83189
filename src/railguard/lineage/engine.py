"""The lineage engine: what every model in a derivation graph inherits, and where it conflicts.

``check_lineage`` is a pure function of the declared models, the catalogue and the table of
well-known models. It walks the graph in topological order without recursion (chains can be
100,000 deep), breaks cycles deterministically and reports them, and memoises the per-licence-pair
conflict rules so millions of models cost little more than reading them.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from itertools import chain
from operator import attrgetter

from railguard.catalogue import Catalogue
from railguard.lineage.checks import (
    Template,
    check_edge,
    duty_rules,
    edge_templates,
    inbound_templates,
    irreconcilable,
    naming_key,
    notice_template,
    prefix_key,
)
from railguard.lineage.model import LineageResult, ModelEntry

__all__ = ["check_edge", "check_lineage"]
from railguard.lineage.results import FindingSet, Inherits, ModelResults, Pending, Shared, new_pending
from railguard.lineage.terms import Terms, terms_of
from railguard.model import Finding, Licence, Severity
from railguard.model.finding import new_finding
from railguard.rules import finding, rule


class _Run:
    """State of one lineage check."""

    def __init__(self, catalogue: Catalogue, extra: Mapping[str, Licence] | None = None) -> None:
        self.catalogue = catalogue
        self.extra = dict(extra or {})
        #: findings built outright (unknown licences, cycles, missing bases); few by nature.
        self.loose: list[Finding] = []
        self.terms: dict[str, Terms] = {}
        self.edge_memo: dict[tuple[str, str], tuple[Template, ...]] = {}
        self.duty_memo: dict[str, tuple[tuple[str | None, Template], ...]] = {}
        self.notice_memo: dict[str, Template | None] = {}
        self.conflict_memo: dict[tuple[str, ...], tuple[Template, ...]] = {}
        self.pair_memo: dict[tuple[str, str], tuple[Template, ...]] = {}
        self.shared_memo: dict[tuple[str | None, tuple[str, ...]], tuple[Shared, Prefixed]] = {}
        self.result_memo: dict[tuple[str | None, tuple[str, ...], bool], Inherits] = {}
        #: shapes: the sets of licences models inherit, numbered; 0 is the empty set.
        self.shape_ids: dict[tuple[str, ...], int] = {(): 0}
        self.shape_keys: list[tuple[str, ...]] = [()]
        #: per shape, per licence name: what the model's results take from them.
        self.states: list[dict[str | None, _State]] = [{}]
        self.licence_memo: dict[str, Licence | None] = {}
        #: per unknown licence name: the RG308 message after the model, and its hint.
        self.unknown_words: dict[str | None, tuple[str, str]] = {}
        #: RG308 and RG311 as templates, by code and licence name.
        self.rows: dict[tuple[str, str | None], Template] = {}

    def shape(self, keys: tuple[str, ...]) -> int:
        """The number of a set of licence ids (in any order)."""
        # NOTE: what a model inherits is a set of licences; the order it came in changes nothing a
        # report shows (findings are sorted, results list licences sorted), so the shape is sorted.
        if len(keys) > 1:
            keys = tuple(sorted(keys))
        found = self.shape_ids.get(keys)
        if found is None:
            found = self.shape_ids[keys] = len(self.shape_keys)
            self.shape_keys.append(keys)
            self.states.append({})
        return found

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
            # NOTE: RG303 is a matter of pairs (a strict licence, a restricting one): memoised by
            # pair, as irreconcilable() orders them, since the sets of licences are many.
            governing = [self.terms[i] for i in licence_ids]
            strict = [t for t in governing if t.no_further and t.requires_same]
            restricting = [t for t in governing if t.binds and (t.categories - {"non-commercial"}) and not t.no_further]
            pairs: list[Template] = []
            for a in strict:
                for b in restricting:
                    pair = self.pair_memo.get((a.id, b.id))
                    if pair is None:
                        pair = self.pair_memo[(a.id, b.id)] = irreconcilable((a, b))
                    pairs.extend(pair)
            found = self.conflict_memo[licence_ids] = tuple(pairs)
        return found

    def warn(self, code: str, message: str, hint: str, entry: ModelEntry | None, **fields: str | None) -> None:
        self.loose.append(
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


#: Naming duties, which depend on the model's own name: (prefix, template, licence id).
Prefixed = tuple[tuple[str, Template, str], ...]


class _Graph:
    """The models to check, as lists indexed by position, and their parents.

    Lists and one index dict rather than a dict per attribute: at millions of models every
    per-model dict costs about a hundred bytes a model.
    """

    def __init__(self, entries: Sequence[ModelEntry], known: Mapping[str, ModelEntry]) -> None:
        self.models: list[ModelEntry] = []
        self.index: dict[str, int] = {}
        self.known = known
        # NOTE: the keys of millions of ids in a few passes of C rather than a call per id.
        keys = _keys(list(map(attrgetter("id"), entries)))
        index = dict(zip(keys, range(len(keys)), strict=True))
        if len(index) == len(keys):
            self.models, self.index = list(entries), index
        else:
            for key, entry in zip(keys, entries, strict=True):
                if key not in self.index:
                    self.index[key] = len(self.models)
                    self.models.append(entry)
        #: models at or after this position come from the table of well-known models.
        self.n_input = len(self.models)
        self.parents: list[tuple[int, ...]] = []
        #: the model names a base model found nowhere, so its licence is unknown.
        self.dangling = bytearray(len(self.models))
        #: the model is some model's parent (what it hands on is read).
        self.has_children = bytearray(len(self.models))
        #: some input model names a later input model, or a well-known model an input one:
        #: the list order is not known to be topological.
        self.forward = False

    def link(self, run: _Run) -> None:
        """Resolve every model's base models to positions, reporting self-references and dangling ones.

        A base model that the input lacks but the table of well-known models has is added to the
        end of the list the first time it is named (and its own bases resolved in turn).
        """
        index, parents, models, has_children = self.index, self.parents, self.models, self.has_children
        forward = False
        # NOTE: most models name one base model found in the input: those are linked from keys
        # and positions worked out for all at once; the others take the general path below.
        bases = list(map(attrgetter("base_models"), models))
        counts = list(map(len, bases))
        found_at = list(map(index.get, _keys(list(chain.from_iterable(bases)))))
        del bases
        at = 0
        for position, count in enumerate(counts):
            if count == 1:
                parent = found_at[at]
                at += 1
                if parent is not None and parent != position:
                    parents.append((parent,))
                    has_children[parent] = 1
                    if parent > position:
                        forward = True
                    continue
            elif count == 0:
                parents.append(())
                continue
            else:
                at += count
            self._link(run, position)
        del counts, found_at
        position = self.n_input
        while position < len(models):
            self._link(run, position)
            position += 1
        self.forward = forward or self.forward

    def _link(self, run: _Run, position: int) -> None:
        """Link one model (the general path of :meth:`link`), appending its parents."""
        index, parents, models, known = self.index, self.parents, self.models, self.known
        dangling, has_children, n_input = self.dangling, self.has_children, self.n_input
        entry = models[position]
        bases = entry.base_models
        if not bases:
            parents.append(())
            return
        found: list[int] = []
        forward = False
        for base in bases:
            key = _key(base)
            parent = index.get(key)
            if parent is None and key in known:
                parent = index[key] = len(models)
                models.append(known[key])
                dangling.append(0)
                has_children.append(0)
            if parent == position:
                run.warn("RG310", f"`{entry.id}` names itself as its base model", "remove it from `base_model`", entry)
            elif parent is None:
                dangling[position] = 1
                run.warn(
                    "RG309",
                    f"base model `{base}` of `{entry.id}` is not in the input nor a well-known model, "
                    "so its licence is unknown",
                    f"add `{base}` with its licence to the input",
                    entry,
                    upstream=base,
                )
            elif parent not in found:
                found.append(parent)
                has_children[parent] = 1
                if parent < n_input and (parent > position or position >= n_input):
                    forward = True
        parents.append(tuple(found))
        if forward:
            self.forward = True

    def order(self, run: _Run) -> list[int]:
        """A topological order (Kahn), with cycles broken deterministically and reported.

        Any topological order gives the same results (a model depends only on its parents), so
        no priority queue is needed; a cycle is cut at its smallest model id, whatever the
        input order.
        """
        if not self.forward:
            # NOTE: a table usually names each base model before its derivatives: then the input
            # order is topological as it stands, after the few well-known models it names.
            known_order = self._known_order()
            if known_order is not None:
                return known_order + list(range(self.n_input))
        count = len(self.models)
        parents = self.parents
        indegree = [len(p) for p in parents]
        # NOTE: children as one flat array with offsets (compressed rows): a list per model
        # would cost more than the rest of the graph.
        offsets = [0] * (count + 1)
        for found in parents:
            for parent in found:
                offsets[parent + 1] += 1
        for position in range(count):
            offsets[position + 1] += offsets[position]
        children = array("l", bytes(8 * offsets[count]))
        fill = offsets[:-1]
        for position, found in enumerate(parents):
            for parent in found:
                children[fill[parent]] = position
                fill[parent] += 1
        del fill
        ready = [position for position in range(count) if indegree[position] == 0]
        order: list[int] = []
        while len(order) < count:
            while ready:
                position = ready.pop()
                order.append(position)
                for child in children[offsets[position] : offsets[position + 1]]:
                    indegree[child] -= 1
                    if indegree[child] == 0:
                        ready.append(child)
            if len(order) < count:
                ready.append(self._cut(run, indegree))
        return order

    def _known_order(self) -> list[int] | None:
        """A topological order of the well-known models (which name only each other); ``None`` on a cycle."""
        n_input, parents = self.n_input, self.parents
        indegree = {position: len(parents[position]) for position in range(n_input, len(self.models))}
        children: dict[int, list[int]] = {}
        for position in indegree:
            for parent in parents[position]:
                children.setdefault(parent, []).append(position)
        ready = [position for position, degree in indegree.items() if degree == 0]
        order: list[int] = []
        while ready:
            position = ready.pop()
            order.append(position)
            for child in children.get(position, ()):
                indegree[child] -= 1
                if indegree[child] == 0:
                    ready.append(child)
        return order if len(order) == len(indegree) else None

    def _cut(self, run: _Run, indegree: list[int]) -> int:
        # NOTE: what is left sits on or below a cycle; cut the smallest unplaced model loose from
        # its unplaced parents, report it, and carry on.
        stuck = min((position for position in range(len(self.models)) if indegree[position] > 0), key=self._id_key)
        loop = [p for p in self.parents[stuck] if indegree[p] > 0]
        entry = self.models[stuck]
        run.warn(
            "RG310",
            f"`{entry.id}` is its own ancestor through {', '.join(f'`{self.models[p].id}`' for p in loop)}; "
            "inheritance around the loop is not checked",
            "correct the `base_model` entries on the loop",
            entry,
        )
        self.parents[stuck] = tuple(p for p in self.parents[stuck] if indegree[p] <= 0)
        indegree[stuck] = 0
        return stuck

    def _id_key(self, position: int) -> str:
        return _key(self.models[position].id)


def check_lineage(
    entries: Sequence[ModelEntry],
    catalogue: Catalogue,
    known: Mapping[str, ModelEntry] | None = None,
    extra: Mapping[str, Licence] | None = None,
    findings: Sequence[Finding] = (),
) -> LineageResult:
    """Check a derivation graph: inheritance of every model and every conflict.

    Args:
        entries: the models of the input (a model listed twice keeps its first entry).
        catalogue: the licence catalogue.
        known: well-known models by lower-case id, used for base models the input lacks.
        extra: licences parsed from files, by the name the entries use for them.
        findings: findings already made about the input (bad records), reported in order with the rest.
    """
    return _check(entries, catalogue, known, extra, findings)


def _check(
    entries: Sequence[ModelEntry],
    catalogue: Catalogue,
    known: Mapping[str, ModelEntry] | None,
    extra: Mapping[str, Licence] | None,
    findings: Sequence[Finding],
) -> LineageResult:
    run = _Run(catalogue, extra)
    run.loose.extend(findings)
    graph = _Graph(entries, known or {})
    graph.link(run)
    order = graph.order(run)
    models, parents, n_input = graph.models, graph.parents, graph.n_input
    count = len(models)
    # passes[i]: what model i hands its children, licence id -> the model it came from (the
    # nearest ancestor declaring it). Only binding or unsettled licences pass; a model that adds
    # nothing hands on its single parent's mapping itself, so long chains share one dict, and a
    # model without children hands on nothing.
    passes: list[dict[str, str]] = [_NOTHING] * count
    # unknown[i]: the model or an ancestor has a licence railguard cannot read, or a base model
    # that is nowhere to be found, so what it permits cannot be settled from the input.
    unknown = bytearray(count)
    licences: list[str | None] = [None] * count
    inherits: list[Inherits] = [_NO_INHERITS] * count
    # NOTE: by input position, so that a table read in line order needs no sort to report in it.
    pending: list[Pending | None] = [None] * n_input
    dangling, has_children = graph.dangling, graph.has_children
    # NOTE: everything but a model's own name and its parents' names depends only on its declared
    # licence and the set of licences it inherits (its shape): shapes are numbered, each model
    # carries its shape beside its mapping, and the work is memoised per (shape, licence name).
    shapes = [0] * count
    states = run.states
    # per (parent's licence name, own licence name): the templates each parent stamps (RG307, RG317).
    by_parent: dict[tuple[str | None, str | None], tuple[tuple[Template, ...], int]] = {}
    size, worst = 0, -1
    for position in order:
        entry = models[position]
        found = parents[position]
        name = entry.licence
        if not found:
            inherited = _NOTHING
            shape = 0
            above = False
        elif len(found) == 1:
            inherited = passes[found[0]]
            shape = shapes[found[0]]
            above = unknown[found[0]] == 1
        else:
            inherited = _inherit(passes, found)
            shape = run.shape(tuple(inherited))
            above = any(unknown[parent] for parent in found)
        state = states[shape].get(name)
        if state is None:
            state = states[shape][name] = _state(run, name, run.shape_keys[shape])
        own, licence_id, hands_on, shared, prefixed, rank, result, unsure_result, next_shape, duties, inline = state
        if own is None:
            unknown[position] = 1
            if position >= n_input or not inline:
                run.loose.append(_unknown_licence(run, entry))
        else:
            if above or dangling[position]:
                unknown[position] = 1
            if own.ambiguous and position < n_input and not inline:
                run.loose.append(_ambiguous(entry, own))
        if hands_on and has_children[position]:
            assert own is not None
            passes[position] = {**inherited, own.id: entry.id}
            shapes[position] = next_shape
        else:
            passes[position] = inherited
            shapes[position] = shape
        licences[position] = licence_id
        inherits[position] = unsure_result if unknown[position] else result
        if position >= n_input:
            continue
        named: Shared = ()
        if prefixed:
            name_key = naming_key(entry.id)
            if len(prefixed) == 1:
                named = () if name_key.startswith(prefixed[0][0]) else duties
            else:
                named = tuple((t, origin) for prefix, t, origin in prefixed if not name_key.startswith(prefix))
                if len(named) == len(duties):
                    named = duties
            if named and worst < _TOP:
                worst = max(worst, *(template.severity.rank for template, _ in named))
        mine: tuple[tuple[Template, str], ...] = ()
        for parent in found:
            upstream = models[parent]
            stamps = by_parent.get((upstream.licence, name))
            if stamps is None:
                stamps = by_parent[(upstream.licence, name)] = _parent_stamps(run, upstream, own)
            templates = stamps[0]
            if templates:
                if len(templates) == 1:
                    mine += ((templates[0], upstream.id),)
                else:
                    mine += tuple((template, upstream.id) for template in templates)
                if stamps[1] > worst:
                    worst = stamps[1]
        if shared or named or mine:
            pending[position] = new_pending(entry, shared, named, mine, inherited)
            size += len(shared) + len(named) + len(mine)
            if rank > worst:
                worst = rank
    # NOTE: the index's keys are the normalised ids, one per model: sort them rather than the models.
    by_id = list(map(graph.index.__getitem__, sorted(graph.index)))
    results = ModelResults(models, licences, inherits, n_input, by_id)
    every = FindingSet(pending, run.loose, (size, worst))
    every.bind(results)
    return LineageResult(results, every)


#: What a model's results take from its licence name and the shape it inherits: its licence,
#: its licence id (the name when unknown), whether it hands on a mapping of its own, the shared
#: templates and the naming duties (prefix as :func:`prefix_key` reads it, template, licence),
#: the worst severity rank of the shared ones, the result when everything above is known and when
#: something is not, the shape it hands on, the naming duties as ``Pending.named`` when none is met,
#: and whether the shared templates hold the model's RG308 or RG311.
_State = tuple[Licence | None, str | None, bool, Shared, "Prefixed", int, Inherits, Inherits, int, Shared, bool]


def _state(run: _Run, name: str | None, keys: tuple[str, ...]) -> _State:
    own = run.licence(name)
    hands_on = False
    if own is not None:
        terms = run.terms_of(own)
        hands_on = own.id not in keys and (terms.binds or terms.unsettled)
        mine = keys if own.id in keys else (*keys, own.id)
    else:
        mine = keys
    memo_key = (own.id if own is not None else None, keys)
    memo = run.shared_memo.get(memo_key)
    if memo is None:
        memo = run.shared_memo[memo_key] = _shared(run, own, keys)
    shared, prefixed = memo
    # NOTE: RG308 and RG311 depend only on the licence name: as rows of the shared templates they
    # cost an input model nothing (models from the well-known table get them as loose findings).
    row = _unknown_row(run, name) if own is None else _ambiguous_row(run, own) if own.ambiguous else None
    if row is not None:
        shared = (*shared, (row, None))
    rank = max((template.severity.rank for template, _ in shared), default=0)
    return (
        own,
        own.id if own is not None else name,
        hands_on,
        shared,
        tuple((prefix_key(prefix), template, origin) for prefix, template, origin in prefixed),
        rank,
        _result(run, own, keys, mine, False),
        _result(run, own, keys, mine, True),
        run.shape(mine) if hands_on else -1,
        tuple((template, origin) for _, template, origin in prefixed),
        row is not None,
    )


def _parent_stamps(run: _Run, parent: ModelEntry, own: Licence | None) -> tuple[tuple[Template, ...], int]:
    """The templates a parent stamps on its child (RG307 notices, RG317), and their worst rank."""
    parent_licence = run.licence(parent.licence)
    if parent_licence is None:
        return (), 0
    notice = run.notice(parent_licence)
    found: tuple[Template, ...] = (notice,) if notice is not None else ()
    if own is not None:
        found += inbound_templates(parent_licence, own)
    return found, max((template.severity.rank for template in found), default=0)


_NOTHING: dict[str, str] = {}
_TOP = max(severity.rank for severity in Severity)
_NO_INHERITS = Inherits((), (), None)


def _keys(model_ids: list[str]) -> list[str]:
    """:func:`_key` of each id."""
    keys = list(map(str.lower, map(str.strip, model_ids)))
    return [model_id if key == model_id else key for model_id, key in zip(model_ids, keys, strict=True)]


def _key(model_id: str) -> str:
    # NOTE: the Hub treats model ids case-insensitively (`Meta-Llama/...` resolves too). The
    # original string is kept when it is already the key, to hold one copy of each id.
    key = model_id.strip().lower()
    return model_id if key == model_id else key


def _inherit(passes: list[dict[str, str]], parents: tuple[int, ...]) -> dict[str, str]:
    """What a model inherits from its parents, first parent first; never to be mutated."""
    if not parents:
        return _NOTHING
    if len(parents) == 1:
        return passes[parents[0]]
    inherited: dict[str, str] = {}
    for parent in parents:
        for licence_id, origin in passes[parent].items():
            inherited.setdefault(licence_id, origin)
    return inherited


def _unknown_words(run: _Run, name: str | None) -> tuple[str, str]:
    """The RG308 message after the model, and its hint, for a licence name (the same for every model)."""
    words = run.unknown_words.get(name)
    if words is None:
        suggestions: tuple[str, ...] = run.catalogue.suggest(name) if name else ()
        words = run.unknown_words[name] = (
            f" has {'no licence' if not name else f'the unknown licence `{name}`'}; "
            "what it inherits cannot be checked against it",
            "use a catalogue id or alias"
            + (f" (did you mean {', '.join(f'`{s}`' for s in suggestions)}?)" if suggestions else "")
            + ", or `licence_file` pointing at the licence text",
        )
    return words


def _unknown_row(run: _Run, name: str | None) -> Template | None:
    """RG308 as a template, unless the name would read as a placeholder in one."""
    if name and ("{model}" in name or "{upstream}" in name):
        return None
    found = run.rows.get(("RG308", name))
    if found is None:
        message, hint = _unknown_words(run, name)
        found = run.rows[("RG308", name)] = Template("RG308", "{model}" + message, hint, name, name or "", None)
    return found


def _ambiguous_row(run: _Run, own: Licence) -> Template | None:
    """RG311 as a template, unless the licence id would read as a placeholder in one."""
    if "{model}" in own.id or "{upstream}" in own.id:
        return None
    found = run.rows.get(("RG311", own.id))
    if found is None:
        found = run.rows[("RG311", own.id)] = Template(
            "RG311",
            f"{{model}} declares `{own.id}`, which names a family of licences; it is read conservatively",
            "declare the exact licence id",
            own.id,
            own.id,
            None,
        )
    return found


def _unknown_licence(run: _Run, entry: ModelEntry) -> Finding:
    """RG308 for a model whose licence is missing or unknown (the same words for every model with that name)."""
    words = _unknown_words(run, entry.licence)
    return new_finding(
        "RG308",
        _RG308,
        f"`{entry.id}`{words[0]}",
        words[1],
        entry.file,
        entry.line,
        entry.id,
        entry.licence,
        None,
        None,
        (),
    )


def _ambiguous(entry: ModelEntry, own: Licence) -> Finding:
    """RG311 for a model that declares a family of licences."""
    return new_finding(
        "RG311",
        _RG311,
        f"`{entry.id}` declares `{own.id}`, which names a family of licences; it is read conservatively",
        "declare the exact licence id",
        entry.file,
        entry.line,
        entry.id,
        own.id,
        None,
        None,
        (),
    )


_RG308, _RG311 = rule("RG308").severity, rule("RG311").severity


def _shared(run: _Run, own: Licence | None, inherited: tuple[str, ...]) -> tuple[Shared, Prefixed]:
    """The templates that depend only on the model's licence and the licences it inherits."""
    shared: list[tuple[Template, str | None]] = []
    prefixed: list[tuple[str, Template, str]] = []
    for licence_id in inherited:
        terms = run.terms[licence_id]
        if own is not None:
            shared.extend((template, licence_id) for template in run.edges(terms.licence, own))
        # NOTE: an unsettled licence's naming, notice and scale duties are written for derivatives
        # (`Built with Qwen`, `Powered by Stability AI`), whatever its use restrictions reach.
        if terms.binds or terms.unsettled:
            for prefix, template in run.duties(terms):
                if prefix is None:
                    shared.append((template, licence_id))
                else:
                    prefixed.append((prefix, template, licence_id))
    everything = inherited if own is None or own.id in inherited else (*inherited, own.id)
    shared.extend((template, None) for template in run.conflicts(everything))
    return tuple(shared), tuple(prefixed)


def _result(
    run: _Run, own: Licence | None, inherited: tuple[str, ...], mine: tuple[str, ...], unknown: bool
) -> Inherits:
    memo_key = (own.id if own is not None else None, inherited, unknown)
    found = run.result_memo.get(memo_key)
    if found is None:
        found = run.result_memo[memo_key] = _inherits(run, own, inherited, mine, unknown)
    return found


def _inherits(
    run: _Run, own: Licence | None, inherited: tuple[str, ...], mine: tuple[str, ...], unknown: bool
) -> Inherits:
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
    return Inherits(tuple(sorted(categories)), tuple(sorted(mine)), commercial)
