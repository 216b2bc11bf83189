"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDEs): ``lint``, ``compat`` and ``lineage``.

What code scanning needs, and railguard gives it:

- every result has a location. A finding about a file points at it (path and line); a lineage
  finding about a model points at the model's line in the input; a finding about no file (a
  model from the table of well-known models, a run-level finding) points at line 1 of the input.
  ``compat`` has no input file unless a licence argument is one: its results point at the
  pseudo-file ``railguard-compat/UPSTREAM/DERIVATIVE`` under the repository root (code scanning
  lists it as the alert's path; no such file needs to exist);
- URIs are relative to the repository root (the nearest folder above the current one that holds
  ``.git``, else the current folder), with ``uriBaseId: SRCROOT`` and the root in
  ``originalUriBaseIds``; a file outside the root keeps its absolute ``file://`` URI;
- the message says what is wrong, the clause behind it (folded into ranges) and what to do; each
  rule has ``help.markdown`` (why, example, fix) and ``helpUri`` to its entry in ``docs/rules.md``;
- ``partialFingerprints`` identify a result by rule, model (or file) and message, not by line, so
  an alert survives lines moving; ``automationDetails.id`` is ``railguard/COMMAND/``, so the
  commands' analyses do not close each other's alerts.

A lineage's results are written model by model, so the log of a Hub-sized lineage is written in
bounded memory, and within GitHub's limits (at most ``--max-results`` results, see
:func:`write_lineage`).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from railguard import __version__
from railguard.model import Finding, Severity
from railguard.report.clauses import cited
from railguard.report.escape import printable
from railguard.report.jsonout import dumps
from railguard.rules import RULES

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult
    from railguard.lineage.results import Audit, Kind, Tally
    from railguard.lint.runner import LintReport
    from railguard.report.registry import Options
    from railguard.report.verdicts import CompatVerdict

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#: Where each rule's documentation is published.
RULES_URI = "https://github.com/railguard/railguard/blob/main/docs/rules.md"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: Models or findings listed as ``relatedLocations`` of a result that stands for many (GitHub accepts 1,000).
RELATED = 1_000
#: Results in a log, by default (``--max-results``): GitHub code scanning keeps (and shows) the first 5,000
#: results of a run by severity, and rejects a run of more than 25,000.
MAX_RESULTS = 5_000
#: Related locations in a log, at most (a lineage's: two thirds for the kinds' results, a third for
#: the rules'). GitHub takes a log of at most 10 MB gzipped; a related location takes 17 bytes of it
#: in the 200,000-model benchmark graph's log and about 32 with Hub ids and upstreams drawn at random,
#: so these stay near 3 MB whatever the number of kinds.
RELATED_TOTAL = 100_000


def repository_root(start: str | None = None) -> str:
    """The folder SARIF URIs are relative to: the repository holding ``start`` (default: here), else ``start``."""
    from railguard.folders import repository_root as nearest

    here = os.path.abspath(start or os.getcwd())
    return nearest(here) or here


def rule_json(code: str) -> dict[str, Any]:
    """A ``reportingDescriptor``: what the rule finds, why, an example and the fix, and where it is documented."""
    rule = RULES[code]
    anchor = f"{rule.code.lower()}-{rule.name}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": f"{rule.why}\n\nExample: {rule.example}\n\nFix: {rule.fix}",
            "markdown": f"{rule.why}\n\n**Example.** {rule.example}\n\n**Fix.** {rule.fix}\n\n"
            f"[{rule.code} in the railguard documentation]({RULES_URI}#{anchor})",
        },
        "helpUri": f"{RULES_URI}#{anchor}",
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["licence-compliance", "railguard"]},
    }


def message_text(message: str, clause: str | None, hint: str | None, licence: str | None = None) -> str:
    """The message code scanning shows: what, the clause behind it (folded), and what to do."""
    text = printable(message)
    text += cited(clause, licence)
    text += "."
    if hint:
        text += f" Fix: {printable(hint)}."
    return text


def _digest(*parts: str | None) -> str:
    data = "\x1f".join(p or "" for p in parts) if len(parts) > 1 else parts[0] or ""
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


