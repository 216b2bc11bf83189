"""``lineage`` as text that reads like an audit.

1. The models with findings at or above ``--fail-on`` (errors by default), each with its place,
   licence and governing licences, then those findings with their clauses (folded into ranges)
   and hints. They are written while the models are read, so the first lines appear at once.
2. Every other finding grouped by kind, one line each with the number of models it applies to
   (``--verbose`` lists them): a duty every Llama derivative carries is one line, not thousands.
3. What each governing licence passes down, once per licence.
4. Findings about no model (records that could not be read).

The closing summary (stderr) counts models by their worst finding as well as findings.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, TextIO

from railguard.lineage.results import Audit, Kind, audit_of
from railguard.model import Severity
from railguard.report.clauses import cited, cited_by
from railguard.report.escape import printable

if TYPE_CHECKING:
    from railguard.lineage.checks import Template
    from railguard.lineage.model import LineageResult
    from railguard.report.registry import Options

#: Models whose blocks are written at once.
_BATCH = 2_000
_MARK = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def clause_text(kind: Kind) -> str:
    """`` (clause ...)`` with the clause folded into ranges, or nothing."""
    return cited(kind.clause, kind.inherited)


def model_heading(audit: Audit, position: int, facts_memo: dict[object, str] | None = None) -> str:
    """``file:line: org/model  (licence; governed by ...; non-commercial)``.

    ``facts_memo``: the part in parentheses by what it depends on (the same for many models).
    """
    entry = audit.entries[position]
    inherits = audit.inherits[position]
    licence = audit.licences[position]
    key = (id(inherits), licence, entry.hub if position >= audit.n_input else None)
    facts = facts_memo.get(key) if facts_memo is not None else None
    if facts is None:
        facts = _facts(audit, position)
        if facts_memo is not None:
            facts_memo[key] = facts
    return f"{_where(audit, position)}{printable(entry.id)}  ({facts})"


def _facts(audit: Audit, position: int) -> str:
    entry = audit.entries[position]
    inherits = audit.inherits[position]
    licence = audit.licences[position]
    facts = [printable(licence) if licence else "no licence"]
    others = [g for g in inherits.governing if g != licence]
    if others:
        facts.append("governed by " + printable(", ".join(others)))
    if inherits.commercial is False:
        facts.append("non-commercial")
    elif inherits.commercial is None:
        facts.append("commercial use unclear")
    if position >= audit.n_input:
        facts.append("from the Hub" if entry.hub else "well-known model")
    return "; ".join(facts)


def _where(audit: Audit, position: int) -> str:
    """``file:line: `` of a model, or nothing."""
    entry = audit.entries[position]
    if not entry.file:
        return ""
    return f"{printable(entry.file)}:{entry.line}: " if entry.line else f"{printable(entry.file)}: "


def _group_text(kind: Kind) -> str:
    """A kind's message for many models at once."""
    text = kind.message.replace("{model}", "the model").replace("{upstream}", "an ancestor")
    return printable(text.replace("{{", "{").replace("}}", "}"))


def write(result: LineageResult, out: TextIO, options: Options) -> None:
    """The audit: listed models, grouped findings, licences, input problems; the summary on stderr."""
    audit = audit_of(result)
    threshold = Severity(options.fail_on).rank
    hints = not options.quiet
    listed = _listed(audit, out, threshold, hints)
    tally = audit.tally()
    groups = sorted(
        (kind for kind in tally.kinds if kind.severity.rank < threshold),
        key=lambda k: (-k.severity.rank, -tally.kinds[k], k.sort_key()),
    )
    singles = {kind for kind in groups if tally.kinds[kind] == 1}
    members = _members(audit, set(groups) if options.verbose else singles) if groups else {}
    lines: list[str] = []
    if groups:
        if listed:
            lines.append("")
        how = "with the models" if options.verbose else "--verbose lists the models"
        lines.append(f"Other findings, one line per kind ({how}):")
        for kind in groups:
            count = tally.kinds[kind]
            if count == 1:
                # NOTE: a finding about one model reads best as that finding, with its place.
                (position,) = members[kind]
                text = next(text for one, _, text in audit.rows(position) if one is kind)
                head = f"  {_where(audit, position)}{kind.code} [{kind.severity.value}]"
                lines.append(f"{head} {printable(text)}{clause_text(kind)}")
                continue
            head = f"  {kind.code} [{kind.severity.value}] {_plural(count, 'model')}"
            lines.append(f"{head}: {_group_text(kind)}{clause_text(kind)}")
            if options.verbose:
                names = "{upstream}" in kind.message
                for position in members.get(kind, ()):
                    line = f"      {_where(audit, position)}{printable(audit.entries[position].id)}"
                    upstream = upstream_of(audit, position, kind) if names else None
                    lines.append(f"{line} (via `{printable(upstream)}`)" if upstream else line)
    lines.extend(_licences(audit))
    if result.datasets:
        lines.append("")
        lines.append("Datasets (training data; not inherited from):")
        for node in result.datasets:
            users = ", ".join(printable(u) for u in node.used_by)
            lines.append(
                f"  {printable(node.id)}  (dataset, {printable(node.licence or 'licence unknown')})  -> {users}"
            )
    if options.verbose:
        lines.extend(_tree(audit))
    if audit.standalone:
        lines.append("")
        lines.append("Findings about the input:")
        for finding in audit.standalone:
            where = ""
            if finding.file:
                where = (
                    f"{printable(finding.file)}:{finding.line}: " if finding.line else f"{printable(finding.file)}: "
                )
            clause = cited_by(finding)
            lines.append(f"  {where}{finding.code} [{finding.severity.value}] {printable(finding.message)}{clause}")
            if hints and finding.hint:
                lines.append(f"      hint: {printable(finding.hint)}")
    if lines:
        out.write("\n".join(lines) + "\n")
    options.summary(summary_line(audit) + (f"; {options.note}" if options.note else ""))


