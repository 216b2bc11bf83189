"""The lineage engine: what every model in a derivation graph inherits, and where it conflicts.

``check_lineage`` is a pure function of the declared models, the catalogue and the table of
well-known models. It walks the graph in topological order without recursion (chains can be
100,000 deep), breaks cycles deterministically and reports them, and memoises the per-licence-pair
conflict rules so millions of models cost little more than reading them.

**What a declaration means** (:class:`railguard.model.declared.Declared`):

* one licence: the model must honour what it inherits under that licence, and hands it on;
* ``A AND B``: both bind the model; together they must honour what it inherits; both are handed on;
* a list (``license: [A, B]``): ambiguous, so read both ways: *every* item must honour what the
  model inherits (a user may take any of them) and *all* of them are handed on;
* ``A OR B``: the model's users may take either, so every alternative must honour what the model
  inherits; its derivatives inherit what they took, so they inherit alternatives and are
  compatible when *some* alternative is (RG350 names the one that works).

**Unknowns are said out loud.** A model whose ancestor has no licence, an unknown one, or a base
model found nowhere gets RG319 naming the nearest such ancestor and why; a record without a
licence takes the well-known table's entry for it (RG320). A model published by the licensor of a
licence it inherits (Meta's Llama 3.3, built on Llama 3.1) does not inherit that licence (RG325),
nor owe itself the duties the licence puts on licensees (Meta's own Llama 4 releases).
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import chain, product
from operator import attrgetter, methodcaller
from typing import NamedTuple, Protocol

from railguard.catalogue import Catalogue
from railguard.lineage.checks import (
    Template,
    check_edge,
    conjunction_templates,
    duty_rules,
    inbound_choice,
    irreconcilable,
    naming_key,
    notice_template,
    prefix_key,
)
from railguard.lineage.model import LineageResult, ModelEntry
from railguard.lineage.results import FindingSet, Inherits, ModelResults, Passed, Pending, Shared
from railguard.lineage.terms import Terms, terms_of
from railguard.model import Finding, Licence, Severity
from railguard.model.declared import Declared
from railguard.model.finding import new_finding
from railguard.model.hubid import lookalike, named, non_ascii
from railguard.rules import finding, rule

__all__ = ["Settings", "check_edge", "check_lineage"]

#: At most this many alternatives are followed down a chain (``A OR B`` upstream of ``C OR D``
#: ...); beyond it the alternatives are merged, which reads them as all binding (stricter).
MAX_ALTERNATIVES = 16


class Settings(Protocol):
    """Project settings that change findings (``[tool.railguard]``: ``LintConfig`` has this shape)."""

    @property
    def ignore(self) -> Mapping[str, int]: ...

    @property
    def severity(self) -> Mapping[str, Severity]: ...


class _Decl(NamedTuple):
    """A model's declared licence, resolved against the catalogue (computed once per declaration).

    Attributes:
        alternatives: the choices a user of the model may take, each the licences that apply
            together; for a list, each item is one choice (every one must honour the ancestors).
        unknown: names that resolve to no licence.
        choice: a real choice (``A OR B``): derivatives inherit one alternative, not all of them.
        licences: every resolved licence, once, in order.
        label: the declaration with catalogue ids, as results show it (``None``: nothing declared).
    """

    alternatives: tuple[tuple[Licence, ...], ...]
    unknown: tuple[str, ...]
    choice: bool
    licences: tuple[Licence, ...]
    label: str | None
    #: the ids of each alternative, as ``alternatives`` (memo keys).
    ids: tuple[tuple[str, ...], ...] = ()

    @property
    def known(self) -> bool:
        """Something is declared and every name of it resolves."""
        return bool(self.alternatives) and not self.unknown


class _Run:
    """State of one lineage check."""

    def __init__(
        self,
        catalogue: Catalogue,
        extra: Mapping[str, Licence] | None = None,
        settings: Settings | None = None,
        licensors: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.extra = dict(extra or {})
        #: findings built outright (unknown licences, cycles, missing bases); few by nature.
        self.loose: list[Finding] = []
        self.terms: dict[str, Terms] = {}
        self.duty_memo: dict[str, tuple[tuple[str | None, Template], ...]] = {}
        self.notice_memo: dict[str, Template | None] = {}
        self.pair_memo: dict[tuple[str, str], tuple[Template, ...]] = {}
        #: shapes: the alternatives of licence sets a model inherits, numbered; 0 is nothing.
        #: ``shape_keys`` is every licence of a shape (the single alternative, usually).
        self.shape_ids: dict[tuple[tuple[str, ...], ...], int] = {((),): 0}
        self.shape_alts: list[tuple[tuple[str, ...], ...]] = [((),)]
        self.shape_keys: list[tuple[str, ...]] = [()]
        #: per shape: its markers of unknown ancestors, and the shape without them (itself if none).
        self.shape_markers: list[tuple[str, ...]] = [()]
        self.shape_real: list[int] = [0]
        #: per shape, per declaration: what the model's results take from them.
        self.states: list[dict[Declared | str | None, _State]] = [{}]
        #: per unknown licence name: the RG308 message after the model, and its hint.
        self.unknown_words: dict[str | None, tuple[str, str]] = {}
        #: RG308, RG311, RG319 and RG325 as templates, by code and what they name.
        self.rows: dict[tuple[str, str | None], Template | None] = {}
        #: the project's ignored codes and severity overrides (none: the rules' own).
        self.ignore = frozenset(settings.ignore) if settings is not None else frozenset()
        self.levels = dict(settings.severity) if settings is not None else {}
        self.adjusted: dict[int, tuple[Template, Template | None]] = {}
        #: Hub organisations by the licences they grant (``licensors:`` of the well-known table).
        self.licensors = {licence: frozenset(o.lower() for o in orgs) for licence, orgs in (licensors or {}).items()}
        self.licensor_orgs = frozenset(chain.from_iterable(self.licensors.values()))
        self.edge_memo: dict[tuple[str, tuple[str, ...]], tuple[Template, ...]] = {}
        self.shared_tuples: dict[Shared, Shared] = {}

    def same(self, templates: Shared) -> Shared:
        """One tuple for templates of equal content.

        NOTE: reports cache their work per tuple of templates (by identity); states of different
        shapes often stamp the same templates, and sharing the tuple lets them share that work
        (a quarter fewer plans on the benchmark table).
        """
        return self.shared_tuples.setdefault(templates, templates)

    def add(self, item: Finding) -> None:
        """Report a finding built outright, as the project's settings have it."""
        if item.code in self.ignore:
            return
        level = self.levels.get(item.code)
        self.loose.append(_with_severity(item, level) if level is not None and level is not item.severity else item)

    def edges(self, inherited: Terms, conjunction: tuple[Licence, ...], ids: tuple[str, ...]) -> tuple[Template, ...]:
        """RG301-RG305, RG312 between an inherited licence and licences declared together (memoised by ids)."""
        key = (inherited.id, ids)
        found = self.edge_memo.get(key)
        if found is None:
            found = self.edge_memo[key] = self.adjust_all(conjunction_templates(inherited.licence, conjunction))
        return found

    def adjust(self, template: Template | None) -> Template | None:
        """A template as the project's settings have it: ``None`` when its code is ignored."""
        if template is None or (not self.ignore and not self.levels):
            return template
        found = self.adjusted.get(id(template))
        if found is None:
            level = self.levels.get(template.code)
            # NOTE: keyed by identity, so the template is kept with its answer: a template freed
            # after its answer was memoised could leave its id to another, which would get its
            # answer (ignoring RG307 hid RG301 and RG302 errors).
            found = self.adjusted[id(template)] = (
                template,
                None
                if template.code in self.ignore
                else template.with_level(level)
                if level is not None and level is not template.severity
                else template,
            )
        return found[1]

    def adjust_all(self, templates: Sequence[Template]) -> tuple[Template, ...]:
        if not self.ignore and not self.levels:
            return tuple(templates)
        return tuple(t for t in map(self.adjust, templates) if t is not None)

    def shape(self, keys: tuple[str, ...]) -> int:
        """The number of a set of licence ids (in any order), inherited as one alternative."""
        # NOTE: what a model inherits is a set of licences; the order it came in changes nothing a
        # report shows (findings are sorted, results list licences sorted), so the shape is sorted.
        if len(keys) > 1:
            keys = tuple(sorted(keys))
        return self.shape_of(((keys),))

    def shape_of(self, alternatives: tuple[tuple[str, ...], ...]) -> int:
        """The number of a set of alternatives, each a sorted tuple of licence ids."""
        found = self.shape_ids.get(alternatives)
        if found is None and len(alternatives) > 1:
            alternatives = tuple(sorted(set(alternatives)))
            if len(alternatives) > MAX_ALTERNATIVES:
                alternatives = (tuple(sorted(set(chain.from_iterable(alternatives)))),)
            found = self.shape_ids.get(alternatives)
        if found is None:
            found = self.shape_ids[alternatives] = len(self.shape_alts)
            self.shape_alts.append(alternatives)
            keys = alternatives[0] if len(alternatives) == 1 else tuple(sorted(set(chain.from_iterable(alternatives))))
            self.shape_keys.append(keys)
            self.states.append({})
            markers = tuple(i for i in keys if i[0] == "?")
            self.shape_markers.append(markers)
            self.shape_real.append(found)
            if markers:
                self.shape_real[found] = self.shape_of(tuple(_real(alternative) for alternative in alternatives))
        return found

    def blocked(self, shape: int) -> tuple[tuple[Template, str], ...]:
        """RG319 rows of a shape's markers of unknown ancestors, each with its marker."""
        return tuple(
            (row, marker) for marker in self.shape_markers[shape] if (row := _blocked_row(self, marker)) is not None
        )

    def with_markers(self, shape: int, markers: tuple[str, ...]) -> int:
        """The shape with markers of unknown terms added to every alternative."""
        return self.shape_of(tuple(tuple(sorted({*alternative, *markers})) for alternative in self.shape_alts[shape]))

    def merged(self, shapes: tuple[int, ...]) -> int:
        """The shape a merge inherits from parents of these shapes: every combination of their alternatives."""
        combos = product(*(self.shape_alts[s] for s in dict.fromkeys(shapes)))
        return self.shape_of(tuple(tuple(sorted(set(chain.from_iterable(combo)))) for combo in combos))

    def cut(
        self, shape: int, org: str, declared: Declared | str | None
    ) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        """A shape without the licences ``org`` grants; those of them the model does not declare, and those it does.

        A licensor is not its own licensee: the duties a licence puts on those who build on the
        licensed work (a "Built with" name, a Notice file, a user-count limit) do not bind the
        licensor's own releases. A granted licence the model declares itself is still handed on
        (its derivatives inherit it from where it started: the third item); one it does not
        declare is a re-release under other terms (RG325: the second item).
        """
        dropped = tuple(i for i in self.shape_keys[shape] if org in self.licensors.get(i, ()))
        if not dropped:
            return shape, (), ()
        own = {licence.id for licence in self.declaration(declared).licences}
        kept = tuple(tuple(i for i in alt if i not in dropped) for alt in self.shape_alts[shape])
        shape_kept = self.shape_of(kept if len(kept) == 1 else tuple(sorted(set(kept))))
        return shape_kept, tuple(i for i in dropped if i not in own), tuple(i for i in dropped if i in own)

    def licence(self, name: str | None) -> Licence | None:
        if not name:
            return None
        found = self.extra.get(name) or self.catalogue.find(name)
        if found is None:
            # NOTE: a version spelling the catalogue does not list (`GFDL-1.3-only`, `GFDL-1.2`).
            from railguard.expression.versions import versions_of

            ids = versions_of(self.catalogue, name)
            found = self.catalogue.find(ids[0]) if len(ids) == 1 else None
        return found

    def declaration(self, key: Declared | str | None) -> _Decl:
        """A declaration resolved against the catalogue (and the licence files read)."""
        if key is None or isinstance(key, str):
            own = self.licence(key)
            if own is None:
                return _Decl((), (key,) if key else (), False, (), key or None)
            self.terms_of(own)
            return _Decl(((own,),), (), False, (own,), own.id, ((own.id,),))
        unknown: dict[str, None] = {}
        alternatives: list[tuple[Licence, ...]] = []
        for conjunction in key.alternatives:
            resolved: list[Licence] = []
            for name in conjunction:
                licence = self.licence(name)
                if licence is None:
                    unknown[name] = None
                elif licence not in resolved:
                    self.terms_of(licence)
                    resolved.append(licence)
            if resolved:
                alternatives.append(tuple(resolved))
        licences = tuple(dict.fromkeys(chain.from_iterable(alternatives)))
        label = _label(key, self)
        unique = tuple(dict.fromkeys(alternatives))
        choice = len(unique) > 1 and not key.listed
        ids = tuple(tuple(licence.id for licence in conjunction) for conjunction in unique)
        return _Decl(unique, tuple(unknown), choice, licences, label, ids)

    def terms_of(self, licence: Licence) -> Terms:
        found = self.terms.get(licence.id)
        if found is None:
            found = self.terms[licence.id] = terms_of(licence)
        return found

    def duties(self, terms: Terms) -> tuple[tuple[str | None, Template], ...]:
        found = self.duty_memo.get(terms.id)
        if found is None:
            rules = duty_rules(terms.licence)
            kept = [(prefix, self.adjust(template)) for prefix, template in rules]
            found = self.duty_memo[terms.id] = tuple((p, t) for p, t in kept if t is not None)
        return found

    def notice(self, licence: Licence) -> Template | None:
        if licence.id not in self.notice_memo:
            self.notice_memo[licence.id] = self.adjust(notice_template(licence))
        return self.notice_memo[licence.id]

    def conflicts(self, licence_ids: tuple[str, ...]) -> tuple[Template, ...]:
        """RG303 for every pair of licences imposed together (a strict licence, a restricting one)."""
        # NOTE: RG303 is a matter of pairs: memoised by pair, as irreconcilable() orders them,
        # since the sets of licences are many.
        governing = [self.terms[i] for i in licence_ids]
        strict = [t for t in governing if t.no_further and t.requires_same]
        restricting = [t for t in governing if t.binds and (t.categories - {"non-commercial"}) and not t.no_further]
        pairs: list[Template] = []
        for a in strict:
            for b in restricting:
                pair = self.pair_memo.get((a.id, b.id))
                if pair is None:
                    pair = self.pair_memo[(a.id, b.id)] = self.adjust_all(irreconcilable((a, b)))
                pairs.extend(pair)
        return tuple(pairs)

    def warn(self, code: str, message: str, hint: str, entry: ModelEntry | None, **fields: str | None) -> None:
        self.add(
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


def _with_severity(item: Finding, level: Severity) -> Finding:
    return replace(item, severity=level)


def _label(declared: Declared, run: _Run) -> str:
    """A declaration as results show it: catalogue ids where the names resolve."""

    def shown(name: str) -> str:
        licence = run.licence(name)
        return licence.id if licence is not None else name

    if declared.listed:
        return "[" + ", ".join(dict.fromkeys(shown(n) for n in declared.names)) + "]"
    return str(Declared(tuple(tuple(shown(n) for n in c) for c in declared.alternatives)))


#: Naming duties, which depend on the model's own name: (prefix, template, licence id).
Prefixed = tuple[tuple[str, Template, str], ...]


class _Graph:
    """The models to check, as lists indexed by position, and their parents.

    Lists and one index dict rather than a dict per attribute: at millions of models every
    per-model dict costs about a hundred bytes a model.
    """

    def __init__(
        self, entries: Sequence[ModelEntry], known: Mapping[str, ModelEntry], orgs: frozenset[str] = frozenset()
    ) -> None:
        self.models: list[ModelEntry] = []
        self.index: dict[str, int] = {}
        self.known = known
        # NOTE: the keys of millions of ids in a few passes of C rather than a call per id.
        keys = _keys(list(map(attrgetter("id"), entries)))
        index = dict(zip(keys, range(len(keys)), strict=True))
        #: the input models' ids as the index keys them (lower case), by position.
        self.keys = keys
        if len(index) == len(keys):
            self.models, self.index = list(entries), index
        else:
            self.keys = []
            for key, entry in zip(keys, entries, strict=True):
                if key not in self.index:
                    self.index[key] = len(self.models)
                    self.models.append(entry)
                    self.keys.append(key)
        #: models at or after this position come from the table of well-known models.
        self.n_input = len(self.models)
        self.parents: list[tuple[int, ...]] = []
        #: the model names a base model found nowhere, so its licence is unknown.
        self.dangling = bytearray(len(self.models))
        #: the base models found nowhere, by the position of the model naming them.
        self.missing: dict[int, list[str]] = {}
        #: the model is some model's parent (what it hands on is read).
        self.has_children = bytearray(len(self.models))
        #: some input model names a later input model, or a well-known model an input one:
        #: the list order is not known to be topological.
        self.forward = False
        #: the model is published by an organisation that grants some licence (a licensor).
        self.prefixes = tuple(org + "/" for org in sorted(orgs))
        self.licensor = bytearray(len(self.models))
        if self.prefixes:
            # NOTE: one pass of C over the lower-case ids, rather than a test per model in the walk.
            self.licensor = bytearray(map(methodcaller("startswith", self.prefixes), self.keys))

    def fall_back(self, run: _Run) -> None:
        """Give an input model that declares no licence the well-known table's licence for it (RG320)."""
        known, models = self.known, self.models
        if not known:
            return
        # NOTE: one pass of C over millions of entries; few have no licence.
        licences, declared = map(attrgetter("licence"), models), map(attrgetter("declared"), models)
        bare = [i for i, (lic, dec) in enumerate(zip(licences, declared, strict=True)) if lic is None and dec is None]
        keys = self.keys
        for position in bare:
            entry = models[position]
            table = known.get(keys[position])
            if table is None or table.licence is None:
                continue
            models[position] = replace(entry, licence=table.licence, declared=table.declared)
            where = _provenance(known, entry.id)
            run.warn(
                "RG320",
                f"`{entry.id}` declares no licence; the table of well-known models lists it under `{table.licence}`"
                f"{where}, which is used",
                "add the licence to the record (or to the model's card)",
                entry,
                licence=table.licence,
            )

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
        if not all(map(str.isascii, chain.from_iterable(bases))):
            self.lookalikes(run)
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

    def lookalikes(self, run: _Run) -> None:
        """RG410 for each base model whose letters of another script imitate a Hub id.

        Reported whether or not the input lists that id too: a table that defines
        ``m\u0435ta-llama/...`` under a permissive licence must not launder a Meta model through it.
        """
        for entry in self.models[: self.n_input]:
            for base in entry.base_models:
                meant = lookalike(base.strip())
                odd = non_ascii(base)
                if meant is not None and odd is not None:
                    run.warn(
                        "RG410",
                        f"base model `{base}` of `{entry.id}` holds {named(odd)}, a look-alike letter: it reads as "
                        f"`{meant}` but is no Hub id, so no licence of `{meant}` is checked",
                        f"write `{meant}`",
                        entry,
                        upstream=base,
                    )

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
                self.licensor.append(bool(self.prefixes) and key.startswith(self.prefixes))
            if parent == position:
                run.warn("RG310", f"`{entry.id}` names itself as its base model", "remove it from `base_model`", entry)
            elif parent is None:
                dangling[position] = 1
                self.missing.setdefault(position, []).append(base)
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
    settings: Settings | None = None,
    licensors: Mapping[str, frozenset[str]] | None = None,
) -> LineageResult:
    """Check a derivation graph: inheritance of every model and every conflict.

    Args:
        entries: the models of the input (a model listed twice keeps its first entry).
        catalogue: the licence catalogue.
        known: well-known models by lower-case id, used for base models the input lacks.
        extra: licences parsed from files, by the name the entries use for them.
        findings: findings already made about the input (bad records), reported in order with the rest.
        settings: the project's ``[tool.railguard]`` ignores and severity overrides.
        licensors: the Hub organisations that grant each licence (a model they publish does not
            inherit that licence); by default the ``licensors`` of ``known`` when it has them
            (:func:`railguard.lineage.known.known_models`).
    """
    if licensors is None:
        licensors = getattr(known, "licensors", None)
    return _check(entries, catalogue, known, extra, findings, settings, licensors)


