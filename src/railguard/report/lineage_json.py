"""``lineage --format json`` and ``--format jsonl``: the normalised contract (schema version 2).

What follows from a model's declared licence and the licences it inherits is stated once: the
restrictions and duties of each licence (``licences``), each finding once as a *kind*
(``kinds``, its message a format string naming ``{model}`` and ``{upstream}``), and each set of
governing licences with the findings it implies (``terms``). A model refers to its terms by number
and says where each inherited licence came from; only the findings that are its own are listed
with it. ``src/railguard/schemas/lineage.schema.json`` is the contract.

JSON is one document; JSONL is one line per model, each of which also carries its
``inherited_from`` mapping and its worst severity so that it can be read on its own, then one
summary line (everything but the models). Both are written model by model in one pass, in
bounded memory: the tables the models refer to come after them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TextIO

from railguard.lineage.results import Audit, Kind, Passed, Pending, Shared, Tally, audit_of
from railguard.model import Severity
from railguard.report.jsonout import COMPACT_ABOVE, SCHEMA_VERSION, dumps
from railguard.report.jsonout import lines as json_lines

if TYPE_CHECKING:
    from railguard.lineage.checks import Template
    from railguard.lineage.model import LineageResult
    from railguard.report.registry import Options

#: Models written per batch: large enough that encoding dominates, small enough to stay flat.
_BATCH = 5_000
#: A model's terms: the identity of its shared templates, of its unmet naming duties, of its
#: inheritance, and its licence id.
_TermsKey = tuple[int, int, int, str | None]
#: The columns of ``models.rows`` in the JSON document, in order. A row leaves out its trailing
#: columns that are null or empty, so the ones most often so come last.
COLUMNS = ("id", "licence", "base_models", "relation", "line", "terms", "origins", "own_findings", "file", "source")
#: Columns every row has.
REQUIRED = 6
_RANKS = tuple(Severity)
_rank = attrgetter("severity.rank")


class Contract:
    """The tables models refer to (terms, kinds, origins), numbered as models first name them.

    Models are read in input order, so the same input gives the same numbers. :meth:`row` numbers
    what a model refers to and counts the model; the tables and the summary are complete once
    every model has been read (the JSON document writes them after the models, the JSONL writer
    reads the models twice).
    """

    def __init__(self, audit: Audit, options: Options) -> None:
        self.audit = audit
        self.source = options.source
        self.kinds: list[Kind] = []
        self.kind_ids: dict[Kind, int] = {}
        self._template_ids: dict[int, int] = {}
        self.terms_ids: dict[_TermsKey, int] = {}
        self.terms: list[dict[str, Any]] = []
        self._terms_kinds: list[list[Kind]] = []
        self.terms_counts: list[int] = []
        self.origin_ids: dict[int, int] = {}
        #: the origins table as written: a mapping, or ``[base, changes]`` (see :meth:`_origin`).
        self.origins: list[dict[str, str] | list[Any]] = []
        #: models with findings of their own, by (terms, their kinds' numbers...).
        self._combos: Counter[tuple[int, ...]] = Counter()
        self._tally: Tally | None = None

    def kind_id(self, kind: Kind) -> int:
        """The number of ``kind`` (numbered as first named)."""
        found = self.kind_ids.get(kind)
        if found is None:
            found = self.kind_ids[kind] = len(self.kinds)
            self.kinds.append(kind)
        return found

    def _template_id(self, template: Template) -> int:
        found = self._template_ids.get(id(template))
        if found is None:
            # NOTE: keyed by identity: the result holds every template while this lives.
            found = self._template_ids[id(template)] = self.kind_id(self.audit.kind(template))
        return found

    def _new_terms(self, key: _TermsKey, position: int, shared: Shared) -> int:
        audit = self.audit
        inherits = audit.inherits[position]
        kinds = [audit.kind(template) for template, _ in shared]
        number = self.terms_ids[key] = len(self.terms)
        self.terms.append(
            {
                "id": number,
                "licence": audit.licences[position],
                "governing_licences": list(inherits.governing),
                "inherited_restrictions": list(inherits.restrictions),
                "commercial": inherits.commercial,
                "findings": [
                    {"kind": self.kind_id(kind), "via": lid} for kind, (_, lid) in zip(kinds, shared, strict=True)
                ],
            }
        )
        self._terms_kinds.append(kinds)
        self.terms_counts.append(0)
        return number

    def row(self, position: int, count: bool = True) -> list[Any]:
        """A model's row of :data:`COLUMNS` (trailing empty values left out); ``count`` it in the summary."""
        return self.rows([position], count)[0]

    def rows(self, positions: Iterable[int], count: bool = True, numbered: bool = True) -> list[list[Any]]:
        """The rows of the models at ``positions``, in order (see :meth:`row`).

        ``numbered``: number the models' origins mappings (the JSON document's ``origins``); JSONL
        writes each model's mapping instead and leaves the column null.
        """
        # NOTE: one loop with everything in locals: it runs once per model of a Hub-sized lineage.
        audit = self.audit
        entries, licences, inherits, pending = audit.entries, audit.licences, audit.inherits, audit.pending
        n_pending, n_input, source = len(pending), audit.n_input, self.source
        terms_ids, origin_ids, terms_counts, combos = self.terms_ids, self.origin_ids, self.terms_counts, self._combos
        attached, template_ids = audit.attached, self._template_ids
        out: list[list[Any]] = []
        for position in positions:
            entry = entries[position]
            licence = licences[position]
            item = pending[position] if position < n_pending else None
            shared, named, origins = (item.shared, item.named, item.origins) if item is not None else ((), (), None)
            key = (id(shared), id(named), id(inherits[position]), licence)
            terms = terms_ids.get(key)
            if terms is None:
                terms = self._new_terms(key, position, shared + named)
            origin = origin_ids.get(id(origins)) if origins and numbered else None
            if origin is None and origins and numbered:
                origin = self._origin(origins)
            mine = item.own if item is not None else ()
            if attached and position in attached:
                own = self._own(position, item)
                if count:
                    combos[(terms, *[number for number, _ in own])] += 1
            elif mine:
                # NOTE: _own inlined for the common case (most models have findings of their own):
                # 1.23 s -> 1.1 s CPU for the rows of 200,000 models.
                own, numbers = [], [terms]
                for template, upstream in mine:
                    number = template_ids.get(id(template))
                    if number is None:
                        number = self._template_id(template)
                    own.append([number, upstream])
                    numbers.append(number)
                if count:
                    combos[tuple(numbers)] += 1
            else:
                own = None
            if count:
                terms_counts[terms] += 1
            # NOTE: orjson writes the base models' tuple as an array as it is.
            row: list[Any] = [entry.id, licence, entry.base_models, entry.relation, entry.line, terms]
            file = entry.file if entry.file != source else None
            if position >= n_input:
                row += [origin, own or [], file, "hub" if entry.hub else "known"]
            elif file is not None:
                row += [origin, own or [], file]
            elif own:
                row += [origin, own]
            elif origin is not None:
                row.append(origin)
            out.append(row)
        return out

    def _origin(self, mapping: Mapping[str, str]) -> int:
        """The number of an origins mapping, numbering the mappings it was derived from first.

        A mapping a model derived from the one it inherits (:class:`Passed`) is written as that
        one's number and what changed: a lineage's mappings are mostly a parent's plus one
        licence, and written in full they were the largest part of a Hub-sized document.
        """
        chain: list[Mapping[str, str]] = []
        found: Mapping[str, str] | None = mapping
        while found and id(found) not in self.origin_ids:
            chain.append(found)
            found = getattr(found, "base", None)
        for one in reversed(chain):
            self.origin_ids[id(one)] = len(self.origins)
            if isinstance(one, Passed) and one.base:
                self.origins.append([self.origin_ids[id(one.base)], public_origins(one.changes())])
            else:
                self.origins.append(public_origins(one))
        return self.origin_ids[id(mapping)]

    def _own(self, position: int, item: Pending | None) -> list[list[Any]]:
        """The model's own findings as ``[kind, upstream]`` pairs (upstream null when it names none)."""
        refs: list[list[Any]] = []
        if item is not None:
            for template, upstream in item.own:
                number = self._template_ids.get(id(template))
                refs.append([self._template_id(template) if number is None else number, upstream])
        for finding in self.audit.attached.get(position, ()):
            refs.append([self.kind_id(self.audit.loose_kind(finding)), finding.upstream])
        return refs

    def tally(self) -> Tally:
        """The counts of the models read (every model, once all are read)."""
        if self._tally is None:
            tally = Tally()
            # NOTE: every model under a set of terms has its findings: counted once per terms, then
            # each combination of own findings adds only what it changes. Counting every kind of a
            # combination as well took 0.25 s of 4.3 s CPU at 200,000 models (28,000 combinations of
            # about 20 kinds); see tests/bench/bench_lineage.py.
            for terms, count in enumerate(self.terms_counts):
                if count:
                    tally.add(self._terms_kinds[terms], count)
            seen: dict[int, tuple[Severity | None, set[Kind], set[str]]] = {}
            for combo, count in self._combos.items():
                base = seen.get(combo[0])
                if base is None:
                    kinds = self._terms_kinds[combo[0]]
                    worst = max(kinds, key=_rank).severity if kinds else None
                    base = seen[combo[0]] = (worst, set(kinds), {kind.code for kind in kinds})
                tally.add_more(base, [self.kinds[number] for number in combo[1:]], count)
            tally.add_standalone(self.audit.standalone)
            self._tally = tally
        return self._tally

    def summary(self) -> dict[str, Any]:
        """Counts of models and findings."""
        tally, audit = self.tally(), self.audit
        return {
            "models": len(audit),
            "input_models": audit.n_input,
            "models_with_errors": tally.models[Severity.ERROR],
            "models_with_warnings": tally.models[Severity.WARNING],
            "models_with_info": tally.models[Severity.INFO],
            "models_without_findings": tally.models[None],
            "findings": {s.value: tally.findings[s] for s in reversed(Severity)},
            "codes": {code: {"findings": n, "models": m} for code, (n, m) in sorted(tally.codes.items())},
        }

    def licences(self) -> list[dict[str, Any]]:
        """Every catalogue licence a model declares or is governed by, with what it passes down."""
        from railguard.catalogue import load_catalogue
        from railguard.lineage.terms import terms_of

        catalogue = load_catalogue()
        ids = {lid for entry in self.terms for lid in entry["governing_licences"]}
        ids.update(entry["licence"] for entry in self.terms if entry["licence"])
        out = []
        for lid in sorted(ids):
            licence = catalogue.find(lid)
            if licence is None or licence.id != lid:
                continue
            terms = terms_of(licence)
            passes = set(terms.categories) if terms.flow_down or terms.unsettled else set()
            if terms.non_commercial:
                passes.add("non-commercial")
            out.append(
                {
                    "id": licence.id,
                    "name": licence.name,
                    "family": licence.family.value,
                    "commercial": licence.commercial,
                    "binds_derivatives": terms.binds,
                    "passes_down": sorted(passes),
                }
            )
        return out

    def kinds_json(self) -> list[dict[str, Any]]:
        """Every kind of finding, numbered."""
        counts = self.tally().kinds
        return [
            {
                "id": number,
                "code": kind.code,
                "severity": kind.severity.value,
                "message": kind.message,
                "hint": kind.hint,
                "licence": kind.licence,
                "inherited": kind.inherited,
                "clause": kind.clause,
                "categories": list(kind.categories),
                "models": counts[kind],
            }
            for number, kind in enumerate(self.kinds)
        ]

    def terms_json(self) -> list[dict[str, Any]]:
        """Every set of terms, numbered, with the number of models under it."""
        return [{**entry, "models": count} for entry, count in zip(self.terms, self.terms_counts, strict=True)]

    def tables(self, result: LineageResult) -> dict[str, Any]:
        """Everything but the models and the origins: the summary and what the models refer to."""
        found: dict[str, Any] = {
            "summary": self.summary(),
            "licences": self.licences(),
            "kinds": self.kinds_json(),
            "terms": self.terms_json(),
        }
        if result.datasets:
            found["datasets"] = [node.to_json() for node in result.datasets]
        return found

    def terms_kinds(self, terms: int) -> list[Kind]:
        """The kinds of the findings terms number ``terms`` implies."""
        return self._terms_kinds[terms]


