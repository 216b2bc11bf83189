"""Render lineage and compatibility results: a text tree per root, and JSON."""

from __future__ import annotations

from typing import Any

from railguard.bulk import no_cycle_collection
from railguard.lineage.model import LineageResult
from railguard.model import Finding, Severity
from railguard.report.findings import finding_line, summary
from railguard.report.lineage_stream import lineage_json_pieces, model_json, write_lineage_json

__all__ = [
    "finding_line",
    "lineage_json",
    "lineage_json_pieces",
    "lineage_text",
    "model_json",
    "summary",
    "write_lineage_json",
]


def lineage_json(result: LineageResult) -> dict[str, Any]:
    """The ``lineage --format json`` body."""
    with no_cycle_collection():
        return {
            "models": [model_json(m) for m in result.models],
            "findings": [f.to_json() for f in result.findings],
        }


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
