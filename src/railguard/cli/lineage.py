"""``railguard compat`` and ``railguard lineage``: inheritance and conflicts along derivation chains."""

from __future__ import annotations

import click

from railguard.catalogue import load_catalogue
from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import OutputFormat, format_option
from railguard.model import Finding, Licence, Severity
from railguard.report.jsonout import document

FAIL_ON = click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default=Severity.ERROR.value,
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is reported.",
)
EXIT_ZERO = click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides exit 2).")


def _exit(findings: tuple[Finding, ...], fail_on: str, exit_zero: bool) -> int:
    threshold = Severity(fail_on).rank
    failing = any(f.severity.rank >= threshold for f in findings)
    return ExitCode.FINDINGS if failing and not exit_zero else ExitCode.OK


def _licence(name: str) -> Licence:
    """A catalogue licence, or a licence text file parsed into one."""
    from pathlib import Path

    catalogue = load_catalogue()
    found = catalogue.find(name)
    if found is not None:
        return found
    if Path(name).exists():
        from railguard.lineage.loaders import Loaded, _licence_file

        loaded = Loaded()
        ident = _licence_file(Path(name), loaded)
        return loaded.licences.get(ident) or catalogue.get(ident)
    return catalogue.get(name)


@click.command()
@click.argument("upstream")
@click.argument("derivative")
@format_option(OutputFormat.TEXT, OutputFormat.JSON)
@FAIL_ON
@EXIT_ZERO
def compat(upstream: str, derivative: str, output_format: str, fail_on: str, exit_zero: bool) -> int:
    """May a derivative of a work under UPSTREAM be released under DERIVATIVE?

    Both are licence ids, aliases or licence text files. Exits 0 when compatible, 1 on a
    conflict (an error finding, or worse than --fail-on).
    """
    from railguard.lineage.engine import check_edge
    from railguard.lineage.terms import terms_of
    from railguard.report.lineage import finding_line

    up, down = _licence(upstream), _licence(derivative)
    findings = check_edge(up, down)
    compatible = not any(f.severity is Severity.ERROR for f in findings)
    terms = terms_of(up)
    missing = sorted(terms.categories - down.categories) if terms.flow_down and up.id != down.id else []
    if terms.non_commercial and down.commercial is True and "non-commercial" not in missing:
        missing.append("non-commercial")
    if output_format == OutputFormat.JSON.value:
        body = {
            "upstream": up.id,
            "derivative": down.id,
            "compatible": compatible,
            "missing_restrictions": missing,
            "findings": [f.to_json() for f in findings],
        }
        click.echo(document(**body), nl=False)
    else:
        verdict = "compatible" if compatible else "NOT compatible"
        click.echo(f"{up.id} -> {down.id}: {verdict}")
        for finding in findings:
            click.echo("  " + finding_line(finding))
            if finding.hint:
                click.echo(f"    hint: {finding.hint}")
    return _exit(findings, fail_on, exit_zero)


@click.command()
@click.argument("path", type=click.Path(path_type=str))
@format_option(OutputFormat.TEXT, OutputFormat.JSON)
@FAIL_ON
@EXIT_ZERO
@click.option(
    "--no-known-models", is_flag=True, help="Do not resolve base models through the table of well-known models."
)
def lineage(path: str, output_format: str, fail_on: str, exit_zero: bool, no_known_models: bool) -> int:
    """Check a whole derivation graph: every edge, every merge, what each model inherits.

    PATH is a YAML manifest (`models:` list), a JSONL or CSV table (id, license,
    base_model, base_model_relation; CSV base models separated by `;`), or a directory
    of model cards (`<org>/<name>/README.md`).
    """
    from railguard.lineage.engine import check_lineage
    from railguard.lineage.known import known_models
    from railguard.lineage.loaders import load_lineage
    from railguard.report.lineage import lineage_json, lineage_text, summary

    loaded = load_lineage(path)
    result = check_lineage(loaded.entries, load_catalogue(), {} if no_known_models else known_models(), loaded.licences)
    findings = tuple(sorted((*loaded.findings, *result.findings), key=Finding.sort_key))
    if output_format == OutputFormat.JSON.value:
        body = lineage_json(result)
        body["findings"] = [f.to_json() for f in findings]
        click.echo(document(**body), nl=False)
    else:
        from dataclasses import replace

        click.echo(lineage_text(replace(result, findings=findings)), nl=False)
        click.echo(f"{len(result.models)} models: {summary(findings)}", err=True)
    return _exit(findings, fail_on, exit_zero)
