"""The files below a folder that a project keeps: what ``git`` lists, else what ``.gitignore`` allows.

In a git repository the list is ``git ls-files --cached --others --exclude-standard`` (tracked
files and untracked ones that are not ignored: exactly what ``git status`` would show). Outside
one, or where git cannot be run (not installed, or a repository owned by another user, which git
refuses), the folder is walked and every ``.gitignore`` on the way is read: blank lines and
``#`` comments, ``!`` negations, a trailing ``/`` for folders only, a leading or inner ``/`` to
anchor a pattern at its ``.gitignore``'s folder, and ``*``, ``?``, ``[...]`` and ``**``.

Either way, tools' own folders (dot-folders such as ``.git``, ``.venv``, ``node_modules``) are
never searched: they hold other projects' files, not this project's model cards.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import NamedTuple

#: Folders never searched: tools' own trees, not model repositories.
SKIPPED_DIRS = frozenset({"venv", "node_modules", "__pycache__", "site-packages"})

#: Without git, a walk stops after this many folders (a run from a home folder must end).
MAX_WALKED_DIRS = 50_000


def skipped(name: str) -> bool:
    """Whether a folder of this name is never searched."""
    return name.startswith(".") or name in SKIPPED_DIRS


class _Pattern(NamedTuple):
    regex: re.Pattern[str]
    negated: bool
    dir_only: bool


def _translate(glob: str) -> str:
    """A gitignore glob (without its anchoring slash) as a regular expression over a relative path."""
    out: list[str] = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[" and (end := glob.find("]", i + 2)) != -1:
            body = glob[i + 1 : end]
            negate = body.startswith(("!", "^"))
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = end + 1
        elif char == "\\" and i + 1 < len(glob):
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def glob_regex(glob: str) -> re.Pattern[str]:
    """A ``/``-separated glob (``*`` within a folder, ``**`` across folders) as a compiled pattern."""
    return re.compile(_translate(glob.lstrip("/")), re.DOTALL)


def parse_gitignore(text: str) -> tuple[_Pattern, ...]:
    """The patterns of one ``.gitignore`` file, in order (later ones win)."""
    patterns: list[_Pattern] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if raw.endswith("\\ "):  # an escaped trailing space is kept
            line = raw[:-2] + " "
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line[1:] if negated else line
        if line.startswith("\\"):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _translate(line.lstrip("/"))
        regex = f"^{body}$" if anchored else f"^(?:.*/)?{body}$"
        try:
            patterns.append(_Pattern(re.compile(regex, re.DOTALL), negated, dir_only))
        except re.error:
            continue  # NOTE: git ignores a pattern it cannot read; so do we
    return tuple(patterns)


def _ignored(rules: list[tuple[str, tuple[_Pattern, ...]]], path: str, is_dir: bool) -> bool:
    """Whether ``path`` (relative to the walk's top, ``/``-separated) is ignored by the rules in force."""
    verdict = False
    for base, patterns in rules:
        if base and not path.startswith(base + "/"):
            continue
        relative = path[len(base) + 1 :] if base else path
        for pattern in patterns:
            if pattern.dir_only and not is_dir:
                continue
            if pattern.regex.match(relative):
                verdict = not pattern.negated
    return verdict


def _read_ignore(path: str) -> tuple[_Pattern, ...]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return parse_gitignore(handle.read(1_000_000))
    except OSError:
        return ()


def walk(folder: str) -> Iterator[str]:
    """Every file below ``folder`` that no ``.gitignore`` on the way ignores, in a stable order."""
    rules: list[tuple[str, tuple[_Pattern, ...]]] = []
    info = os.path.join(folder, ".git", "info", "exclude")
    if os.path.isfile(info):
        rules.append(("", _read_ignore(info)))
    pending = [""]
    walked = 0
    while pending and walked < MAX_WALKED_DIRS:
        relative = pending.pop()
        walked += 1
        here = os.path.join(folder, relative) if relative else folder
        while rules and rules[-1][0] and not (relative + "/").startswith(rules[-1][0] + "/"):
            rules.pop()
        ignore = os.path.join(here, ".gitignore")
        if os.path.isfile(ignore):
            rules.append((relative, _read_ignore(ignore)))
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            continue
        folders: list[str] = []
        for entry in entries:
            path = f"{relative}/{entry.name}" if relative else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if not skipped(entry.name) and not _ignored(rules, path, True):
                    folders.append(path)
            elif not _ignored(rules, path, False):
                yield os.path.join(folder, path) if folder != "." else path
        pending.extend(reversed(folders))


def _git_files(folder: str) -> list[str] | None:
    """What git lists below ``folder``, or ``None`` when git cannot say (no git, no repository)."""
    import subprocess

    try:
        done = subprocess.run(
            # NOTE: `core.fsmonitor` names a program git would run: a repository's own configuration
            # must not make railguard run code, so it is switched off.
            ["git", "-c", "core.fsmonitor=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=folder,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    out: list[str] = []
    for raw in done.stdout.split(b"\0"):
        if not raw:
            continue
        path = os.fsdecode(raw)
        parts = path.split("/")
        if any(skipped(part) for part in parts[:-1]):
            continue
        full = os.path.join(folder, *parts) if folder != "." else os.path.join(*parts)
        if os.path.isfile(full):  # NOTE: --cached also lists files deleted from the work tree
            out.append(full)
    return sorted(out)


def project_files(folder: str, in_repository: bool) -> list[str]:
    """The files below ``folder`` that the project keeps (see the module docstring)."""
    if in_repository:
        listed = _git_files(folder)
        if listed is not None:
            return listed
    return list(walk(folder))
