"""``lineage --format html``: one self-contained page for people.

Everything is in the page (styles, script, drawings): it opens from a file with no network. It
shows the counts of the summary, two charts (error findings by the family of the licence whose
terms they break; edges where a model under a licence that binds derivatives is re-released under
one that does not, by family), the derivation graph (pan with the mouse, zoom with the wheel;
edges into models with errors dashed red) cut down as for Mermaid, and the findings, filterable by
severity, code and licence, each with its clause.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from railguard.lineage.results import Audit, audit_of
from railguard.model import Severity
from railguard.report.clauses import folded
from railguard.report.escape import printable
from railguard.report.mermaid import Graph, choose

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult
    from railguard.report.registry import Options

#: Models drawn when --max-nodes is not given: more make a graph nobody can read.
DEFAULT_NODES = 300
#: Findings listed in the table; the counts above it always cover every finding.
MAX_ROWS = 20_000


def _e(text: object) -> str:
    return html.escape(printable(str(text)), quote=True)


_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de}h1{font-size:20px;margin:0 0 8px}
h2{font-size:16px;margin:20px 24px 8px}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;min-width:120px}
.card b{display:block;font-size:20px}.error b{color:#d1242f}.warning b{color:#9a6700}.info b{color:#0969da}
.charts{display:flex;gap:24px;flex-wrap:wrap;margin:0 24px}.chart{flex:1;min-width:340px}
#graph{margin:0 24px;border:1px solid #d0d7de;border-radius:6px;height:520px;overflow:hidden;cursor:grab}
#graph svg{width:100%;height:100%}.node rect{fill:#fff;stroke:#57606a;rx:4}
.node.conflict rect{fill:#ffebe9;stroke:#d1242f}.node.known rect{fill:#f6f8fa;stroke:#8c959f}
.node text{font-size:11px}.edge{fill:none;stroke:#8c959f;stroke-width:1.2}
.edge.conflict{stroke:#d1242f;stroke-width:2;stroke-dasharray:6 3}
.filters{margin:0 24px 8px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
table{border-collapse:collapse;margin:0 24px 24px;width:calc(100% - 48px)}
th,td{border-bottom:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
td.sev-error{color:#d1242f;font-weight:600}td.sev-warning{color:#9a6700}td.sev-info{color:#0969da}
.note{margin:0 24px;color:#57606a}code{font-size:12px}
"""

#: Nothing is fetched: no network at view time, whatever the data holds.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

_SCRIPT = """
(function(){
  var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));
  var pick={severity:document.getElementById('f-severity'),code:document.getElementById('f-code'),
            licence:document.getElementById('f-licence')};
  function apply(){
    var shown=0;
    rows.forEach(function(r){
      var ok=['severity','code','licence'].every(function(k){
        var v=pick[k].value;return !v||r.dataset[k]===v;});
      r.hidden=!ok;if(ok)shown++;});
    document.getElementById('shown').textContent=shown;
  }
  Object.keys(pick).forEach(function(k){pick[k].addEventListener('change',apply);});
  apply();
  var box=document.getElementById('graph'),svg=box.querySelector('svg');
  if(!svg)return;
  var vb=svg.viewBox.baseVal,drag=null;
  box.addEventListener('wheel',function(e){
    e.preventDefault();var f=e.deltaY>0?1.15:1/1.15,r=svg.getBoundingClientRect();
    var x=vb.x+(e.clientX-r.left)/r.width*vb.width,y=vb.y+(e.clientY-r.top)/r.height*vb.height;
    vb.x=x-(x-vb.x)*f;vb.y=y-(y-vb.y)*f;vb.width*=f;vb.height*=f;},{passive:false});
  box.addEventListener('mousedown',function(e){drag={x:e.clientX,y:e.clientY};box.style.cursor='grabbing';});
  window.addEventListener('mouseup',function(){drag=null;box.style.cursor='grab';});
  window.addEventListener('mousemove',function(e){
    if(!drag)return;var r=svg.getBoundingClientRect();
    vb.x-=(e.clientX-drag.x)/r.width*vb.width;vb.y-=(e.clientY-drag.y)/r.height*vb.height;
    drag={x:e.clientX,y:e.clientY};});
})();
"""


def _bars(title: str, counts: list[tuple[str, int]], element: str, colour: str) -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return f'<div class="chart" id="{element}"><h2>{_e(title)}</h2><p class="note">none</p></div>'
    top = max(n for _, n in counts)
    height = 24 * len(counts) + 8
    bars = []
    for number, (label, count) in enumerate(counts):
        y = 4 + 24 * number
        width = max(2, round(260 * count / top))
        bars.append(
            f'<text x="0" y="{y + 15}" font-size="12">{_e(label)}</text>'
            f'<rect x="240" y="{y + 3}" width="{width}" height="16" fill="{colour}"></rect>'
            f'<text x="{244 + width}" y="{y + 15}" font-size="12" class="count">{count}</text>'
        )
    return (
        f'<div class="chart" id="{element}"><h2>{_e(title)}</h2>'
        f'<svg viewBox="0 0 560 {height}" width="560" height="{height}" role="img">{"".join(bars)}</svg></div>'
    )


