"""Formatters, one per result type and output format, looked up in one table.

Every command builds a result value with the library and hands it to :func:`write` with the
format the user chose; ``--format`` offers exactly the formats this table lists for the command.
A formatter is a function ``write(result, out, options) -> None`` that writes the whole output to
the text stream ``out``; it is imported only when used, so a command never pays for the
formats it does not write.

Adding a format (an SPDX or CycloneDX writer for ``lineage``, say) takes two steps:

1. write ``def write_spdx(result: LineageResult, out: TextIO, options: Options) -> None`` in a
   module of its own (read the result through :func:`railguard.lineage.results.audit_of`, which
   gives every model's terms and findings without building them all at once);
2. add ``("lineage", "spdx"): "railguard.report.spdx:write_spdx"`` to :data:`FORMATTERS`.

The command then accepts ``--format spdx``, its help lists it, and the tests that run every
format of every command (``tests/report/test_registry.py``) run it too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TextIO

#: (result type, format) -> "module:function". The result types are the commands' names.
FORMATTERS: dict[tuple[str, str], str] = {
    ("lineage", "text"): "railguard.report.lineage_text:write",
    ("lineage", "json"): "railguard.report.lineage_json:write_json",
    ("lineage", "jsonl"): "railguard.report.lineage_json:write_jsonl",
    ("lineage", "sarif"): "railguard.report.sarif:write_lineage",
    ("lineage", "github"): "railguard.report.github:write_lineage",
    ("lineage", "mermaid"): "railguard.report.mermaid:write",
    ("lineage", "html"): "railguard.report.html:write",
    ("lineage", "spdx"): "railguard.report.boms:write_spdx2",
    ("lineage", "spdx3"): "railguard.report.boms:write_spdx3",
    ("lineage", "cyclonedx"): "railguard.report.boms:write_cyclonedx",
    ("compat", "text"): "railguard.report.verdicts:compat_text",
    ("compat", "json"): "railguard.report.verdicts:compat_json",
    ("compat", "sarif"): "railguard.report.sarif:write_compat",
    ("compat", "github"): "railguard.report.github:write_compat",
    ("permits", "text"): "railguard.report.verdicts:permits_text",
    ("permits", "json"): "railguard.report.verdicts:permits_json",
    ("permits", "github"): "railguard.report.github:write_permits",
    ("audit", "text"): "railguard.report.audit:write_text",
    ("audit", "json"): "railguard.report.audit:write_json",
    ("audit", "sarif"): "railguard.report.audit:write_sarif",
    ("audit", "github"): "railguard.report.audit:write_github",
    ("lint", "text"): "railguard.report.text:write_lint",
    ("lint", "json"): "railguard.report.text:lint_json",
    ("lint", "sarif"): "railguard.report.sarif:write_lint",
    ("lint", "github"): "railguard.report.github:write_lint",
    ("licences", "text"): "railguard.report.catalogue:licences_text",
    ("licences", "json"): "railguard.report.catalogue:licences_json",
    ("categories", "text"): "railguard.report.catalogue:categories_text",
    ("categories", "json"): "railguard.report.catalogue:categories_json",
    ("explain", "text"): "railguard.report.catalogue:explain_text",
    ("explain", "json"): "railguard.report.catalogue:explain_json",
    ("rules", "text"): "railguard.report.catalogue:rules_text",
    ("rules", "json"): "railguard.report.catalogue:rules_json",
    ("parse", "text"): "railguard.report.catalogue:parse_text",
    ("parse", "json"): "railguard.report.catalogue:parse_json",
    ("diff", "text"): "railguard.report.catalogue:diff_text",
    ("diff", "json"): "railguard.report.catalogue:diff_json",
}


class Options:
    """What a command tells its formatter besides the result (plain class: cheap to import).

    Attributes:
        verbose: list every model under grouped lines (text).
        quiet: no hints, no summary, no progress.
        source: the input the result was read from (a path), for locations and headings.
        note: a sentence to add to the closing summary (e.g. what the Hub lookups did).
        only_conflicts, root, max_nodes: what part of a lineage graph to draw (Mermaid, HTML).
        max_results: SARIF: how many findings are results of their own (``None``: the
            writer's default, 0: every finding).
        err: where warnings, the summary and progress go.
        fix: ``lint --fix`` was asked for.
        fail_on: the severity from which findings are listed model by model (text).
        recursive: ``audit --recursive`` (text adds the summary table).
        progress: the progress line (:class:`railguard.report.progress.Steps`), closed before the
            summary is written to ``err``.
    """

    __slots__ = (
        "err",
        "fail_on",
        "fix",
        "max_nodes",
        "max_results",
        "note",
        "only_conflicts",
        "progress",
        "quiet",
        "recursive",
        "root",
        "source",
        "verbose",
    )

    def __init__(
        self,
        *,
        verbose: bool = False,
        quiet: bool = False,
        source: str | None = None,
        note: str | None = None,
        only_conflicts: bool = False,
        root: str | None = None,
        max_nodes: int | None = None,
        max_results: int | None = None,
        err: TextIO | None = None,
        fix: bool = False,
        progress: Any = None,
        fail_on: str = "error",
        recursive: bool = False,
    ) -> None:
        self.verbose = verbose
        self.quiet = quiet
        self.source = source
        self.note = note
        self.only_conflicts = only_conflicts
        self.root = root
        self.max_nodes = max_nodes
        self.max_results = max_results
        self.err = err
        self.fix = fix
        self.progress = progress
        self.fail_on = fail_on
        self.recursive = recursive

    def summary(self, line: str) -> None:
        """Write the closing summary line to ``err`` (after erasing any progress line), unless quiet."""
        if self.quiet or self.err is None:
            return
        if self.progress is not None:
            self.progress.close()
        self.err.write(line + "\n")


def formats(result: str) -> list[str]:
    """The formats a result type can be written in, text first."""
    found = [fmt for kind, fmt in FORMATTERS if kind == result]
    return sorted(found, key=lambda fmt: (fmt != "text", fmt))


def formatter(result: str, fmt: str) -> Callable[[Any, TextIO, Options], None]:
    """The function that writes ``result`` as ``fmt``.

    Raises:
        KeyError: no such formatter.
    """
    module, _, name = FORMATTERS[(result, fmt)].partition(":")
    found: Callable[[Any, TextIO, Options], None] = getattr(importlib.import_module(module), name)
    return found


def write(result: str, fmt: str, value: Any, out: TextIO, options: Options | None = None) -> None:
    """Write ``value`` (a ``result``) as ``fmt`` to ``out``."""
    formatter(result, fmt)(value, out, options or Options())