class Log:
    """One SARIF run: the tool, its rules, where the files are; results are added as they come."""

    def __init__(self, command: str, codes: Iterable[str], source: str | None = None) -> None:
        self.command = command
        self.codes = sorted(set(codes))
        self.index = {code: number for number, code in enumerate(self.codes)}
        self.root = repository_root()
        self.source = source
        self._uris: dict[str, dict[str, str]] = {}

    def head(self) -> dict[str, Any]:
        """The log without its results."""
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "railguard",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": "https://github.com/railguard/railguard",
                            "rules": [rule_json(code) for code in self.codes],
                        }
                    },
                    "automationDetails": {"id": f"railguard/{self.command}/"},
                    "originalUriBaseIds": {"SRCROOT": {"uri": Path(self.root).as_uri() + "/"}},
                    "columnKind": "unicodeCodePoints",
                    "results": [],
                }
            ],
        }

    def artifact(self, file: str) -> dict[str, str]:
        """An ``artifactLocation``: relative to the repository root, else an absolute file URI."""
        found = self._uris.get(file)
        if found is None:
            if "://" in file:
                found = {"uri": file}
            else:
                full = os.path.abspath(file)
                relative = os.path.relpath(full, self.root)
                if relative == os.pardir or relative.startswith(os.pardir + os.sep):
                    found = {"uri": Path(full).as_uri()}
                else:
                    found = {"uri": Path(relative).as_posix(), "uriBaseId": "SRCROOT"}
            self._uris[file] = found
        return found

    def location(self, file: str | None, line: int | None, col: int | None = None) -> dict[str, Any]:
        """Where a result is; the input (or the pseudo-location) when the finding has no file."""
        if file is None:
            file, line, col = self.source or f"railguard-{self.command}", None, None
        region: dict[str, int] = {"startLine": line or 1}
        if col:
            region["startColumn"] = col
        return {"physicalLocation": {"artifactLocation": self.artifact(file), "region": region}}

    def result(
        self,
        code: str,
        severity: Severity,
        text: str,
        location: dict[str, Any],
        fingerprint: str,
        properties: dict[str, Any],
    ) -> dict[str, Any]:
        """A ``result``."""
        return {
            "ruleId": code,
            "ruleIndex": self.index[code],
            "level": _LEVEL[severity],
            "message": {"text": text},
            "locations": [location],
            "partialFingerprints": {"railguardFinding/v1": fingerprint},
            "properties": {k: v for k, v in properties.items() if v not in (None, [])},
        }

    def finding(self, finding: Finding) -> dict[str, Any]:
        """A result for a finding built outright."""
        return self.result(
            finding.code,
            finding.severity,
            message_text(finding.message, finding.clause, finding.hint, finding.licence),
            self.location(finding.file, finding.line, finding.col),
            _digest(finding.code, finding.model or finding.file, finding.message),
            {
                "model": finding.model,
                "licence": finding.licence,
                "upstream": finding.upstream,
                "clause": finding.clause,
                "categories": list(finding.categories),
            },
        )

    def write(self, out: TextIO, results: Iterable[dict[str, Any]]) -> None:
        """The whole log, its results written one by one as they come."""
        head = dumps(self.head(), indent=False)
        cut = head.rindex('"results":[]') + len('"results":[')
        out.write(head[:cut])
        for number, result in enumerate(results):
            out.write(("," if number else "") + dumps(result))
        out.write(head[cut:] + "\n")


def sarif_document(findings: Iterable[Finding], command: str = "lint", source: str | None = None) -> str:
    """A SARIF 2.1.0 log of ``findings`` as one string, every finding a result (small outputs; tests)."""
    import io

    items = list(findings)
    log = Log(command, (f.code for f in items), source)
    out = io.StringIO()
    log.write(out, (log.finding(f) for f in items))
    return out.getvalue()