def _check(
    entries: Sequence[ModelEntry],
    catalogue: Catalogue,
    known: Mapping[str, ModelEntry] | None,
    extra: Mapping[str, Licence] | None,
    findings: Sequence[Finding],
    settings: Settings | None,
    licensors: Mapping[str, frozenset[str]] | None,
) -> LineageResult:
    run = _Run(catalogue, extra, settings, licensors)
    for item in findings:
        run.add(item)
    graph = _Graph(entries, known or {}, run.licensor_orgs)
    graph.fall_back(run)
    graph.link(run)
    walk = _Walk(run, graph)
    _walk(run, graph, walk, graph.order(run))
    models = graph.models

    def by_id() -> list[int]:
        # NOTE: from the models (kept anyway), not the graph's index, which is freed after the check.
        return sorted(range(len(models)), key=lambda position: _key(models[position].id))

    results = ModelResults(models, walk.licences, walk.inherits, graph.n_input, by_id)
    every = FindingSet(walk.pending, run.loose, (walk.size, walk.worst))
    every.bind(results)
    return LineageResult(results, every)


class _Walk:
    """What the walk writes, by position, and what it keeps along the way."""

    def __init__(self, run: _Run, graph: _Graph) -> None:
        count = len(graph.models)
        self.models = graph.models
        #: passes[i]: what model i hands its children, licence id -> the model it came from (the
        #: nearest ancestor declaring it). Only binding or unsettled licences pass, and the markers of
        #: ancestors whose terms are unknown (``?`` ids, see _blocked); a model that adds nothing hands
        #: on its single parent's mapping itself, so long chains share one dict, and a model without
        #: children hands on nothing.
        self.passes: list[Mapping[str, str]] = [_NOTHING] * count
        #: NOTE: everything but a model's own name and its parents' names depends only on its declared
        #: licence and the set of licences it inherits (its shape): shapes are numbered, each model
        #: carries its shape beside its mapping, and the work is memoised per (shape, declaration).
        self.shapes = [0] * count
        self.licences: list[str | None] = [None] * count
        self.inherits: list[Inherits] = [_NO_INHERITS] * count
        #: NOTE: by input position, so that a table read in line order needs no sort to report in it.
        self.pending: list[Pending | None] = [None] * graph.n_input
        self.changed = _changed(run, graph)
        #: per (parent's declaration, own declaration): the templates each parent stamps (RG307, RG317).
        self.by_parent: dict[tuple[object, object], tuple[tuple[Template, ...], int]] = {}
        #: RG319 rows by (id of the inherited mapping, shape), with the mapping.
        self.blocked: dict[tuple[int, int], tuple[Mapping[str, str], tuple[tuple[Template, str], ...]]] = {}
        #: the number of pending findings and their worst severity rank (-1: none).
        self.size, self.worst = 0, -1


