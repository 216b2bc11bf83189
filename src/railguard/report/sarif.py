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
bounded memory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from railguard import __version__
from railguard.model import Finding, Severity
from railguard.report.clauses import cited
from railguard.report.escape import printable
from railguard.report.jsonout import dumps
from railguard.rules import RULES

if TYPE_CHECKING:
    from railguard.lineage.checks import Template
    from railguard.lineage.model import LineageResult
    from railguard.lineage.results import Kind
    from railguard.lint.runner import LintReport
    from railguard.report.registry import Options
    from railguard.report.verdicts import CompatVerdict

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#: Where each rule's documentation is published.
RULES_URI = "https://github.com/railguard/railguard/blob/main/docs/rules.md"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_BATCH = 5_000


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


def _encoded(template: Template, tail: str) -> tuple[str, int] | None:
    """A template's message and ``tail`` as a JSON string that is a %-format for the quoted ids (encoded as
    JSON), and where they go (see ``Template.lineage_format``); ``None`` for a message of another shape."""
    if template.lineage_format is None:
        return None
    text, order = template.lineage_format
    return dumps(text + tail.replace("%", "%%")), order


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

    def write(self, out: TextIO, results: Iterable[dict[str, Any] | list[str]]) -> None:
        """The whole log; results come one by one as values, or in lists as JSON text already encoded."""
        head = dumps(self.head(), indent=False)
        cut = head.rindex('"results":[]') + len('"results":[')
        out.write(head[:cut])
        batch: list[str] = []
        values: list[dict[str, Any]] = []
        first = True
        for result in results:
            if isinstance(result, list):
                if values:
                    batch.append(dumps(values)[1:-1])
                    values = []
                batch.extend(result)
            else:
                values.append(result)
            if len(batch) + len(values) >= _BATCH:
                if values:
                    batch.append(dumps(values)[1:-1])
                    values = []
                out.write(("" if first else ",") + ",".join(batch))
                first, batch = False, []
        if values:
            batch.append(dumps(values)[1:-1])
        if batch:
            out.write(("" if first else ",") + ",".join(batch))
        out.write(head[cut:] + "\n")


def sarif_document(findings: Iterable[Finding], command: str = "lint", source: str | None = None) -> str:
    """A SARIF 2.1.0 log of ``findings`` as one string (small outputs; tests)."""
    import io

    items = list(findings)
    log = Log(command, (f.code for f in items), source)
    out = io.StringIO()
    log.write(out, (log.finding(f) for f in items))
    return out.getvalue()


def write_lint(report: LintReport, out: TextIO, options: Options) -> None:
    """``lint --format sarif``."""
    log = Log("lint", (f.code for f in report.findings), options.source)
    log.write(out, (log.finding(f) for f in report.findings))


def write_compat(verdict: CompatVerdict, out: TextIO, options: Options) -> None:
    """``compat --format sarif``: results at the licence file argument, else at the documented pseudo-location."""
    source = options.source or f"railguard-compat/{verdict.upstream}/{verdict.derivative}"
    log = Log("compat", (f.code for f in verdict.findings), source)
    log.write(out, (log.finding(f) for f in verdict.findings))


def write_lineage(result: LineageResult, out: TextIO, options: Options) -> None:
    """``lineage --format sarif``, model by model.

    Findings at or above ``--fail-on`` (errors by default) are one result each, at the model's
    line. Every other kind of finding that applies to several models (a duty every Llama
    derivative carries, a notice to keep) is one result, at the first of them, naming how many
    models it concerns, with the first :data:`RELATED` of them as ``relatedLocations``: code
    scanning shows an alert per result, and thousands of identical duty alerts would bury the
    conflicts (``--format json`` lists every model).
    """
    from railguard.lineage.results import audit_of

    audit = audit_of(result)
    log = Log("lineage", audit.tally().codes, options.source)
    log.write(out, _lineage_results(log, audit, Severity(options.fail_on).rank))


def _member_text(model: str, upstream: str | None) -> str:
    """A related location's text: the model, and the upstream its finding names."""
    return printable(model if upstream is None else f"{model} (via `{upstream}`)")


#: Models listed as ``relatedLocations`` of a result that stands for many.
RELATED = 1_000