def write_findings(
    command: str, findings: Sequence[Finding], out: TextIO, options: Options, source: str | None
) -> None:
    """The log of a command whose findings are values (``lint``, ``audit``, ``compat``), within ``--max-results``.

    Every finding is a result when they fit the budget. Past it, the most severe findings are
    results of their own (in the order they were reported), and the others one result per rule
    and level, listing the first :data:`RELATED` as related locations (fewer when there are many
    rules, see :data:`RELATED_TOTAL`). GitHub keeps the first 5,000 results of a run by severity
    and rejects a run of more than 25,000; an audit of a folder of thousands of repositories
    passes that. A log holds at most max(budget, the number of rules and levels found) results.
    """
    log = Log(command, (f.code for f in findings), source)
    budget = MAX_RESULTS if options.max_results is None else options.max_results
    if not budget or len(findings) <= budget:
        log.write(out, (log.finding(f) for f in findings))
        return
    rules = {(f.code, f.severity) for f in findings}
    # NOTE: stable: among equally severe findings, the first reported are kept.
    ranked = sorted(range(len(findings)), key=lambda i: -findings[i].severity.rank)
    kept = set(ranked[: max(budget - len(rules), 0)])
    past: dict[tuple[str, Severity], list[Finding]] = {}
    for number, finding in enumerate(findings):
        if number not in kept:
            past.setdefault((finding.code, finding.severity), []).append(finding)

    def results() -> Iterator[dict[str, Any]]:
        share = _share(RELATED_TOTAL, len(past))
        for number in sorted(kept):
            yield log.finding(findings[number])
        for (code, severity), loose in sorted(past.items(), key=lambda item: (item[0][0], item[0][1].rank)):
            related = [_related(log.location(f.file, f.line, f.col), printable(f.message)) for f in loose[:share]]
            yield _rule_result(log, code, severity, len(loose), related, "not listed one by one")

    log.write(out, results())


def _related(location: dict[str, Any], text: str) -> dict[str, Any]:
    """A related location (numbered by :func:`_rule_result`)."""
    return {"physicalLocation": location["physicalLocation"], "message": {"text": text}}


def _rule_result(
    log: Log, code: str, severity: Severity, count: int, related: list[dict[str, Any]], unlisted: str
) -> dict[str, Any]:
    """One result for ``count`` findings of a rule and level that no result of their own lists, at the
    first of ``related`` (at most :data:`RELATED` findings, each with its message)."""
    for number, one in enumerate(related):
        one["id"] = number
    shown = (
        f"; the first {len(related):,} are related locations, each with its message"
        if len(related) < count
        else ", each a related location with its message"
    )
    noun = "finding" if count == 1 else "findings"
    return {
        "ruleId": code,
        "ruleIndex": log.index[code],
        "level": _LEVEL[severity],
        "message": {"text": f"{count:,} {noun} {unlisted}{shown}: {printable(RULES[code].summary)}."},
        "locations": [{"physicalLocation": related[0]["physicalLocation"]}],
        "relatedLocations": related,
        "partialFingerprints": {"railguardFinding/v1": f"{_digest(code, severity.value)}rule"},
        "properties": {"findings": count},
    }


def write_lint(report: LintReport, out: TextIO, options: Options) -> None:
    """``lint --format sarif``."""
    write_findings("lint", report.findings, out, options, options.source)


def write_compat(verdict: CompatVerdict, out: TextIO, options: Options) -> None:
    """``compat --format sarif``: results at the licence file argument, else at the documented pseudo-location."""
    source = options.source or f"railguard-compat/{verdict.upstream}/{verdict.derivative}"
    write_findings("compat", verdict.findings, out, options, source)


def write_lineage(result: LineageResult, out: TextIO, options: Options) -> None:
    """``lineage --format sarif``, model by model, in at most :data:`MAX_RESULTS` results (``--max-results``).

    Findings at or above ``--fail-on`` (errors by default) are one result each, at the model's
    line, as long as the budget lasts; every other kind of finding that applies to several models
    (a duty every Llama derivative carries, a notice to keep), and every finding past the budget,
    is one result per kind, at the first of its models, naming how many models it concerns, with
    the first of them as ``relatedLocations`` (:data:`RELATED`, fewer when many results share
    :data:`RELATED_TOTAL`): code scanning shows an alert per
    result, thousands of identical duty alerts would bury the conflicts, and GitHub keeps only
    5,000 results of a run and rejects one of more than 25,000 (``--format json`` lists every
    model).
    """
    from railguard.lineage.results import audit_of

    audit = audit_of(result)
    log = Log("lineage", audit.tally().codes, options.source)
    budget = MAX_RESULTS if options.max_results is None else options.max_results
    log.write(out, _lineage_results(log, audit, Severity(options.fail_on).rank, budget or None))


