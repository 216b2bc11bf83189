"""``railguard lint``: lint model cards (front matter and licence section); the pre-commit hook's entry."""

from __future__ import annotations

import click

from railguard.cli.options import EXIT_ZERO, FAIL_ON, QUIET, emit, exit_code, format_option


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@format_option("lint")
@FAIL_ON
@EXIT_ZERO
@click.option("--fix", is_flag=True, help="Apply safe fixes to the front matter (licence id case, other's name/link).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=str, dir_okay=False),
    help="A pyproject.toml with [tool.railguard] (default: the nearest one upward from here).",
)
@click.option(
    "--no-known-models", is_flag=True, help="Do not resolve base models through the table of well-known models."
)
@QUIET
def lint(
    files: tuple[str, ...],
    output_format: str,
    fail_on: str,
    exit_zero: bool,
    fix: bool,
    config_path: str | None,
    no_known_models: bool,
    quiet: bool,
) -> int:
    """Lint model cards: licence metadata, base models, licence section, inherited duties.

    FILES are model cards (README.md with YAML front matter) or directories searched for
    README.md, MODEL_CARD.md and modelcard.md. A malformed card is a finding (exit 1); a
    missing file exits 2. Suppress a code in a card with `<!-- railguard: ignore RG412 -->`,
    or project-wide with `ignore = [...]` under `[tool.railguard]` in pyproject.toml.
    """
    from railguard.lint.config import LintConfig, find_config, load_config
    from railguard.lint.runner import lint_paths

    if config_path is not None:
        config = load_config(config_path)
    else:
        found = find_config()
        config = load_config(found) if found is not None else LintConfig()
    report = lint_paths(files, config, use_known_models=not no_known_models, fix=fix)
    emit("lint", output_format, report, quiet=quiet, fix=fix)
    return exit_code(report.findings, fail_on, exit_zero)
