"""Mermaid: the derivation graph as a picture, conflicting edges in red.

Mermaid refuses to render a diagram of more than 500 edges or 50,000 characters (its
``maxEdges`` and ``maxTextSize``), showing an error instead. A larger graph is cut down to what
renders: the models with errors and their ancestors first, then the rest in input order, until
the next model would pass a limit. The cut is said on stderr and in a comment at the top of the
diagram. ``--only-conflicts``, ``--root MODEL`` and ``--max-nodes N`` choose the part to draw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from railguard.errors import InputError
from railguard.lineage.results import Audit, audit_of
from railguard.model import Severity
from railguard.report.escape import printable

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult
    from railguard.report.registry import Options

#: Mermaid's default limits.
MAX_EDGES = 500
MAX_TEXT = 50_000


def _label(text: str) -> str:
    # NOTE: Mermaid labels are quoted; quotes and angle brackets must be entities.
    text = printable(text)
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


class Graph:
    """A lineage's models as a graph: parents and children by position, the error codes of each model."""

    def __init__(self, audit: Audit) -> None:
        self.audit = audit
        entries = audit.entries
        index = {entry.id.strip().lower(): position for position, entry in enumerate(entries)}
        self.index = index
        self.parents: list[list[int]] = []
        self.children: list[list[int]] = [[] for _ in entries]
        for position, entry in enumerate(entries):
            found = []
            for base in entry.base_models:
                parent = index.get(base.strip().lower())
                if parent is not None and parent != position and parent not in found:
                    found.append(parent)
                    self.children[parent].append(position)
            self.parents.append(found)
        kind = audit.kind
        self.errors: dict[int, list[str]] = {}
        for position in range(len(entries)):
            codes = {kind(t).code for t, _ in audit.shared(position) if kind(t).severity is Severity.ERROR}
            codes.update(k.code for k, _ in audit.own(position) if k.severity is Severity.ERROR)
            if codes:
                self.errors[position] = sorted(codes)

    def reach(self, starts: Iterable[int], up: bool) -> list[int]:
        """``starts`` and every model above them (``up``) or below them, in the order first reached."""
        links = self.parents if up else self.children
        seen: dict[int, None] = {}
        stack = list(starts)[::-1]
        while stack:
            position = stack.pop()
            if position in seen:
                continue
            seen[position] = None
            stack.extend(reversed(links[position]))
        return list(seen)


def choose(graph: Graph, options: Options) -> tuple[list[int], list[str]]:
    """The models to draw, by priority, and notes on what was left out."""
    audit = graph.audit
    notes: list[str] = []
    everything = list(range(len(audit)))
    if options.root is not None:
        start = graph.index.get(options.root.strip().lower())
        if start is None:
            raise InputError(f"--root `{printable(options.root)}` is not a model of the lineage")
        everything = graph.reach([start], up=False)
    first = graph.reach([p for p in everything if p in graph.errors], up=True)
    if options.root is not None:
        allowed = set(everything)
        first = [p for p in first if p in allowed]
    if options.only_conflicts:
        chosen = first
    else:
        placed = set(first)
        chosen = first + [p for p in everything if p not in placed]
    if options.max_nodes is not None and len(chosen) > options.max_nodes:
        notes.append(f"--max-nodes {options.max_nodes}: drew {options.max_nodes:,} of {len(chosen):,} models")
        chosen = chosen[: options.max_nodes]
    return chosen, notes


def _node(audit: Audit, position: int, name: str, codes: list[str] | None) -> str:
    entry = audit.entries[position]
    licence = audit.licences[position] or "no licence"
    extra = f"<br/>✗ {', '.join(codes)}" if codes else ""
    return f'    {name}["{_label(entry.id)}<br/><i>{_label(licence)}</i>{extra}"]'


def _fits(graph: Graph, positions: list[int]) -> bool:
    kept = set(positions)
    edges = sum(1 for p in positions for parent in graph.parents[p] if parent in kept)
    # NOTE: room kept for the comment lines that say what was cut.
    return edges <= MAX_EDGES and len(diagram(graph.audit, positions, graph)) <= MAX_TEXT - 600


