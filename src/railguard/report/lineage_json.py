"""``lineage --format json`` and ``--format jsonl``: the normalised contract (schema version 2).

What follows from a model's declared licence and the licences it inherits is stated once: the
restrictions and duties of each licence (``licences``), each finding once as a *kind*
(``kinds``, its message a format string naming ``{model}`` and ``{upstream}``), and each set of
governing licences with the findings it implies (``terms``). A model refers to its terms by number
and says where each inherited licence came from; only the findings that are its own are listed
with it. ``src/railguard/schemas/lineage.schema.json`` is the contract.

JSON is one document; JSONL is one summary line (everything but the models) followed by one line
per model, each of which also carries its ``inherited_from`` mapping and its worst severity, so
that a line can be read on its own. Both are written model by model, in bounded memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from railguard.lineage.results import Audit, Kind, audit_of
from railguard.model import Severity
from railguard.report.jsonout import COMPACT_ABOVE, SCHEMA_VERSION, dumps

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult
    from railguard.report.registry import Options

#: Models written per batch: large enough that encoding dominates, small enough to stay flat.
_BATCH = 5_000
#: A model's terms: the identity of its shared templates, of its inheritance, and its licence id.
_TermsKey = tuple[int, int, str | None]


class Contract:
    """The parts of the document that models refer to, numbered the same way for the same input."""

    def __init__(self, audit: Audit, options: Options) -> None:
        self.audit = audit
        self.source = options.source
        self.tally = audit.tally()
        kinds = sorted(self.tally.kinds, key=Kind.sort_key)
        self.kind_ids: dict[Kind, int] = {kind: number for number, kind in enumerate(kinds)}
        self.kinds = kinds
        shared = [item.shared if item is not None else () for item in audit.pending]
        shared.extend([()] * (len(audit) - len(shared)))
        keys = list(zip(map(id, shared), map(id, audit.inherits), audit.licences, strict=True))
        counts = Counter(keys)
        sample: dict[_TermsKey, int] = {}
        for position, key in enumerate(keys):
            sample.setdefault(key, position)
        del keys
        entries = {key: self._terms(position, shared[position]) for key, position in sample.items()}
        order = sorted(entries, key=lambda key: dumps(entries[key]))
        self.terms_ids: dict[_TermsKey, int] = {key: number for number, key in enumerate(order)}
        self.terms = [{"id": n, **entries[key], "models": counts[key]} for n, key in enumerate(order)]
        self._shared = shared
        self._worst: dict[int, int] = {}
        #: template identity -> kind number (the result holds every template while this lives).
        self._template_ids: dict[int, int] = {}

    def _terms(self, position: int, shared: Any) -> dict[str, Any]:
        inherits = self.audit.inherits[position]
        return {
            "licence": self.audit.licences[position],
            "governing_licences": list(inherits.governing),
            "inherited_restrictions": list(inherits.restrictions),
            "commercial": inherits.commercial,
            "findings": [{"kind": self.kind_ids[self.audit.kind(template)], "via": lid} for template, lid in shared],
        }

    def summary(self) -> dict[str, Any]:
        """Counts of models and findings."""
        tally, audit = self.tally, self.audit
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
                "models": self.tally.kinds[kind],
            }
            for number, kind in enumerate(self.kinds)
        ]

    def model(self, position: int) -> dict[str, Any]:
        """A model's entry, without where its inherited licences came from."""
        audit = self.audit
        entry = audit.entries[position]
        licence = audit.licences[position]
        found: dict[str, Any] = {"id": entry.id, "licence": licence, "base_models": list(entry.base_models)}
        if entry.relation is not None:
            found["relation"] = entry.relation
        if entry.file is not None and entry.file != self.source:
            found["file"] = entry.file
        if entry.line is not None:
            found["line"] = entry.line
        found["terms"] = self.terms_ids[(id(self._shared[position]), id(audit.inherits[position]), licence)]
        item = audit.pending[position] if position < len(audit.pending) else None
        if (item is not None and (item.named or item.own)) or position in audit.attached:
            found["own_findings"] = self._own(position)
        if position >= audit.n_input:
            found["hub_model" if entry.hub else "known_model"] = True
        return found

    def _own(self, position: int) -> list[list[Any]]:
        """The model's own findings as ``[kind, upstream]`` pairs (upstream null when it names none)."""
        ids, template_ids = self.kind_ids, self._template_ids
        refs: list[list[Any]] = []
        item = self.audit.pending[position] if position < len(self.audit.pending) else None
        if item is not None:
            origins = item.origins
            for template, lid in item.named:
                number = template_ids.get(id(template))
                if number is None:
                    number = template_ids[id(template)] = ids[self.audit.kind(template)]
                refs.append([number, None if lid is None else origins[lid]])
            for template, upstream in item.own:
                number = template_ids.get(id(template))
                if number is None:
                    number = template_ids[id(template)] = ids[self.audit.kind(template)]
                refs.append([number, upstream])
        for finding in self.audit.attached.get(position, ()):
            refs.append([ids[self.audit.loose_kind(finding)], finding.upstream])
        return refs

    def worst(self, position: int) -> str | None:
        """The worst severity of the model's findings."""
        shared = self._shared[position]
        rank = self._worst.get(id(shared))
        if rank is None:
            kind_of = self.audit.kind
            rank = self._worst[id(shared)] = max((kind_of(t).severity.rank for t, _ in shared), default=-1)
        for kind, _ in self.audit.own(position):
            rank = max(rank, kind.severity.rank)
        return tuple(Severity)[rank].value if rank >= 0 else None


