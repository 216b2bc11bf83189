"""The files of one model repository, on disk or on the Hub, sorted into what the audit reads.

A repository is a folder (a clone of a Hub repository, a model folder) or a Hub repository's file
list. Its *card* is ``README.md`` (or ``MODEL_CARD.md``, ``modelcard.md``) at the top. Its *licence
files* are the top-level files named ``LICENSE*``, ``LICENCE*``, ``COPYING*`` or with ``LICENSE`` /
``LICENCE`` in the name (``LICENSE-MODEL``, ``LLAMA_LICENSE.md``), plus the file the card's
``license_link`` names when it is in the repository. Its *notice files* are the top-level
``NOTICE*`` files, its *policy files* the ``USE_POLICY*`` ones; *code* is every source file below
the top (for the licence headers it carries).

Everything is bounded: a listing stops at :data:`MAX_FILES` entries, folders deeper than
:data:`MAX_DEPTH` are not entered, and files are read up to a size limit, so a repository of
millions of shards or a hostile tree costs little.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from railguard.errors import InputError
from railguard.lint.hubids import CARD_NAMES

if TYPE_CHECKING:
    from railguard.card.reader import ModelCard

#: Entries listed at most (a repository of weights shards has hundreds; beyond this it is data).
MAX_FILES = 5_000
#: Folder levels entered below the repository's top.
MAX_DEPTH = 6
#: Folders that are tools' own trees, never part of what a repository ships.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".cache"})
#: Source files whose headers are read for a licence and a copyright notice.
CODE_SUFFIXES = (".py", ".pyi", ".js", ".ts", ".c", ".cc", ".cpp", ".cu", ".h", ".hpp", ".rs", ".go", ".java", ".sh")
#: Code files read at most, and how much of each (a header sits at the top).
MAX_CODE_FILES = 200
CODE_HEAD_BYTES = 8192


class RepoSource(Protocol):
    """Where a repository's files come from."""

    @property
    def label(self) -> str:
        """How findings name the repository (a path as given, or a Hub address)."""

    def files(self) -> tuple[str, ...]:
        """Every file, as a ``/``-separated path below the top, sorted."""

    def read(self, name: str, limit: int) -> bytes:
        """At most ``limit + 1`` bytes of a file (so a caller can tell it is larger).

        Raises:
            InputError: the file cannot be read.
        """

    def display(self, name: str) -> str:
        """How findings name one file of the repository."""

    def read_card(self, name: str) -> ModelCard:
        """The model card ``name``; one that cannot be read comes back with its problem set."""

    def fresh(self) -> RepoSource:
        """The same repository read anew (after ``--fix`` changed its files)."""


class LocalSource:
    """A repository folder on disk."""

    def __init__(self, folder: str, exclude: Iterable[str] = ()) -> None:
        self.folder = folder
        #: folders (absolute, resolved) below ``folder`` that are other repositories of the same run.
        self.exclude = frozenset(exclude)
        self._files: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        return self.folder

    def fresh(self) -> LocalSource:
        return LocalSource(self.folder, self.exclude)

    def files(self) -> tuple[str, ...]:
        if self._files is None:
            self._files = tuple(sorted(self._walk()))
        return self._files

    def _walk(self) -> list[str]:
        found: list[str] = []
        top = os.path.realpath(self.folder)
        for folder, dirs, names in os.walk(top):
            rel = os.path.relpath(folder, top)
            depth = 0 if rel == "." else rel.count(os.sep) + 1
            dirs[:] = sorted(
                d
                for d in dirs
                if d not in SKIPPED_DIRS
                and not d.startswith(".")
                and depth < MAX_DEPTH
                and os.path.join(folder, d) not in self.exclude
                # NOTE: a symbolic link to a folder could lead out of the repository or round in a loop.
                and not os.path.islink(os.path.join(folder, d))
            )
            for name in sorted(names):
                found.append(name if rel == "." else posixpath.join(*rel.split(os.sep), name))
                if len(found) >= MAX_FILES:
                    return found
        return found

    def read(self, name: str, limit: int) -> bytes:
        from railguard.readfile import read_input

        return read_input(os.path.join(self.folder, *name.split("/")), "a text file", limit)

    def display(self, name: str) -> str:
        return os.path.join(self.folder, *name.split("/")) if self.folder not in ("", ".") else name

    def read_card(self, name: str) -> ModelCard:
        from railguard.card.reader import CardProblem, ModelCard, read_card_file

        path = self.display(name)
        try:
            return read_card_file(path)
        except InputError as exc:
            return ModelCard(path, "", problem=CardProblem("unreadable", f"`{path}` {exc.detail}", 1))


def card_name(files: Iterable[str]) -> str | None:
    """The repository's model card: the first of the card names at the top (any case)."""
    top = {name.lower(): name for name in files if "/" not in name}
    for wanted in CARD_NAMES:
        found = top.get(wanted.lower())
        if found is not None:
            return found
    return None


def is_licence_name(name: str) -> bool:
    """A top-level file named as a licence: ``LICENSE``, ``LICENCE.md``, ``COPYING``, ``LICENSE-MODEL``."""
    if "/" in name:
        return False
    upper = name.upper()
    return upper.startswith(("LICENSE", "LICENCE", "COPYING")) or "LICENSE" in upper or "LICENCE" in upper


def is_notice_name(name: str) -> bool:
    """A top-level ``NOTICE`` file (``NOTICE``, ``NOTICE.txt``, ``NOTICE.md``)."""
    return "/" not in name and name.upper().startswith("NOTICE")


def is_policy_name(name: str) -> bool:
    """A top-level use-policy file (``USE_POLICY.md``, ``ACCEPTABLE_USE_POLICY.txt``)."""
    upper = name.upper().replace("-", "_")
    return "/" not in name and ("USE_POLICY" in upper or upper.startswith("AUP"))


def is_code_name(name: str) -> bool:
    """A source file whose header may carry a licence."""
    return name.lower().endswith(CODE_SUFFIXES)


def linked_file(link: object, files: Iterable[str]) -> str | None:
    """The repository file a card's ``license_link`` names, when it is a relative path to one."""
    if not isinstance(link, str) or not link.strip() or "://" in link or link.strip().startswith(("#", "mailto:")):
        return None
    path = posixpath.normpath(link.strip().removeprefix("./").split("#", 1)[0].split("?", 1)[0])
    if path.startswith(("../", "/")) or path == "..":
        return None
    wanted = path.lower()
    return next((name for name in files if name.lower() == wanted), None)


def read_text(source: RepoSource, name: str, limit: int) -> tuple[str | None, str | None]:
    """The decoded text of a file, or ``None`` and why it cannot be read as text."""
    try:
        data = source.read(name, limit)
    except InputError as exc:
        return None, exc.detail
    if len(data) > limit:
        return None, f"is larger than {limit // 1024} KiB"
    if data.startswith(b"%PDF"):
        return None, "is a PDF, not text"
    from railguard.parse.source import decode

    try:
        return decode(data, name).text, None
    except InputError as exc:
        return None, exc.detail