def _walk(run: _Run, graph: _Graph, walk: _Walk, order: list[int]) -> None:
    """Work out every model, parents first: what it inherits, hands on and is found to break."""
    models, parents, n_input = graph.models, graph.parents, graph.n_input
    passes, shapes, licences, inherits = walk.passes, walk.shapes, walk.licences, walk.inherits
    dangling, has_children, licensor, states = graph.dangling, graph.has_children, graph.licensor, run.states
    for position in order:
        entry = models[position]
        found = parents[position]
        key: Declared | str | None = entry.declared
        if key is None:
            key = entry.licence
        if len(found) == 1:
            inherited, shape = passes[found[0]], shapes[found[0]]
        else:
            inherited, shape = _inherit(run, passes, shapes, found)
        granted: tuple[str, ...] = ()
        redeclared: tuple[str, ...] = ()
        if licensor[position] and shape:
            shape, granted, redeclared = run.cut(shape, entry.id.partition("/")[0].lower(), key)
        state = states[shape].get(key)
        if state is None:
            state = states[shape][key] = _state(run, key, shape)
        if not state[0] and (position >= n_input or not state[10]):
            run.add(_unknown_licence(run, entry))
        if has_children[position]:
            passes[position], shapes[position] = _handed(run, entry, state, inherited, dangling[position], redeclared)
        licences[position] = state[1]
        inherits[position] = state[7] if dangling[position] else state[6]
        if position < n_input:
            _stamp(run, walk, (position, shape), entry, key, state, inherited, granted, found)


