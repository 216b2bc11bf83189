"""``railguard parse FILE`` and ``railguard diff A B``: read licence texts."""

from __future__ import annotations

import click

from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import emit, format_option
from railguard.compare import RuleSet, compare


def _parsed(path: str):  # type: ignore[no-untyped-def]
    # NOTE: imported here so that commands which never read a licence text never compile a grammar.
    from railguard.parse import parse_file

    return parse_file(path)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@format_option("parse")
def parse(file: str, output_format: str) -> int:
    """Parse the licence text FILE into restrictions and obligations.

    Reports each restriction's category, kind, section and line, each duty with its
    parameters, whether commercial use is permitted, and which catalogue licence the
    text is (or is a variant of, with the differences).
    """
    from railguard.parse.findings import check_parsed

    parsed = _parsed(file)
    findings = sorted(check_parsed(parsed), key=lambda f: f.sort_key())
    emit("parse", output_format, (parsed, findings))
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
@format_option("diff")
def diff(left: str, right: str, output_format: str) -> int:
    """Compare two licences restriction by restriction.

    LEFT and RIGHT are catalogue ids or aliases, or paths to licence texts (parsed).
    Exits 0 when both carry the same restriction categories, kinds of obligation and
    commercial flag, 1 when they differ.
    """
    result = compare(rule_set(left), rule_set(right))
    emit("diff", output_format, result)
    return ExitCode.OK if result.same else ExitCode.FINDINGS