def _member_text(model: str, upstream: str | None) -> str:
    """A related location's text: the model, and the upstream its finding names."""
    return printable(model if upstream is None else f"{model} (via `{upstream}`)")


def _lineage_results(log: Log, audit: Audit, threshold: int, budget: int | None = None) -> Iterator[dict[str, Any]]:
    """The results: per model, then per kind, the findings about no model, then per rule; at most ``budget``
    (``None``: no limit, every finding at or above the threshold a result of its own).

    NOTE: the budget is shared out (:func:`_shares`): at most half of it to kinds' results (a kind
    is one of the catalogue's templates, but an unknown licence name or a finding built outright
    is a kind of its own, so an input can hold any number of them), one result to each rule and
    level that may need one for the findings neither lists (at most 3 * len(RULES)), the rest
    to findings one by one; what these leave goes to kinds too. A log thus holds at most
    max(budget, budget // 2 + 3 * len(RULES)) results.
    """
    results = _LineageResults(log, audit, threshold, budget)
    left = results.singles
    spent = False
    for position in range(len(audit)):
        rows = results.rows(position)
        if not rows:
            continue
        if left is not None and (spent or len(rows) > left):
            # NOTE: a model's findings are listed all or none, so that every kind counts whole models;
            # once one does not fit, every further model joins its kinds' groups.
            spent = True
            for kind, _ in rows:
                results.group(kind, position)
            continue
        if left is not None:
            left -= len(rows)
            results.written(rows)
        yield from results.encoded(position, rows)
    if left is not None:
        # NOTE: what the findings one by one leave of their share goes to the kinds.
        results.more_kinds(max(left - len(audit.standalone), 0))
    yield from results.groups()
    standalone = audit.standalone if left is None else audit.standalone[:left]
    for finding in standalone:
        yield log.finding(finding)
    results.unlisted(audit.standalone[len(standalone) :])
    yield from results.rule_groups()


