"""The compact ``lineage --format json`` document of a Hub-sized lineage, written fast in bounded memory.

Millions of models make gigabytes of JSON, so the document is written as bytes (UTF-8; lone
surrogates pass through and are settled when written, see :func:`write_lineage_json`) in numbered
parts, and most of its text comes from %-formats built once:

- a model's entry: one format per licence, relation, inheritance and flags, filled with its id
  and base models;
- a model's findings: one format per set of templates (the same licence, the same inherited
  licences, parents under the same licences), with the findings already in report order, filled
  with its id, place and the upstream ids the messages name.

Every value is encoded by the json module's own string encoder, so the bytes are those of
``document(**lineage_json(result))`` (see :mod:`railguard.report.lineage`).
"""

from __future__ import annotations

import codecs
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cmp_to_key
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any, TextIO

from railguard.bulk import no_cycle_collection
from railguard.lineage.checks import Template
from railguard.lineage.model import LineageResult, ModelEntry, ModelResult
from railguard.lineage.results import FindingSet, Inherits, ModelResults, Pending
from railguard.model import Finding, Severity
from railguard.report.jsonout import SCHEMA_VERSION

__all__ = ["lineage_json_pieces", "write_lineage_json"]

#: how the parts are encoded: lone surrogates survive, so decoding gives back the text exactly.
_UTF8 = ("utf-8", "surrogatepass")


def lineage_json_pieces(result: LineageResult, batch: int = 5_000) -> Iterator[str]:
    """The compact ``lineage --format json`` document in pieces, byte for byte what
    ``document(**lineage_json(result))`` gives for a large result, in bounded memory.

    ``batch`` is the number of models in a piece.
    """
    with no_cycle_collection():
        parts = _JsonParts(result, batch)
        yield parts.head
        for number in range(len(parts)):
            yield parts.render(number).decode(*_UTF8)
        yield parts.tail


#: Above this many models and findings, the document is rendered by two processes where they can fork.
FORK_ABOVE = 500_000


def write_lineage_json(result: LineageResult, stream: TextIO, batch: int = 5_000, fork: bool | None = None) -> None:
    """Write :func:`lineage_json_pieces` to ``stream``, as bytes to its buffer when it writes UTF-8.

    A large document (``fork``: ``None`` decides by :data:`FORK_ABOVE`) written to a file
    descriptor is rendered by two processes in turns (:mod:`railguard.report.turns`); the bytes
    are the same.
    """
    with no_cycle_collection():
        parts = _JsonParts(result, batch)
        stream.write(parts.head)
        raw = _utf8_buffer(stream)
        if fork is None:
            fork = len(result.models) + len(result.findings) > FORK_ABOVE
        fd = _fileno(stream) if raw is not None and fork and len(parts) > 2 else None
        if fd is not None and _forked(parts, stream, fd):
            return
        flushed = False
        for number in range(len(parts)):
            data = parts.render(number)
            # NOTE: a lone surrogate (its bytes begin with 0xED) goes through the stream, which
            # settles it as its error handler says; anything else is the same bytes either way.
            if raw is not None and b"\xed" not in data:
                if not flushed:
                    stream.flush()
                    flushed = True
                raw.write(data)
            else:
                stream.write(data.decode(*_UTF8))
                flushed = False
        stream.write(parts.tail)
        stream.flush()


def _forked(parts: _JsonParts, stream: TextIO, fd: int) -> bool:
    """Write the parts and the tail to ``fd`` from two processes; ``False`` (nothing written) if they cannot fork."""
    from railguard.report.turns import can_fork, write_in_turns

    if not can_fork():
        return False
    stream.flush()
    errors = stream.errors or "strict"

    def render(number: int) -> bytes:
        data = parts.render(number)
        if b"\xed" in data:
            # NOTE: a lone surrogate, as the stream would write it (or fail to).
            data = data.decode(*_UTF8).encode("utf-8", errors)
        return data

    write_in_turns(render, len(parts), fd)
    stream.write(parts.tail)
    stream.flush()
    return True


def _fileno(stream: TextIO) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def _utf8_buffer(stream: TextIO) -> Any:
    """The binary buffer under ``stream`` when the stream writes UTF-8, else ``None``."""
    try:
        if codecs.lookup(stream.encoding).name != "utf-8":
            return None
    except (AttributeError, LookupError, TypeError):
        return None
    return getattr(stream, "buffer", None)