def write_json(result: LineageResult, out: TextIO, options: Options) -> None:
    """The whole document; compact and written model by model when it is large.

    The models come first and the tables they refer to after them, numbered as the models name
    them: one pass over the models, in bounded memory.
    """
    contract = Contract(audit_of(result), options)
    audit = contract.audit
    head = {"schema_version": SCHEMA_VERSION, "command": "lineage", "input": contract.source}
    standalone = [f.to_json() for f in audit.standalone]
    if len(audit) + len(standalone) <= COMPACT_ABOVE:
        models = {"columns": list(COLUMNS), "rows": contract.rows(range(len(audit)))}
        tables = {"origins": contract.origins, **contract.tables(result), "findings": standalone}
        body = {**head, "models": models, **tables}
        out.write(dumps(body, indent=True) + "\n")
        return
    out.write(dumps(head)[:-1] + ',"models":{"columns":' + dumps(list(COLUMNS)) + ',"rows":[')
    for start in range(0, len(audit), _BATCH):
        batch = contract.rows(range(start, min(start + _BATCH, len(audit))))
        out.write(("," if start else "") + dumps(batch)[1:-1])
    tail = {"origins": contract.origins, **contract.tables(result), "findings": standalone}
    out.write("]}," + dumps(tail)[1:] + "\n")


