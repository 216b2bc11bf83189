"""``railguard rules [CODE]``: the finding codes and their documentation."""

from __future__ import annotations

import difflib

import click

from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import emit, format_option
from railguard.errors import InputError
from railguard.rules import RULES, Rule


def _find(code: str) -> Rule:
    wanted = code.strip()
    by_name = {r.name: r for r in RULES.values()}
    found = RULES.get(wanted.upper()) or by_name.get(wanted.lower())
    if found is not None:
        return found
    close = difflib.get_close_matches(wanted.upper(), list(RULES), n=3) or difflib.get_close_matches(
        wanted.lower(), list(by_name), n=3
    )
    hint = f"; did you mean {', '.join(f'`{c}`' for c in close)}?" if close else "; run `railguard rules` to list them"
    raise InputError(f"unknown finding code `{code}`{hint}")


@click.command()
@click.argument("code", required=False)
@format_option("rules")
def rules(code: str | None, output_format: str) -> int:
    """List the finding codes, or show CODE's documentation (what, why, example, fix).

    CODE is a code such as `RG301` or a rule name such as `missing-inherited-restriction`.
    """
    chosen = [_find(code)] if code is not None else list(RULES.values())
    emit("rules", output_format, (chosen, code is not None))
    return ExitCode.OK
