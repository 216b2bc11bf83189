"""Every command the README shows runs and behaves as shown (exit code, the lines it shows).

The set-up commands at the top of the README (create a venv, install, run) are what CI itself
runs, so they are not repeated here. See ``tests/hardening/readme.py`` for the conventions.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from railguard.cli import COMMANDS, main
from tests.hardening.readme import Example, examples, make_workdir, matches, mermaid_pictures

EXAMPLES = examples()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workdir(tmp_path_factory.mktemp("readme"))


def run_example(example: Example, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    if example.module is None:
        code = main(list(example.argv))
    else:
        code = importlib.import_module(example.module).main(list(example.argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_readme_shows_commands() -> None:
    assert len(EXAMPLES) >= 20
    assert any(e.shown for e in EXAMPLES)


def test_every_command_has_a_readme_example() -> None:
    # The generic tests (no network, determinism) run what the README shows, so a command
    # without an example would escape them.
    shown = {e.command for e in EXAMPLES}
    assert sorted(set(COMMANDS) - shown) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"line{e.line}" for e in EXAMPLES])
def test_readme_command_behaves_as_shown(
    example: Example, workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "--hub" in example.argv:
        pytest.skip("reaches the Hugging Face Hub; the --hub tests use a stand-in Hub instead")
    monkeypatch.chdir(workdir)
    code, out, err = run_example(example, capsys)
    assert code in example.allowed_exit_codes, f"{example}\nexit {code}\n{err}"
    assert "Traceback" not in err
    missing = matches(example.shown, out.splitlines() + err.splitlines())
    assert missing is None, f"{example}\nshows a line it does not print:\n{missing}\n--- it prints:\n{out}{err}"


@pytest.mark.parametrize(("line", "argv", "picture"), mermaid_pictures())
def test_readme_mermaid_picture_is_current(
    line: int,
    argv: tuple[str, ...],
    picture: str,
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(workdir)
    main(list(argv))
    out, _ = capsys.readouterr()
    assert out == picture, f"README.md:{line}: the picture is not what `railguard {' '.join(argv)}` prints"


def test_matching_rules() -> None:
    actual = ["a", "b long line", "c"]
    assert matches(("a", "...", "c"), actual) is None
    assert matches(("b long ...",), actual) is None
    assert matches(("c", "a"), actual) == "a"
    assert matches(("b",), actual) == "b"