def _handed(
    run: _Run,
    entry: ModelEntry,
    state: _State,
    inherited: Mapping[str, str],
    dangling: int,
    redeclared: tuple[str, ...],
) -> tuple[Mapping[str, str], int]:
    """What a model with children hands on: the origins mapping and the shape."""
    known_own, hands, next_shape = state[0], state[2], state[8]
    # NOTE: markers of unknown ancestors above an unknown model may stay in the mapping: its
    # shape no longer has them, and the shape is what is read.
    handed = Passed(inherited, entry.id, hands) if hands else inherited
    if dangling and known_own:
        handed, next_shape = Passed(handed, entry.id, (_DANGLING,)), run.with_markers(next_shape, (_DANGLING,))
    if redeclared:
        # NOTE: a licensor's release under its own licence hands it on from where it started.
        handed = {**handed, **{i: inherited[i] for i in redeclared if i in inherited}}
    return handed, next_shape


def _stamp(
    run: _Run,
    walk: _Walk,
    where: tuple[int, int],
    entry: ModelEntry,
    key: Declared | str | None,
    state: _State,
    inherited: Mapping[str, str],
    granted: tuple[str, ...],
    found: tuple[int, ...],
) -> None:
    """An input model's findings, pending: its terms', its unmet naming duties, its parents' stamps.

    ``where``: the model's position, and the shape it inherits.
    """
    position, shape = where
    for family in state[11]:
        run.add(_ambiguous(entry, family))
    shared, prefixed, rank = state[3], state[4], state[5]
    named = _unmet(run, entry.id, prefixed, state[9]) if prefixed else ()
    mine = _from_parents(run, walk, key, found) if found else ()
    if state[0] and run.shape_markers[shape]:
        # RG319, the model's own: it names the ancestor whose terms are unknown. Siblings inherit
        # one mapping: their rows are worked out once (the mapping is kept with them, so that
        # its id is not reused).
        known = walk.blocked.get((id(inherited), shape))
        if known is None:
            rows = tuple((row, inherited[marker]) for row, marker in run.blocked(shape))
            known = walk.blocked[(id(inherited), shape)] = (inherited, rows)
        mine += known[1]
    if granted:
        mine += _re_released(run, granted, inherited)
    if shared or named or mine:
        # NOTE: the tuple built directly, not through the named tuple's Python-level __new__: once per model.
        walk.pending[position] = _new_tuple(Pending, (entry, shared, named, mine, inherited))
        walk.size += len(shared) + len(named) + len(mine)
        if walk.worst < _TOP:
            ranks = (template.severity.rank for template, _ in chain(named, mine))
            walk.worst = max(walk.worst, rank, *ranks)