def _families(audit: Audit) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(error findings by the family of the licence at stake, restrictive-to-permissive edges by families)."""
    from railguard.catalogue import load_catalogue
    from railguard.lineage.terms import terms_of

    catalogue = load_catalogue()

    def family(licence_id: str | None) -> str:
        found = catalogue.find(licence_id) if licence_id else None
        return found.family.value if found is not None else "unknown"

    conflicts: Counter[str] = Counter()
    for kind, models in audit.tally().kinds.items():
        if kind.severity is Severity.ERROR:
            conflicts[family(kind.inherited or kind.licence)] += models
    binds: dict[str | None, bool | None] = {}

    def binding(licence_id: str | None) -> bool | None:
        if licence_id not in binds:
            found = catalogue.find(licence_id) if licence_id else None
            binds[licence_id] = terms_of(found).binds if found is not None else None
        return binds[licence_id]

    drift: Counter[str] = Counter()
    index = {entry.id.strip().lower(): position for position, entry in enumerate(audit.entries)}
    for position, entry in enumerate(audit.entries):
        child = audit.licences[position]
        if binding(child) is not False:
            continue
        for base in entry.base_models:
            parent = index.get(base.strip().lower())
            if parent is not None and binding(audit.licences[parent]):
                drift[f"{family(audit.licences[parent])} → {family(child)}"] += 1
    return conflicts.most_common(), drift.most_common()


def _depths(graph: Graph, order: list[int]) -> dict[int, int]:
    """Each drawn model's depth: the longest path to it from the drawn roots."""
    chosen = set(order)
    depth = dict.fromkeys(order, 0)
    # NOTE: a bound on passes, so that a cycle cannot loop.
    for _ in range(len(order)):
        changed = False
        for position in order:
            for parent in graph.parents[position]:
                if parent in chosen and depth[parent] + 1 > depth[position] and depth[parent] < len(order):
                    depth[position] = depth[parent] + 1
                    changed = True
        if not changed:
            break
    return depth


def _svg(graph: Graph, positions: list[int]) -> str:
    """The chosen models in layers by depth, edges into models with errors marked."""
    audit = graph.audit
    order = sorted(positions, key=lambda p: audit.entries[p].id.lower())
    depth = _depths(graph, order)
    layers: dict[int, list[int]] = {}
    for position in order:
        layers.setdefault(depth[position], []).append(position)
    where: dict[int, tuple[int, int]] = {}
    for level in sorted(layers):
        members = layers[level]
        if level:
            # NOTE: each model under the mean column of its drawn parents (the barycentre
            # heuristic), which keeps most edges short and uncrossed.
            def centre(position: int) -> float:
                xs = [where[p][0] for p in graph.parents[position] if p in where]
                return sum(xs) / len(xs) if xs else float("inf")

            members.sort(key=centre)
        for column, position in enumerate(members):
            where[position] = (150 + column * 230, 20 + level * 90)
    width = max((x for x, _ in where.values()), default=0) + 250
    height = max((y for _, y in where.values()), default=0) + 80
    parts = []
    for position in order:
        x, y = where[position]
        for parent in graph.parents[position]:
            if parent in where:
                px, py = where[parent]
                bad = " conflict" if position in graph.errors else ""
                # NOTE: an edge across several layers bows out to the left of the boxes between.
                bow = 125 if y - py > 90 else 0
                parts.append(
                    f'<path class="edge{bad}" d="M{px + 105},{py + 40} C{px + 105 - bow},{py + 65 + bow // 2} '
                    f'{x + 105 - bow},{y - 25 - bow // 2} {x + 105},{y}"></path>'
                )
    for position in order:
        x, y = where[position]
        entry = audit.entries[position]
        kind = " conflict" if position in graph.errors else " known" if position >= audit.n_input else ""
        label = entry.id if len(entry.id) <= 34 else entry.id[:33] + "…"
        codes = ", ".join(graph.errors.get(position, ()))
        parts.append(
            f'<g class="node{kind}" data-model="{_e(entry.id)}"><title>{_e(entry.id)}</title>'
            f'<rect x="{x}" y="{y}" width="210" height="40"></rect>'
            f'<text x="{x + 6}" y="{y + 16}">{_e(label)}</text>'
            f'<text x="{x + 6}" y="{y + 32}" fill="#57606a">{_e(audit.licences[position] or "no licence")}'
            f"{' ✗ ' + _e(codes) if codes else ''}</text></g>"
        )
    return f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'


