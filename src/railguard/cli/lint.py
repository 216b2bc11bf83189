"""``railguard lint``: lint model cards (front matter and licence section); the pre-commit hook's entry."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import CONFIG, EXIT_ZERO, FAIL_ON, MAX_RESULTS, QUIET, exit_code, format_option

if TYPE_CHECKING:
    from railguard.lint.runner import LintReport


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@format_option("lint")
@FAIL_ON
@EXIT_ZERO
@click.option("--fix", is_flag=True, help="Apply safe fixes to the front matter (licence id case, other's name/link).")
@click.option("--diff", is_flag=True, help="With --fix: print the fixes as a unified diff instead of writing them.")
@click.option(
    "--strict", is_flag=True, help="Lint every README as a model card, even one that does not look like a card."
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="The file name the card read from `-` (standard input) stands for.  [default: README.md]",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(path_type=str, dir_okay=False),
    help="Write the report (or the diff) to this file instead of standard output.",
)
@CONFIG
@click.option(
    "--no-known-models", is_flag=True, help="Do not resolve base models through the table of well-known models."
)
@QUIET
@MAX_RESULTS
def lint(
    files: tuple[str, ...],
    output_format: str,
    fail_on: str,
    exit_zero: bool,
    fix: bool,
    diff: bool,
    strict: bool,
    stdin_filename: str | None,
    output_file: str | None,
    config_path: str | None,
    no_known_models: bool,
    quiet: bool,
    max_results: int | None,
) -> int:
    """Lint model cards: licence metadata, base models, licence section, inherited duties.

    FILES are model cards (README.md with YAML front matter), directories searched for
    README.md, MODEL_CARD.md and modelcard.md (default: the current directory; in a git
    repository only the files git lists, so ignored files are left out), or `-` for a card on
    standard input. A README without front matter that does not look like a model card is
    skipped (`--strict` lints it). A malformed card is a finding (exit 1); a missing file
    exits 2. Suppress a code in a card with `<!-- railguard: ignore RG412 -->`, or
    project-wide with `ignore = [...]` under `[tool.railguard]` in pyproject.toml.
    """
    from railguard.lint.runner import FIX_DIFF, FIX_WRITE, Stdin, lint_paths
    from railguard.settings import project_settings

    if diff and not fix:
        raise click.UsageError("--diff shows what --fix would change: use --fix --diff")
    if diff and output_format != "text":
        # NOTE: a patch is what --diff prints; a JSON or SARIF document beside it would be neither.
        raise click.UsageError(
            f"--fix --diff prints a patch, not a {output_format} report: drop --format, or run --fix without --diff"
        )
    paths = files or (".",)
    stdin = None
    if "-" in paths:
        if fix and not diff:
            raise click.UsageError("--fix cannot write to standard input: add --diff to see the fixes")
        from railguard.card.reader import MAX_CARD_BYTES

        source = getattr(sys.stdin, "buffer", None)
        data = source.read(MAX_CARD_BYTES + 1) if source is not None else sys.stdin.read().encode("utf-8")
        stdin = Stdin(data, stdin_filename or "README.md")
    config = project_settings(config_path)
    report = lint_paths(
        paths,
        config,
        use_known_models=not no_known_models,
        fix=(FIX_DIFF if diff else FIX_WRITE) if fix else False,
        strict=strict,
        stdin=stdin,
    )
    if diff:
        return _preview(report, output_file, fail_on, exit_zero, quiet)
    _write(output_file, _render(report, output_format, quiet, max_results))
    if not quiet and output_format != "json":
        from railguard.report.text import summary

        done = ""
        if fix:
            fixed = sum(len(c.fixes) for c in report.cards)
            done = f"; fixed {fixed} finding{'s' if fixed != 1 else ''}"
        click.echo(
            f"railguard lint: {_cards(len(report.cards))}: {summary(report.findings)}{done}{_context(report)}", err=True
        )
    return exit_code(report.findings, fail_on, exit_zero)


def _preview(report: LintReport, output_file: str | None, fail_on: str, exit_zero: bool, quiet: bool) -> int:
    """``--fix --diff``: the patch on standard output (or the file), what the fixes leave on standard error.

    The patch stays one that ``git apply`` takes; the findings no fix removes are shown as
    ``lint`` shows them, so a preview hides nothing. Exit 1 when there is something to fix or a
    finding at ``--fail-on`` remains.
    """
    from railguard.report.text import summary

    _write(output_file, "".join(card.diff for card in report.cards))
    changed = [card for card in report.cards if card.diff]
    remaining = _render(report, "text", quiet)
    if remaining:
        click.echo(remaining, err=True, nl=False)
    if not quiet:
        count = sum(len(card.fixes) for card in changed)
        click.echo(
            f"railguard lint: {_cards(len(report.cards))}: would fix {count} finding{'s' if count != 1 else ''} "
            f"in {_cards(len(changed))}; left after the fixes: {summary(report.findings)}{_context(report)}",
            err=True,
        )
    if exit_zero:
        return ExitCode.OK
    return ExitCode.FINDINGS if changed else exit_code(report.findings, fail_on, exit_zero)


def _cards(count: int) -> str:
    return f"{count} card{'s' if count != 1 else ''}"


def _context(report: LintReport) -> str:
    """What the summary adds: READMEs skipped as no model cards, and the settings file that applied."""
    out = ""
    if report.skipped:
        count = len(report.skipped)
        out += f"; skipped {count} README{'s' if count != 1 else ''} that {'are' if count != 1 else 'is'} no model card"
    if report.settings is not None:
        out += f" (settings: {report.settings})"
    return out


def _render(report: LintReport, output_format: str, quiet: bool, max_results: int | None = None) -> str:
    """The report in ``output_format``, through the formatter registry (the summary is this command's)."""
    import io

    from railguard.report.registry import Options, write

    out = io.StringIO()
    write("lint", output_format, report, out, Options(quiet=quiet, max_results=max_results))
    return out.getvalue()


def _write(output_file: str | None, text: str) -> None:
    """``text`` to the output file, else to standard output.

    Bytes a card holds that are not text in its encoding (a diff of a card with a stray Latin-1
    byte) are written back as the same bytes.
    """
    data = text.encode("utf-8", "surrogateescape")
    if output_file is None:
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (an embedding application's): no odd bytes to keep
            sys.stdout.write(text.encode("utf-8", "replace").decode("utf-8", "replace"))
        else:
            stream.write(data)
            stream.flush()
        return
    from railguard.errors import InputError

    try:
        with open(output_file, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InputError(f"cannot be written: {exc.strerror or exc}", path=output_file) from None
