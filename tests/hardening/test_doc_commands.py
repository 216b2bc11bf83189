"""Every command the docs show runs and behaves as shown (exit code, the lines it shows).

The docs are the README, CONTRIBUTING.md, docs/*.md and the READMEs of licences/ and grammar/;
``tests/hardening/readme.py`` reads their ``console`` blocks (its docstring gives the conventions).
The set-up commands at the top of the README (create a venv, install, run) are what CI itself
runs, so they are not repeated here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from railguard.cli import COMMANDS, main
from tests.hardening.readme import ROOT, Example, examples, make_workdir, matches, mermaid_pictures, page_examples

EXAMPLES = examples()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workdir(tmp_path_factory.mktemp("docs"), produce=True)


def run_example(example: Example, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    if example.module is None:
        code = main(list(example.argv))
    else:
        code = importlib.import_module(example.module).main(list(example.argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_docs_show_commands() -> None:
    assert len(EXAMPLES) >= 40
    assert any(e.shown for e in EXAMPLES)
    assert page_examples(ROOT / "README.md"), "the README shows no command"


def test_every_command_has_an_example() -> None:
    # The generic tests (no network, determinism) run what the docs show, so a command
    # without an example would escape them.
    shown = {e.command for e in EXAMPLES}
    assert sorted(set(COMMANDS) - shown) == []


def _names_a_file(arg: str) -> bool:
    return arg.startswith(("examples/", "licences/", "docs/")) or ("." in arg and arg.rsplit(".", 1)[-1] in _SUFFIXES)


_SUFFIXES = {"md", "yaml", "yml", "json", "jsonl", "csv", "toml", "txt", "html"}


def test_every_file_a_command_names_is_shipped() -> None:
    # A reader runs the docs from a checkout: a file that is neither shipped nor written by an
    # earlier command would stop them at "no such file".
    written: set[str] = set()
    for example in EXAMPLES:
        for arg in example.argv:
            if _names_a_file(arg) and not arg.startswith("-"):
                assert arg in written or (ROOT / arg).exists(), f"{example}: `{arg}` is not shipped"
        if example.stdout_to is not None:
            written.add(example.stdout_to)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.ident for e in EXAMPLES])
def test_doc_command_behaves_as_shown(
    example: Example, workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "--hub" in example.argv:
        pytest.skip("reaches the Hugging Face Hub; the --hub tests use a stand-in Hub instead")
    monkeypatch.chdir(workdir)
    code, out, err = run_example(example, capsys)
    assert code == example.exit_code, f"{example}\nexit {code}\n{err}"
    assert "Traceback" not in err
    if example.stdout_to is not None:
        (workdir / example.stdout_to).write_text(out, encoding="utf-8")
        out = ""
    missing = matches(example.shown, out.splitlines() + err.splitlines())
    assert missing is None, f"{example}\nshows a line it does not print:\n{missing}\n--- it prints:\n{out}{err}"


@pytest.mark.parametrize(("place", "argv", "picture"), mermaid_pictures())
def test_mermaid_picture_is_current(
    place: str,
    argv: tuple[str, ...],
    picture: str,
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(workdir)
    main(list(argv))
    out, _ = capsys.readouterr()
    assert out == picture, f"{place}: the picture is not what `railguard {' '.join(argv)}` prints"


def test_matching_rules() -> None:
    actual = ["a", "b long line", "c"]
    assert matches(("a", "...", "c"), actual) is None
    assert matches(("b long ...",), actual) is None
    assert matches(("c", "a"), actual) == "a"
    assert matches(("b",), actual) == "b"
