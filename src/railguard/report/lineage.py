"""Render lineage and compatibility results: a text tree per root, and JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from railguard.bulk import no_cycle_collection
from railguard.lineage.checks import Template
from railguard.lineage.model import LineageResult, ModelEntry, ModelResult
from railguard.lineage.results import FindingSet, ModelResults
from railguard.model import Finding, Severity
from railguard.report.findings import finding_line, summary
from railguard.report.jsonout import SCHEMA_VERSION

__all__ = ["finding_line", "lineage_json", "lineage_json_pieces", "lineage_text", "model_json", "summary"]


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


def lineage_json(result: LineageResult) -> dict[str, Any]:
    """The ``lineage --format json`` body."""
    with no_cycle_collection():
        return {
            "models": [model_json(m) for m in result.models],
            "findings": [f.to_json() for f in result.findings],
        }


def lineage_json_pieces(result: LineageResult, batch: int = 5_000) -> Iterator[str]:
    """The compact ``lineage --format json`` document in pieces, byte for byte what
    ``document(**lineage_json(result))`` gives for a large result, in bounded memory.

    Every value is encoded by the json module's own string encoder, with the fixed parts of each
    finding template and each shared inheritance encoded once.
    """
    with no_cycle_collection():
        yield f'{{"schema_version":{SCHEMA_VERSION},"models":['
        yield from _joined(_model_pieces(result), batch)
        yield '],"findings":['
        findings = result.findings
        if isinstance(findings, FindingSet):
            pieces = findings.walk(_TemplateJson().render, _finding_piece)
        else:
            pieces = (_finding_piece(f) for f in findings)
        yield from _joined(pieces, batch)
        yield "]}\n"


def _joined(pieces: Iterator[str], batch: int) -> Iterator[str]:
    first = True
    chunk: list[str] = []
    for piece in pieces:
        chunk.append(piece)
        if len(chunk) >= batch:
            yield ("" if first else ",") + ",".join(chunk)
            first = False
            chunk = []
    if chunk:
        yield ("" if first else ",") + ",".join(chunk)


def _encode(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _finding_piece(finding: Finding) -> str:
    return json.dumps(finding.to_json(), ensure_ascii=False, separators=(",", ":"))


def _model_pieces(result: LineageResult) -> Iterator[str]:
    models = result.models
    if not isinstance(models, ModelResults):
        yield from (json.dumps(model_json(m), ensure_ascii=False, separators=(",", ":")) for m in models)
        return
    shared: dict[int, str] = {}
    for entry, licence, inherits, known in models.rows():
        tail = shared.get(id(inherits))
        if tail is None:
            tail = shared[id(inherits)] = (
                ',"inherited_restrictions":['
                + ",".join(map(encode_basestring, inherits.restrictions))
                + '],"governing_licences":['
                + ",".join(map(encode_basestring, inherits.governing))
                + '],"commercial":'
                + json.dumps(inherits.commercial)
            )
        yield (
            '{"id":'
            + encode_basestring(entry.id)
            + ',"licence":'
            + _encode(licence)
            + ',"base_models":['
            + ",".join(map(encode_basestring, entry.base_models))
            + '],"relation":'
            + _encode(entry.relation)
            + tail
            + (',"known_model":true' if known else ',"known_model":false')
            + (',"hub_model":true}' if entry.hub else ',"hub_model":false}')
        )


class _TemplateJson:
    """Render a pending finding as JSON with its template's fixed parts encoded once."""

    def __init__(self) -> None:
        # NOTE: keyed by identity: hashing a frozen dataclass per finding costs more than the rest.
        # The templates outlive this renderer (the result holds them), so an id is never reused.
        self._parts: dict[int, tuple[str, str, str, str]] = {}
        self._entry: ModelEntry | None = None
        self._where = ""

    def render(self, template: Template, message: str, upstream: str | None, entry: ModelEntry) -> str:
        parts = self._parts.get(id(template))
        if parts is None:
            parts = self._parts[id(template)] = (
                f'{{"code":{encode_basestring(template.code)},"severity":"{template.severity.value}","message":',
                f',"hint":{_encode(template.hint)},"file":',
                f',"licence":{_encode(template.licence)},"upstream":',
                f',"clause":{_encode(template.clause)},"category":{_encode(template.category)}}}',
            )
        if entry is not self._entry:
            self._entry = entry
            self._where = (
                _encode(entry.file)
                + ',"line":'
                + ("null" if entry.line is None else str(entry.line))
                + ',"col":null,"model":'
                + encode_basestring(entry.id)
            )
        return (
            f"{parts[0]}{encode_basestring(message)}{parts[1]}{self._where}{parts[2]}"
            f"{'null' if upstream is None else encode_basestring(upstream)}{parts[3]}"
        )


#: Tree lines are indented at most this many levels.
_MAX_INDENT = 40


def lineage_text(result: LineageResult) -> str:
    """A tree per root model; each line shows the licence, what it inherits and its conflicts."""
    with no_cycle_collection():
        return _tree(result)


def _tree(result: LineageResult) -> str:
    by_id = {m.id.lower(): m for m in result.models}
    children: dict[str, list[str]] = {key: [] for key in by_id}
    roots: list[str] = []
    for key, model in by_id.items():
        parents = [b.lower() for b in model.base_models if b.lower() in by_id]
        for parent in parents:
            children[parent].append(key)
        if not parents:
            roots.append(key)
    marks: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.model:
            marks.setdefault(finding.model.lower(), []).append(finding)
    out: list[str] = []
    shown: set[str] = set()
    # NOTE: roots first; then models that only a cycle reaches (no root leads to them), which
    # would otherwise be missing from the tree.
    starts = sorted(roots) + sorted(by_id)
    for start in starts:
        if start in shown:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            key, depth = stack.pop()
            model = by_id[key]
            # NOTE: indentation stops growing at _MAX_INDENT levels, so a chain 100,000 deep prints in
            # linear, not quadratic, space; deeper lines carry their depth instead.
            indent = min(depth, _MAX_INDENT)
            deeper = f"[depth {depth}] " if depth > _MAX_INDENT else ""
            pad = "  " * indent + ("└─ " if depth else "") + deeper
            if key in shown:
                out.append(f"{pad}{model.id} (see above)")
                continue
            shown.add(key)
            errors = [f for f in marks.get(key, []) if f.severity is Severity.ERROR]
            flag = "  ✗ " + ", ".join(sorted({f.code for f in errors})) if errors else ""
            commercial = {True: "", False: ", non-commercial", None: ", commercial use unclear"}[model.commercial]
            known = " [well-known model]" if model.known else " [from the Hub]" if model.hub else ""
            out.append(f"{pad}{model.id}  ({model.licence or 'no licence'}{commercial}){known}{flag}")
            if model.inherited_restrictions:
                out.append("  " * (indent + 1) + "   inherits: " + ", ".join(model.inherited_restrictions))
            for child in sorted(children[key], reverse=True):
                stack.append((child, depth + 1))
    if result.findings:
        if out:
            out.append("")
        out.extend(finding_line(f) for f in result.findings)
    return "\n".join(out) + "\n"
