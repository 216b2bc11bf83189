"""The command line: the only package that imports click.

:func:`main` is the console script. It runs the click group without click's own exit handling so
that every outcome maps onto :class:`~railguard.cli.exitcodes.ExitCode`: a :class:`RailError`
becomes one line on stderr and exit 2; anything unexpected becomes "internal error, please
report" and exit 2, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import click

from railguard import __version__
from railguard.cli.exitcodes import EXIT_CODES_HELP, ExitCode
from railguard.errors import RailError


@click.group(
    epilog=EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="railguard")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def cli(debug: bool) -> None:
    """Read responsible-AI licences and check what model derivatives inherit.

    Licences are named by catalogue id or any alias (SPDX id, Hugging Face Hub id,
    ScanCode key, common spellings); `railguard licences` lists them.
    """


def _register() -> None:
    from railguard.cli import catalogue, lineage, textparse

    cli.add_command(catalogue.licences)
    cli.add_command(catalogue.explain)
    cli.add_command(catalogue.categories)
    cli.add_command(textparse.parse)
    cli.add_command(textparse.diff)
    cli.add_command(lineage.compat)
    cli.add_command(lineage.lineage)
    cli.add_command(lineage.permits)


_register()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = cli.main(args=args, prog_name="railguard", standalone_mode=False)
    except click.exceptions.Exit as exc:  # --help, --version
        return int(exc.exit_code)
    except click.ClickException as exc:  # usage errors: bad option, missing argument
        exc.show()
        return ExitCode.ERROR
    except click.exceptions.Abort:
        click.echo("railguard: interrupted", err=True)
        return ExitCode.INTERRUPTED
    except RailError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"railguard: error: {exc}", err=True)
        return ExitCode.ERROR
    except BrokenPipeError:
        # NOTE: `railguard licences | head` closes stdout early; that is not an error.
        sys.stderr.close()
        return ExitCode.OK
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            click.echo(
                f"railguard: internal error, please report (railguard {__version__}): "
                f"{type(exc).__name__}: {exc}; rerun with --debug for the traceback",
                err=True,
            )
        return ExitCode.ERROR
    return int(result) if isinstance(result, int) else ExitCode.OK


def run() -> None:
    """Console-script shim: exit with :func:`main`'s code."""
    sys.exit(main())
