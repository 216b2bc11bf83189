"""The command line: the only package that imports click.

:func:`main` is the console script. It runs the click group without click's own exit handling so
that every outcome maps onto :class:`~railguard.cli.exitcodes.ExitCode`: a :class:`RailError`
becomes one line on stderr and exit 2; anything unexpected becomes "internal error, please
report" and exit 2, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence

import click

from railguard import __version__
from railguard.cli.exitcodes import EXIT_CODES_HELP, ExitCode
from railguard.errors import RailError

#: Every command and where it lives. Commands are imported only when run (or listed in
#: --help), so a cold `railguard compat` or `railguard lint` does not pay for the others.
COMMANDS: dict[str, str] = {
    "audit": "railguard.cli.audit:audit",
    "categories": "railguard.cli.catalogue:categories",
    "compat": "railguard.cli.lineage:compat",
    "diff": "railguard.cli.textparse:diff",
    "explain": "railguard.cli.catalogue:explain",
    "licences": "railguard.cli.catalogue:licences",
    "lint": "railguard.cli.lint:lint",
    "lineage": "railguard.cli.lineage:lineage",
    "parse": "railguard.cli.textparse:parse",
    "permits": "railguard.cli.lineage:permits",
    "rules": "railguard.cli.rules:rules",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    # NOTE: the one place the cyclic collector is paused. One command is one run that makes next
    # to no cyclic garbage (reference counting frees the rest), while the collector's passes walk
    # every object alive: the millions a large lineage keeps, and at start-up the modules a
    # command imports (several milliseconds of a cold start). Library callers are left alone.
    enabled = gc.isenabled()
    gc.disable()
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
            import traceback

            traceback.print_exc()
        click.echo(f"railguard: error: {_printable(str(exc))}", err=True)
        return ExitCode.ERROR
    except BrokenPipeError:
        # NOTE: `railguard licences | head` closes stdout early; that is not an error.
        sys.stderr.close()
        return ExitCode.OK
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc()
        else:
            click.echo(
                f"railguard: internal error, please report (railguard {__version__}): "
                f"{type(exc).__name__}: {_printable(str(exc))}; rerun with --debug for the traceback",
                err=True,
            )
        return ExitCode.ERROR
    finally:
        if enabled:
            gc.enable()
    return int(result) if isinstance(result, int) else ExitCode.OK


def _printable(text: str) -> str:
    from railguard.report.escape import printable

    return printable(text)


def run() -> None:
    """Console-script shim: exit with :func:`main`'s code."""
    # NOTE: inputs can carry strings no encoding can write (a lone surrogate from a JSON `\ud800`
    # escape, a file name that is not UTF-8); print those as escapes rather than fail at output.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    sys.exit(main())