class _JsonParts:
    """The body of the compact JSON document in numbered parts, each rendered on its own.

    Models come in parts of ``batch`` models, findings in parts of about ``batch`` models' findings;
    rendered in order and written between ``head`` and ``tail`` they make the document.
    """

    def __init__(self, result: LineageResult, batch: int) -> None:
        self.result = result
        self.head = f'{{"schema_version":{SCHEMA_VERSION},"models":['
        self.tail = "]}\n"
        models, findings = result.models, result.findings
        self._models = [(a, min(a + batch, len(models))) for a in range(0, len(models), batch)]
        if not isinstance(models, ModelResults):
            self._models = [(0, len(models))] if len(models) else []
        self._findings: list[tuple[int, int, int, int]] = []
        if isinstance(findings, FindingSet):
            self._findings = findings.parts(batch)
        elif len(findings):
            self._findings = [(0, len(findings), 0, 0)]
        self._entries = _ModelsJson()
        self._one = _TemplateJson()
        self._all = _ModelFindingsJson()

    def __len__(self) -> int:
        return len(self._models) + 1 + len(self._findings)

    def render(self, number: int) -> bytes:
        """Part ``number``: models, then the separator, then findings."""
        models, findings = self.result.models, self.result.findings
        if number < len(self._models):
            start, stop = self._models[number]
            if isinstance(models, ModelResults):
                pieces: Iterator[bytes] = self._entries.render(models, start, stop)
            else:
                pieces = (_dumps(model_json(m)) for m in models)
            return (b"," if number else b"") + b",".join(pieces)
        number -= len(self._models)
        if number == 0:
            return b'],"findings":['
        number -= 1
        if isinstance(findings, FindingSet):
            pieces = findings.walk(self._one.render, _finding_piece, self._all.render, self._findings[number])
        else:
            pieces = map(_finding_piece, findings)
        text = b",".join(pieces)
        return b"," + text if number and text else text


def model_json(model: ModelResult) -> dict[str, Any]:
    """The contract's ``lineage.models[]`` entry."""
    return {
        "id": model.id,
        "licence": model.licence,
        "base_models": list(model.base_models),
        "relation": model.relation,
        "inherited_restrictions": list(model.inherited_restrictions),
        "governing_licences": list(model.governing_licences),
        "commercial": model.commercial,
        "known_model": model.known,
        "hub_model": model.hub,
    }


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(*_UTF8)


def _quoted(value: str) -> bytes:
    """A string as JSON, in quotes."""
    return encode_basestring(value).encode(*_UTF8)


def _inner(value: str) -> bytes:
    """A string as JSON, without its quotes."""
    return encode_basestring(value)[1:-1].encode(*_UTF8)


def _nullable(value: str | None) -> bytes:
    return b"null" if value is None else _quoted(value)


def _json(value: str | None) -> bytes:
    """A finding's string field as the json module writes it (another type through json.dumps)."""
    if value is None:
        return b"null"
    if type(value) is str:
        return encode_basestring(value).encode(*_UTF8)
    return _dumps(value)


def _fixed(value: str | None) -> bytes:
    """A string as JSON for a %-format."""
    return _nullable(value).replace(b"%", b"%%")


def _finding_piece(finding: Finding) -> bytes:
    """The json module's encoding of ``Finding.to_json()``, field by field without building the dict."""
    f = finding
    return (
        f'{{"code":{_text(f.code)},"severity":{_text(f.severity._value_)},"message":{_text(f.message)},'
        f'"hint":{_text(f.hint)},"file":{_text(f.file)},"line":{_number(f.line)},"col":{_number(f.col)},'
        f'"model":{_text(f.model)},"licence":{_text(f.licence)},"upstream":{_text(f.upstream)},'
        f'"clause":{_text(f.clause)},"category":{_text(f.category)}}}'
    ).encode(*_UTF8)


