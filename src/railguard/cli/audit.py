"""``railguard audit``: a model repository's licence files and notices against its card and ancestors."""

from __future__ import annotations

import click

from railguard.cli.lineage import hub_options
from railguard.cli.options import CONFIG, EXIT_ZERO, FAIL_ON, MAX_RESULTS, QUIET, emit, exit_code, format_option


@click.command()
@click.argument("directory", default=".", required=False, type=click.Path(path_type=str))
@click.option(
    "--recursive", "-r", is_flag=True, help="Audit every repository (folder with a README.md) below DIRECTORY."
)
@format_option("audit")
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
@QUIET
@MAX_RESULTS
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
    max_results: int | None,
    hub: bool,
    hub_max_lookups: int,
    hub_max_age: str,
) -> int:
    """Audit a model repository: licence files, copyright and upstream notices, datasets.

    DIRECTORY (default: here) is a model repository: its card (README.md), licence files
    (LICENSE*, LICENCE*, COPYING*, NOTICE*, USE_POLICY*) and code headers are checked against
    what the card declares and what its base models and datasets require; the card's licence
    findings that `lint` reports (RG3xx) are reported too. With --recursive,
    every folder below DIRECTORY that holds a README.md is a repository, and a summary table
    follows. With --hub, unknown base models and datasets are looked up on the Hugging Face Hub,
    and a DIRECTORY that is not a folder but a Hub model id (org/name) is audited from the Hub.
    """
    from railguard.audit.runner import audit_paths
    from railguard.settings import project_settings

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
    emit(
        "audit",
        output_format,
        report,
        quiet=quiet,
        fix=fix,
        recursive=recursive,
        source=directory,
        max_results=max_results,
    )
    return exit_code(report.findings, fail_on, exit_zero)


def _is_folder(path: str) -> bool:
    import os

    return os.path.isdir(path)
