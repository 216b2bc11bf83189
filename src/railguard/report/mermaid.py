"""Mermaid: the derivation graph as a picture, conflicting edges in red."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from railguard.lineage.model import LineageResult
from railguard.model import Severity

if TYPE_CHECKING:
    from railguard.audit.graph import DatasetNode


def _label(text: str) -> str:
    # NOTE: Mermaid labels are quoted; quotes and angle brackets must be entities.
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def lineage_mermaid(result: LineageResult, datasets: Sequence[DatasetNode] = ()) -> str:
    """A ``graph TD`` of the models; an edge into a model with an error finding is drawn red.

    Datasets the models name are nodes of their own kind (cylinders), joined by dotted edges.
    """
    ids = {m.id.lower(): f"m{index}" for index, m in enumerate(result.models)}
    conflicted: dict[str, set[str]] = {}
    for finding in result.findings:
        if finding.model and finding.severity is Severity.ERROR:
            conflicted.setdefault(finding.model.lower(), set()).add(finding.code)
    lines = ["graph TD"]
    for model in result.models:
        node = ids[model.id.lower()]
        licence = model.licence or "no licence"
        codes = conflicted.get(model.id.lower())
        extra = f"<br/>✗ {', '.join(sorted(codes))}" if codes else ""
        lines.append(f'    {node}["{_label(model.id)}<br/><i>{_label(licence)}</i>{extra}"]')
    edges: list[tuple[str, str, bool]] = []
    for model in result.models:
        child = model.id.lower()
        for base in model.base_models:
            parent = base.lower()
            if parent in ids:
                edges.append((ids[parent], ids[child], child in conflicted))
    for index, dataset in enumerate(datasets):
        licence = dataset.licence or "licence unknown"
        lines.append(f'    d{index}[("{_label(dataset.id)}<br/><i>{_label(licence)}</i>")]')
    for parent, child, bad in edges:
        lines.append(f"    {parent} {'-. conflict .->' if bad else '-->'} {child}")
    for index, dataset in enumerate(datasets):
        for user in dataset.used_by:
            if user.lower() in ids:
                lines.append(f"    d{index} -. data .-> {ids[user.lower()]}")
    for index, (_, _, bad) in enumerate(edges):
        if bad:
            lines.append(f"    linkStyle {index} stroke:#d1242f,stroke-width:2px")
    lines.append("    classDef conflict fill:#ffebe9,stroke:#d1242f,color:#000")
    lines.append("    classDef known fill:#f6f8fa,stroke:#8c959f,color:#000")
    bad_nodes = [ids[key] for key in sorted(conflicted) if key in ids]
    if bad_nodes:
        lines.append(f"    class {','.join(bad_nodes)} conflict")
    known = [ids[m.id.lower()] for m in result.models if m.known or m.hub]
    if known:
        lines.append(f"    class {','.join(known)} known")
    if datasets:
        lines.append("    classDef dataset fill:#fff8c5,stroke:#9a6700,color:#000")
        lines.append(f"    class {','.join(f'd{i}' for i in range(len(datasets)))} dataset")
    return "\n".join(lines) + "\n"
