"""``railguard parse FILE`` and ``railguard diff A B``: read licence texts."""

from __future__ import annotations

import click

from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import OutputFormat, format_option
from railguard.compare import RuleSet, compare, comparison_text
from railguard.report.jsonout import document


def _parsed(path: str):  # type: ignore[no-untyped-def]
    # NOTE: imported here so that commands which never read a licence text never compile a grammar.
    from railguard.parse import parse_file

    return parse_file(path)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@format_option(OutputFormat.TEXT, OutputFormat.JSON)
def parse(file: str, output_format: str) -> int:
    """Parse the licence text FILE into restrictions and obligations.

    Reports each restriction's category, kind, section and line, each duty with its
    parameters, whether commercial use is permitted, and which catalogue licence the
    text is (or is a variant of, with the differences).
    """
    from railguard.report.parsed import parsed_json, parsed_text
    from railguard.rules.text import check_parsed

    parsed = _parsed(file)
    findings = sorted(check_parsed(parsed), key=lambda f: f.sort_key())
    if output_format == OutputFormat.JSON.value:
        click.echo(document(**parsed_json(parsed, findings)), nl=False)
    else:
        click.echo(parsed_text(parsed, findings), nl=False)
    return ExitCode.OK


def rule_set(name: str) -> RuleSet:
    """A catalogue licence by name, or a licence text file with the rules the text itself states."""
    from railguard.resolve import resolve_licence

    licence = resolve_licence(name, prefer_catalogue=False)
    label = name if licence.id.startswith("file:") else licence.id
    return RuleSet(label, licence.restrictions, licence.obligations, licence.commercial)


@click.command()
@click.argument("left")
@click.argument("right")
@format_option(OutputFormat.TEXT, OutputFormat.JSON)
def diff(left: str, right: str, output_format: str) -> int:
    """Compare two licences restriction by restriction.

    LEFT and RIGHT are catalogue ids or aliases, or paths to licence texts (parsed).
    Exits 0 when both carry the same restriction categories, kinds of obligation and
    commercial flag, 1 when they differ.
    """
    result = compare(rule_set(left), rule_set(right))
    if output_format == OutputFormat.JSON.value:
        click.echo(document(**result.to_json()), nl=False)
    else:
        click.echo(comparison_text(result), nl=False)
    return ExitCode.OK if result.same else ExitCode.FINDINGS
