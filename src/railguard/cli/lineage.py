"""``railguard compat`` and ``railguard lineage``: inheritance and conflicts along derivation chains."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

import click

from railguard.catalogue import load_catalogue
from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import CONFIG, EXIT_ZERO, FAIL_ON, OutputFormat, exit_code, format_option
from railguard.model import Finding, Severity

if TYPE_CHECKING:
    from railguard.lineage.hub import HubOptions
    from railguard.lint.config import LintConfig
    from railguard.model.declared import Declared

F = TypeVar("F", bound=Callable[..., Any])


def hub_options(command: F) -> F:
    """``--hub`` and its bounds: look unknown base models up on the Hugging Face Hub."""
    command = click.option(
        "--hub-max-age",
        default="7d",
        show_default=True,
        envvar="RAILGUARD_HUB_MAX_AGE",
        metavar="DURATION",
        help="Reuse cached Hub answers this long (7d, 12h, 0 to ask again); refusals at most 1d.",
    )(command)
    command = click.option(
        "--hub-max-lookups",
        type=click.IntRange(min=0),
        default=100,
        show_default=True,
        metavar="N",
        help="Look up at most N models on the Hub in one run.",
    )(command)
    return click.option(
        "--hub",
        is_flag=True,
        help="Look up on the Hugging Face Hub the base models that are neither in the input nor "
        "well-known (needs `pip install 'railguard[hub]'`; honours HF_ENDPOINT and HF_TOKEN).",
    )(command)


def _hub_settings(max_lookups: int, max_age: str) -> HubOptions:
    """The bounds of a --hub run; read only under --hub, so other runs never pay for the Hub module."""
    import os

    from railguard.errors import InputError
    from railguard.lineage.hub import HubOptions, parse_duration

    try:
        age = parse_duration(max_age)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--hub-max-age' / RAILGUARD_HUB_MAX_AGE") from None

    # NOTE: newer huggingface_hub versions fetch a telemetry registry from the Hub when they build
    # request headers; --hub promises model-information requests only. An explicit setting wins.
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    raw = os.environ.get("RAILGUARD_HUB_TIMEOUT", "").strip()
    try:
        timeout = float(raw) if raw else 10.0
    except ValueError:
        timeout = -1.0
    if not timeout > 0:
        raise InputError(f"RAILGUARD_HUB_TIMEOUT must be a number of seconds above 0, not `{raw}`")
    return HubOptions(max_lookups=max_lookups, max_age=age, timeout=timeout)


def _settings(config_path: str | None) -> LintConfig:
    """The project's ``[tool.railguard]`` settings, found as ``lint`` finds them."""
    from railguard.lint.config import project_settings

    return project_settings(config_path)


@click.command()
@click.argument("upstream")
@click.argument("derivative")
@format_option(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.SARIF)
@FAIL_ON
@EXIT_ZERO
@CONFIG
def compat(
    upstream: str, derivative: str, output_format: str, fail_on: str, exit_zero: bool, config_path: str | None
) -> int:
    """May a derivative of a work under UPSTREAM be released under DERIVATIVE?

    Both are licence ids, aliases, SPDX expressions (`MIT OR Apache-2.0`, `GPL-2.0-or-later`,
    `GPL-2.0-only WITH Classpath-exception-2.0`) or licence text files. An upstream choice (OR)
    is compatible when some choice is; the answer names it. Exits 0 when compatible, 1 on a
    conflict (an error finding, or worse than --fail-on).
    """
    from railguard.expression.edge import check_declared_edge, note_findings
    from railguard.report.findings import finding_line
    from railguard.resolve import resolve_argument

    up, down = resolve_argument(upstream), resolve_argument(derivative)
    licences = {**up.licences, **down.licences}
    verdict = check_declared_edge(up.declared, down.declared, licences.__getitem__)
    findings = note_findings(up.notes + down.notes) + verdict.findings
    compatible = verdict.compatible
    config = _settings(config_path)
    if config.ignore or config.severity:
        from railguard.lint.suppress import apply_config

        findings = tuple(apply_config(config, findings)[0])
        compatible = compatible or not any(f.severity is Severity.ERROR for f in findings)
    up_name, down_name = _shown(up.declared), _shown(down.declared)
    if output_format == OutputFormat.SARIF.value:
        from railguard.report.sarif import sarif_document

        click.echo(sarif_document(findings), nl=False)
    elif output_format == OutputFormat.JSON.value:
        body = {
            "upstream": up_name,
            "derivative": down_name,
            "compatible": compatible,
            "missing_restrictions": list(verdict.missing_restrictions),
            "upstream_choice": " AND ".join(verdict.upstream_choice) if verdict.upstream_choice else None,
            "derivative_choices": [" AND ".join(c) for c in verdict.derivative_choices],
            "findings": [f.to_json() for f in findings],
        }
        from railguard.report.jsonout import document

        click.echo(document(**body), nl=False)
    else:
        verdict_text = "compatible" if compatible else "NOT compatible"
        click.echo(f"{up_name} -> {down_name}: {verdict_text}")
        for finding in findings:
            click.echo("  " + finding_line(finding))
            if finding.hint:
                click.echo(f"    hint: {finding.hint}")
    return exit_code(findings, fail_on, exit_zero)