def _head(contract: Contract, result: LineageResult) -> dict[str, Any]:
    head = {
        "schema_version": SCHEMA_VERSION,
        "command": "lineage",
        "input": contract.source,
        "summary": contract.summary(),
        "licences": contract.licences(),
        "kinds": contract.kinds_json(),
        "terms": contract.terms,
    }
    if result.datasets:
        head["datasets"] = [node.to_json() for node in result.datasets]
    return head


#: The columns of ``models.rows`` in the JSON document, in order. A row leaves out its trailing
#: columns that are null or empty, so the ones most often so come last.
COLUMNS = ("id", "licence", "base_models", "relation", "line", "terms", "origins", "own_findings", "file", "source")
#: Columns every row has.
REQUIRED = 6


def _models(contract: Contract, origins: dict[int, int], table: list[Mapping[str, str]]) -> Iterator[list[Any]]:
    """Every model in id order as a row of :data:`COLUMNS`, numbering the origin mappings as they first appear.

    A row rather than an object: the keys would make up half of a large document.
    """
    audit = contract.audit
    for position in audit.order:
        found = contract.model(position)
        mapping = audit.origins(position)
        number = None
        if mapping:
            number = origins.get(id(mapping))
            if number is None:
                number = origins[id(mapping)] = len(table)
                table.append(mapping)
        source = "hub" if found.get("hub_model") else "known" if found.get("known_model") else None
        row = [
            found["id"],
            found["licence"],
            found["base_models"],
            found.get("relation"),
            found.get("line"),
            found["terms"],
            number,
            found.get("own_findings", []),
            found.get("file"),
            source,
        ]
        while len(row) > REQUIRED and (row[-1] is None or row[-1] == []):
            row.pop()
        yield row


def write_json(result: LineageResult, out: TextIO, options: Options) -> None:
    """The whole document; compact and written model by model when it is large."""
    contract = Contract(audit_of(result), options)
    head = _head(contract, result)
    origins: dict[int, int] = {}
    table: list[Mapping[str, str]] = []
    standalone = [f.to_json() for f in contract.audit.standalone]
    if len(contract.audit) + len(standalone) <= COMPACT_ABOVE:
        rows = list(_models(contract, origins, table))
        models = {"columns": list(COLUMNS), "rows": rows}
        body = {**head, "models": models, "origins": [dict(m) for m in table], "findings": standalone}
        out.write(dumps(body, indent=True) + "\n")
        return
    out.write(dumps(head)[:-1] + ',"models":{"columns":' + dumps(list(COLUMNS)) + ',"rows":[')
    batch: list[list[Any]] = []
    first = True
    for found in _models(contract, origins, table):
        batch.append(found)
        if len(batch) == _BATCH:
            out.write(("" if first else ",") + dumps(batch)[1:-1])
            first, batch = False, []
    if batch:
        out.write(("" if first else ",") + dumps(batch)[1:-1])
    out.write(']},"origins":' + dumps([dict(m) for m in table]) + ',"findings":' + dumps(standalone) + "}\n")


def _line_safe(text: str) -> str:
    """JSON text with the characters some line readers break lines at (U+0085, U+2028, U+2029) escaped."""
    # NOTE: JSON allows them raw inside strings, but Python's str.splitlines() and some JSONL
    # readers end a line there; escaped, every reader sees one record a line.
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    return text


def write_jsonl(result: LineageResult, out: TextIO, options: Options) -> None:
    """The summary line (everything but the models), then one self-contained line per model."""
    contract = Contract(audit_of(result), options)
    head = {"type": "summary", **_head(contract, result), "findings": [f.to_json() for f in contract.audit.standalone]}
    out.write(_line_safe(dumps(head)) + "\n")
    audit = contract.audit
    lines: list[str] = []
    for position in audit.order:
        found = {"type": "model", **contract.model(position)}
        found["inherited_from"] = dict(audit.origins(position))
        found["worst"] = contract.worst(position)
        lines.append(dumps(found))
        if len(lines) == _BATCH:
            out.write(_line_safe("\n".join(lines)) + "\n")
            lines = []
    if lines:
        out.write(_line_safe("\n".join(lines)) + "\n")


def expand(document: Mapping[str, Any], models: Iterator[Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every finding of a schema-2 lineage document written out, one object each, as version 1 listed them.

    ``document`` is the JSON document, or the JSONL summary line with ``models`` its model lines.
    Each finding has ``code``, ``severity``, ``message`` (written for its model), ``hint``, ``file``,
    ``line``, ``col``, ``model``, ``licence``, ``upstream``, ``clause`` and ``categories``.
    """
    kinds = document["kinds"]
    terms = document["terms"]
    origins = document.get("origins", [])
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