def public_origins(mapping: Mapping[str, str]) -> dict[str, str]:
    """An origins mapping as the contract has it: inherited licence -> the model it came from.

    The engine carries markers of ancestors whose terms are unknown in the same mappings (keys
    starting with ``?``); they are no licence, so they are left out (RG319 names those ancestors
    as its upstream).
    """
    return {key: value for key, value in mapping.items() if not key.startswith("?")}


def _line_safe(text: str) -> str:
    """JSON text with the characters some line readers break lines at (U+0085, U+2028, U+2029) escaped."""
    # NOTE: JSON allows them raw inside strings, but Python's str.splitlines() and some JSONL
    # readers end a line there; escaped, every reader sees one record a line.
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    return text


def write_jsonl(result: LineageResult, out: TextIO, options: Options) -> None:
    """One self-contained line per model, then the summary line (everything but the models).

    The summary comes last, as the JSON document's tables do: the models are read once, and
    numbered and counted as they are written.
    """
    contract = Contract(audit_of(result), options)
    audit = contract.audit
    pending = audit.pending
    worst_of_terms: dict[int, int] = {}
    # NOTE: models share their origins mappings (by identity, held by the result while this runs).
    public: dict[int, dict[str, str]] = {}
    #: the severity rank of each kind, by number (kinds are numbered as the rows name them).
    kind_ranks: list[int] = []
    for start in range(0, len(audit), _BATCH):
        positions = range(start, min(start + _BATCH, len(audit)))
        lines = []
        rows = contract.rows(positions, numbered=False)
        kind_ranks += [kind.severity.rank for kind in contract.kinds[len(kind_ranks) :]]
        for position, row in zip(positions, rows, strict=True):
            found: dict[str, Any] = {"type": "model", "id": row[0], "licence": row[1], "base_models": row[2]}
            if row[3] is not None:
                found["relation"] = row[3]
            if row[4] is not None:
                found["line"] = row[4]
            found["terms"] = terms = row[5]
            rank = worst_of_terms.get(terms)
            if rank is None:
                rank = worst_of_terms[terms] = max((k.severity.rank for k in contract.terms_kinds(terms)), default=-1)
            if len(row) > 7 and row[7]:
                found["own_findings"] = row[7]
                rank = max(rank, *[kind_ranks[number] for number, _ in row[7]])
            if len(row) > 8 and row[8] is not None:
                found["file"] = row[8]
            if len(row) > 9:
                found[f"{row[9]}_model"] = True
            item = pending[position] if position < len(pending) else None
            if item is None:
                found["inherited_from"] = {}
            else:
                written = public.get(id(item.origins))
                if written is None:
                    written = public[id(item.origins)] = public_origins(item.origins)
                found["inherited_from"] = written
            found["worst"] = _RANKS[rank].value if rank >= 0 else None
            lines.append(found)
        out.write(_line_safe(json_lines(lines)))
    summary = {"type": "summary", "schema_version": SCHEMA_VERSION, "command": "lineage", "input": contract.source}
    summary.update(contract.tables(result))
    summary["findings"] = [f.to_json() for f in audit.standalone]
    out.write(_line_safe(dumps(summary)) + "\n")