def _unmet(run: _Run, model_id: str, prefixed: Prefixed, duties: Shared) -> Shared:
    """The naming duties a model's name does not meet (``duties`` when it meets none)."""
    name_key = naming_key(model_id)
    if len(prefixed) == 1:
        return () if name_key.startswith(prefixed[0][0]) else duties
    named = tuple((t, origin) for prefix, t, origin in prefixed if not name_key.startswith(prefix))
    # NOTE: one tuple per set of unmet duties: the JSON states them in its terms, by identity.
    return duties if len(named) == len(duties) else run.same(named)


def _from_parents(
    run: _Run, walk: _Walk, key: Declared | str | None, found: tuple[int, ...]
) -> tuple[tuple[Template, str], ...]:
    """What the model's parents stamp on it (RG307 notices, RG317; RG326 from a relicensed well-known model)."""
    # NOTE: a licensor owes itself no copy of its own licence: those duties come with the terms of a
    # binding licence (RG307 via duty_rules), which cut() leaves out for the licensor's own releases;
    # a parent's stamps only name permissive licences, which have no licensors.
    models, by_parent, changed = walk.models, walk.by_parent, walk.changed
    mine: tuple[tuple[Template, str], ...] = ()
    for parent in found:
        upstream = models[parent]
        upstream_key: Declared | str | None = upstream.declared
        if upstream_key is None:
            upstream_key = upstream.licence
        stamps = by_parent.get((upstream_key, key))
        if stamps is None:
            stamps = by_parent[(upstream_key, key)] = _parent_stamps(run, upstream_key, key)
        templates = stamps[0]
        if len(templates) == 1:
            mine += ((templates[0], upstream.id),)
        elif templates:
            mine += tuple((template, upstream.id) for template in templates)
        if parent in changed:
            mine += ((changed[parent], upstream.id),)
    return mine


