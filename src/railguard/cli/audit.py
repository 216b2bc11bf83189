"""``railguard audit``: a model repository's licence files and notices against its card and ancestors."""

from __future__ import annotations

import click

from railguard.cli.lineage import hub_options
from railguard.cli.options import CONFIG, EXIT_ZERO, FAIL_ON, OutputFormat, exit_code, format_option


@click.command()
@click.argument("directory", default=".", required=False, type=click.Path(path_type=str))
@click.option(
    "--recursive", "-r", is_flag=True, help="Audit every repository (folder with a README.md) below DIRECTORY."
)
@format_option(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.SARIF, OutputFormat.GITHUB)
@FAIL_ON
@EXIT_ZERO
@click.option(
    "--fix",
    is_flag=True,
    help="Add missing notice lines to NOTICE and write a missing licence file (never changes existing text).",
)
@CONFIG
@click.option(
    "--no-known-models", is_flag=True, help="Do not resolve base models through the table of well-known models."
)
@click.option("--quiet", "-q", is_flag=True, help="No hint lines and no summary.")
@hub_options
def audit(
    directory: str,
    recursive: bool,
    output_format: str,
    fail_on: str,
    exit_zero: bool,
    fix: bool,
    config_path: str | None,
    no_known_models: bool,
    quiet: bool,
    hub: bool,
    hub_max_lookups: int,
    hub_max_age: str,
) -> int:
    """Audit a model repository: licence files, copyright and upstream notices, datasets.

    DIRECTORY (default: here) is a model repository: its card (README.md), licence files
    (LICENSE*, LICENCE*, COPYING*, NOTICE*, USE_POLICY*) and code headers are checked against
    what the card declares and what its base models and datasets require. With --recursive,
    every folder below DIRECTORY that holds a README.md is a repository, and a summary table
    follows. With --hub, unknown base models and datasets are looked up on the Hugging Face Hub,
    and a DIRECTORY that is not a folder but a Hub model id (org/name) is audited from the Hub.
    """
    from railguard.audit.runner import audit_paths
    from railguard.lint.config import project_settings

    config = project_settings(config_path)
    access = None
    if hub:
        from railguard.audit.hub import HubAccess
        from railguard.cli.lineage import _hub_settings

        access = HubAccess(_hub_settings(hub_max_lookups, hub_max_age))
    if access is not None and not _is_folder(directory):
        if fix:
            raise click.UsageError("--fix changes files on disk; it cannot be used on a Hub repository")
        from railguard.audit.hub import audit_hub

        report = audit_hub(directory, access, config, use_known_models=not no_known_models)
    else:
        report = audit_paths(
            directory,
            recursive=recursive,
            config=config,
            use_known_models=not no_known_models,
            fix=fix,
            hub=access,
        )
    findings = report.findings
    if output_format == OutputFormat.SARIF.value:
        from railguard.report.sarif import sarif_document

        click.echo(sarif_document(findings), nl=False)
    elif output_format == OutputFormat.JSON.value:
        from railguard.audit.summary import summarise
        from railguard.report.jsonout import document

        click.echo(
            document(
                repositories=[r.to_json() for r in report.repositories],
                summary=summarise(report.repositories).to_json(),
                findings=[f.to_json() for f in findings],
            ),
            nl=False,
        )
    elif output_format == OutputFormat.GITHUB.value:
        from railguard.report.github import github_report

        click.echo(github_report(findings), nl=False)
    else:
        from railguard.report.text import text_report

        click.echo(text_report(findings, hints=not quiet), nl=False)
        if recursive and not quiet:
            from railguard.audit.summary import summarise

            click.echo(summarise(report.repositories).table(), nl=False)
    if not quiet and output_format != OutputFormat.JSON.value:
        from railguard.report.text import summary

        count = len(report.repositories)
        fixed = sum(len(r.fixes) for r in report.repositories)
        done = f"; {fixed} fix{'es' if fixed != 1 else ''} applied" if fix else ""
        click.echo(
            f"railguard audit: {count} repositor{'ies' if count != 1 else 'y'}: {summary(findings)}{done}", err=True
        )
    return exit_code(findings, fail_on, exit_zero)


def _is_folder(path: str) -> bool:
    import os

    return os.path.isdir(path)