def _fit(graph: Graph, chosen: list[int]) -> list[int]:
    """The longest prefix of ``chosen`` whose diagram stays within Mermaid's limits (found by halves)."""
    if len(chosen) <= MAX_TEXT // 20 and _fits(graph, chosen):
        return chosen
    low, high = 0, min(len(chosen), MAX_TEXT // 20)
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(graph, chosen[:middle]):
            low = middle
        else:
            high = middle - 1
    return chosen[:low]


def diagram(
    audit: Audit, positions: list[int], graph: Graph, notes: Iterable[str] = (), datasets: Sequence[Any] = ()
) -> str:
    """A ``graph TD`` of the models at ``positions``; an edge into a model with an error is drawn red.

    Datasets the models name are nodes of their own kind (cylinders), joined by dotted edges.
    """
    order = sorted(positions, key=lambda p: audit.entries[p].id.lower())
    names = {position: f"m{number}" for number, position in enumerate(order)}
    lines = [f"%% {printable(note)}" for note in notes]
    lines.append("graph TD")
    for position in order:
        lines.append(_node(audit, position, names[position], graph.errors.get(position)))
    edges: list[tuple[str, str, bool]] = []
    for position in order:
        for parent in graph.parents[position]:
            if parent in names:
                edges.append((names[parent], names[position], position in graph.errors))
    for number, dataset in enumerate(datasets):
        licence = dataset.licence or "licence unknown"
        lines.append(f'    d{number}[("{_label(dataset.id)}<br/><i>{_label(licence)}</i>")]')
    for parent_name, child_name, bad in edges:
        lines.append(f"    {parent_name} {'-. conflict .->' if bad else '-->'} {child_name}")
    by_key = {audit.entries[p].id.strip().lower(): name for p, name in names.items()}
    for number, dataset in enumerate(datasets):
        for user in dataset.used_by:
            if user.strip().lower() in by_key:
                lines.append(f"    d{number} -. data .-> {by_key[user.strip().lower()]}")
    for number, (_, _, bad) in enumerate(edges):
        if bad:
            lines.append(f"    linkStyle {number} stroke:#d1242f,stroke-width:2px")
    lines.append("    classDef conflict fill:#ffebe9,stroke:#d1242f,color:#000")
    lines.append("    classDef known fill:#f6f8fa,stroke:#8c959f,color:#000")
    bad_nodes = [names[p] for p in order if p in graph.errors]
    if bad_nodes:
        lines.append(f"    class {','.join(bad_nodes)} conflict")
    known = [names[p] for p in order if p >= audit.n_input]
    if known:
        lines.append(f"    class {','.join(known)} known")
    if datasets:
        lines.append("    classDef dataset fill:#fff8c5,stroke:#9a6700,color:#000")
        lines.append(f"    class {','.join(f'd{i}' for i in range(len(datasets)))} dataset")
    return "\n".join(lines) + "\n"


def write(result: LineageResult, out: TextIO, options: Options) -> None:
    """The diagram, cut down to what Mermaid renders; what was cut is said on stderr and in a comment."""
    audit = audit_of(result)
    graph = Graph(audit)
    chosen, notes = choose(graph, options)
    fitted = _fit(graph, chosen)
    if len(fitted) < len(chosen):
        notes.append(
            f"drew {len(fitted):,} of {len(chosen):,} models: Mermaid renders at most {MAX_EDGES} edges and "
            f"{MAX_TEXT:,} characters; choose with --only-conflicts, --root MODEL or --max-nodes N"
        )
        if options.err is not None:
            if options.progress is not None:
                options.progress.close()
            options.err.write(f"railguard: warning: mermaid: {notes[-1]}\n")
    drawn = {audit.entries[p].id.strip().lower() for p in fitted}
    datasets = [d for d in result.datasets if any(u.strip().lower() in drawn for u in d.used_by)]
    out.write(diagram(audit, fitted, graph, notes, datasets))