def _re_released(run: _Run, granted: tuple[str, ...], inherited: Mapping[str, str]) -> tuple[tuple[Template, str], ...]:
    """RG325 for each licence a licensor's model does not inherit."""
    rows = ((_re_release_row(run, licence), inherited.get(licence, "")) for licence in granted)
    return tuple((row, origin) for row, origin in rows if row is not None)


#: What a model's results take from its declaration and the shape it inherits: whether its
#: declaration is fully known, its licence as results show it, the licences it adds to what it
#: hands on, the shared templates and the naming duties (prefix as :func:`prefix_key` reads it,
#: template, licence), the worst severity rank of the shared ones, the result (when nothing of its
#: own makes it unsure, and when something does), the shape it hands on, the naming duties as
#: ``Pending.named`` when none is met, whether the shared templates hold the model's RG308 and
#: RG311 rows, and its ambiguous licences (reported outright when they are not).
_State = tuple[
    bool, str | None, tuple[str, ...], Shared, Prefixed, int, Inherits, Inherits, int, Shared, bool, tuple[Licence, ...]
]

#: Markers of ancestors whose terms are unknown, carried in shapes and mappings beside licence ids
#: (no catalogue id starts with ``?``): no licence, a licence railguard does not know
#: (``?unknown:<name>``), a base model found nowhere.
_NONE, _UNKNOWN, _DANGLING = "?none", "?unknown:", "?dangling"


def _real(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i for i in ids if i[0] != "?")


def _state(run: _Run, key: Declared | str | None, shape: int) -> _State:
    real = run.shape_real[shape]
    if real == shape:
        return _unmarked(run, key, shape)
    # NOTE: what depends on the inherited licences is worked out once per shape without markers
    # (there are several marked variants of most shapes below unknown models); the markers only
    # add RG319 rows and make the result unsure.
    base = run.states[real].get(key)
    if base is None:
        base = run.states[real][key] = _unmarked(run, key, real)
    known, label, hands, shared, prefixed, rank, _, unsure, next_shape, duties, inline, odd = base
    if known:
        # NOTE: the RG319 rows are the model's own (the main loop adds them with the ancestor they
        # name), not shared: a marker is no licence, so no `via` of the terms may point at one.
        next_shape = run.with_markers(next_shape, run.shape_markers[shape])
    return known, label, hands, shared, prefixed, rank, unsure, unsure, next_shape, duties, inline, odd


def _unmarked(run: _Run, key: Declared | str | None, shape: int) -> _State:
    """:func:`_state` for a shape without markers of unknown ancestors."""
    decl = run.declaration(key)
    alternatives = run.shape_alts[shape]
    chosen, shared, failing = _choose(run, decl, alternatives)
    prefixed: list[tuple[str, Template, str]] = []
    for licence_id in chosen:
        inherited = run.terms[licence_id]
        # NOTE: an unsettled licence's naming, notice and scale duties are written for derivatives
        # (`Built with Qwen`, `Powered by Stability AI`), whatever its use restrictions reach.
        if inherited.binds or inherited.unsettled:
            for prefix, template in run.duties(inherited):
                if prefix is None:
                    shared.append((template, licence_id))
                else:
                    prefixed.append((prefix, template, licence_id))
    # RG303: licences imposed on the model together, by its ancestors or by its own declaration.
    if len(chosen) > 1:
        shared.extend((template, None) for template in run.conflicts(chosen))
    if not decl.choice and len(decl.licences) > 1:
        shared.extend((template, None) for template in run.conflicts(tuple(licence.id for licence in decl.licences)))
    row = _choice_row(run, chosen, failing) if failing else None
    if row is not None:
        shared.append((row, None))
    rows = _rows(run, decl)
    shared.extend((row, None) for row in rows)
    if len(decl.licences) > 1 or len(alternatives) > 1:
        shared = list(dict.fromkeys(shared))
    inline = bool(rows) or (decl.known and not _ambiguous_of(decl))
    hands, next_shape = _hands(run, decl, chosen, shape, len(alternatives) > 1)
    result = _inherits(run, decl, chosen, not decl.known)
    unsure = result if result.commercial is not True else Inherits(result.restrictions, result.governing, None)
    return (
        decl.known,
        decl.label,
        hands,
        run.same(tuple(shared)),
        tuple((prefix_key(prefix), template, origin) for prefix, template, origin in prefixed),
        max((template.severity.rank for template, _ in shared), default=0),
        result,
        unsure,
        next_shape,
        run.same(tuple((template, origin) for _, template, origin in prefixed)),
        inline,
        _ambiguous_of(decl) if not rows else (),
    )


def _edges_of(run: _Run, decl: _Decl, alternative: tuple[str, ...]) -> list[tuple[Template, str | None]]:
    """RG301-RG305, RG312 between each licence of an inherited alternative and the declaration."""
    found: list[tuple[Template, str | None]] = []
    for licence_id in alternative:
        inherited = run.terms[licence_id]
        if inherited.binds or inherited.unsettled:
            for conjunction, ids in zip(decl.alternatives, decl.ids, strict=True):
                found.extend((template, licence_id) for template in run.edges(inherited, conjunction, ids))
    return found


