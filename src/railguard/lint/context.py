"""What the checks may ask about a card: its model id, declared licence, lineage and repository.

Everything expensive (the catalogue, the well-known models, the lineage engine) is loaded on first
use, so a card whose checks never need it never pays for it.

**Model id.** A card named ``README.md``, ``MODEL_CARD.md`` or ``modelcard.md`` takes its id from
its folders below the repository root (the nearest folder above it holding ``.git``, else the
current directory when the card is under it): ``<org>/<name>/README.md`` gives ``org/name``,
``<name>/README.md`` gives ``name``, and a card at the root takes the root folder's name (a model
repository cloned from the Hub is named after the model). Any other file (``my-card.md``) takes
the ``model-index`` name of its front matter, else the file name without extension.

**Siblings.** A base model that is another card of the same run, or a card found at
``<root>/<org>/<name>/README.md`` (or ``<root>/<name>/README.md``) of the same repository, is read
from that card; the rest resolve through the table of well-known models.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from railguard.card.reader import ModelCard
from railguard.lint.folders import repository_root
from railguard.lint.hubids import CARD_NAMES
from railguard.model import Finding, Licence

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue
    from railguard.lineage.model import LineageResult, ModelEntry
    from railguard.model.declared import Declared


# NOTE: folders are absolute, resolved path strings (os.path), not pathlib.Path: importing pathlib
# (and the urllib.parse and ipaddress modules it pulls in) costs a cold lint about 4 ms.
def _below(path: str, folder: str) -> bool:
    """Whether ``path`` is strictly inside ``folder`` (both absolute and resolved)."""
    return path != folder and path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def _root_of(card_dir: str) -> str:
    root = repository_root(card_dir)
    if root is not None:
        return root
    cwd = os.path.realpath(os.getcwd())
    return cwd if card_dir == cwd or _below(card_dir, cwd) else card_dir


def _file_name(path: str) -> str:
    """The last component of ``path``, as ``pathlib.PurePath.name`` reads it."""
    if os.altsep:
        path = path.replace(os.altsep, os.sep)
    parts = [part for part in path.split(os.sep) if part and part != "."]
    return parts[-1] if parts else ""


def _stem(path: str) -> str:
    """The file name without its last suffix, as ``pathlib.PurePath.stem`` reads it."""
    name = _file_name(path)
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def model_id_for(path: str, meta: dict[str, Any], root_of: Callable[[str], str] | None = None) -> str:
    """The model id a card describes (see the module docstring)."""
    if _file_name(path).lower() in {n.lower() for n in CARD_NAMES}:
        folder = os.path.dirname(os.path.realpath(path))
        root = (root_of or _root_of)(folder)
        if folder == root:
            parts: list[str] = []
        elif _below(folder, root):
            parts = [part for part in folder[len(root) :].split(os.sep) if part]
        else:
            raise ValueError(f"{folder!r} is not in the subpath of {root!r}")
        if len(parts) >= 2:
            return "/".join(parts[-2:])
        if parts:
            return parts[0]
        return os.path.basename(root) or _stem(path)
    index = meta.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], dict):
        name = _text(index[0].get("name"))
        if name is not None and name.strip("/"):
            return name.strip("/")
    return _stem(path)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def base_models_of(meta: dict[str, Any]) -> tuple[str, ...]:
    """The card's ``base_model`` values (one or a list), as the card reader reads them."""
    from railguard.card.metadata import base_models

    return base_models(meta)


