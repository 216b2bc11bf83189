"""Text and JSON of the commands that read the catalogue or a licence text: ``licences``,
``categories``, ``explain``, ``rules``, ``parse`` and ``diff``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from railguard.report.escape import printable
from railguard.report.jsonout import document

if TYPE_CHECKING:
    from railguard.compare import Comparison
    from railguard.model import Category, Finding, Licence
    from railguard.parse import ParsedLicence
    from railguard.report.registry import Options
    from railguard.rules import Rule


def _lines(text: str) -> str:
    """Text built from files (a licence's title and clauses) with what each line read made printable."""
    return "\n".join(printable(line) for line in text.split("\n"))


def licences_text(licences: Sequence[Licence], out: TextIO, options: Options) -> None:
    """One line a licence; the count on stderr."""
    from railguard.report.licence import licences_table

    out.write(licences_table(licences))
    if options.err is not None and not options.quiet:
        options.err.write(f"{len(licences)} licences\n")


def licences_json(licences: Sequence[Licence], out: TextIO, options: Options) -> None:
    """The ``licences`` document."""
    from railguard.report.licence import licence_row

    out.write(document("licences", licences=[licence_row(lic) for lic in licences]))


def categories_text(categories: Sequence[Category], out: TextIO, options: Options) -> None:
    """One line a category."""
    from railguard.report.licence import categories_table

    out.write(categories_table(categories))


def categories_json(categories: Sequence[Category], out: TextIO, options: Options) -> None:
    """The ``categories`` document."""
    rows = [{"slug": c.slug, "title": c.title, "description": c.description} for c in categories]
    out.write(document("categories", categories=rows))


def explain_text(value: tuple[Licence, Mapping[str, Category]], out: TextIO, options: Options) -> None:
    """A person-readable account of a licence's rules."""
    from railguard.report.licence import explain_text as text

    out.write(_lines(text(*value)))


def explain_json(value: tuple[Licence, Mapping[str, Category]], out: TextIO, options: Options) -> None:
    """The ``explain`` document."""
    from railguard.report.licence import licence_json

    out.write(document("explain", **licence_json(value[0])))


def rules_text(value: tuple[Sequence[Rule], bool], out: TextIO, options: Options) -> None:
    """One rule's documentation, or one line a rule."""
    chosen, single = value
    if single:
        from railguard.rules.docs import rule_markdown

        out.write(rule_markdown(chosen[0], level=1))
        return
    width = max(len(r.name) for r in chosen)
    out.write("".join(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}\n" for r in chosen))


def rules_json(value: tuple[Sequence[Rule], bool], out: TextIO, options: Options) -> None:
    """The ``rules`` document."""
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "summary": r.summary,
            "why": r.why,
            "example": r.example,
            "fix": r.fix,
        }
        for r in value[0]
    ]
    out.write(document("rules", rules=rows))


def parse_text(value: tuple[ParsedLicence, Sequence[Finding]], out: TextIO, options: Options) -> None:
    """What a licence text says, with line and section for each rule."""
    from railguard.report.parsed import parsed_text

    out.write(_lines(parsed_text(*value)))


def parse_json(value: tuple[ParsedLicence, Sequence[Finding]], out: TextIO, options: Options) -> None:
    """The ``parse`` document."""
    from railguard.report.parsed import parsed_json

    out.write(document("parse", **parsed_json(*value)))


def diff_text(result: Comparison, out: TextIO, options: Options) -> None:
    """Two licences side by side."""
    from railguard.compare import comparison_text

    out.write(_lines(comparison_text(result)))


def diff_json(result: Comparison, out: TextIO, options: Options) -> None:
    """The ``diff`` document."""
    out.write(document("diff", **result.to_json()))