def _shares(budget: int, tally: Tally, standalone: Sequence[Finding]) -> tuple[int, int]:
    """A budget of results shared out: the most kinds with results of their own (half the budget at most),
    and the most findings that are results of one each, after a result for each rule and level whose
    findings neither may list."""
    kinds = min(len(tally.kinds), budget // 2)
    rules = {(finding.code, finding.severity) for finding in standalone}
    if kinds < len(tally.kinds):
        rules.update((kind.code, kind.severity) for kind in tally.kinds)
    return kinds, max(budget - kinds - len(rules), 0)


def _share(total: int, results: int) -> int:
    """Related locations per result when ``results`` share ``total`` (at most :data:`RELATED`, at least one)."""
    return max(1, min(RELATED, total // max(results, 1)))


#: A result to write for one model: the kind of its finding, and the upstream the finding names.
_Row = tuple["Kind", "str | None"]


class _LineageResults:
    """A lineage's results, model by model, then the groups, in one pass over the models."""

    def __init__(self, log: Log, audit: Audit, threshold: int, budget: int | None = None) -> None:
        self.log, self.audit, self.threshold = log, audit, threshold
        self.tally = audit.tally()
        #: under a budget: at most how many kinds have results, and how many findings are results of one each.
        self.kinds_cap: int | None = None
        self.singles: int | None = None
        if budget is not None:
            self.kinds_cap, self.singles = _shares(budget, self.tally, audit.standalone)
        #: per kind: the models written one result each (counted only under a budget).
        self.single: Counter[Kind] = Counter()
        #: per rule and level: what no result of its own or of its kind lists (kinds, findings about no model).
        self.overflow: dict[tuple[str, Severity], tuple[list[Kind], list[Finding]]] = {}
        self.static: dict[Kind, tuple[dict[str, Any], str, str]] = {}
        #: per shared tuple: its findings at or above the threshold (upstream licence, kind), the kinds below it.
        self.listed: dict[int, tuple[list[tuple[str | None, Kind]], list[Kind]]] = {}
        #: per kind below the threshold or past the budget: the first models its result lists.
        self.grouped: dict[Kind, list[int]] = {}

    def parts(self, kind: Kind) -> tuple[dict[str, Any], str, str]:
        """The kind's fixed parts: the result's first fields, the message's tail, the fingerprint's start."""
        found = self.static.get(kind)
        if found is None:
            tail = cited(kind.clause, kind.inherited)
            tail += "." + (f" Fix: {printable(kind.hint)}." if kind.hint else "")
            head = {"ruleId": kind.code, "ruleIndex": self.log.index[kind.code], "level": _LEVEL[kind.severity]}
            found = self.static[kind] = (head, tail, _digest(kind.code, kind.message, kind.licence, kind.clause))
        return found

    def group(self, kind: Kind, position: int) -> None:
        """List the model in the kind's group, which lists the first :data:`RELATED` models of its result."""
        members = self.grouped.setdefault(kind, [])
        if len(members) < RELATED and (not members or members[-1] != position):
            members.append(position)

    def rows(self, position: int) -> list[_Row]:
        """The model's results; its findings below the threshold join their kinds' groups."""
        audit = self.audit
        item = audit.pending[position] if position < len(audit.pending) else None
        shared = item.shared if item is not None else ()
        chosen = self.listed.get(id(shared))
        if chosen is None:
            kind_of, threshold = audit.kind, self.threshold
            chosen = self.listed[id(shared)] = (
                [(lid, kind_of(t)) for t, lid in shared if kind_of(t).severity.rank >= threshold],
                [kind_of(t) for t, _ in shared if kind_of(t).severity.rank < threshold],
            )
        below = chosen[1]
        for kind in below:
            self.group(kind, position)
        if below and len(self.grouped[below[0]]) >= RELATED:
            # NOTE: a kind's group is full after RELATED models: stop visiting it for the models left.
            below[:] = [kind for kind in below if len(self.grouped[kind]) < RELATED]
        rows: list[_Row] = []
        if chosen[0]:
            assert item is not None
            origins = item.origins
            rows = [(kind, origins[lid] if lid is not None else None) for lid, kind in chosen[0]]
        if (item is not None and (item.named or item.own)) or position in audit.attached:
            for kind, up in audit.own(position):
                if kind.severity.rank >= self.threshold or self.tally.kinds[kind] == 1:
                    rows.append((kind, up))
                else:
                    self.group(kind, position)
        return rows

    def encoded(self, position: int, rows: list[_Row]) -> list[dict[str, Any]]:
        """The model's results, one per finding it has at or above the threshold.

        Built as values: a log holds at most the budget's worth (``--max-results``), so the
        per-result cost no longer counts at Hub scale.
        """
        entry = self.audit.entries[position]
        location = self.log.location(entry.file, entry.line)
        model_digest = _digest(entry.id)
        found: list[dict[str, Any]] = []
        for kind, upstream in rows:
            head, tail, digest = self.parts(kind)
            properties = {"model": entry.id} if upstream is None else {"model": entry.id, "upstream": upstream}
            found.append(
                {
                    **head,
                    "message": {"text": printable(kind.text(entry.id, upstream)) + tail},
                    "locations": [location],
                    "partialFingerprints": {
                        "railguardFinding/v1": digest + model_digest + (_digest(upstream) if upstream else "")
                    },
                    "properties": properties,
                }
            )
        return found

    def written(self, rows: list[_Row]) -> None:
        """Count a model written result by result, for each kind it has."""
        for kind in {kind for kind, _ in rows}:
            self.single[kind] += 1

    def more_kinds(self, count: int) -> None:
        """Let ``count`` more kinds have results of their own."""
        if self.kinds_cap is not None:
            self.kinds_cap += count

    def unlisted(self, findings: Sequence[Finding]) -> None:
        """Findings about no model past the budget: their rules' results list them."""
        for finding in findings:
            self.overflow.setdefault((finding.code, finding.severity), ([], []))[1].append(finding)

    def groups(self) -> Iterator[dict[str, Any]]:
        """A result per kind below the threshold or past the budget: at its first model, with the first models
        related. Under a budget, at most its share of kinds (those of the most models); the others join their
        rules' results (:meth:`rule_groups`)."""
        from railguard.report.lineage_text import _group_text, upstream_of

        audit, log, tally, single = self.audit, self.log, self.tally, self.single
        kinds = sorted(self.grouped, key=lambda kind: kind.sort_key())
        if self.kinds_cap is not None and len(kinds) > self.kinds_cap:
            kept = set(
                sorted(kinds, key=lambda kind: (-(tally.kinds[kind] - single[kind]), kind.sort_key()))[: self.kinds_cap]
            )
            for kind in kinds:
                if kind not in kept:
                    self.overflow.setdefault((kind.code, kind.severity), ([], []))[0].append(kind)
            kinds = [kind for kind in kinds if kind in kept]
        share = _share(RELATED_TOTAL * 2 // 3, len(kinds))
        for kind in kinds:
            members = self.grouped[kind][:share]
            count = tally.kinds[kind] - single[kind]
            fields, tail, digest = self.parts(kind)
            if count == 1:
                # one model: the finding as it is, with its own message
                entry = audit.entries[members[0]]
                text = next(t for k, _, t in audit.rows(members[0]) if k is kind)
                yield {
                    **fields,
                    "message": {"text": printable(text) + tail},
                    "locations": [log.location(entry.file, entry.line)],
                    "partialFingerprints": {"railguardFinding/v1": f"{digest}{_digest(entry.id)}"},
                    "properties": {"model": entry.id},
                }
                continue
            first = audit.entries[members[0]]
            # NOTE: the grouped message says "an ancestor": each related location names its own.
            names = "{upstream}" in kind.message
            related = [
                {
                    "id": number,
                    "physicalLocation": log.location(audit.entries[p].file, audit.entries[p].line)["physicalLocation"],
                    "message": {
                        "text": _member_text(audit.entries[p].id, upstream_of(audit, p, kind) if names else None)
                    },
                }
                for number, p in enumerate(members)
            ]
            shown = f"; the first {len(members):,} are related locations" if len(members) < count else ""
            # NOTE: past the budget a kind's group counts only the models no result of their own lists.
            more = " more models, not listed one by one" if single[kind] else " models"
            yield {
                **fields,
                "message": {"text": f"{count:,}{more}{shown}: {_group_text(kind)}{tail}"},
                "locations": [log.location(first.file, first.line)],
                "relatedLocations": related,
                "partialFingerprints": {"railguardFinding/v1": f"{digest}group"},
                "properties": {"models": count},
            }

    def rule_groups(self) -> Iterator[dict[str, Any]]:
        """A result per rule and level for the findings past both budgets, each finding a related location
        with its own message."""
        from railguard.report.lineage_text import upstream_of

        audit, log, tally, single = self.audit, self.log, self.tally, self.single
        share = _share(RELATED_TOTAL // 3, len(self.overflow))
        for (code, severity), (kinds, loose) in sorted(
            self.overflow.items(), key=lambda item: (item[0][0], item[0][1].rank)
        ):
            count = sum(tally.kinds[kind] - single[kind] for kind in kinds) + len(loose)
            related: list[dict[str, Any]] = []
            for kind in kinds:
                for p in self.grouped[kind][: share - len(related)]:
                    entry = audit.entries[p]
                    text = kind.text(entry.id, upstream_of(audit, p, kind))
                    related.append(_related(log.location(entry.file, entry.line), printable(text)))
            for finding in loose[: share - len(related)]:
                related.append(
                    _related(log.location(finding.file, finding.line, finding.col), printable(finding.message))
                )
            yield _rule_result(log, code, severity, count, related, "not listed one by one nor by kind")