class RunContext:
    """Shared by every card of one run: the catalogue, the known models, the cards of the run."""

    def __init__(self, use_known_models: bool = True) -> None:
        self.use_known_models = use_known_models
        self.run_cards: dict[str, ModelCard] = {}
        # NOTE: per run, not per process: a library caller linting again after editing files
        # must see the edits.
        self._memo: dict[Hashable, Any] = {}

    def memo(self, key: K, compute: Callable[[K], T]) -> T:
        """``compute(key)``, computed once per run (file-system lookups shared by the cards)."""
        if key not in self._memo:
            self._memo[key] = compute(key)
        found: T = self._memo[key]
        return found

    def root_of(self, folder: str) -> str:
        """The repository root of a card folder (see the module docstring)."""
        return self.memo(("root", folder), lambda key: _root_of(key[1]))

    @functools.cached_property
    def catalogue(self) -> Catalogue:
        """The licence catalogue."""
        from railguard.catalogue import load_catalogue

        return load_catalogue()

    @functools.cached_property
    def known(self) -> Mapping[str, ModelEntry]:
        """Well-known models by lower-case id (from the per-user cache when warm)."""
        if not self.use_known_models:
            return {}
        from railguard.lint.tables import known_models_cached

        return known_models_cached()

    def licence(self, name: str | None) -> Licence | None:
        """A catalogue licence by any name, or ``None``."""
        if not name:
            return None
        return self.catalogue.find(name)

    def add_run_card(self, model_id: str, card: ModelCard) -> None:
        """Make a card of this run available as a sibling of the others."""
        self.run_cards.setdefault(model_id.lower(), card)

    def sibling(self, model_id: str, root: str) -> ModelCard | None:
        """A card for ``model_id`` in this run or in the repository at ``root``."""
        found = self.run_cards.get(model_id.lower())
        if found is not None:
            return found
        return self.memo(("card", root, model_id), lambda key: _card_on_disk(key[1], key[2]))


def _card_on_disk(root: str, model_id: str) -> ModelCard | None:
    from railguard.card.reader import read_card_file
    from railguard.errors import InputError

    parts = [p for p in model_id.split("/") if p and p not in (".", "..")]
    if not parts:
        return None
    for candidate in (os.path.join(root, *parts), os.path.join(root, parts[-1])):
        for name in CARD_NAMES:
            path = os.path.join(candidate, name)
            if os.path.isfile(path):
                try:
                    card = read_card_file(path)
                except InputError:
                    return None
                return card if card.problem is None else None
    return None


def declared_licence_name(meta: dict[str, Any]) -> str | None:
    """The name the card's licence is looked up by, as the card reader reads it.

    One licence gives its name (``license``, or ``license_name`` beside ``other``); several (a list,
    or ``license`` and ``license_name`` naming different licences) give the declaration's text,
    which resolves to no single licence.
    """
    from railguard.card.metadata import licence_fields

    return licence_fields(meta).licence


def declared_of(meta: dict[str, Any]) -> Declared | None:
    """The card's declaration in normal form when it names more than one licence (else ``None``)."""
    from railguard.card.metadata import licence_fields

    return licence_fields(meta).declared


