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

import re
from array import array
from itertools import chain
from typing import TYPE_CHECKING, TextIO

from railguard.lineage.results import Audit, Kind, audit_of
from railguard.model import Severity
from railguard.report.clauses import cited, cited_by
from railguard.report.escape import printable

if TYPE_CHECKING:
    from railguard.lineage.checks import Template
    from railguard.lineage.model import LineageResult, ModelEntry
    from railguard.lineage.results import Pending, Shared
    from railguard.report.registry import Options

#: Models whose blocks are written at once.
_BATCH = 2_000
_MARK = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def clause_text(kind: Kind) -> str:
    """`` (clause ...)`` with the clause folded into ranges, or nothing."""
    return cited(kind.clause, kind.inherited)


def _facts(audit: Audit, position: int) -> str:
    """What a model's heading says in parentheses: its licence, those governing it, commercial use."""
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


def _where(entry: ModelEntry) -> str:
    """``file:line: `` of a model, or nothing."""
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
    via: dict[tuple[int, Kind], str | None] = {}
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
                head = f"  {_where(audit.entries[position])}{kind.code} [{kind.severity.value}]"
                lines.append(f"{head} {printable(text)}{clause_text(kind)}")
                continue
            head = f"  {kind.code} [{kind.severity.value}] {_plural(count, 'model')}"
            lines.append(f"{head}: {_group_text(kind)}{clause_text(kind)}")
            if options.verbose:
                names = "{upstream}" in kind.message
                for position in members.get(kind, ()):
                    line = f"      {_where(audit.entries[position])}{printable(audit.entries[position].id)}"
                    upstream = upstream_of(audit, position, kind, via) if names else None
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
    """Write every model with findings at or above ``threshold``, in input order; return how many."""
    blocks = _Blocks(audit, threshold, hints)
    entries, pending, attached = audit.entries, audit.pending, audit.attached
    n_input = audit.n_input
    known = blocks.known
    situation, _ = audit.situations()
    #: the text of the blocks not written yet, in pieces
    written: list[str] = []
    count = 0
    rest = ((position, None) for position in range(len(pending), len(audit)))
    for position, item in chain(enumerate(pending), rest):
        parts: list[str] | None = None
        if item is not None and position < n_input and position not in attached:
            number = situation[position]
            plan = known.get(number)
            if plan is None and number not in known:
                plan = blocks.known_plan(number, position, item)
            # NOTE: a model whose own findings are not listed (most) gets its situation's block with
            # its ids put in; it is listed only if that block is not empty.
            if plan is not None:
                cut, lids, index = plan
                if not cut:
                    continue
                entry = entries[position]
                ids = [entry.id, *map(item.origins.__getitem__, lids)]
                if "".join(ids).isprintable():
                    parts = cut[:]
                    parts[1] = _where(entry)
                    parts[3::2] = map(ids.__getitem__, index)
        if parts is None:
            block = blocks.general(position, item)
            if block is None:
                continue
            parts = ["\n", block] if count else [block]
        written += parts
        count += 1
        if count == 1 or count % _BATCH == 0:
            # NOTE: the first model at once, so that a long audit shows something straight away.
            out.write("".join(written))
            out.flush()
            written = []
    out.write("".join(written))
    return count


#: What a block depends on but for the model's place, ids and findings of its own: the ids of its
#: shared and naming tuples and inheritance, and its licence.
_Key = tuple[int, int, int, "str | None"]
#: A block cut around the ids put in per model (see ``_Blocks.plans``).
_Plan = tuple[list[str], tuple[str, ...], tuple[int, ...]]
#: What a model's id and an upstream's id stand in for while a block is cut.
_MODEL, _UPSTREAM = "\x00", "\x01"