def summary_line(audit: Audit) -> str:
    """``2,007 models: 116 with errors, 640 with warnings, ...; findings: 195 errors, ...``."""
    tally = audit.tally()
    models = tally.models
    parts = [
        f"{models[Severity.ERROR]:,} with errors",
        f"{models[Severity.WARNING]:,} with warnings (no error)",
        f"{models[Severity.INFO]:,} with notes only",
        f"{models[None]:,} without findings",
    ]
    found = tally.findings
    counts = (
        f"{_plural(found[Severity.ERROR], 'error')}, {_plural(found[Severity.WARNING], 'warning')}, "
        f"{found[Severity.INFO]:,} info"
    )
    return f"{_plural(len(audit), 'model')}: {', '.join(parts)}; findings: {counts}"


def _listed(audit: Audit, out: TextIO, threshold: int, hints: bool) -> int:
    """Write every model with findings at or above ``threshold``, in input order; return how many.

    A kind's hint is written under its first finding only: the same advice under every model that
    relicensed a Llama fine-tune would double the length of a large audit and say nothing new.
    """
    kind_of = audit.kind
    pending, attached = audit.pending, audit.attached
    # NOTE: per shared tuple (one per set of terms): its templates that reach the threshold.
    listed: dict[int, list[tuple[Template, str | None, Kind]]] = {}
    # per kind: what precedes its message (mark, code) and what follows it (the clause), and
    # whether its hint was written
    tails: dict[Kind, tuple[str, str]] = {}
    hinted: set[Kind] = set()
    blocks: list[str] = []
    headings: dict[object, str] = {}
    count = 0
    for position in range(len(audit)):
        item = pending[position] if position < len(pending) else None
        shared = item.shared if item is not None else ()
        chosen = listed.get(id(shared))
        if chosen is None:
            # NOTE: in report order once per shared tuple (by the template's words, which decide as
            # the written message would but for the ids); a model's own findings mix in below.
            chosen = [(t, lid, kind_of(t)) for t, lid in shared if kind_of(t).severity.rank >= threshold]
            chosen.sort(key=lambda row: (-row[2].severity.rank, row[2].code, row[2].licence or "", row[0].message))
            listed[id(shared)] = chosen
        own = (
            audit.own(position, least=threshold)
            if (item is not None and (item.named or item.own)) or position in attached
            else []
        )
        if not chosen and not own:
            continue
        model = audit.entries[position].id
        quoted = f"`{model}`"
        # NOTE: a message is catalogue text around the model and upstream ids; only those come
        # from the input, so it needs escaping only when one of them does.
        plain = printable(model) is model
        rows: list[tuple[Kind, str]] = []
        if chosen:
            assert item is not None
            origins = item.origins
            for template, lid, kind in chosen:
                up = origins[lid] if lid is not None else None
                text = template.lineage_message(quoted, up)
                rows.append((kind, text if plain and (up is None or printable(up) is up) else printable(text)))
        rows.extend((kind, printable(kind.text(model, up))) for kind, up in own)
        if own:
            rows.sort(key=lambda row: (-row[0].severity.rank, row[0].code, row[0].licence or "", row[1]))
        block = [model_heading(audit, position, headings)]
        for kind, text in rows:
            around = tails.get(kind)
            if around is None:
                around = tails[kind] = (f"  {_MARK[kind.severity]} {kind.code} ", clause_text(kind))
            block.append(around[0] + text + around[1])
            if hints and kind.hint and kind not in hinted:
                hinted.add(kind)
                block.append(f"      hint: {printable(kind.hint)}")
        blocks.append("\n".join(block) + "\n")
        count += 1
        if count == 1 or len(blocks) >= _BATCH:
            # NOTE: the first model at once, so that a long audit shows something straight away.
            out.write(("\n" if count > 1 else "") + "\n".join(blocks))
            out.flush()
            blocks = []
    if blocks:
        out.write("\n" + "\n".join(blocks))
    return count


