"""The engine's results, packaged so that a lineage of any size reads in bounded memory.

A lineage of the Hub's size yields several findings per model, and most of them are the same for
every model with the same declared licence and the same inherited licences. The engine therefore
keeps per model only the finding *templates* that apply to it (shared by every model in the same
situation) and where its inherited licences came from; a finding's message is written when it is
read. The output contract (schema version 2) has the same shape: what follows from a set of
governing licences is stated once, as *terms*, each finding once as a *kind*, and every model
refers to them.

:class:`Audit` is the view the formatters read. ``LineageResult.findings`` (a :class:`FindingSet`)
still reads as a plain sequence of findings for library callers.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, NamedTuple, overload

from railguard.lineage.model import ModelEntry, ModelResult
from railguard.model import Finding, Severity

if TYPE_CHECKING:
    from railguard.lineage.checks import Template
    from railguard.lineage.model import LineageResult

#: Templates that apply to a model, each with the licence whose origin it names (``None``: none).
Shared = tuple[tuple["Template", str | None], ...]
#: Templates that apply to one model only, each with the upstream model it names.
Own = tuple[tuple["Template", str], ...]


@dataclass(frozen=True, slots=True)
class Inherits:
    """The parts of a model's result that depend only on its licence and what it inherits."""

    restrictions: tuple[str, ...]
    governing: tuple[str, ...]
    commercial: bool | None


class Passed(dict[str, str]):
    """What a model hands its children (licence id -> the model it came from): the mapping it
    inherits, ``base``, with its own licences added. Never mutated once built."""

    __slots__ = ("base", "licences", "model")

    def __init__(self, base: Mapping[str, str], model: str, licences: Sequence[str]) -> None:
        super().__init__(base)
        self.base, self.model, self.licences = base, model, licences
        for licence in licences:
            self[licence] = model

    def changes(self) -> dict[str, str]:
        """What this mapping adds to ``base`` (or changes in it)."""
        return dict.fromkeys(self.licences, self.model)


class Pending(NamedTuple):
    """A model's findings, not yet written: templates plus what they are stamped with."""

    entry: ModelEntry
    shared: Shared
    #: the naming duties the model's name does not meet, as ``shared`` (its origin names the upstream).
    named: Shared
    own: Own
    #: licence id -> the model it was inherited from (shared along chains; never mutated).
    origins: Mapping[str, str]


class ModelResults(Sequence[ModelResult]):
    """Every model's result, ordered by id; each :class:`ModelResult` is built when read.

    ``order`` lists positions by model id, or is a function that does: the formatters read the
    models by position (input order), so a run that only writes them never sorts millions of ids.
    """

    __slots__ = ("_entries", "_inherits", "_licences", "_n_input", "_order")

    def __init__(
        self,
        entries: Sequence[ModelEntry],
        licences: Sequence[str | None],
        inherits: Sequence[Inherits],
        n_input: int,
        order: Sequence[int] | Callable[[], Sequence[int]],
    ) -> None:
        self._entries = entries
        self._licences = licences
        self._inherits = inherits
        self._n_input = n_input
        self._order = order

    @property
    def order(self) -> Sequence[int]:
        """Positions by model id (worked out when first read)."""
        if callable(self._order):
            self._order = self._order()
        return self._order

    def __len__(self) -> int:
        return len(self._entries)

    def __eq__(self, other: object) -> bool:
        # NOTE: equal to any sequence with the same items, so results compare as tuples do.
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    @overload
    def __getitem__(self, index: int) -> ModelResult: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ModelResult]: ...
    def __getitem__(self, index: int | slice) -> ModelResult | Sequence[ModelResult]:
        if isinstance(index, slice):
            return [self.result(i) for i in self.order[index]]
        return self.result(self.order[index])

    def __iter__(self) -> Iterator[ModelResult]:
        for i in self.order:
            yield self.result(i)

    def columns(self) -> tuple[Sequence[ModelEntry], Sequence[str | None], Sequence[Inherits], int]:
        """(entries, licences, inheritances by position, the number of input models)."""
        return self._entries, self._licences, self._inherits, self._n_input

    def result(self, i: int) -> ModelResult:
        """The result of the model at position ``i``."""
        entry, found = self._entries[i], self._inherits[i]
        return ModelResult(
            id=entry.id,
            licence=self._licences[i],
            base_models=entry.base_models,
            relation=entry.relation,
            inherited_restrictions=found.restrictions,
            governing_licences=found.governing,
            commercial=found.commercial,
            known=i >= self._n_input and not entry.hub,
            hub=entry.hub,
            declared=entry.declared,
        )