class _Blocks:
    """The blocks of the models listed with their findings, and the parts they are made of.

    The models with the same findings from their terms (``shared``), the same licence and the same
    inherited terms, and no findings of their own to list, get the same block but for their place
    and ids: its text is cut once into the parts around them (a :attr:`plans` entry), after the
    first such model was written the long way (:meth:`general`, which writes the kinds' hints).
    Joining the parts of a 2 KB block takes a tenth of the time a %-format of it takes (0.6 against
    5.5 microseconds); this block text is most of a Hub-sized audit's output.
    """

    def __init__(self, audit: Audit, threshold: int, hints: bool) -> None:
        self.audit, self.threshold, self.hints = audit, threshold, hints
        #: per shared tuple: its templates that reach the threshold, in report order.
        self.chosen: dict[int, list[tuple[Template, str | None, Kind]]] = {}
        #: per situation: the block's text (after a blank line) cut at the model's place, its id
        #: and the upstreams' ids, which go at the odd positions; the licences whose origins are
        #: the upstreams; per id after the place, which it is (0: the model's, i: the i-th
        #: licence's origin). No text when nothing reaches the threshold; no plan when a message
        #: has another shape or naming duties to list.
        self.plans: dict[_Key, _Plan | None] = {}
        #: per situation (see Audit.situations): its plan once known; None when its models have
        #: findings of their own to list.
        self.known: dict[int, _Plan | None] = {}
        #: per kind: what precedes its message (mark, code) and what follows it (the clause).
        self.tails: dict[Kind, tuple[str, str]] = {}
        self.hinted: set[Kind] = set()
        self._facts: dict[object, str] = {}

    def facts(self, position: int) -> str:
        """The part of a model's heading in parentheses (the same for every model in its situation)."""
        audit = self.audit
        inherits, licence = audit.inherits[position], audit.licences[position]
        key = (id(inherits), licence, audit.entries[position].hub if position >= audit.n_input else None)
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = _facts(audit, position)
        return found

    def heading(self, position: int) -> str:
        """``file:line: org/model  (licence; governed by ...; non-commercial)``."""
        entry = self.audit.entries[position]
        return f"{_where(entry)}{printable(entry.id)}  ({self.facts(position)})"

    def tail(self, kind: Kind) -> tuple[str, str]:
        """What precedes a kind's message on its line, and what follows it."""
        around = self.tails.get(kind)
        if around is None:
            around = self.tails[kind] = (f"  {_MARK[kind.severity]} {kind.code} ", clause_text(kind))
        return around

    def listed(self, shared: Shared) -> list[tuple[Template, str | None, Kind]]:
        """The templates of a shared tuple that reach the threshold, in report order."""
        chosen = self.chosen.get(id(shared))
        if chosen is None:
            # NOTE: in report order once per shared tuple (by the template's words, which decide as
            # the written message would but for the ids); a model's own findings mix in below.
            kind_of = self.audit.kind
            chosen = [(t, lid, kind_of(t)) for t, lid in shared if kind_of(t).severity.rank >= self.threshold]
            chosen.sort(key=lambda row: (-row[2].severity.rank, row[2].code, row[2].licence or "", row[0].message))
            self.chosen[id(shared)] = chosen
        return chosen

    def key(self, position: int, item: Pending) -> _Key:
        """What a model's block depends on but for its place, ids and findings of its own."""
        audit = self.audit
        return (id(item.shared), id(item.named), id(audit.inherits[position]), audit.licences[position])

    def known_plan(self, number: int, position: int, item: Pending) -> _Plan | None:
        """The plan of situation ``number`` (of the model at ``position``), if it is known yet."""
        if any(t.severity.rank >= self.threshold for t, _ in item.own):
            self.known[number] = None
            return None
        key = self.key(position, item)
        if key not in self.plans:
            return None
        plan = self.known[number] = self.plans[key]
        return plan

    def plan(self, position: int, item: Pending) -> _Plan | None:
        """The block of a model's situation cut into parts (see :attr:`plans`)."""
        if any(t.severity.rank >= self.threshold for t, _ in item.named):
            return None
        chosen = self.listed(item.shared)
        if not chosen:
            return [], (), ()
        # NOTE: the blank line before the block: a plan is used only after a model was listed.
        cut = ["\n", ""]
        lids: dict[str, int] = {}
        index = [0]
        text = f"  ({self.facts(position)})"
        for template, lid, kind in chosen:
            # NOTE: the message written for stand-in ids, then cut where they stand.
            message = template.message_for(_MODEL, _UPSTREAM if lid is not None else None)
            upstreams = 1 if lid is not None and "{upstream}" in template.message else 0
            if message.count(_MODEL) != 1 or message.count(_UPSTREAM) != upstreams:
                return None
            head, clause = self.tail(kind)
            # NOTE: the text between the ids escaped (it can quote a licence name from the input);
            # the ids are checked where they are put in.
            pieces = [
                piece if i % 2 else printable(piece)
                for i, piece in enumerate(re.split(f"([{_MODEL}{_UPSTREAM}])", message))
            ]
            text += "\n" + head + pieces[0]
            for mark, piece in zip(pieces[1::2], pieces[2::2], strict=True):
                cut.append(text)
                index.append(0 if mark == _MODEL or lid is None else lids.setdefault(lid, len(lids) + 1))
                text = piece
            text += clause
        cut.append(text + "\n")
        parts = [""] * (2 * len(cut) - 1)
        parts[::2] = cut
        return parts, tuple(lids), tuple(index)

    def general(self, position: int, item: Pending | None) -> str | None:
        """A model's block written finding by finding, or ``None`` when nothing reaches the threshold.

        A kind's hint is written under its first finding only: the same advice under every model that
        relicensed a Llama fine-tune would double the length of a large audit and say nothing new.
        """
        audit = self.audit
        shared = item.shared if item is not None else ()
        chosen = self.listed(shared)
        if item is not None and position < audit.n_input:
            key = self.key(position, item)
            if key not in self.plans:
                self.plans[key] = self.plan(position, item)
        own = (
            audit.own(position, least=self.threshold)
            if (item is not None and (item.named or item.own)) or position in audit.attached
            else []
        )
        if not chosen and not own:
            return None
        model = audit.entries[position].id
        rows: list[tuple[Kind, str]] = []
        if chosen:
            assert item is not None
            origins = item.origins
            for template, lid, kind in chosen:
                up = origins[lid] if lid is not None else None
                # NOTE: escaped as a whole: besides the ids, a message can quote what the input
                # declares (an unknown licence's name).
                rows.append((kind, printable(template.message_for(model, up))))
        rows.extend((kind, printable(kind.text(model, up))) for kind, up in own)
        if own:
            rows.sort(key=lambda row: (-row[0].severity.rank, row[0].code, row[0].licence or "", row[1]))
        block = [self.heading(position)]
        for kind, text in rows:
            head, clause = self.tail(kind)
            block.append(head + text + clause)
            if self.hints and kind.hint and kind not in self.hinted:
                self.hinted.add(kind)
                block.append(f"      hint: {printable(kind.hint)}")
        return "\n".join(block) + "\n"


def upstream_of(
    audit: Audit, position: int, kind: Kind, memo: dict[tuple[int, Kind], str | None] | None = None
) -> str | None:
    """The upstream the model's finding of ``kind`` names (the ancestor a grouped line cannot).

    ``memo``: kept by a caller that asks for many models, so that the licence whose origin names the
    upstream is found once per set of terms and kind, not once per model (``--verbose`` lists them all).
    """
    shared = audit.shared(position)
    key = (id(shared), kind)
    if memo is not None and key in memo:
        lid = memo[key]
    else:
        lid = next((lid for template, lid in shared if lid is not None and audit.kind(template) is kind), None)
        if memo is not None:
            memo[key] = lid
    if lid is not None:
        return audit.origins(position).get(lid)
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