def _text(value: object) -> str:
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _number(value: object) -> str:
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _ModelsJson:
    """The ``models`` entries, through one %-format per licence, relation, inheritance and flags."""

    def __init__(self) -> None:
        # NOTE: keyed by the inheritance's identity: the result holds each for as long as this lives.
        self._formats: dict[tuple[str | None, str | None, int, bool, bool], bytes] = {}

    def render(self, models: ModelResults, start: int, stop: int) -> Iterator[bytes]:
        formats = self._formats
        entries, licences, inheritances, n_input, order = models.columns()
        for i in order[start:stop]:
            entry = entries[i]
            inherits = inheritances[i]
            known = i >= n_input and not entry.hub
            key = (licences[i], entry.relation, id(inherits), known, entry.hub)
            fmt = formats.get(key)
            if fmt is None:
                fmt = formats[key] = self._format(entry, licences[i], inherits, known)
            bases = entry.base_models
            yield fmt % (
                encode_basestring(entry.id).encode("utf-8", "surrogatepass"),
                encode_basestring(bases[0]).encode("utf-8", "surrogatepass")
                if len(bases) == 1
                else b",".join(map(_quoted, bases)),
            )

    @staticmethod
    def _format(entry: ModelEntry, licence: str | None, inherits: Inherits, known: bool) -> bytes:
        return (
            b'{"id":%s,"licence":'
            + _fixed(licence)
            + b',"base_models":[%s],"relation":'
            + _fixed(entry.relation)
            + b',"inherited_restrictions":['
            + b",".join(map(_quoted, inherits.restrictions)).replace(b"%", b"%%")
            + b'],"governing_licences":['
            + b",".join(map(_quoted, inherits.governing)).replace(b"%", b"%%")
            + b'],"commercial":'
            + json.dumps(inherits.commercial).encode()
            + (b',"known_model":true' if known else b',"known_model":false')
            + (b',"hub_model":true}' if entry.hub else b',"hub_model":false}')
        )


class _TemplateJson:
    """Render one pending finding as JSON with its template's fixed parts encoded once."""

    def __init__(self) -> None:
        # NOTE: keyed by identity: hashing a frozen dataclass per finding costs more than the rest.
        # The templates outlive this renderer (the result holds them), so an id is never reused.
        self._parts: dict[int, tuple[bytes, bytes, bytes, bytes]] = {}
        self._entry: ModelEntry | None = None
        self._where = b""

    def render(self, template: Template, message: str, upstream: str | None, entry: ModelEntry) -> bytes:
        parts = self._parts.get(id(template))
        if parts is None:
            parts = self._parts[id(template)] = (
                b'{"code":'
                + _quoted(template.code)
                + b',"severity":"'
                + template.severity.value.encode()
                + b'","message":',
                b',"hint":' + _nullable(template.hint) + b',"file":',
                b',"licence":' + _nullable(template.licence) + b',"upstream":',
                b',"clause":' + _nullable(template.clause) + b',"category":' + _nullable(template.category) + b"}",
            )
        if entry is not self._entry:
            self._entry = entry
            self._where = (
                _nullable(entry.file)
                + b',"line":'
                + (b"null" if entry.line is None else str(entry.line).encode())
                + b',"col":null,"model":'
                + _quoted(entry.id)
            )
        return b"".join((parts[0], _quoted(message), parts[1], self._where, parts[2], _nullable(upstream), parts[3]))


# NOTE: stand-ins for the model and the upstreams while a template's message is turned into a
# %-format: private-use characters, which the json encoder leaves as they are; the model is the
# first, each upstream slot one of the next.
_MODEL = 0xE000
_SLOTS = 0xF8FF - _MODEL
_PRIVATE = re.compile("[\ue000-\uf8ff]")


class _Unsorted(Exception):
    """Two messages whose order depends on the models they name."""


@dataclass(frozen=True, eq=False)
class _Plan:
    """How the findings of every model with one set of templates are written.

    ``rows`` are (template, slot) in the order they are written once sorted, a slot numbering the
    upstream value (``None``: none); ``sources`` give each slot's value, a licence id (the model's
    origin for it) or an index into the model's own rows; ``groups`` are spans of ``rows`` whose
    order depends on the ids the messages name (sorted per model); ``codes`` the rows' codes in
    order, to place loose findings among them.
    """

    rows: tuple[tuple[Template, int | None], ...]
    sources: tuple[str | int, ...]
    #: what picks the origins of the licence slots (the first ones) from a model's mapping.
    origins: Callable[[Any], tuple[str, ...]]
    #: the own rows the other slots name, in slot order.
    own: tuple[int, ...]
    groups: tuple[tuple[int, int], ...]
    codes: tuple[str, ...]