class Kind:
    """A finding stated once: everything but the model it is about and the upstream it names.

    ``message`` is the contract's form, a format string: ``{model}`` and ``{upstream}`` stand for
    the model and the upstream in backticks, and literal braces are doubled. :meth:`text` writes it
    out for one model.
    """

    __slots__ = (
        "_literal",
        "_template",
        "categories",
        "clause",
        "code",
        "hint",
        "inherited",
        "licence",
        "message",
        "severity",
    )

    def __init__(
        self,
        code: str,
        severity: Severity,
        message: str,
        hint: str | None,
        licence: str | None,
        inherited: str | None,
        clause: str | None,
        categories: tuple[str, ...],
        template: Template | None = None,
        literal: str | None = None,
    ) -> None:
        self.code = code
        self.severity = severity
        self.message = message
        self.hint = hint
        self.licence = licence
        self.inherited = inherited
        self.clause = clause
        self.categories = categories
        self._template = template
        self._literal = literal

    @classmethod
    def of_template(cls, template: Template) -> Kind:
        """The kind of every finding stamped from ``template``."""
        message = template.message.replace("{", "{{").replace("}", "}}")
        message = message.replace("{{model}}", "{model}").replace("{{upstream}}", "{upstream}")
        return cls(
            template.code,
            template.severity,
            message,
            template.hint,
            template.licence,
            template.inherited or None,
            template.clause,
            tuple(template.categories),
            template=template,
        )

    @classmethod
    def of_finding(cls, finding: Finding) -> Kind:
        """The kind of a finding built outright: its message names everything already."""
        return cls(
            finding.code,
            finding.severity,
            finding.message.replace("{", "{{").replace("}", "}}"),
            finding.hint,
            finding.licence,
            None,
            finding.clause,
            finding.categories,
            literal=finding.message,
        )

    def text(self, model: str | None, upstream: str | None) -> str:
        """The message for ``model`` (its id) naming ``upstream``."""
        if self._literal is not None:
            return self._literal
        assert self._template is not None
        return self._template.message_for(model, upstream)

    def sort_key(self) -> tuple[str, str, str, str, tuple[str, ...], str]:
        """The order kinds are numbered in: the same input gives the same numbers."""
        return (self.code, self.message, self.licence or "", self.inherited or "", self.categories, self.clause or "")

    def finding(self, text: str, entry: ModelEntry | None, upstream: str | None) -> Finding:
        """The finding about ``entry`` with its message ``text`` written."""
        return Finding(
            self.code,
            self.severity,
            text,
            self.hint,
            entry.file if entry is not None else None,
            entry.line if entry is not None else None,
            None,
            entry.id if entry is not None else None,
            self.licence,
            upstream,
            self.clause,
            self.categories,
        )


#: One of a model's findings: its kind, the upstream it names, its message written out.
Row = tuple[Kind, str | None, str]
_SEVERITIES = tuple(Severity)