def _choose(
    run: _Run, decl: _Decl, alternatives: tuple[tuple[str, ...], ...]
) -> tuple[tuple[str, ...], list[tuple[Template, str | None]], list[tuple[str, ...]]]:
    """The inherited alternative to read the model against, its edge findings, and the alternatives that fail.

    The one the model honours best (an upstream choice is the publisher's to make); with one
    alternative, that one.
    """
    if len(alternatives) == 1:
        return alternatives[0], _edges_of(run, decl, alternatives[0]), []
    scored = []
    for index, alternative in enumerate(alternatives):
        found = _edges_of(run, decl, alternative)
        errors = sum(1 for template, _ in found if template.severity is Severity.ERROR)
        scored.append((errors, len(found), index, alternative, found))
    best = min(scored, key=lambda s: s[:3])
    failing = [s[3] for s in scored if s[0]] if not best[0] else []
    return best[3], best[4], failing


def _hands(
    run: _Run, decl: _Decl, chosen: tuple[str, ...], shape: int, alternatives: bool
) -> tuple[tuple[str, ...], int]:
    """What a model hands on: the licences it adds to what it inherits, and the shape its children inherit."""
    terms = run.terms
    markers = () if decl.known else _markers(decl)
    if decl.choice:
        hands = tuple(dict.fromkeys(licence.id for licence in decl.licences if licence.id not in chosen))
        next_shape = run.shape_of(tuple(tuple(sorted({*chosen, *ids, *markers})) for ids in decl.ids))
    else:
        hands = tuple(
            licence.id
            for licence in decl.licences
            if licence.id not in chosen and (terms[licence.id].binds or terms[licence.id].unsettled)
        )
        if hands or markers or alternatives:
            next_shape = run.shape_of((tuple(sorted({*chosen, *hands, *markers})),))
        else:
            next_shape = shape
    return (*hands, *markers), next_shape


def _changed(run: _Run, graph: _Graph) -> dict[int, Template]:
    """RG326 for each well-known model in the graph whose licence changed over time, by position."""
    provenance = getattr(graph.known, "provenance", None)
    if not provenance:
        return {}
    found: dict[int, Template] = {}
    for position in range(graph.n_input, len(graph.models)):
        entry = graph.models[position]
        record = provenance.get(_key(entry.id))
        if record is None or not record.earlier:
            continue
        before = "; ".join(f"`{e.licence}` until {e.until}" for e in record.earlier)
        template = run.adjust(
            Template(
                "RG326",
                f"{{model}} is built on {{upstream}}, which is now under `{entry.licence}` but was under {before}; "
                "the current licence is checked",
                "if the model was made from a copy obtained before the change, check it against the earlier "
                "licence as well (`railguard compat EARLIER LICENCE`)",
                entry.licence,
                entry.licence or "",
                None,
            )
        )
        if template is not None:
            found[position] = template
    return found


def _markers(decl: _Decl) -> tuple[str, ...]:
    """What a model whose own declaration is (partly) unknown hands on in place of the unknown part."""
    if not decl.alternatives and not decl.unknown:
        return (_NONE,)
    return tuple(_UNKNOWN + name for name in decl.unknown)


def _ambiguous_of(decl: _Decl) -> tuple[Licence, ...]:
    return tuple(licence for licence in decl.licences if licence.ambiguous)


def _rows(run: _Run, decl: _Decl) -> tuple[Template, ...]:
    """RG308 (unknown or missing licence) and RG311 (a family id) as templates of the model's own."""
    rows: list[Template | None] = []
    if not decl.alternatives and not decl.unknown:
        rows.append(_unknown_row(run, None))
    for name in decl.unknown:
        rows.append(_unknown_row(run, name))
    for licence in _ambiguous_of(decl):
        rows.append(_ambiguous_row(run, licence))
    if any(row is None for row in rows):
        # NOTE: a name that would read as a placeholder in a template: reported outright instead.
        return ()
    return run.adjust_all([row for row in rows if row is not None])


def _parent_stamps(run: _Run, parent_key: object, key: object) -> tuple[tuple[Template, ...], int]:
    """The templates a parent stamps on its child (RG307 notices, RG317), and their worst rank."""
    parent = run.declaration(parent_key)  # type: ignore[arg-type]
    own = run.declaration(key)  # type: ignore[arg-type]
    found: list[Template] = []
    for parent_licence in parent.licences:
        notice = run.notice(parent_licence)
        if notice is not None:
            found.append(notice)
    # NOTE: a choice the child's own licence refuses removes that choice only (`compat` decides alike).
    upstream = parent.alternatives if parent.choice else (parent.licences,)
    if parent.licences and own.alternatives:
        found.extend(run.adjust_all(inbound_choice(upstream, own.alternatives)))
    return tuple(found), max((template.severity.rank for template in found), default=0)


_NOTHING: dict[str, str] = {}
_new_tuple = tuple.__new__
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


def _inherit(
    run: _Run, passes: list[Mapping[str, str]], shapes: list[int], parents: tuple[int, ...]
) -> tuple[Mapping[str, str], int]:
    """What a model inherits from its parents (first parent first; never to be mutated), and its shape."""
    if not parents:
        return _NOTHING, 0
    if len(parents) == 1:
        return passes[parents[0]], shapes[parents[0]]
    inherited: dict[str, str] = {}
    for parent in parents:
        for licence_id, origin in passes[parent].items():
            inherited.setdefault(licence_id, origin)
    return inherited, run.merged(tuple(map(shapes.__getitem__, parents)))