class CardContext:
    """One card being linted and what the checks learn about it (computed once, on demand)."""

    def __init__(self, card: ModelCard, run: RunContext, model_id: str = "") -> None:
        self.card = card
        self.run = run
        self.model_id = model_id or model_id_for(card.path, card.meta, run.root_of)

    @property
    def meta(self) -> dict[str, Any]:
        """The front matter."""
        return self.card.meta

    @property
    def name(self) -> str:
        """The model's name without its organisation."""
        return self.model_id.rsplit("/", 1)[-1]

    @functools.cached_property
    def folder(self) -> str:
        """The folder holding the card (absolute and resolved)."""
        return os.path.dirname(os.path.realpath(self.card.path))

    @functools.cached_property
    def root(self) -> str:
        """The repository root (see the module docstring)."""
        return self.run.root_of(self.folder)

    @functools.cached_property
    def declared(self) -> Licence | None:
        """The catalogue licence the card declares, if it resolves."""
        return self.run.licence(declared_licence_name(self.meta))

    @functools.cached_property
    def base_models(self) -> tuple[str, ...]:
        """The plausible base model ids the card names."""
        from railguard.lint.checks.basemodel import plausible_model_id

        return tuple(b for b in base_models_of(self.meta) if plausible_model_id(b))

    @functools.cached_property
    def lineage(self) -> LineageResult | None:
        """The lineage engine's result for this card and its ancestors (``None`` without base models)."""
        if not self.base_models:
            return None
        from railguard.lineage.engine import check_lineage
        from railguard.lineage.model import ModelEntry
        from railguard.lineage.walk import ancestors

        entries = [self.entry()]
        #: the base models of each sibling card found, for the walk to go on from there.
        bases_of: dict[str, tuple[str, ...]] = {}
        for base in ancestors(self.base_models, lambda model: bases_of.get(model.lower(), ())):
            if base.lower() == self.model_id.lower():
                continue
            if base.lower() in self.run.known and base.lower() not in self.run.run_cards:
                continue
            sibling = self.run.sibling(base, self.root)
            if sibling is None:
                continue
            bases = bases_of[base.lower()] = base_models_of(sibling.meta)
            entries.append(
                ModelEntry(
                    base,
                    _lookup_name(self.run, declared_licence_name(sibling.meta)),
                    bases,
                    file=sibling.path,
                    line=sibling.position("license")[0],
                    declared=declared_of(sibling.meta),
                )
            )
        return check_lineage(entries, self.run.catalogue, self.run.known)

    def entry(self) -> ModelEntry:
        """This card as a lineage entry, placed at its ``license`` key."""
        from railguard.lineage.model import ModelEntry

        relation = self.meta.get("base_model_relation")
        return ModelEntry(
            self.model_id,
            self.declared.id if self.declared is not None else declared_licence_name(self.meta),
            self.base_models,
            relation if isinstance(relation, str) else None,
            file=self.card.path,
            line=self.card.position("license")[0],
            declared=declared_of(self.meta),
        )

    @functools.cached_property
    def lineage_findings(self) -> tuple[Finding, ...]:
        """The engine's findings about this card's model."""
        result = self.lineage
        if result is None:
            return ()
        wanted = self.model_id.lower()
        return tuple(f for f in result.findings if (f.model or "").lower() == wanted)

    @functools.cached_property
    def inherited(self) -> tuple[Licence, ...]:
        """Licences that bind this model through its ancestors (not counting its own declaration)."""
        result = self.lineage
        if result is None:
            return ()
        by_id = {m.id.lower(): m for m in result.models}
        ids: dict[str, None] = {}
        for base in self.base_models:
            parent = by_id.get(base.lower())
            if parent is not None:
                ids.update(dict.fromkeys(parent.governing_licences))
        out = []
        for ident in ids:
            licence = self.run.licence(ident)
            if licence is not None:
                out.append(licence)
        return tuple(out)

    @property
    def org(self) -> str | None:
        """The organisation part of the model id, when the id has one."""
        return self.model_id.split("/", 1)[0].lower() if "/" in self.model_id else None

    def own_work(self, upstream: str | None) -> bool:
        """Whether ``upstream`` (a model id) is this card's organisation's own, under its own licence.

        A licensor is not bound by the licence it grants others: Qwen's instruct model derived
        from Qwen's base model owes Qwen no "Built with Qwen" notice and may carry other terms.
        Being in the same organisation is not enough (`NousResearch/Meta-Llama-3-8B` is a copy of
        Meta's model): the organisation must also be the one the licence names, in its title or
        its URL (`meta-llama` in `llama.meta.com`, `Qwen` in `github.com/QwenLM`).
        """
        if not (self.org and upstream and "/" in upstream and upstream.split("/", 1)[0].lower() == self.org):
            return False
        result = self.lineage
        model = next((m for m in result.models if m.id.lower() == upstream.lower()), None) if result else None
        licence = self.run.licence(model.licence) if model is not None else None
        if licence is None:
            return False
        import re

        named = re.sub(r"[^a-z0-9]", "", f"{licence.name} {licence.url}".lower())
        tokens = [t for t in re.split(r"[^a-z0-9]+", self.org) if len(t) >= 3]
        return bool(tokens) and all(t in named for t in tokens)

    def origins(self, licence_id: str) -> tuple[str, ...]:
        """The topmost ancestors that declare ``licence_id`` (where this model got it from)."""
        result = self.lineage
        if result is None:
            return ()
        from railguard.lineage.walk import ancestors

        by_id = {m.id.lower(): m for m in result.models}

        def above(model_id: str) -> list[str]:
            model = by_id.get(model_id.lower())
            return [b for b in model.base_models if b.lower() in by_id] if model is not None else []

        found: list[str] = []
        for key in ancestors(self.base_models, above):
            model = by_id.get(key.lower())
            if model is None:
                continue
            if model.licence == licence_id and not any(
                licence_id in by_id[b.lower()].governing_licences for b in above(key)
            ):
                found.append(model.id)
        return tuple(sorted(found))

    @functools.cached_property
    def governing(self) -> tuple[Licence, ...]:
        """The declared licence and every inherited one, declared first."""
        own = (self.declared,) if self.declared is not None else ()
        return own + tuple(lic for lic in self.inherited if self.declared is None or lic.id != self.declared.id)


def _lookup_name(run: RunContext, name: str | None) -> str | None:
    licence = run.licence(name)
    return licence.id if licence is not None else name