@dataclass(slots=True)
class Tally:
    """Counts over a whole lineage, worked out without writing a message."""

    #: findings by severity (every finding, standalone ones included).
    findings: dict[Severity, int] = field(default_factory=lambda: dict.fromkeys(Severity, 0))
    #: models by the worst severity of their findings; ``None``: models without any.
    models: dict[Severity | None, int] = field(default_factory=lambda: dict.fromkeys((*Severity, None), 0))
    #: per code: (findings, models).
    codes: dict[str, list[int]] = field(default_factory=dict)
    #: per kind: the number of models it applies to.
    kinds: Counter[Kind] = field(default_factory=Counter)

    def worst(self) -> Severity | None:
        """The most severe finding's severity."""
        return next((s for s in reversed(Severity) if self.findings[s]), None)

    def add(self, kinds: Sequence[Kind], count: int) -> None:
        """Count ``count`` models whose findings are one each of ``kinds``."""
        if not kinds:
            self.models[None] += count
            return
        self.models[max(kinds, key=attrgetter("severity.rank")).severity] += count
        codes: dict[str, int] = {}
        for kind in kinds:
            self.findings[kind.severity] += count
            codes[kind.code] = codes.get(kind.code, 0) + 1
        for kind in set(kinds):
            self.kinds[kind] += count
        for code, n in codes.items():
            counts = self.codes.setdefault(code, [0, 0])
            counts[0] += n * count
            counts[1] += count

    def add_more(self, base: tuple[Severity | None, set[Kind], set[str]], more: Sequence[Kind], count: int) -> None:
        """Add ``more`` findings to ``count`` models already counted with their ``base`` findings.

        ``base``: those findings' worst severity (``None``: none), kinds and codes.
        """
        worst, kinds, codes = base
        top = max(more, key=attrgetter("severity.rank")).severity
        if worst is None or top.rank > worst.rank:
            self.models[worst] -= count
            self.models[top] += count
        added: set[str] = set()
        for kind in more:
            self.findings[kind.severity] += count
            counts = self.codes.setdefault(kind.code, [0, 0])
            counts[0] += count
            if kind.code not in codes and kind.code not in added:
                added.add(kind.code)
                counts[1] += count
        for kind in set(more) - kinds:
            self.kinds[kind] += count

    def add_standalone(self, findings: Sequence[Finding]) -> None:
        """Count the findings about no model."""
        for finding in findings:
            self.findings[finding.severity] += 1
            self.codes.setdefault(finding.code, [0, 0])[0] += 1


