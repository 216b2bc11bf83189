"""What ``compat``, ``lineage`` and ``permits`` do between reading their options and writing a report.

The click layer (:mod:`railguard.cli.lineage`) parses options, calls one function here and hands
the answer to a formatter; everything that decides something lives here or below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from railguard.model import Finding, Severity

if TYPE_CHECKING:
    from railguard.expression.edge import EdgeVerdict
    from railguard.lineage.hub import HubOptions
    from railguard.lineage.model import LineageResult, ModelEntry
    from railguard.lineage.permits import PermitResult
    from railguard.resolve import Argument
    from railguard.settings import LintConfig


def check_compat(upstream: Argument, derivative: Argument, settings: LintConfig) -> EdgeVerdict:
    """The one edge ``compat`` asks about, with the project's ignore and severity settings applied.

    An edge whose every error the settings ignore or lower is compatible: the user has said those
    findings do not count.
    """
    from railguard.expression.edge import check_declared_edge, note_findings

    licences = {**upstream.licences, **derivative.licences}
    edge = check_declared_edge(upstream.declared, derivative.declared, licences.__getitem__)
    findings = note_findings(upstream.notes + derivative.notes) + edge.findings
    compatible = edge.compatible
    if settings.ignore or settings.severity:
        from railguard.lint.suppress import apply_config

        findings = tuple(apply_config(settings, findings)[0])
        compatible = compatible or not any(f.severity is Severity.ERROR for f in findings)
    return edge._replace(compatible=compatible, findings=tuple(findings))


def check_lineage_input(
    path: str,
    settings: LintConfig,
    *,
    known_models: bool = True,
    hub: HubOptions | None = None,
    step: Callable[[str], object] = lambda _: None,
) -> tuple[LineageResult, str | None]:
    """Read a lineage input, resolve its base models (the well-known table, with ``hub`` the Hub),
    check every edge and the datasets; the result and, under ``hub``, the Hub's one-line summary.

    ``step`` is told what is being done (a progress display).
    """
    from dataclasses import replace

    from railguard.catalogue import load_catalogue
    from railguard.lineage.engine import check_lineage
    from railguard.lineage.known import known_models as known_table
    from railguard.lineage.loaders import load_lineage
    from railguard.lineage.results import FindingSet

    step("reading")
    loaded = load_lineage(path)
    table = known_table()
    known: Mapping[str, ModelEntry] = table if known_models else {}
    resolution = None
    if hub is not None:
        from railguard.lineage.hub import resolve_bases

        step("asking the Hugging Face Hub")
        resolution = resolve_bases(loaded.entries, known, options=hub)
        known = table.with_entries(resolution.entries) if known is table else {**known, **resolution.entries}
    step(f"checking {len(loaded.entries):,} models")
    result = check_lineage(
        loaded.entries,
        load_catalogue(),
        known,
        loaded.licences,
        loaded.findings,
        settings if settings.ignore or settings.severity else None,
        # NOTE: who grants a licence is a fact about the licence, kept with the table but used without it.
        table.licensors,
    )
    if resolution is not None and isinstance(result.findings, FindingSet):
        # NOTE: the Hub's side of the story concerns findings built outright (few: --hub is bounded).
        result = replace(result, findings=result.findings.with_loose(resolution.explain(result.findings.loose)))
    if loaded.datasets and isinstance(result.findings, FindingSet):
        from railguard.audit.graph import dataset_findings, dataset_nodes

        nodes = dataset_nodes(loaded.datasets)
        loose = [*result.findings.loose, *dataset_findings(nodes, result)]
        result = replace(result, findings=result.findings.with_loose(loose), datasets=nodes)
    return result, resolution.summary() if resolution is not None else None


def check_permitted(
    model: str,
    use: str,
    commercial: bool,
    settings: LintConfig,
    lineage_path: str | None = None,
    hub: HubOptions | None = None,
) -> tuple[str, PermitResult]:
    """May ``model`` be used for the category ``use``: the subject as shown, and the answer.

    Raises:
        InputError: ``use`` is no restriction category (with the closest ones), or ``model`` is
            none of the things :func:`railguard.lineage.subject.resolve_subject` takes.
    """
    from dataclasses import replace

    from railguard.catalogue import load_catalogue
    from railguard.errors import InputError
    from railguard.lineage.permits import check_permits
    from railguard.lineage.subject import resolve_subject

    categories = load_catalogue().categories
    if use not in categories:
        import difflib

        close = difflib.get_close_matches(use, list(categories), n=3)
        hint = f"; did you mean {', '.join(f'`{c}`' for c in close)}?" if close else "; run `railguard categories`"
        raise InputError(f"unknown use category `{use}`{hint}")
    found = resolve_subject(model, lineage_path, hub)
    result = check_permits(
        found.label, found.licences, use, commercial, found.unknown, found.ancestors, found.choices, settings
    )
    if found.findings:
        result = replace(result, findings=tuple(sorted((*result.findings, *found.findings), key=Finding.sort_key)))
    return found.label, result