#: A loose finding's fixed parts: code, severity, clause, category.
_Loose = tuple[str, Severity, str | None, str | None]
#: (the %-format, what picks its values from [model, where, slot values..., loose findings' values...])
_Format = tuple[bytes, Callable[[list[bytes]], tuple[bytes, ...]]]


class _Escaped(dict[str, bytes]):
    """Upstream ids as JSON without quotes, encoded once each (the same few recur)."""

    def __missing__(self, key: str) -> bytes:
        if len(self) > 1_000_000:
            self.clear()
        found = self[key] = _inner(key)
        return found


class _ModelFindingsJson:
    """Write all the findings of a model at once, through one %-format per set of templates.

    Every model with the same templates (the same licence, the same inherited licences, parents
    under the same licences) writes the same JSON but for its id, place and upstream ids; that
    text is built once as a %-format, with each finding's fixed parts encoded and the findings
    already sorted (when their order depends on the ids, per order found).
    """

    def __init__(self) -> None:
        # NOTE: keyed by identity: the result holds every template and shared tuple for as long
        # as this renderer lives, so an id is never reused.
        self._plans: dict[object, _Plan | None] = {}
        self._formats: dict[tuple[_Plan, tuple[int, ...] | None, tuple[tuple[int, _Loose], ...]], _Format] = {}
        self._messages: dict[tuple[int, int | None], str] = {}
        self._rows: dict[tuple[int, int | None], str] = {}
        self._escape = _Escaped().__getitem__
        self._kinds: dict[_Loose, _Loose] = {}
        self._sorted: dict[tuple[tuple[int, int | None], ...], tuple[int, ...] | None] = {}
        self._file: str | None = None
        self._file_json = b"null"

    def render(self, item: Pending, here: list[Finding]) -> bytes | None:
        """The findings of ``item`` and the loose findings at its place, as JSON objects joined by commas."""
        own = item.own
        if not own:
            key: object = (id(item.shared), id(item.named))
        elif len(own) == 1:
            key = (id(item.shared), id(item.named), id(own[0][0]))
        else:
            key = (id(item.shared), id(item.named), *[id(template) for template, _ in own])
        plan = self._plans.get(key, _MISSING)
        if plan is _MISSING:
            plan = self._plans[key] = self._plan(item)
        if plan is None:
            return None
        assert isinstance(plan, _Plan)
        entry = item.entry
        if entry.file is not self._file:
            self._file = entry.file
            self._file_json = _nullable(entry.file)
        model = encode_basestring(entry.id)[1:-1].encode("utf-8", "surrogatepass")
        line = entry.line
        values = [
            model,
            b'%s,"line":%d,"col":null,"model":"%s"' % (self._file_json, line, model)
            if type(line) is int
            else b'%s,"line":%s,"col":null,"model":"%s"'
            % (self._file_json, b"null" if line is None else str(line).encode(), model),
        ]
        values.extend(map(self._escape, plan.origins(item.origins)))
        for index in plan.own:
            values.append(_inner(own[index][1]))
        order = _order(plan, item) if plan.groups else None
        extra: tuple[tuple[int, _Loose], ...] = ()
        if here:
            found = self._loose(plan, entry, here, values)
            if found is None:
                return None
            extra = found
        fmt = self._formats.get((plan, order, extra))
        if fmt is None:
            fmt = self._formats[(plan, order, extra)] = _positional(self._format(plan, order, extra), plan)
        return fmt[0] % fmt[1](values)

    def _loose(
        self, plan: _Plan, entry: ModelEntry, here: list[Finding], values: list[bytes]
    ) -> tuple[tuple[int, _Loose], ...] | None:
        """Where the loose findings about a model go among its rows, and what they are written with.

        Each is about the model at its place (else ``None``: the general path), so it shares the
        rows' where part; its code settles its place (else ``None``). Its message, hint, licence
        and upstream are added to ``values``.
        """
        found: list[tuple[int, _Loose]] = []
        for finding in here:
            if (
                finding.model != entry.id
                or finding.col is not None
                or finding.file != entry.file
                or finding.line != entry.line
                or type(finding.line) is not type(entry.line)
                or finding.code in plan.codes
            ):
                return None
            key = (finding.code, finding.severity, finding.clause, finding.category)
            kind = self._kinds.get(key)
            if kind is None:
                kind = self._kinds[key] = key
            found.append((bisect_left(plan.codes, finding.code), kind))
            values.append(_json(finding.message))
            values.append(_json(finding.hint))
            values.append(_json(finding.licence))
            values.append(_json(finding.upstream))
        return tuple(found)

    def _plan(self, item: Pending) -> _Plan | None:
        """The plan for every model with ``item``'s templates; ``None`` when one is not of the usual form."""
        rows: list[tuple[Template, int | None]] = []
        slots: dict[tuple[str, str | int], int] = {}
        # NOTE: licence slots first, then own rows' slots, as render() lists their values.
        for template, lid in (*item.shared, *item.named):
            rows.append((template, None if lid is None else slots.setdefault(("L", lid), len(slots))))
        for number, (template, _) in enumerate(item.own):
            rows.append((template, slots.setdefault(("O", number), len(slots))))
        if len(slots) > _SLOTS:
            return None
        for template, slot in rows:
            fmt = template.lineage_format
            if fmt is None or (slot is None and fmt[1]) or _PRIVATE.search(fmt[0]):
                return None
        # the order of Finding.sort_key once file, line, col and model are equal
        ranked = sorted(range(len(rows)), key=lambda r: _template_key(rows[r][0]))
        groups: list[tuple[int, int]] = []
        start = 0
        while start < len(ranked):
            end = start + 1
            while end < len(ranked) and _template_key(rows[ranked[end]][0]) == _template_key(rows[ranked[start]][0]):
                end += 1
            if end - start > 1:
                # NOTE: the same groups (a licence's duties, say) recur in many plans: sorted once.
                group = tuple(rows[r] for r in ranked[start:end])
                key = tuple((id(template), slot) for template, slot in group)
                found = self._sorted.get(key, _MISSING)
                if found is _MISSING:
                    found = self._sorted[key] = self._sort(group)
                if found is None:
                    groups.append((start, end))
                else:
                    assert isinstance(found, tuple)
                    ranked[start:end] = [ranked[start + k] for k in found]
            start = end
        sources = tuple(source for (_, source), _ in sorted(slots.items(), key=itemgetter(1)))
        lids = [source for source in sources if isinstance(source, str)]
        return _Plan(
            tuple(rows[r] for r in ranked),
            sources,
            _picker(lids),
            tuple(source for source in sources if isinstance(source, int)),
            tuple(groups),
            tuple(rows[r][0].code for r in ranked),
        )

    def _sort(self, group: tuple[tuple[Template, int | None], ...]) -> tuple[int, ...] | None:
        """The order of rows with equal (code, licence, category) by message; ``None`` when the ids decide it."""
        messages = [self._message(*row) for row in group]

        def compare(a: int, b: int) -> int:
            return _compare(messages[a], messages[b])

        try:
            return tuple(sorted(range(len(group)), key=cmp_to_key(compare)))
        except _Unsorted:
            return None

    def _message(self, template: Template, slot: int | None) -> str:
        """The template's message as lineage_message writes it, with stand-ins for the model and upstream."""
        key = (id(template), slot)
        found = self._messages.get(key)
        if found is None:
            assert template.lineage_format is not None
            text, order = template.lineage_format
            model, upstream = f"`{chr(_MODEL)}`", f"`{chr(_MODEL + 1 + (slot or 0))}`"
            args = (model,) if order == 0 else (model, upstream) if order == 1 else (upstream, model)
            found = self._messages[key] = text % args
        return found

    def _format(self, plan: _Plan, order: tuple[int, ...] | None, extra: tuple[tuple[int, _Loose], ...]) -> str:
        """The %-format of all the findings of a model.

        Named: m (model), w (where), u0... (slots), x0... (loose findings' message, hint,
        licence and upstream, four each).
        """
        rows = [plan.rows[r] for r in order] if order is not None else list(plan.rows)
        pieces = [self._row(template, slot) for template, slot in rows]
        for number, (place, (code, severity, clause, category)) in reversed(list(enumerate(extra))):
            pieces.insert(
                place,
                f'{{"code":{_fixed_text(code)},"severity":{_fixed_text(severity._value_)},'
                f'"message":%(x{4 * number})s,"hint":%(x{4 * number + 1})s,"file":%(w)s,'
                f'"licence":%(x{4 * number + 2})s,"upstream":%(x{4 * number + 3})s,'
                f'"clause":{_fixed_text(clause)},"category":{_fixed_text(category)}}}',
            )
        return ",".join(pieces)

    def _row(self, template: Template, slot: int | None) -> str:
        key = (id(template), slot)
        found = self._rows.get(key)
        if found is None:
            message = encode_basestring(self._message(template, slot))[1:-1].replace("%", "%%")
            message = message.replace(chr(_MODEL), "%(m)s")
            upstream = "null"
            if slot is not None:
                message = message.replace(chr(_MODEL + 1 + slot), f"%(u{slot})s")
                upstream = f'"%(u{slot})s"'
            found = self._rows[key] = (
                f'{{"code":{_fixed_text(template.code)},"severity":"{template.severity.value}",'
                f'"message":"{message}","hint":{_fixed_text(template.hint)},"file":%(w)s,'
                f'"licence":{_fixed_text(template.licence)},"upstream":{upstream},'
                f'"clause":{_fixed_text(template.clause)},"category":{_fixed_text(template.category)}}}'
            )
        return found


