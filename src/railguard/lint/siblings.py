"""The model cards of a repository, by model id: where a card's base model may be found.

Pre-commit passes only the cards a commit changed, so a base model that is another card of the
same repository must be found on disk. Cards are looked for first where the id says
(``<root>/<org>/<name>/README.md``, ``<root>/<name>/README.md``); when that fails the repository
is indexed once (its files as :func:`railguard.lint.files.project_files` lists them) so that any
layout works, e.g. a monorepo's ``models/<org>/<name>/README.md``. The index holds paths only;
a card is read when it is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from railguard.card.reader import ModelCard
from railguard.lint.hubids import CARD_NAMES

_CARD_NAMES = {name.lower() for name in CARD_NAMES}


def _parts(model_id: str) -> list[str]:
    return [p for p in model_id.split("/") if p and p not in (".", "..")]


def _read(path: str) -> ModelCard | None:
    from railguard.card.reader import read_card_file
    from railguard.errors import InputError

    try:
        card = read_card_file(path)
    except InputError:
        return None
    return card if card.problem is None else None


class RepositoryCards:
    """The cards of one repository (``root``), found by model id; built on first need."""

    def __init__(self, root: str, model_id_of: Callable[[str], str]) -> None:
        self.root = root
        self._model_id_of = model_id_of
        self._index: dict[str, list[str]] | None = None
        self._cards: dict[str, ModelCard | None] = {}

    def _direct(self, model_id: str) -> str | None:
        parts = _parts(model_id)
        if not parts:
            return None
        for candidate in (os.path.join(self.root, *parts), os.path.join(self.root, parts[-1])):
            for name in CARD_NAMES:
                path = os.path.join(candidate, name)
                if os.path.isfile(path):
                    return path
        return None

    def _build(self) -> dict[str, list[str]]:
        from railguard.folders import is_repository_root
        from railguard.lint.files import project_files

        index: dict[str, list[str]] = {}
        for path in project_files(self.root, is_repository_root(self.root)):
            if os.path.basename(path).lower() in _CARD_NAMES:
                try:
                    key = self._model_id_of(path).lower()
                except ValueError:
                    continue
                index.setdefault(key, []).append(path)
        return index

    def card(self, model_id: str) -> ModelCard | None:
        """The readable card of ``model_id`` in this repository, or ``None``."""
        key = model_id.lower()
        if key in self._cards:
            return self._cards[key]
        found: ModelCard | None = None
        direct = self._direct(model_id)
        if direct is not None:
            found = _read(direct)
        if found is None:
            if self._index is None:
                self._index = self._build()
            for path in self._index.get(key, ()):
                found = _read(path)
                if found is not None:
                    break
        self._cards[key] = found
        return found