def _rows(audit: Audit) -> tuple[list[str], int]:
    """Table rows (errors first, models in input order), at most MAX_ROWS; and how many findings there are."""
    rows: list[str] = []
    total = 0
    for severity in reversed(Severity):
        for position in range(len(audit)):
            entry = audit.entries[position]
            for kind, _, text in audit.rows(position):
                if kind.severity is not severity:
                    continue
                total += 1
                if len(rows) < MAX_ROWS:
                    licence = kind.inherited or kind.licence or ""
                    rows.append(_row(severity, kind.code, entry.id, licence, text, kind.clause, kind.hint))
        for finding in audit.standalone:
            if finding.severity is severity:
                total += 1
                if len(rows) < MAX_ROWS:
                    rows.append(
                        _row(
                            severity,
                            finding.code,
                            finding.model or "",
                            finding.licence or "",
                            finding.message,
                            finding.clause,
                            finding.hint,
                        )
                    )
    return rows, total


def _row(
    severity: Severity, code: str, model: str, licence: str, message: str, clause: str | None, hint: str | None
) -> str:
    full = clause or ""
    return (
        f'<tr data-severity="{severity.value}" data-code="{_e(code)}" data-licence="{_e(licence)}">'
        f'<td class="sev-{severity.value}">{severity.value}</td><td>{_e(code)}</td><td>{_e(model)}</td>'
        f"<td>{_e(licence)}</td><td>{_e(message)}</td>"
        f'<td title="{_e(full)}">{_e(folded(full, licence or None)) if full else ""}</td><td>{_e(hint or "")}</td></tr>'
    )


def _select(name: str, values: list[str]) -> str:
    options = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return f'<label>{name} <select id="f-{name}"><option value="">all</option>{options}</select></label>'


def write(result: LineageResult, out: TextIO, options: Options) -> None:
    """The page."""
    audit = audit_of(result)
    tally = audit.tally()
    graph = Graph(audit)
    limit = options.max_nodes or DEFAULT_NODES
    chosen, notes = choose(graph, options)
    if len(chosen) > limit:
        notes.append(f"the graph shows {limit:,} of {len(chosen):,} models (conflicts and their ancestors first)")
        chosen = chosen[:limit]
        if options.err is not None and options.max_nodes is None:
            if options.progress is not None:
                options.progress.close()
            options.err.write(
                f"railguard: warning: html: {notes[-1]}; choose with --only-conflicts, --root or --max-nodes\n"
            )
    conflicts, drift = _families(audit)
    rows, total = _rows(audit)
    codes = sorted(tally.codes)
    licences = sorted({_licence_of(row) for row in rows} - {""})
    title = f"railguard lineage: {options.source or 'lineage'}"
    cards = [
        ("models", len(audit), ""),
        ("models with errors", tally.models[Severity.ERROR], "error"),
        ("models with warnings", tally.models[Severity.WARNING], "warning"),
        ("errors", tally.findings[Severity.ERROR], "error"),
        ("warnings", tally.findings[Severity.WARNING], "warning"),
        ("info", tally.findings[Severity.INFO], "info"),
    ]
    card_html = "".join(
        f'<div class="card {cls}" data-count="{_e(label)}"><b>{count:,}</b>{_e(label)}</div>'
        for label, count, cls in cards
    )
    capped = (
        f'<p class="note">The table lists the first {len(rows):,} of {total:,} findings (errors first); '
        "`--format json` has them all.</p>"
        if len(rows) < total
        else ""
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<title>{_e(title)}</title><style>{_STYLE}</style></head><body>
<header><h1>{_e(title)}</h1><div class="cards">{card_html}</div></header>
<div class="charts">{_bars("Error findings by licence family", conflicts, "chart-conflicts", "#d1242f")}
{_bars("Drift from restrictive to permissive licences (edges)", drift, "chart-drift", "#9a6700")}</div>
<h2>Derivation graph</h2>{"".join(f'<p class="note">{_e(n)}</p>' for n in notes)}
<div id="graph">{_svg(graph, chosen)}</div>
<h2>Findings</h2><div class="filters">{_select("severity", [s.value for s in reversed(Severity)])}
{_select("code", codes)}{_select("licence", licences)}<span><b id="shown">{len(rows)}</b> shown</span></div>
{capped}<table id="findings"><thead><tr><th>severity</th><th>code</th><th>model</th><th>licence</th><th>finding</th>
<th>clause</th><th>hint</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table><script>{_SCRIPT}</script></body></html>
"""
    out.write(page)
    if options.err is not None:
        from railguard.report.lineage_text import summary_line

        options.summary(summary_line(audit))


def _licence_of(row: str) -> str:
    start = row.index('data-licence="') + len('data-licence="')
    return html.unescape(row[start : row.index('"', start)])