def _shown(declared: Declared) -> str:
    """A compat side as printed: the catalogue id, or the expression of ids after what was written."""
    if declared.is_single:
        return declared.names[0]
    canonical = declared.expression()
    return canonical if declared.text in ("", canonical) else f"{declared.text} ({canonical})"


@click.command()
@click.argument("path", type=click.Path(path_type=str))
@format_option(
    OutputFormat.TEXT,
    OutputFormat.JSON,
    OutputFormat.SARIF,
    OutputFormat.MERMAID,
    OutputFormat.SPDX,
    OutputFormat.SPDX3,
    OutputFormat.CYCLONEDX,
)
@FAIL_ON
@EXIT_ZERO
@click.option(
    "--no-known-models", is_flag=True, help="Do not resolve base models through the table of well-known models."
)
@CONFIG
@hub_options
def lineage(
    path: str,
    output_format: str,
    fail_on: str,
    exit_zero: bool,
    no_known_models: bool,
    config_path: str | None,
    hub: bool,
    hub_max_lookups: int,
    hub_max_age: str,
) -> int:
    """Check a whole derivation graph: every edge, every merge, what each model inherits.

    PATH is a YAML manifest (`models:` list), a JSONL or CSV table (id, license,
    base_model, base_model_relation; CSV base models separated by `;`), a directory
    of model cards (`<org>/<name>/README.md`), an SPDX 2.3 document (JSON, YAML,
    tag-value, RDF/XML) or SPDX 3.0 JSON-LD, or a CycloneDX JSON BOM. Licences may be
    SPDX expressions. `--format spdx`, `spdx3` and `cyclonedx` write the lineage as an
    AI bill of materials (SPDX needs `pip install 'railguard[spdx]'`).
    """
    # NOTE: `main` pauses the cyclic collector for the whole command (cli/__init__.py): between
    # phases it would walk the millions of objects a large lineage keeps, none of them in cycles.
    from railguard.lineage.engine import check_lineage
    from railguard.lineage.known import known_models
    from railguard.lineage.loaders import load_lineage
    from railguard.lineage.model import ModelEntry
    from railguard.report.jsonout import COMPACT_ABOVE
    from railguard.report.lineage import lineage_json, lineage_text, summary, write_lineage_json

    config = _settings(config_path)
    loaded = load_lineage(path)
    table = known_models()
    known: Mapping[str, ModelEntry] = {} if no_known_models else table
    resolution = None
    if hub:
        from railguard.lineage.hub import resolve_bases

        resolution = resolve_bases(loaded.entries, known, options=_hub_settings(hub_max_lookups, hub_max_age))
        known = table.with_entries(resolution.entries) if known is table else {**known, **resolution.entries}
    result = check_lineage(
        loaded.entries,
        load_catalogue(),
        known,
        loaded.licences,
        loaded.findings,
        config if config.ignore or config.severity else None,
        # NOTE: who grants a licence is a fact about the licence, kept with the table but used without it.
        table.licensors,
    )
    findings: Sequence[Finding] = result.findings
    if resolution is not None:
        # NOTE: rewrites the findings about models the Hub could not supply (few: --hub is bounded).
        findings = resolution.explain(tuple(findings))
        result = replace(result, findings=findings)
    datasets: tuple[Any, ...] = ()
    if loaded.datasets:
        from railguard.audit.graph import dataset_findings, dataset_nodes

        datasets = dataset_nodes(loaded.datasets)
        findings = tuple(sorted((*findings, *dataset_findings(datasets, result)), key=Finding.sort_key))
        result = replace(result, findings=findings)
    if output_format == OutputFormat.SARIF.value:
        from railguard.report.sarif import sarif_document

        click.echo(sarif_document(findings), nl=False)
    elif output_format == OutputFormat.MERMAID.value:
        from railguard.report.mermaid import lineage_mermaid

        click.echo(lineage_mermaid(result, datasets), nl=False)
    elif output_format == OutputFormat.SPDX.value:
        from railguard.report.spdx import lineage_spdx2

        click.echo(lineage_spdx2(result, path), nl=False)
    elif output_format == OutputFormat.SPDX3.value:
        from railguard.report.spdx import lineage_spdx3

        click.echo(lineage_spdx3(result, path), nl=False)
    elif output_format == OutputFormat.CYCLONEDX.value:
        from railguard.report.cyclonedx import lineage_cyclonedx

        click.echo(lineage_cyclonedx(result, path), nl=False)
    elif output_format == OutputFormat.JSON.value:
        if len(result.models) + len(findings) > COMPACT_ABOVE:
            # NOTE: written in pieces: the whole document of a Hub-sized lineage runs to gigabytes.
            write_lineage_json(result, sys.stdout)
        else:
            from railguard.report.jsonout import document

            extra = {"datasets": [d.to_json() for d in datasets]} if datasets else {}
            click.echo(document(**lineage_json(result), **extra), nl=False)
    else:
        click.echo(lineage_text(result), nl=False)
        if datasets:
            from railguard.audit.graph import dataset_lines

            click.echo(dataset_lines(datasets), nl=False)
        hub_note = f"; {resolution.summary()}" if resolution is not None else ""
        click.echo(f"{len(result.models)} models: {summary(findings)}{hub_note}", err=True)
    return exit_code(findings, fail_on, exit_zero)


