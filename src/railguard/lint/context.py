"""What the checks may ask about a card: its model id, declared licence, lineage and repository.

Everything expensive (the catalogue, the well-known models, the lineage engine) is loaded on first
use, so a card whose checks never need it never pays for it.

**Model id.** A card named ``README.md``, ``MODEL_CARD.md`` or ``modelcard.md`` takes its id from
its folders below the repository root (the nearest folder above it holding ``.git``, else the
folder named on the command line that holds it, see :func:`argument_top`; never the current
directory as such): ``<org>/<name>/README.md`` gives ``org/name``,
``<name>/README.md`` gives ``name``, and a card at the root takes the root folder's name (a model
repository cloned from the Hub is named after the model). Any other file (``my-card.md``) takes
the ``model-index`` name of its front matter, else the file name without extension.

**Siblings.** A base model that is another card of the same run, or a card found at
``<root>/<org>/<name>/README.md`` (or ``<root>/<name>/README.md``) of the same repository, is read
from that card; the rest resolve through the table of well-known models.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from railguard.card.reader import ModelCard
from railguard.folders import repository_root
from railguard.lint.hubids import CARD_NAMES
from railguard.model import Finding, Licence

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue
    from railguard.lineage.model import ModelEntry, ModelResult
    from railguard.lint.graph import RunLineage
    from railguard.lint.siblings import RepositoryCards
    from railguard.model.declared import Declared


# NOTE: folders are absolute, resolved path strings (os.path), not pathlib.Path: importing pathlib
# (and the urllib.parse and ipaddress modules it pulls in) costs a cold lint about 4 ms.
def _below(path: str, folder: str) -> bool:
    """Whether ``path`` is strictly inside ``folder`` (both absolute and resolved)."""
    return path != folder and path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def _root_of(card_dir: str, tops: Sequence[str] = ()) -> str:
    root = repository_root(card_dir)
    if root is not None:
        return root
    # NOTE: never the current directory as such: the same absolute path must give the same model
    # id and siblings wherever the command is typed.
    inside = [top for top in tops if card_dir == top or _below(card_dir, top)]
    return max(inside, key=len) if inside else card_dir


def argument_top(path: str) -> str:
    """The folder a path named on the command line stands for, outside a git repository.

    A folder is itself; a file given by a relative path, the folder that path starts from (so
    ``org/name/README.md`` keeps its ``org/name``); a file given by an absolute path, its folder.
    """
    if os.path.isdir(path):
        return os.path.realpath(path)
    if os.path.isabs(path):
        return os.path.dirname(os.path.realpath(path))
    parts = os.path.normpath(path).split(os.sep)
    ups = len(parts) - len(list(itertools.dropwhile(lambda part: part == os.pardir, parts)))
    return os.path.realpath(os.path.join(os.curdir, *([os.pardir] * ups)))


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
        root = root_of(folder) if root_of is not None else _root_of(folder, (argument_top(path),))
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
    """Shared by every card of one run: the catalogue, the known models, the cards and their lineage."""

    def __init__(self, use_known_models: bool = True, arguments: Sequence[str] = ()) -> None:
        self.use_known_models = use_known_models
        #: the folders the paths named on the command line stand for (:func:`argument_top`).
        self.tops = tuple(argument_top(path) for path in arguments if path != "-")
        #: the cards of the run by lower-case model id (the first card of an id).
        self.cards: dict[str, CardContext] = {}
        self._repositories: dict[str, RepositoryCards] = {}
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
        return self.memo(("root", folder), lambda key: _root_of(key[1], self.tops))

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

    @functools.cached_property
    def licensors(self) -> Mapping[str, frozenset[str]]:
        """The Hub organisations (lower case) that grant each licence, by licence id.

        Read only when a card is built on its own organisation's model (rare), so a cold lint
        of other cards does not read the table.
        """
        from railguard.lineage.known import known_models

        return known_models().licensors

    def licence(self, name: str | None) -> Licence | None:
        """A catalogue licence by any name, or ``None``."""
        if not name:
            return None
        return self.catalogue.find(name)

    def add(self, ctx: CardContext) -> None:
        """Make a card of this run available as a sibling of the others."""
        if ctx.card.problem is None:
            self.cards.setdefault(ctx.model_id.lower(), ctx)

    def sibling(self, model_id: str, root: str) -> ModelCard | None:
        """A card for ``model_id`` in this run or in the repository at ``root``."""
        found = self.cards.get(model_id.lower())
        if found is not None:
            return found.card
        repository = self._repositories.get(root)
        if repository is None:
            from railguard.lint.siblings import RepositoryCards

            def model_id_of(path: str) -> str:
                return model_id_for(path, {}, self.root_of)

            repository = self._repositories[root] = RepositoryCards(root, model_id_of)
        return repository.card(model_id)

    @functools.cached_property
    def lineage(self) -> RunLineage:
        """The lineage of every card of the run and of their ancestors, checked once."""
        from railguard.lint.graph import RunLineage

        return RunLineage.build(self, list(self.cards.values()))


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
    def lineage(self) -> RunLineage | None:
        """The checked lineage this card's model is part of (``None`` without base models)."""
        if not self.base_models:
            return None
        registered = self.run.cards.get(self.model_id.lower())
        if registered is not None and registered.card is self.card:
            return self.run.lineage
        # NOTE: another card of the run has the same model id (a README.md and a MODEL_CARD.md in
        # one folder), or the card is not one of the run's: it is checked in a graph of its own.
        from railguard.lint.graph import RunLineage

        return RunLineage.build(self.run, [self])

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
        return result.findings_of(self.model_id) if result is not None else ()

    def model(self, model_id: str) -> ModelResult | None:
        """What the lineage says about ``model_id`` (this card's model or an ancestor)."""
        result = self.lineage
        return result.model(model_id) if result is not None else None

    @functools.cached_property
    def inherited(self) -> tuple[Licence, ...]:
        """Licences that bind this model through its ancestors (not counting its own declaration)."""
        ids: dict[str, None] = {}
        for base in self.base_models:
            parent = self.model(base)
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
        Meta's model): the organisation must also be the licence's licensor, as the catalogue's
        table lists them (`licensors:` in `licences/_models.yaml`): the one table the lineage and the
        audit read too, so the three commands cannot disagree about who is a licensor.
        """
        if not (self.org and upstream and "/" in upstream and upstream.split("/", 1)[0].lower() == self.org):
            return False
        model = self.model(upstream)
        licence = self.run.licence(model.licence) if model is not None else None
        if licence is None:
            return False
        return self.org in self.run.licensors.get(licence.id, ())

    def origins(self, licence_id: str) -> tuple[str, ...]:
        """The topmost ancestors that declare ``licence_id`` (where this model got it from)."""
        result = self.lineage
        if result is None:
            return ()
        found: set[str] = set()
        for base in self.base_models:
            found |= result.origins(base, licence_id)
        return tuple(sorted(found))

    @functools.cached_property
    def governing(self) -> tuple[Licence, ...]:
        """The declared licence and every inherited one, declared first."""
        own = (self.declared,) if self.declared is not None else ()
        return own + tuple(lic for lic in self.inherited if self.declared is None or lic.id != self.declared.id)
