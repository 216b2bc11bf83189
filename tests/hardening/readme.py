"""The commands the README shows, parsed into checkable examples, and a directory to run them in.

README conventions (stated in the README itself): in a ``console`` block, ``$ `` starts a
command; a comment saying ``exits N`` gives its exit code, otherwise it exits 0; the lines under
a command are part of what it prints, in order (stdout, then stderr), where a line ``...`` marks
lines left out and a line ending in `` ...`` is cut short. Commands that name a file the reader
supplies (``LICENSE``, ``path/to/README.md``, ``models.jsonl``) run on the stand-ins written by
:func:`make_workdir`; unless annotated they may exit 0 or 1, since the answer depends on the file.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

#: Files the README's examples name that a reader supplies; the stand-ins are written in our own words.
STAND_INS: dict[str, str] = {
    "LICENSE": (
        "Example Lab Model Licence\n\n"
        "2. You may share the Model or a derivative only if the use restrictions in Attachment A are included "
        "as an enforceable provision in every agreement governing it.\n\n"
        "Attachment A\n\nYou agree not to use the Model:\n"
        "(a) for military purposes;\n(b) to give medical advice;\n(c) to harass or bully people.\n"
    ),
    "path/to/LICENSE.md": (
        "# Research Only Model Licence\n\nYou may use the Model for non-commercial research purposes only.\n\n"
        "You agree not to use the Model:\n\n- for mass surveillance;\n- to develop weapons.\n"
    ),
    "path/to/README.md": (
        "---\nlicense: mit\nbase_model: runwayml/stable-diffusion-v1-5\nbase_model_relation: finetune\n---\n"
        "# An example fine-tune\n\nA model card written for the README's examples.\n"
    ),
    "acme/support-bot/README.md": (
        "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\nbase_model_relation: finetune\n---\n"
        "# Support bot\n\nA fine-tune for customer support, written for the README's examples.\n\n"
        "## License\n\nApache 2.0.\n"
    ),
    "README.md": (
        "---\nlicense: mit\nlanguage: en\n---\n# A small classifier\n\nA model card written for the README's examples."
        "\n\n## License\n\nMIT.\n"
    ),
    "models/lab/tuned/README.md": (
        "---\nlicense: creativeml-openrail-m\nbase_model: runwayml/stable-diffusion-v1-5\n---\n"
        "# A fine-tune\n\nWritten for the README's examples.\n\n## License\n\n"
        "CreativeML OpenRAIL-M: its use restrictions (Attachment A) apply to you.\n"
    ),
    "models.jsonl": (
        '{"id": "lab/base", "license": "creativeml-openrail-m"}\n'
        '{"id": "lab/tuned", "license": "creativeml-openrail-m", "base_model": "lab/base"}\n'
        '{"id": "acme/q4", "license": "mit", "base_model": "lab/tuned", "base_model_relation": "quantized"}\n'
    ),
    "licences/my-licence.yaml": (
        "id: my-licence\n"
        "name: My Lab Model Licence\n"
        "family: rail\n"
        "url: https://example.org/my-licence\n"
        "osi_approved: false\n"
        "commercial: true\n"
        "grants: [use, reproduce, modify, distribute]\n"
        "summary: >-\n"
        "  A lab's own model licence, written for the README's example of a validation error.\n"
        "restrictions:\n"
        '  - {category: military, kind: use, section: "A(a)", summary: "Military uses of the model."}\n'
        '  - {category: weapons, kind: use, section: "A(b)", summary: "Designing or using weapons."}\n'
        "  - category: surveillance\n"
        "    kind: uses\n"
        '    section: "A(c)"\n'
        '    summary: "Mass surveillance of people."\n'
        "obligations:\n"
        '  - {kind: flow-down, section: "4", summary: "Pass the use restrictions on to every recipient."}\n'
    ),
}

#: Programs whose README commands are run: the console script and railguard's own modules.
PROGRAMS = ("railguard", "python -m railguard")


@dataclass(frozen=True)
class Example:
    """One command shown in the README."""

    line: int
    text: str
    argv: tuple[str, ...]
    module: str | None
    exit_code: int | None
    shown: tuple[str, ...]

    @property
    def command(self) -> str | None:
        """The railguard subcommand, if this runs the console script."""
        return self.argv[0] if self.module is None and self.argv else None

    @property
    def uses_stand_in(self) -> bool:
        return any(
            arg in STAND_INS or any(name.startswith(arg.rstrip("/") + "/") for name in STAND_INS) for arg in self.argv
        )

    @property
    def allowed_exit_codes(self) -> tuple[int, ...]:
        if self.exit_code is not None:
            return (self.exit_code,)
        return (0, 1) if self.uses_stand_in else (0,)

    def __str__(self) -> str:
        return f"README.md:{self.line}: {self.text}"


_EXITS = re.compile(r"\bexits (\d+)\b")


def _example(number: int, text: str, shown: list[str]) -> Example | None:
    command, _, comment = text.partition(" #")
    words = shlex.split(command)
    module = None
    if words[:2] == ["python", "-m"] and words[2].startswith("railguard"):
        module, words = words[2], words[3:]
    elif words[:1] == ["railguard"]:
        words = words[1:]
    else:
        return None
    found = _EXITS.search(comment)
    return Example(number, text, tuple(words), module, int(found.group(1)) if found else None, tuple(shown))


def examples(readme: Path = README) -> list[Example]:
    """Every railguard command in the README's ``console`` blocks, with what it shows."""
    found: list[Example] = []
    lines = readme.read_text(encoding="utf-8").splitlines()
    in_block = False
    pending: tuple[int, str] | None = None
    shown: list[str] = []

    def flush() -> None:
        if pending is not None:
            example = _example(pending[0], pending[1], shown)
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


def mermaid_pictures(readme: Path = README) -> list[tuple[int, tuple[str, ...], str]]:
    """Each ``mermaid`` block with the command that the text just above it names: (line, argv, block)."""
    text = readme.read_text(encoding="utf-8")
    pictures = []
    for match in re.finditer(r"```mermaid\n(.*?)```", text, flags=re.DOTALL):
        before = text[: match.start()]
        commands = re.findall(r"`railguard ([^`]*--format mermaid[^`]*)`", before[-600:])
        assert commands, f"README.md:{before.count(chr(10)) + 1}: a mermaid picture without its command above it"
        pictures.append((before.count("\n") + 1, tuple(shlex.split(commands[-1])), match.group(1)))
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


def make_workdir(folder: Path) -> Path:
    """A directory where the README's commands run: the bundled examples and the stand-in files."""
    shutil.copytree(ROOT / "examples", folder / "examples")
    for name, text in STAND_INS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