@click.command()
@click.argument("model")
@click.option(
    "--use",
    "use",
    required=True,
    metavar="CATEGORY",
    help="The intended use, as a restriction category (`railguard categories`).",
)
@click.option("--commercial", is_flag=True, help="The use is commercial.")
@click.option("--lineage", "lineage_path", type=click.Path(path_type=str), help="Look MODEL up in this lineage input.")
@format_option(OutputFormat.TEXT, OutputFormat.JSON)
@CONFIG
@hub_options
def permits(
    model: str,
    use: str,
    commercial: bool,
    lineage_path: str | None,
    output_format: str,
    config_path: str | None,
    hub: bool,
    hub_max_lookups: int,
    hub_max_age: str,
) -> int:
    """May MODEL be used for CATEGORY (commercially, with --commercial), given all it inherits?

    MODEL is a licence id or alias, a licence text file, a model card (README.md), a
    well-known model id (`meta-llama/Llama-3.1-8B`), a model id inside --lineage PATH, or
    with --hub a Hugging Face Hub model id. Exits 0 when permitted, 1 when not (or when it
    cannot be established).
    """
    from railguard.errors import InputError
    from railguard.lineage.permits import check_permits

    categories = load_catalogue().categories
    if use not in categories:
        import difflib

        close = difflib.get_close_matches(use, list(categories), n=3)
        hint = f"; did you mean {', '.join(f'`{c}`' for c in close)}?" if close else "; run `railguard categories`"
        raise InputError(f"unknown use category `{use}`{hint}")
    from railguard.lineage.subject import resolve_subject

    config = _settings(config_path)
    found = resolve_subject(model, lineage_path, _hub_settings(hub_max_lookups, hub_max_age) if hub else None)
    subject = found.label
    result = check_permits(
        subject, found.licences, use, commercial, found.unknown, found.ancestors, found.choices, config
    )
    if found.findings:
        result = replace(result, findings=tuple(sorted((*result.findings, *found.findings), key=Finding.sort_key)))
    if output_format == OutputFormat.JSON.value:
        body = {
            "model": subject,
            "use": use,
            "commercial": commercial,
            "permitted": result.permitted,
            "governing_licences": list(result.governing),
            "findings": [f.to_json() for f in result.findings],
        }
        from railguard.report.jsonout import document

        click.echo(document(**body), nl=False)
    else:
        from railguard.report.findings import finding_line

        how = "commercial " if commercial else ""
        verdict = "permitted" if result.permitted else "NOT permitted"
        click.echo(f"{subject}: {how}use for `{use}` is {verdict}")
        click.echo(f"  governed by: {', '.join(result.governing) or 'no known licence'}")
        for finding in result.findings:
            click.echo("  " + finding_line(finding))
            if finding.hint:
                click.echo(f"    hint: {finding.hint}")
    return ExitCode.OK if result.permitted else ExitCode.FINDINGS
