"""``railguard licences`` and ``railguard explain``: read the catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from railguard.catalogue import load_catalogue
from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import emit, format_option
from railguard.model import Family


@click.command()
@format_option("licences")
@click.option(
    "--family",
    type=click.Choice([f.value for f in Family]),
    multiple=True,
    help="Only licences of this family (repeatable).",
)
def licences(output_format: str, family: tuple[str, ...]) -> int:
    """List the licence catalogue: id, family, commercial use, name and aliases."""
    catalogue = load_catalogue()
    chosen = [lic for lic in catalogue if not family or lic.family.value in family]
    emit("licences", output_format, chosen)
    return ExitCode.OK


@click.command()
@click.argument("licence")
@format_option("explain")
def explain(licence: str, output_format: str) -> int:
    """Show LICENCE's restrictions and obligations, with the section behind each.

    LICENCE is a catalogue id or alias (`creativeml-openrail-m`, `Apache-2.0`,
    `llama3.1`), a composed Hippocratic 3.0 name such as `HL3-CL-ECO-MIL`, or the path
    of a licence text, which is parsed (as `railguard parse` does).
    """
    catalogue = load_catalogue()
    found = catalogue.find(licence)
    if found is None and Path(licence).exists():
        # NOTE: a path names a licence text; explaining it means parsing it.
        from railguard.cli.textparse import parse

        return parse.callback(file=licence, output_format=output_format)  # type: ignore[misc,no-any-return]
    if found is None:
        from railguard.resolve import resolve_licence

        found = resolve_licence(licence)  # raises: no such file, or unknown with "did you mean"
    emit("explain", output_format, (found, catalogue.categories))
    return ExitCode.OK


@click.command()
@format_option("categories")
def categories(output_format: str) -> int:
    """List the restriction categories: slug, title and what each covers."""
    emit("categories", output_format, list(load_catalogue().categories.values()))
    return ExitCode.OK
