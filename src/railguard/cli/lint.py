"""``railguard lint``: lint model cards (front matter and licence section); the pre-commit hook's entry."""

from __future__ import annotations

import click

from railguard.cli.options import EXIT_ZERO, FAIL_ON, OutputFormat, exit_code, format_option


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@format_option(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.SARIF, OutputFormat.GITHUB)
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
@click.option("--quiet", "-q", is_flag=True, help="No hint lines and no summary.")
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
    findings = report.findings
    if output_format == OutputFormat.SARIF.value:
        from railguard.report.sarif import sarif_document

        click.echo(sarif_document(findings), nl=False)
    elif output_format == OutputFormat.JSON.value:
        from railguard.report.jsonout import document

        cards = [
            {
                "path": card.path,
                "model": card.model,
                "licence": card.licence,
                "base_models": list(card.base_models),
                "fixes": list(card.fixes),
            }
            for card in report.cards
        ]
        click.echo(document(cards=cards, findings=[f.to_json() for f in findings]), nl=False)
    elif output_format == OutputFormat.GITHUB.value:
        from railguard.report.github import github_report

        click.echo(github_report(findings), nl=False)
    else:
        from railguard.report.text import text_report

        click.echo(text_report(findings, hints=not quiet), nl=False)
    if not quiet and output_format != OutputFormat.JSON.value:
        from railguard.report.text import summary

        fixed = sum(len(c.fixes) for c in report.cards)
        done = f"; fixed {fixed} finding{'s' if fixed != 1 else ''}" if fix else ""
        count = len(report.cards)
        click.echo(f"railguard lint: {count} card{'s' if count != 1 else ''}: {summary(findings)}{done}", err=True)
    return exit_code(findings, fail_on, exit_zero)
