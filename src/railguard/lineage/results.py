"""The engine's results, kept compact enough for millions of models and tens of millions of findings.

A lineage of the Hub's size yields several findings per model. Built as objects with their
messages written out they would need many gigabytes, so the engine keeps, per model, only the
finding *templates* that apply to it (shared by every model with the same licences) and where its
inherited licences came from; a finding's message is written when it is read. A model's result
likewise shares its inheritance with every model that inherits the same. Both read as ordinary
sequences, in the same stable order as before: models by id, findings by ``Finding.sort_key``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from operator import attrgetter, itemgetter, le, lt
from typing import NamedTuple, TypeVar, overload

from railguard.lineage.checks import Template
from railguard.lineage.model import ModelEntry, ModelResult
from railguard.model import Finding, Severity

T = TypeVar("T")

#: Templates that apply to a model, each with the licence whose origin it names (``None``: none).
Shared = tuple[tuple[Template, str | None], ...]
#: Templates that apply to one model only, each with the upstream model it names.
Own = tuple[tuple[Template, str], ...]


@dataclass(frozen=True, slots=True)
class Inherits:
    """The parts of a model's result that depend only on its licence and what it inherits."""

    restrictions: tuple[str, ...]
    governing: tuple[str, ...]
    commercial: bool | None


class Pending(NamedTuple):
    """A model's findings, not yet written: templates plus what they are stamped with.

    A named tuple rather than a frozen dataclass: millions are built, and a tuple is built fastest.
    """

    entry: ModelEntry
    shared: Shared
    #: the naming duties the model's name does not meet, as ``shared`` (its origin names the upstream).
    named: Shared
    own: Own
    #: licence id -> the model it was inherited from (shared along chains; never mutated).
    origins: Mapping[str, str]

    def size(self) -> int:
        """The number of findings."""
        return len(self.shared) + len(self.named) + len(self.own)

    def stamps(self) -> Iterator[tuple[Template, str | None]]:
        """Each template with the upstream its message names."""
        origins = self.origins
        for template, licence_id in self.shared:
            yield template, (origins[licence_id] if licence_id is not None else None)
        for template, licence_id in self.named:
            yield template, (origins[licence_id] if licence_id is not None else None)
        yield from self.own


_new_tuple = tuple.__new__


def new_pending(entry: ModelEntry, shared: Shared, named: Shared, own: Own, origins: Mapping[str, str]) -> Pending:
    """``Pending(...)``, built fast (without the named tuple's own constructor)."""
    return _new_tuple(Pending, (entry, shared, named, own, origins))


class ModelResults(Sequence[ModelResult]):
    """Every model's result, ordered by id; each :class:`ModelResult` is built when read."""

    __slots__ = ("_entries", "_inherits", "_licences", "_n_input", "_order")

    def __init__(
        self,
        entries: Sequence[ModelEntry],
        licences: Sequence[str | None],
        inherits: Sequence[Inherits],
        n_input: int,
        order: Sequence[int],
    ) -> None:
        self._entries = entries
        self._licences = licences
        self._inherits = inherits
        self._n_input = n_input
        self._order = order

    def __len__(self) -> int:
        return len(self._order)

    def __eq__(self, other: object) -> bool:
        # NOTE: equal to any sequence with the same items, so results compare as tuples did.
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
            return [self._result(i) for i in self._order[index]]
        return self._result(self._order[index])

    def __iter__(self) -> Iterator[ModelResult]:
        result = self._result
        for i in self._order:
            yield result(i)

    def rows(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[ModelEntry, str | None, Inherits, bool]]:
        """(entry, licence, inheritance, from the well-known table) in order, for fast renderers."""
        entries, licences, inherits, n_input = self._entries, self._licences, self._inherits, self._n_input
        for i in islice(self._order, start, stop):
            entry = entries[i]
            yield entry, licences[i], inherits[i], i >= n_input and not entry.hub

    def columns(
        self,
    ) -> tuple[Sequence[ModelEntry], Sequence[str | None], Sequence[Inherits], int, Sequence[int]]:
        """(entries, licences, inheritances, the number of input models, the order by id), for fast renderers.

        Model ``order[k]`` is the k-th by id; it is from the well-known table when its position is
        at least the number of input models and it is not from the Hub.
        """
        return self._entries, self._licences, self._inherits, self._n_input, self._order

    def _result(self, i: int) -> ModelResult:
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
        )


def _written(template: Template, message: str, upstream: str | None, entry: ModelEntry) -> Finding:
    return template.finding(message, entry.id, upstream, entry.file, entry.line)


def _as_is(finding: Finding) -> Finding:
    return finding


def _place(entry: ModelEntry) -> tuple[str, int]:
    return entry.file or "", entry.line or 0