def expand(document: Mapping[str, Any], models: Iterator[Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every finding of a schema-2 lineage document written out, one object each, as version 1 listed them.

    ``document`` is the JSON document, or the JSONL summary line with ``models`` its model lines.
    Each finding has ``code``, ``severity``, ``message`` (written for its model), ``hint``, ``file``,
    ``line``, ``col``, ``model``, ``licence``, ``upstream``, ``clause`` and ``categories``.
    """
    kinds = document["kinds"]
    terms = document["terms"]
    origins = origin_mappings(document)
    source = document.get("input")
    out: list[dict[str, Any]] = []
    for model in models if models is not None else model_objects(document):
        where = model.get("inherited_from")
        if where is None:
            where = origins[model["origins"]] if "origins" in model else {}
        refs = [
            (ref["kind"], where.get(ref["via"]) if ref["via"] else None) for ref in terms[model["terms"]]["findings"]
        ]
        refs += [(number, upstream) for number, upstream in model.get("own_findings", ())]
        for number, upstream in refs:
            kind = kinds[number]
            names = {"model": f"`{model['id']}`", "upstream": f"`{upstream}`" if upstream else "`?`"}
            out.append(
                {
                    "code": kind["code"],
                    "severity": kind["severity"],
                    "message": kind["message"].format(**names),
                    "hint": kind["hint"],
                    "file": model.get("file", source if "line" in model else None),
                    "line": model.get("line"),
                    "col": None,
                    "model": model["id"],
                    "licence": kind["licence"],
                    "upstream": upstream,
                    "clause": kind["clause"],
                    "categories": kind["categories"],
                }
            )
    out.extend(document["findings"])
    return out


def origin_mappings(document: Mapping[str, Any]) -> list[dict[str, str]]:
    """The document's ``origins`` written out: an entry ``[base, changes]`` is ``origins[base]`` with ``changes``."""
    out: list[dict[str, str]] = []
    for item in document.get("origins", []):
        out.append({**out[item[0]], **item[1]} if isinstance(item, list) else item)
    return out


def model_objects(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The models of a JSON document, each row as an object, as a JSONL line has it (empty fields left out)."""
    columns = document["models"]["columns"]
    for row in document["models"]["rows"]:
        found = {k: v for k, v in zip(columns, row, strict=False) if v is not None and v != []}
        found.setdefault("licence", None)
        found.setdefault("base_models", [])
        source = found.pop("source", None)
        if source is not None:
            found[f"{source}_model"] = True
        yield found


def model_rows(document: Mapping[str, Any], models: Iterator[Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every model of a schema-2 lineage document with its terms written out, as version 1 listed them.

    Each has ``id``, ``licence``, ``base_models``, ``relation``, ``inherited_restrictions``,
    ``governing_licences``, ``commercial``, ``known_model`` and ``hub_model``.
    """
    terms = document["terms"]
    out = []
    for model in models if models is not None else model_objects(document):
        found = terms[model["terms"]]
        out.append(
            {
                "id": model["id"],
                "licence": model["licence"],
                "base_models": model["base_models"],
                "relation": model.get("relation"),
                "inherited_restrictions": found["inherited_restrictions"],
                "governing_licences": found["governing_licences"],
                "commercial": found["commercial"],
                "known_model": model.get("known_model", False),
                "hub_model": model.get("hub_model", False),
            }
        )
    return out


def as_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """A schema-2 document with a lineage's ``models`` and ``findings`` written out as version 1 listed them.

    For readers moving from version 1: ``as_version_1(json.load(f))["findings"]`` is every finding
    of the lineage with its message written out (``categories`` stays a list). Documents of other
    commands are returned as they are.
    """
    if document.get("command") != "lineage":
        return document
    return {**document, "models": model_rows(document), "findings": expand(document)}