class Audit:
    """A lineage's findings as the formatters read them: per model, by position.

    Positions are the engine's: the input's models in input order, then the models added from the
    table of well-known models (or the Hub); the formatters write models in that order.
    """

    def __init__(
        self,
        models: ModelResults,
        pending: Sequence[Pending | None],
        loose: Sequence[Finding],
    ) -> None:
        self.entries, self.licences, self.inherits, self.n_input = models.columns()
        self.results = models
        self.pending = pending
        self._kinds: dict[int, Kind] = {}
        self._loose_kinds: dict[Finding, Kind] = {}
        #: findings built outright about a model at its place, by position.
        self.attached: dict[int, list[Finding]] = {}
        #: findings about no model of the graph (bad records, run-level findings), in order.
        self.standalone: list[Finding] = []
        about = [f for f in loose if f.model is not None]
        index: dict[str, int] = {}
        if about:
            # NOTE: only the ids the findings name: an index of every id would hold millions of entries.
            wanted = {f.model.strip().lower() for f in about if f.model is not None}
            keys = map(str.lower, map(str.strip, map(attrgetter("id"), self.entries)))
            index = {key: i for i, key in enumerate(keys) if key in wanted}
        for finding in loose:
            position = index.get(finding.model.strip().lower()) if finding.model is not None else None
            if position is not None:
                entry = self.entries[position]
                if finding.file == entry.file and finding.line == entry.line and finding.col is None:
                    self.attached.setdefault(position, []).append(finding)
                    continue
            self.standalone.append(finding)
        self.standalone.sort(key=Finding.sort_key)
        self._tally: Tally | None = None
        self._situations: tuple[array[int], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def kind(self, template: Template) -> Kind:
        """The kind of ``template`` (one per template)."""
        found = self._kinds.get(id(template))
        if found is None:
            # NOTE: keyed by identity: the result holds every template for as long as this lives.
            found = self._kinds[id(template)] = Kind.of_template(template)
        return found

    def loose_kind(self, finding: Finding) -> Kind:
        """The kind of a finding built outright (equal findings share one)."""
        found = self._loose_kinds.get(finding)
        if found is None:
            found = self._loose_kinds[finding] = Kind.of_finding(finding)
        return found

    def shared(self, position: int) -> Shared:
        """The templates that follow from the model's terms, each with the licence its upstream came with."""
        item = self.pending[position] if position < len(self.pending) else None
        return item.shared if item is not None else ()

    def origins(self, position: int) -> Mapping[str, str]:
        """Each inherited licence of the model and the model it was inherited from."""
        item = self.pending[position] if position < len(self.pending) else None
        return item.origins if item is not None else {}

    def own(self, position: int, attached: bool = True, least: int = 0) -> list[tuple[Kind, str | None]]:
        """The model's own findings (those its terms do not imply), each with the upstream it names.

        ``attached``: with the findings built outright about the model; ``least``: only those of at
        least this severity rank.
        """
        out: list[tuple[Kind, str | None]] = []
        item = self.pending[position] if position < len(self.pending) else None
        if item is not None:
            kind = self.kind
            for template, lid in item.named:
                if template.severity.rank >= least:
                    out.append((kind(template), item.origins[lid] if lid is not None else None))
            for template, upstream in item.own:
                if template.severity.rank >= least:
                    out.append((kind(template), upstream))
        if attached:
            for finding in self.attached.get(position, ()):
                if finding.severity.rank >= least:
                    out.append((self.loose_kind(finding), finding.upstream))
        return out

    def rows(self, position: int) -> list[Row]:
        """Every finding of the model, in report order: code, licence, categories, message."""
        entry = self.entries[position]
        item = self.pending[position] if position < len(self.pending) else None
        found: list[Row] = []
        if item is not None:
            kind, origins, model = self.kind, item.origins, entry.id
            for template, lid in item.shared:
                up = origins[lid] if lid is not None else None
                found.append((kind(template), up, template.message_for(model, up)))
        for one, up in self.own(position):
            found.append((one, up, one.text(entry.id, up)))
        if len(found) > 1:
            found.sort(key=_row_key)
        return found

    def findings_of(self, position: int) -> Iterator[Finding]:
        """The model's findings as :class:`Finding` values."""
        entry = self.entries[position]
        for one, up, text in self.rows(position):
            yield one.finding(text, entry, up)

    def tally(self) -> Tally:
        """Counts of findings and models by severity, code and kind (worked out once)."""
        if self._tally is None:
            self._tally = self._count()
        return self._tally

    def situations(self) -> tuple[array[int], list[int]]:
        """Per model of :attr:`pending`, the number of its situation (-1: no findings pending), and
        per situation its first model (worked out once).

        Models in the same situation have the same findings but for the ids they name, and the same
        heading but for their own id and place: the same shared and naming tuples, the same
        templates of findings of their own, the same licence and inheritance. The counts and the
        text are worked out once per situation, not once per model.
        """
        if self._situations is None:
            inherits, licences = self.inherits, self.licences
            first = itemgetter(0)
            numbers: dict[tuple[object, ...], int] = {}
            of = array("i")
            firsts: list[int] = []
            for position, item in enumerate(self.pending):
                if item is None:
                    of.append(-1)
                    continue
                key: tuple[object, ...] = (id(item.shared), id(item.named), id(inherits[position]), licences[position])
                if item.own:
                    key = (*key, *map(id, map(first, item.own)))
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = len(firsts)
                    firsts.append(position)
                of.append(number)
            self._situations = (of, firsts)
        return self._situations

    def _count(self) -> Tally:
        tally = Tally()
        # NOTE: models in the same situation have the same findings: count the situations, then each once.
        of, firsts = self.situations()
        counts = Counter(of)
        for position in self.attached:
            if position < len(of) and of[position] >= 0:
                counts[of[position]] -= 1
        # NOTE: the situations without findings of their own first, in the order of their shared
        # tuples' first models, then the others: HTML's charts break ties by the order kinds were
        # first counted in.
        pending = self.pending
        items = [pending[position] for position in firsts]
        shared_order = dict.fromkeys(map(id, map(attrgetter("shared"), filter(None, pending))))
        rank = {key: number for number, key in enumerate(shared_order)}
        plain = [s for s, item in enumerate(items) if item is not None and not (item.named or item.own)]
        plain.sort(key=lambda s: rank[id(self.shared(firsts[s]))])
        others = [s for s, item in enumerate(items) if item is not None and (item.named or item.own)]
        counted = 0
        for situation in plain + others:
            count = counts[situation]
            if count:
                tally.add([k for k, _ in self._refs(firsts[situation], attached=False)], count)
                counted += count
        for position in self.attached:
            tally.add([k for k, _ in self._refs(position)], 1)
            counted += 1
        tally.models[None] += len(self.entries) - counted
        tally.add_standalone(self.standalone)
        return tally

    def _refs(self, position: int, attached: bool = True) -> list[tuple[Kind, str | None]]:
        return [(self.kind(t), None) for t, _ in self.shared(position)] + self.own(position, attached)

    def worst_of(self, position: int) -> Severity | None:
        """The worst severity among the model's findings."""
        ranks = [self.kind(t).severity.rank for t, _ in self.shared(position)]
        ranks.extend(kind.severity.rank for kind, _ in self.own(position))
        return _SEVERITIES[max(ranks)] if ranks else None


def _row_key(row: Row) -> tuple[str, str, tuple[str, ...], str]:
    kind, _, text = row
    return (kind.code, kind.licence or "", kind.categories, text)


class FindingSet(Sequence[Finding]):
    """Every finding of a lineage in ``Finding.sort_key`` order, written out when first read.

    ``pending`` are the engine's per-model findings by position, ``loose`` the findings built
    outright (unknown licences of well-known models, cycles, bad input records). Reading them as a
    sequence writes every message; the formatters read :attr:`audit` instead, model by model.
    """

    __slots__ = ("_audit", "_loose", "_materialised", "_pending", "_tally")

    def __init__(self, pending: Sequence[Pending | None], loose: Sequence[Finding], tally: tuple[int, int]) -> None:
        """``tally``: the number of pending findings and their worst severity rank (-1: none)."""
        self._pending = pending
        self._loose = list(loose)
        self._tally = tally
        self._audit: Audit | None = None
        self._materialised: tuple[Finding, ...] | None = None

    def bind(self, models: ModelResults) -> None:
        """Give the findings the models they are about (the engine does this once)."""
        self._audit = Audit(models, self._pending, self._loose)

    @property
    def audit(self) -> Audit:
        """The view the formatters read."""
        assert self._audit is not None, "FindingSet.bind() was not called"
        return self._audit

    @property
    def loose(self) -> Sequence[Finding]:
        """The findings built outright."""
        return self._loose

    def with_loose(self, loose: Sequence[Finding]) -> FindingSet:
        """The same findings with the findings built outright replaced (``--hub`` rewrites some)."""
        found = FindingSet(self._pending, loose, self._tally)
        found.bind(self.audit.results)
        return found

    def __len__(self) -> int:
        return self._tally[0] + len(self._loose)

    def __eq__(self, other: object) -> bool:
        # NOTE: equal to any sequence with the same items, so results compare as tuples do.
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def worst(self) -> Severity | None:
        """The most severe finding's severity, ``None`` when there are none; no message is written."""
        worst = max([self._tally[1], *(f.severity.rank for f in self._loose)])
        return _SEVERITIES[worst] if worst >= 0 else None

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        return self._written()[index]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._written())

    def _written(self) -> tuple[Finding, ...]:
        if self._materialised is None:
            audit = self.audit
            found = [f for position in range(len(audit)) for f in audit.findings_of(position)]
            found.extend(audit.standalone)
            found.sort(key=Finding.sort_key)
            self._materialised = tuple(found)
        return self._materialised


def audit_of(result: LineageResult) -> Audit:
    """The :class:`Audit` of any lineage result, also one built by hand from plain sequences."""
    findings = result.findings
    if isinstance(findings, FindingSet):
        return findings.audit
    from railguard.lineage.model import ModelEntry as Entry

    # NOTE: the models from the table of well-known models go last, as the engine places them.
    models = sorted(result.models, key=attrgetter("known"))
    entries = [Entry(m.id, m.licence, m.base_models, m.relation, hub=m.hub) for m in models]
    inherits = [Inherits(m.inherited_restrictions, m.governing_licences, m.commercial) for m in models]
    n_input = sum(1 for m in models if not m.known)
    order = sorted(range(len(models)), key=lambda i: models[i].id.lower())
    return Audit(ModelResults(entries, [m.licence for m in models], inherits, n_input, order), [], list(findings))
