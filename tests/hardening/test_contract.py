"""The exit contract, for every command: codes in one module and documented, --exit-zero, --debug.

Data-driven over :data:`railguard.cli.COMMANDS` and each command's first example in the docs, so a
command added later is covered once the docs show it.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from railguard import __version__
from railguard.cli import COMMANDS, cli
from railguard.cli.exitcodes import EXIT_CODES_HELP, ExitCode
from tests.hardening.helpers import assert_refused, run
from tests.hardening.readme import DOCS_DIR, Example, examples, make_workdir

_FIRST: dict[str, Example] = {}
for _example in examples():
    if _example.command is not None and "--hub" not in _example.argv:
        _FIRST.setdefault(_example.command, _example)


def first_example(name: str) -> list[str]:
    """The arguments of the docs' first example of command ``name``."""
    if name not in _FIRST:
        pytest.fail(f"the docs show no `railguard {name}` example; add one (test_doc_commands.py runs it)")
    return list(_FIRST[name].argv)


def command(name: str) -> click.Command:
    found = cli.get_command(click.Context(cli), name)
    assert found is not None
    return found


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(make_workdir(tmp_path))
    return tmp_path


def test_exit_codes_are_documented_in_the_docs_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    text = (DOCS_DIR / "commands.md").read_text(encoding="utf-8")
    section = text[text.index("## Exit codes") :]
    table = {int(code) for code in re.findall(r"^\| (\d+) \|", section, flags=re.MULTILINE)}
    assert table == {int(code) for code in ExitCode}
    help_codes = {int(code) for code in re.findall(r"^\s+(\d+)\s{2}", EXIT_CODES_HELP, flags=re.MULTILINE)}
    assert help_codes == {int(code) for code in ExitCode}
    result = run(capsys, "--help")
    assert result.code == 0
    for code in ExitCode:
        assert re.search(rf"^\s+{int(code)}\s{{2}}\S", result.out, flags=re.MULTILINE), code


def test_exit_codes_live_in_one_module() -> None:
    # No command returns a bare number: every exit code comes from ExitCode.
    for path in (Path(__file__).resolve().parents[2] / "src" / "railguard" / "cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\breturn [0-9]+\b", text), path
        assert not re.search(r"\bsys\.exit\([0-9]+\)", text), path


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_of_every_command(capsys: pytest.CaptureFixture[str], name: str) -> None:
    result = run(capsys, name, "--help")
    assert result.code == ExitCode.OK
    assert result.out.startswith(f"Usage: railguard {name}")
    assert name in run(capsys, "--help").out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str], name: str) -> None:
    result = run(capsys, name, "--no-such-option")
    assert result.code == ExitCode.ERROR
    assert "No such option" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_internal_error_exits_2_and_debug_shows_the_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, workdir: Path, name: str
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(command(name), "callback", boom)
    argv = first_example(name)
    result = run(capsys, *argv)
    assert result.code == ExitCode.ERROR
    assert result.out == ""
    assert f"internal error, please report (railguard {__version__})" in result.err
    assert "--debug" in result.err
    assert "Traceback" not in result.err
    debug = run(capsys, "--debug", *argv)
    assert debug.code == ExitCode.ERROR
    assert "Traceback (most recent call last)" in debug.err
    assert "ZeroDivisionError: simulated bug" in debug.err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_interrupt_exits_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, workdir: Path, name: str
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command(name), "callback", interrupted)
    result = run(capsys, *first_example(name))
    assert result.code == ExitCode.INTERRUPTED
    assert "Traceback" not in result.err


WITH_EXIT_ZERO = sorted(name for name in COMMANDS if any(p.name == "exit_zero" for p in command(name).params))


def test_exit_zero_commands_are_found() -> None:
    assert {"compat", "lineage"} <= set(WITH_EXIT_ZERO)


@pytest.mark.parametrize("name", WITH_EXIT_ZERO)
def test_exit_zero_hides_findings_but_never_exit_2(
    capsys: pytest.CaptureFixture[str], workdir: Path, name: str
) -> None:
    argv = first_example(name)
    found = run(capsys, *argv)
    if found.code == ExitCode.FINDINGS:
        assert run(capsys, *argv, "--exit-zero").code == ExitCode.OK
    # the first argument after the command replaced by a file that does not exist
    position = next(i for i, arg in enumerate(argv) if i > 0 and not arg.startswith("-"))
    argv[position] = "nowhere/missing.md"
    assert_refused(run(capsys, *argv, "--exit-zero"), "nowhere/missing.md", "no such file")


@pytest.mark.parametrize("name", [n for n in WITH_EXIT_ZERO if any(p.name == "fail_on" for p in command(n).params)])
def test_fail_on_info_fails_on_any_finding(capsys: pytest.CaptureFixture[str], workdir: Path, name: str) -> None:
    result = run(capsys, *first_example(name), "--fail-on", "info", "--format", "json")
    if '"code": "RG' in result.out:
        assert result.code == ExitCode.FINDINGS