def _in_place_order(entries: list[ModelEntry]) -> tuple[bool, bool]:
    """Whether the entries are in (file, line) order, and whether no two of them share a place."""
    # NOTE: one file and ascending lines (a table in line order) is checked without a Python call per entry.
    files = set(map(attrgetter("file"), entries))
    if len(files) <= 1:
        lines = list(map(attrgetter("line"), entries))
        if None not in lines:
            ordered = all(map(le, lines, islice(lines, 1, None)))
            return ordered, ordered and all(map(lt, lines, islice(lines, 1, None)))
    ordered = not any(_place(a) > _place(b) for a, b in pairwise(entries))
    return ordered, ordered and not any(_place(a) == _place(b) for a, b in pairwise(entries))


def _finding_place(finding: Finding) -> tuple[str, int]:
    return finding.file or "", finding.line or 0


class FindingSet(Sequence[Finding]):
    """Every finding of a lineage in ``Finding.sort_key`` order, written as it is read.

    ``pending`` are the engine's per-model findings, ``loose`` the few findings built outright
    (unknown licences, cycles, bad input records).
    """

    __slots__ = ("_apart", "_count", "_loose", "_materialised", "_pending", "_worst")

    def __init__(self, pending: list[Pending], loose: list[Finding], tally: tuple[int, int] | None = None) -> None:
        """``tally``: the number of pending findings and their worst severity rank (-1: none), when known."""
        # NOTE: Finding.sort_key leads with (file, line): order the models by where they were
        # declared, then each place's few findings fully. Input is usually in line order
        # already, which the sort detects in one pass.
        ordered, apart = _in_place_order(list(map(attrgetter("entry"), pending)))
        if not ordered:
            pending.sort(key=lambda p: _place(p.entry))
            apart = _in_place_order(list(map(attrgetter("entry"), pending)))[1]
        #: no two models at one place (a table: one file, lines ascending), as parts() needs.
        self._apart = apart
        loose.sort(key=Finding.sort_key)
        self._pending = pending
        self._loose = loose
        worst = max((f.severity.rank for f in loose), default=-1)
        count = len(loose)
        if tally is not None:
            count += tally[0]
            worst = max(worst, tally[1])
        else:
            ranks: dict[int, int] = {}
            for item in pending:
                count += item.size()
                key = id(item.shared)
                rank = ranks.get(key)
                if rank is None:
                    rank = ranks[key] = max((t.severity.rank for t, _ in item.shared), default=-1)
                if rank > worst:
                    worst = rank
                for template, _ in (*item.named, *item.own):
                    worst = max(worst, template.severity.rank)
        self._count = count
        self._worst = worst
        self._materialised: tuple[Finding, ...] | None = None

    def __len__(self) -> int:
        return self._count

    def __eq__(self, other: object) -> bool:
        # NOTE: equal to any sequence with the same items, so results compare as tuples did.
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def worst(self) -> Severity | None:
        """The most severe finding's severity, ``None`` when there are none; no message is written."""
        return tuple(Severity)[self._worst] if self._worst >= 0 else None

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        # NOTE: random access writes every finding once; iteration is what reports use.
        if self._materialised is None:
            self._materialised = tuple(self)
        return self._materialised[index]

    def __iter__(self) -> Iterator[Finding]:
        return self.walk(_written, _as_is)

    def walk(
        self,
        pending: Callable[[Template, str, str | None, ModelEntry], T],
        loose: Callable[[Finding], T],
        whole: Callable[[Pending, list[Finding]], T | None] | None = None,
        part: tuple[int, int, int, int] | None = None,
    ) -> Iterator[T]:
        """Each finding in order, through ``pending(template, message, upstream, entry)`` or ``loose(finding)``.

        ``whole(item, here)``, when given, may stand for all the findings of a model alone at its
        place, ``here`` being the loose findings at that place (in order): its value is yielded
        instead of theirs, unless it is ``None``. ``part`` limits the walk to one of the
        :meth:`parts`.
        """
        items, extra = self._pending, self._loose
        start, stop, j, loose_stop = part if part is not None else (0, len(items), 0, len(extra))
        next_loose = _finding_place(extra[j]) if j < loose_stop else None
        place = _place(items[start].entry) if start < stop else None
        for i in range(start, stop):
            item = items[i]
            assert place is not None
            while next_loose is not None and next_loose < place:
                yield loose(extra[j])
                j += 1
                next_loose = _finding_place(extra[j]) if j < loose_stop else None
            if i + 1 < len(items):
                after = items[i + 1].entry
                following: tuple[str, int] | None = (after.file or "", after.line or 0)
            else:
                following = None
            if following == place:
                # NOTE: several models at one place (entries without file and line): the general path.
                yield from self._together(i, j, pending, loose)
                return
            here: list[Finding] = []
            while next_loose == place:
                here.append(extra[j])
                j += 1
                next_loose = _finding_place(extra[j]) if j < loose_stop else None
            if whole is not None:
                done = whole(item, here)
                if done is not None:
                    yield done
                    place = following
                    continue
            entry = item.entry
            quoted = f"`{entry.id}`"
            origins = item.origins
            rows: list[tuple[str, Template, str | None]] = []
            for template, lid in item.shared:
                up = origins[lid] if lid is not None else None
                rows.append((template.lineage_message(quoted, up), template, up))
            for template, lid in item.named:
                up = origins[lid] if lid is not None else None
                rows.append((template.lineage_message(quoted, up), template, up))
            if item.own:
                rows.extend((template.lineage_message(quoted, up), template, up) for template, up in item.own)
            if here:
                # NOTE: a loose finding about the same model (an unknown licence): merge by full keys.
                mixed: list[_Row] = [((), template, message, up, entry) for message, template, up in rows]
                mixed.extend(((), None, "", None, finding) for finding in here)
                yield from _in_order(mixed, pending, loose)
            else:
                if len(rows) > 1:
                    # NOTE: file, line, col and model are the same for all: the rest of Finding.sort_key.
                    rows.sort(key=_short_key)
                for message, template, up in rows:
                    yield pending(template, message, up, entry)
            place = following
        for finding in extra[j:loose_stop]:
            yield loose(finding)

    def parts(self, size: int) -> list[tuple[int, int, int, int]]:
        """The walk cut into parts of about ``size`` models: (first, end, first loose, end loose) each.

        Walked one after the other they give the whole walk; a lineage with several models at
        one place is one part.
        """
        items, extra = self._pending, self._loose
        if len(items) <= size or not self._apart:
            return [(0, len(items), 0, len(extra))]
        loose_places = [_finding_place(finding) for finding in extra]
        cuts = list(range(0, len(items), size))
        # NOTE: a part ends with the loose findings placed before the next part's first model.
        ends = [bisect_left(loose_places, _place(items[cut].entry)) for cut in cuts[1:]] + [len(extra)]
        return [(cut, min(cut + size, len(items)), ends[k - 1] if k else 0, ends[k]) for k, cut in enumerate(cuts)]

    def _together(
        self,
        i: int,
        j: int,
        pending: Callable[[Template, str, str | None, ModelEntry], T],
        loose: Callable[[Finding], T],
    ) -> Iterator[T]:
        """From pending item ``i`` and loose finding ``j`` on, merging places with full sort keys."""
        items, extra = self._pending, self._loose
        while i < len(items) or j < len(extra):
            if j >= len(extra) or (i < len(items) and _place(items[i].entry) <= _finding_place(extra[j])):
                place = _place(items[i].entry)
            else:
                place = _finding_place(extra[j])
            rows: list[_Row] = []
            while i < len(items) and _place(items[i].entry) == place:
                entry = items[i].entry
                for template, upstream in items[i].stamps():
                    rows.append(((), template, template.message_for(entry.id, upstream), upstream, entry))
                i += 1
            while j < len(extra) and _finding_place(extra[j]) == place:
                rows.append(((), None, "", None, extra[j]))
                j += 1
            yield from _in_order(rows, pending, loose)