_MISSING = object()
_NAMED = re.compile(r"%%|%\((\w+)\)s")


def _fixed_text(value: str | None) -> str:
    return ("null" if value is None else encode_basestring(value)).replace("%", "%%")


def _picker(keys: list[str]) -> Callable[[Any], tuple[str, ...]]:
    """What picks ``keys``' values from a mapping, as a tuple."""
    if not keys:
        return lambda mapping: ()
    if len(keys) == 1:
        (only,) = keys
        return lambda mapping: (mapping[only],)
    return itemgetter(*keys)


def _positional(fmt: str, plan: _Plan) -> _Format:
    """A %-format with names (m, w, u0..., x0...) as bytes with %s, and what picks its values from a list.

    The list holds the model, the where part, the slots' values (licence slots, then own rows'),
    then the loose findings'.
    """
    slots = len(plan.sources)
    picks: list[int] = []

    def positional(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return "%%"
        picks.append(0 if name == "m" else 1 if name == "w" else 2 + int(name[1:]) + (slots if name[0] == "x" else 0))
        return "%s"

    text = _NAMED.sub(positional, fmt).encode(*_UTF8)
    if len(picks) == 1:
        (only,) = picks
        return text, lambda values: (values[only],)
    return text, itemgetter(*picks)


def _template_key(template: Template) -> tuple[str, str, str]:
    return (template.code, template.licence or "", template.category or "")


def _compare(a: str, b: str) -> int:
    """Compare two messages of one model whatever its id, or raise _Unsorted if the ids decide.

    The messages hold stand-ins for the model and the upstreams: equal stand-ins stand for equal
    text, and a difference at a stand-in depends on what it stands for.
    """
    if a == b:
        return 0
    same, most = 0, min(len(a), len(b))
    while same < most:  # the length of the common prefix, by halves
        half = (same + most + 1) // 2
        if a[:half] == b[:half]:
            same = half
        else:
            most = half - 1
    if same == len(a) or same == len(b):
        # NOTE: a stand-in is always followed by a backquote, so the longer is longer whatever the ids.
        return -1 if len(a) < len(b) else 1
    x, y = a[same], b[same]
    if _PRIVATE.match(x) or _PRIVATE.match(y):
        raise _Unsorted
    return -1 if x < y else 1


def _order(plan: _Plan, item: Pending) -> tuple[int, ...]:
    """The order of the rows of ``plan`` for this model, where its ids decide it."""
    quoted = f"`{item.entry.id}`"
    origins, own = item.origins, item.own
    order = list(range(len(plan.rows)))
    for start, end in plan.groups:
        messages = {}
        for r in range(start, end):
            template, slot = plan.rows[r]
            source = plan.sources[slot] if slot is not None else None
            upstream = None if source is None else origins[source] if isinstance(source, str) else own[source][1]
            messages[r] = template.lineage_message(quoted, upstream)
        order[start:end] = sorted(range(start, end), key=messages.__getitem__)
    return tuple(order)