def upstream_of(audit: Audit, position: int, kind: Kind) -> str | None:
    """The upstream the model's finding of ``kind`` names (the ancestor a grouped line cannot)."""
    origins = audit.origins(position)
    for template, lid in audit.shared(position):
        if lid is not None and audit.kind(template) is kind:
            return origins.get(lid)
    return next((upstream for one, upstream in audit.own(position) if one is kind), None)


def _members(audit: Audit, wanted: set[Kind]) -> dict[Kind, array[int]]:
    """The positions of the models each kind applies to (for ``--verbose``, and for kinds of one model)."""
    found: dict[Kind, array[int]] = {}
    if not wanted:
        return found
    kind_of = audit.kind
    pending, attached = audit.pending, audit.attached
    # NOTE: per shared tuple, once: the wanted kinds it holds (most tuples hold none).
    holds: dict[int, list[Kind]] = {}
    for one in filter(None, pending):
        if id(one.shared) not in holds:
            holds[id(one.shared)] = [k for k in dict.fromkeys(kind_of(t) for t, _ in one.shared) if k in wanted]
    for position, item in enumerate(pending):
        if item is None:
            continue
        kinds = holds[id(item.shared)]
        if item.named or item.own or position in attached:
            extra = [kind for kind, _ in audit.own(position) if kind in wanted and kind not in kinds]
            kinds = kinds + list(dict.fromkeys(extra))
        for kind in kinds:
            found.setdefault(kind, array("i")).append(position)
    for position in attached:
        if position >= len(pending) or pending[position] is None:
            for kind in dict.fromkeys(kind for kind, _ in audit.own(position)):
                if kind in wanted:
                    found.setdefault(kind, array("i")).append(position)
    return found


#: Tree lines are indented at most this many levels.
_MAX_INDENT = 40


def _tree(audit: Audit) -> list[str]:
    """``--verbose``: every model, a tree per root, with its licence and the codes of its errors."""
    from railguard.report.mermaid import Graph

    graph = Graph(audit)
    entries = audit.entries
    out = ["", "Models, a tree per root model:"]
    shown: set[int] = set()
    # NOTE: roots first; then models that only a cycle reaches (no root leads to them).
    by_id = sorted(range(len(entries)), key=lambda p: entries[p].id.lower())
    starts = [p for p in by_id if not graph.parents[p]] + by_id
    for start in starts:
        if start in shown:
            continue
        stack: list[tuple[int, int]] = [(start, 0)]
        while stack:
            position, depth = stack.pop()
            entry = entries[position]
            # NOTE: indentation stops growing at _MAX_INDENT levels, so a chain 100,000 deep prints in
            # linear, not quadratic, space; deeper lines carry their depth instead.
            indent = min(depth, _MAX_INDENT)
            deeper = f"[depth {depth}] " if depth > _MAX_INDENT else ""
            pad = "  " * indent + ("└─ " if depth else "") + deeper
            if position in shown:
                out.append(f"{pad}{printable(entry.id)} (see above)")
                continue
            shown.add(position)
            codes = graph.errors.get(position)
            flag = "  ✗ " + ", ".join(codes) if codes else ""
            commercial = {True: "", False: ", non-commercial", None: ", commercial use unclear"}
            known = ""
            if position >= audit.n_input:
                known = " [from the Hub]" if entry.hub else " [well-known model]"
            licence = printable(audit.licences[position] or "no licence")
            out.append(
                f"{pad}{printable(entry.id)}  ({licence}{commercial[audit.inherits[position].commercial]}){known}{flag}"
            )
            for child in sorted(graph.children[position], key=lambda p: entries[p].id.lower(), reverse=True):
                stack.append((child, depth + 1))
    return out


def _licences(audit: Audit) -> list[str]:
    """What each governing licence passes down, once per licence, with the number of models it governs."""
    from collections import Counter

    from railguard.catalogue import load_catalogue
    from railguard.lineage.terms import terms_of

    governed: Counter[str] = Counter()
    by_inherits: Counter[int] = Counter(map(id, audit.inherits))
    seen: dict[int, tuple[str, ...]] = {}
    for inherits in audit.inherits:
        if id(inherits) not in seen:
            seen[id(inherits)] = inherits.governing
    for key, governing in seen.items():
        for lid in governing:
            governed[lid] += by_inherits[key]
    catalogue = load_catalogue()
    lines: list[str] = []
    for lid in sorted(governed):
        licence = catalogue.find(lid)
        if licence is None:
            continue
        terms = terms_of(licence)
        passes = sorted(terms.categories) if terms.flow_down or terms.unsettled else []
        if not passes and not terms.non_commercial:
            continue
        what = []
        if passes:
            how = "passes down" if terms.flow_down else "restricts (reach over derivatives unsettled)"
            what.append(f"{how} {_plural(len(passes), 'restriction')}: {', '.join(passes)}")
        if terms.non_commercial:
            what.append("non-commercial")
        lines.append(f"  {lid} ({_plural(governed[lid], 'model')}): {'; '.join(what)}")
    if lines:
        lines.insert(0, "")
        lines.insert(1, "What the governing licences pass down (once per licence):")
    return lines
