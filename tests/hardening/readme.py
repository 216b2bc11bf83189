"""The commands the docs show, parsed into checkable examples, and a directory to run them in.

The docs are the README, CONTRIBUTING.md, every page of ``docs/`` and the READMEs of ``licences/``
and ``grammar/``. Their conventions (stated in docs/commands.md): in a ``console`` block, ``$ ``
starts a command, run from the top of a checkout; a comment saying ``exits N`` gives its exit
code, otherwise it exits 0; the lines under a command are part of what it prints, in order
(stdout, then stderr), where a line ``...`` marks lines left out and a line ending in `` ...`` is
cut short. ``> FILE`` after a command writes its output to FILE, which later commands may read.
Every file a command names is shipped in ``examples/`` (or is written by an earlier command):
the docs never name a file a reader would have to supply.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS_DIR = ROOT / "docs"


def doc_files() -> list[Path]:
    """Every page a user reads whose commands are run: README, CONTRIBUTING, docs/, the data READMEs."""
    pages = [README, ROOT / "CONTRIBUTING.md", *sorted(DOCS_DIR.glob("*.md"))]
    pages += [ROOT / "licences" / "README.md", ROOT / "grammar" / "README.md"]
    return [page for page in pages if page.is_file()]


@dataclass(frozen=True)
class Example:
    """One command shown in the docs."""

    source: str
    line: int
    text: str
    argv: tuple[str, ...]
    module: str | None
    exit_code: int
    shown: tuple[str, ...]
    #: The file ``> FILE`` sends the output to, or None.
    stdout_to: str | None = None

    @property
    def command(self) -> str | None:
        """The railguard subcommand, if this runs the console script."""
        return self.argv[0] if self.module is None and self.argv else None

    @property
    def ident(self) -> str:
        return f"{self.source}:{self.line}"

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.text}"


_EXITS = re.compile(r"\bexits (\d+)\b")


def _example(source: str, number: int, text: str, shown: list[str]) -> Example | None:
    command, _, comment = text.partition(" #")
    words = shlex.split(command)
    stdout_to = None
    if len(words) >= 2 and words[-2] == ">":
        stdout_to, words = words[-1], words[:-2]
    module = None
    if words[:2] == ["python", "-m"] and words[2].startswith("railguard"):
        module, words = words[2], words[3:]
    elif words[:1] == ["railguard"]:
        words = words[1:]
    else:
        return None
    found = _EXITS.search(comment)
    code = int(found.group(1)) if found else 0
    return Example(source, number, text, tuple(words), module, code, tuple(shown), stdout_to)


def page_examples(page: Path) -> list[Example]:
    """Every railguard command in one page's ``console`` blocks, with what it shows."""
    source = page.relative_to(ROOT).as_posix()
    found: list[Example] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    in_block = False
    pending: tuple[int, str] | None = None
    shown: list[str] = []

    def flush() -> None:
        if pending is not None:
            example = _example(source, pending[0], pending[1], shown)
            if example is not None:
                found.append(example)

    for number, line in enumerate(lines, start=1):
        if line.startswith("```"):
            if in_block:
                flush()
                pending, shown = None, []
            in_block = line.strip() == "```console"
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            flush()
            pending, shown = (number, line[2:].strip()), []
        elif pending is not None:
            shown.append(line.rstrip())
    return found


def examples() -> list[Example]:
    """Every railguard command the docs show, page by page."""
    return [example for page in doc_files() for example in page_examples(page)]


def mermaid_pictures() -> list[tuple[str, tuple[str, ...], str]]:
    """Each ``mermaid`` block with the command that the text just above it names: (place, argv, block)."""
    pictures = []
    for page in doc_files():
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"```mermaid\n(.*?)```", text, flags=re.DOTALL):
            before = text[: match.start()]
            place = f"{page.relative_to(ROOT).as_posix()}:{before.count(chr(10)) + 1}"
            commands = re.findall(r"`railguard ([^`]*--format mermaid[^`]*)`", before[-600:])
            assert commands, f"{place}: a mermaid picture without its command above it"
            pictures.append((place, tuple(shlex.split(commands[-1])), match.group(1)))
    return pictures


def matches(shown: tuple[str, ...], actual: list[str]) -> str | None:
    """None when every shown line appears in ``actual`` in order; else the first line that does not."""
    position = 0
    for expected in shown:
        if expected.strip() in ("...", "…"):
            continue
        prefix = expected.endswith(" ...")
        wanted = expected[:-4] if prefix else expected
        while position < len(actual):
            line = actual[position].rstrip()
            position += 1
            if (prefix and line.startswith(wanted)) or line == wanted:
                break
        else:
            return expected
    return None


@functools.cache
def _produced() -> dict[str, bytes]:
    """What the docs' ``> FILE`` commands write, by name: run once per test process, in one fresh process.

    The output does not depend on the folder it is run in (the commands name their inputs by
    relative paths), so every work directory gets a copy of the same bytes.
    """
    from tests.hardening.driver import run_plan

    wanted = [e for e in examples() if e.stdout_to is not None and e.module is None]
    with tempfile.TemporaryDirectory(prefix="railguard-produce-") as scratch:
        folder = make_workdir(Path(scratch) / "work")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        found = run_plan(folder, [list(e.argv) for e in wanted], 1, env, str(Path(scratch) / "produce"))
    return {str(e.stdout_to): item["runs"][0]["out"].encode("latin-1") for e, item in zip(wanted, found, strict=True)}


def make_workdir(folder: Path, produce: bool = False) -> Path:
    """A directory laid out like a checkout, where the docs' commands run: the examples and the catalogue.

    With ``produce``, the files that the docs' commands write with ``> FILE`` are written too (by
    running those commands), so that a command that reads one can run on its own.
    """
    shutil.copytree(ROOT / "examples", folder / "examples")
    # NOTE: a checkout is the top of a git repository, which is where model ids are read below
    # (`examples/model-repo`); outside git the folder named on the command line would be.
    (folder / ".git").mkdir()
    # NOTE: read only by the docs' commands (the catalogue validator's example), so a link will do.
    (folder / "licences").symlink_to(ROOT / "licences", target_is_directory=True)
    if produce:
        for name, content in _produced().items():
            (folder / name).write_bytes(content)
    return folder
