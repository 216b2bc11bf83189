"""Check catalogue files: ``python -m railguard.catalogue.validate [FILE...]``.

With no files, checks the whole installed catalogue including names that clash across files.
With files (paths to ``licences/*.yaml``), checks those files and their names against the rest.
Exit 0 when clean, 1 when problems were found, 2 when a file cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from railguard.catalogue.loader import cross_check, load_categories, parse_file
from railguard.errors import RailError
from railguard.model import Licence
from railguard.resources import data_dir


def validate(paths: list[str]) -> list[str]:
    """Return every problem in the given catalogue files (all files when ``paths`` is empty)."""
    categories = load_categories()
    folder = data_dir("licences")
    everything = {e.name: e for e in folder.iterdir() if e.name.endswith(".yaml") and not e.name.startswith("_")}
    texts: dict[str, str] = {name: entry.read_text(encoding="utf-8") for name, entry in everything.items()}
    chosen: set[str] = set(texts) if not paths else set()
    for raw in paths:
        path = Path(raw)
        texts[path.name] = path.read_text(encoding="utf-8")
        chosen.add(path.name)
    problems: list[str] = []
    licences: dict[str, Licence] = {}
    for name in sorted(texts):
        licence, found = parse_file(name, texts[name], categories)
        if name in chosen:
            problems.extend(found)
        if licence is not None:
            licences[licence.id] = licence
    _, clashes = cross_check(licences)
    stems = {name.rsplit(".", 1)[0] for name in chosen}
    problems.extend(p for p in clashes if any(f"licences/{s}.yaml" in p or f"`{s}`" in p for s in stems))
    return problems


def main(argv: list[str] | None = None) -> int:
    """Entry point; prints one problem a line."""
    args = sys.argv[1:] if argv is None else argv
    try:
        problems = validate(args)
    except (OSError, UnicodeDecodeError, RailError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    count = len(args) or "all"
    print(f"{len(problems)} problem(s) in {count} file(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