def _provenance(known: Mapping[str, ModelEntry], model_id: str) -> str:
    """`` (checked DATE, source)`` for a model of the well-known table, when the table says."""
    found = getattr(known, "provenance", {}).get(_key(model_id))
    if found is None:
        return ""
    return f" (checked {found.checked}, {found.source})"


def _unknown_words(run: _Run, name: str | None) -> tuple[str, str]:
    """The RG308 message after the model, and its hint, for a licence name (the same for every model)."""
    words = run.unknown_words.get(name)
    if words is None:
        suggestions: tuple[str, ...] = run.catalogue.suggest(name) if name else ()
        what = f"the unknown licence `{name}`" if name else "no licence (nor a `license_name` beside `other`)"
        words = run.unknown_words[name] = (
            f" has {what}; what it inherits cannot be checked against it",
            "use a catalogue id or alias"
            + (f" (did you mean {', '.join(f'`{s}`' for s in suggestions)}?)" if suggestions else "")
            + ", or `licence_file` pointing at the licence text",
        )
    return words


def _placeholder(text: str | None) -> bool:
    return bool(text) and ("{model}" in text or "{upstream}" in text)  # type: ignore[operator]


def _unknown_row(run: _Run, name: str | None) -> Template | None:
    """RG308 as a template, unless the name would read as a placeholder in one."""
    if _placeholder(name):
        return None
    found = run.rows.get(("RG308", name))
    if found is None:
        message, hint = _unknown_words(run, name)
        found = run.rows[("RG308", name)] = Template("RG308", "{model}" + message, hint, name, name or "", None)
    return found


def _ambiguous_row(run: _Run, own: Licence) -> Template | None:
    """RG311 as a template, unless the licence id would read as a placeholder in one."""
    if _placeholder(own.id):
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


def _blocked_row(run: _Run, marker: str) -> Template | None:
    """RG319 for a model below an ancestor whose terms are unknown (the marker says why)."""
    key = ("RG319", marker)
    if key not in run.rows:
        if marker == _NONE:
            why, licence = "has no licence", None
        elif marker == _DANGLING:
            why, licence = "names a base model that is found nowhere", None
        else:
            name = marker[len(_UNKNOWN) :]
            why, licence = f"has the licence `{name}`, unknown to railguard", name
        template = None
        if not _placeholder(licence):
            template = run.adjust(
                Template(
                    "RG319",
                    f"what {{model}} inherits cannot be established: it is built on {{upstream}}, which {why}",
                    "find out the ancestor's licence and add it to the input (or to its card), then check again",
                    licence,
                    licence or "",
                    None,
                )
            )
        run.rows[key] = template
    return run.rows[key]


def _choice_row(run: _Run, chosen: tuple[str, ...], others: list[tuple[str, ...]]) -> Template | None:
    """RG350: the model honours what it inherits under one upstream choice only."""
    label = " AND ".join(_real(chosen)) or "one that binds nothing"
    rest = ", ".join(f"`{' AND '.join(_real(o)) or '(nothing)'}`" for o in others)
    return run.adjust(
        Template(
            "RG350",
            f"{{model}} honours what it inherits only if the upstream choice `{label}` is taken; "
            f"the other choices conflict ({rest})",
            "record in the card which licence the ancestor was taken under",
            None,
            label,
            None,
        )
    )


def _re_release_row(run: _Run, licence: str) -> Template | None:
    """RG325: a model published by the licensor of a licence it would inherit."""
    key = ("RG325", licence)
    if key not in run.rows:
        run.rows[key] = run.adjust(
            Template(
                "RG325",
                f"{{model}} is published by the licensor of `{licence}`, which it is built on (via {{upstream}}); "
                f"a licensor is not bound by its own licence, so `{licence}` does not pass down through it",
                "nothing to fix; if the organisation is not the licensor, correct `licensors:` in "
                "licences/_models.yaml",
                licence,
                licence,
                None,
            )
        )
    return run.rows[key]


def _unknown_licence(run: _Run, entry: ModelEntry) -> Finding:
    """RG308 for a model whose licence is missing or unknown (the same words for every model with that name)."""
    words = _unknown_words(run, entry.licence)
    return new_finding(
        "RG308",
        run.levels.get("RG308", _RG308),
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


def _conjunction_commercial(licences: tuple[Licence, ...]) -> bool | None:
    """Whether licences that apply together permit commercial use: only if each of them does."""
    values = [licence.commercial for licence in licences]
    if False in values:
        return False
    return None if None in values else True


def _inherits(run: _Run, decl: _Decl, inherited: tuple[str, ...], unknown: bool) -> Inherits:
    categories: set[str] = set()
    for licence_id in inherited:
        terms = run.terms[licence_id]
        if terms.flow_down or terms.unsettled:
            categories |= terms.categories
        if terms.non_commercial:
            categories.add("non-commercial")
    commercial: bool | None
    if not decl.alternatives:
        commercial = None
    elif decl.choice:
        # NOTE: users may take any alternative: commercial use is open when one of them allows it.
        values = [_conjunction_commercial(c) for c in decl.alternatives]
        commercial = True if True in values else None if None in values else False
    else:
        commercial = _conjunction_commercial(decl.licences)
    for licence_id in inherited:
        value = run.terms[licence_id].licence.commercial
        if value is False:
            commercial = False
        elif value is None and commercial is not False:
            commercial = None
    if (unknown or decl.unknown) and commercial is True:
        # NOTE: an unreadable or missing licence up the chain may forbid commercial use.
        commercial = None
    governing = tuple(sorted(set(inherited) | {licence.id for licence in decl.licences}))
    return Inherits(tuple(sorted(categories)), governing, commercial)