def _lineage_results(log: Log, audit: Any, threshold: int) -> Iterator[dict[str, Any] | list[str]]:
    from railguard.report.lineage_text import _group_text, upstream_of

    tally = audit.tally()
    kind_of = audit.kind
    pending, attached = audit.pending, audit.attached
    static: dict[Kind, tuple[dict[str, Any], str, str, str]] = {}
    listed: dict[int, list[Any]] = {}
    grouped: dict[Kind, list[int]] = {}
    kinds_below: dict[int, list[Kind]] = {}
    upstreams: dict[str, tuple[str, str, str]] = {}
    formats: dict[int, tuple[str, int] | None] = {}

    def parts(kind: Kind) -> tuple[dict[str, Any], str, str, str]:
        """The kind's fixed parts: as a dict, the message's tail, the fingerprint's start, and the
        result's first fields as JSON text."""
        found = static.get(kind)
        if found is None:
            tail = cited(kind.clause, kind.inherited)
            tail += "." + (f" Fix: {printable(kind.hint)}." if kind.hint else "")
            head = {"ruleId": kind.code, "ruleIndex": log.index[kind.code], "level": _LEVEL[kind.severity]}
            text = dumps(head)[:-1] + ',"message":{"text":'
            found = static[kind] = (head, tail, _digest(kind.code, kind.message, kind.licence, kind.clause), text)
        return found

    for position in range(len(audit)):
        item = pending[position] if position < len(pending) else None
        shared = item.shared if item is not None else ()
        chosen = listed.get(id(shared))
        if chosen is None:
            chosen = listed[id(shared)] = [
                (t, lid, kind_of(t)) for t, lid in shared if kind_of(t).severity.rank >= threshold
            ]
            kinds_below[id(shared)] = [kind_of(t) for t, _ in shared if kind_of(t).severity.rank < threshold]
        own = audit.own(position) if (item is not None and (item.named or item.own)) or position in attached else []
        for kind in kinds_below[id(shared)]:
            members = grouped.setdefault(kind, [])
            if len(members) < RELATED:
                members.append(position)
        rows: list[tuple[Template | None, Kind, str | None, str | None]] = []
        if chosen:
            assert item is not None
            origins = item.origins
            for template, lid, kind in chosen:
                rows.append((template, kind, origins[lid] if lid is not None else None, None))
        for kind, up in own:
            if kind.severity.rank >= threshold or tally.kinds[kind] == 1:
                rows.append((None, kind, up, kind.text(audit.entries[position].id, up)))
            else:
                members = grouped.setdefault(kind, [])
                if len(members) < RELATED and (not members or members[-1] != position):
                    members.append(position)
        if not rows:
            continue
        entry = audit.entries[position]
        # NOTE: a model's results are written as JSON text from parts encoded once: each
        # template's message (a %-format, its tail added) as a JSON string, the model's location,
        # id and properties; per result only the ids are put in. This keeps the log of a
        # Hub-sized lineage within 1.5 times the JSON's time.
        location = dumps(log.location(entry.file, entry.line))
        model_digest = _digest(entry.id)
        model_json = dumps(entry.id)
        quoted_model = dumps(f"`{printable(entry.id)}`")[1:-1]
        found: list[str] = []
        for template, kind, upstream, text in rows:
            _, tail, digest, head = parts(kind)
            if upstream is None:
                fingerprint, properties, quoted_up = digest + model_digest, f'{{"model":{model_json}}}', ""
            else:
                known = upstreams.get(upstream)
                if known is None:
                    known = upstreams[upstream] = (
                        _digest(upstream),
                        dumps(upstream),
                        dumps(f"`{printable(upstream)}`")[1:-1],
                    )
                fingerprint = digest + model_digest + known[0]
                properties = f'{{"model":{model_json},"upstream":{known[1]}}}'
                quoted_up = known[2]
            encoded = formats.get(id(template)) if template is not None else None
            if encoded is None and template is not None:
                encoded = formats[id(template)] = _encoded(template, tail)
            if encoded is not None and (upstream is not None or encoded[1] == 0):
                fmt, order = encoded
                if order == 0:
                    message = fmt % (quoted_model,)
                else:
                    message = fmt % ((quoted_model, quoted_up) if order == 1 else (quoted_up, quoted_model))
            else:
                message = dumps(printable(text if text is not None else kind.text(entry.id, upstream)) + tail)
            found.append(
                f'{head}{message}}},"locations":[{location}],'
                f'"partialFingerprints":{{"railguardFinding/v1":"{fingerprint}"}},"properties":{properties}}}'
            )
        yield found
    for kind, members in sorted(grouped.items(), key=lambda item: item[0].sort_key()):
        count = tally.kinds[kind]
        if count == 1:
            # one model: the finding as it is, with its own message
            entry = audit.entries[members[0]]
            text = next(t for k, _, t in audit.rows(members[0]) if k is kind)
            fields, tail, digest, _ = parts(kind)
            yield {
                **fields,
                "message": {"text": printable(text) + tail},
                "locations": [log.location(entry.file, entry.line)],
                "partialFingerprints": {"railguardFinding/v1": f"{digest}{_digest(entry.id)}"},
                "properties": {"model": entry.id},
            }
            continue
        fields, tail, digest, _ = parts(kind)
        first = audit.entries[members[0]]
        # NOTE: the grouped message says "an ancestor": each related location names its own.
        names = "{upstream}" in kind.message
        related = [
            {
                "id": number,
                "physicalLocation": log.location(audit.entries[p].file, audit.entries[p].line)["physicalLocation"],
                "message": {"text": _member_text(audit.entries[p].id, upstream_of(audit, p, kind) if names else None)},
            }
            for number, p in enumerate(members)
        ]
        shown = f"; the first {len(members):,} are related locations" if len(members) < count else ""
        yield {
            **fields,
            "message": {"text": f"{count:,} models{shown}: {_group_text(kind)}{tail}"},
            "locations": [log.location(first.file, first.line)],
            "relatedLocations": related,
            "partialFingerprints": {"railguardFinding/v1": f"{digest}group"},
            "properties": {"models": count},
        }
    for finding in audit.standalone:
        yield log.finding(finding)