def _in_order(
    rows: list[_Row],
    pending: Callable[[Template, str, str | None, ModelEntry], T],
    loose: Callable[[Finding], T],
) -> Iterator[T]:
    if len(rows) > 1:
        rows = [(_row_key(row), *row[1:]) for row in rows]
        rows.sort(key=itemgetter(0))
    for _, written, message, upstream, subject in rows:
        if written is None:
            assert isinstance(subject, Finding)
            yield loose(subject)
        else:
            assert isinstance(subject, ModelEntry)
            yield pending(written, message, upstream, subject)


def _short_key(row: tuple[str, Template, str | None]) -> tuple[str, str, str, str]:
    message, template, _ = row
    return (template.code, template.licence or "", template.category or "", message)


#: (sort key, template or None for a loose finding, message, upstream, entry or loose finding)
_Row = tuple[tuple[object, ...], Template | None, str, str | None, ModelEntry | Finding]


def _row_key(row: _Row) -> tuple[object, ...]:
    _, template, message, _, subject = row
    if template is None:
        assert isinstance(subject, Finding)
        return subject.sort_key()
    assert isinstance(subject, ModelEntry)
    # NOTE: the same key as Finding.sort_key, without building the finding.
    return (
        subject.file or "",
        subject.line or 0,
        0,
        subject.id,
        template.code,
        template.licence or "",
        template.category or "",
        message,
    )
