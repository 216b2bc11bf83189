"""What governs the model ``railguard permits`` is asked about: the library side of the command.

MODEL may be a licence (an id, an alias, or a licence text file), a model card, a well-known model
id, a model id inside a lineage input, or with the Hub a Hugging Face model id. Whatever it is, the
answer is a :class:`Subject`: the licences that bind the model through its ancestry, the choices
its own declaration offers, and what could not be established (unknown licences, ancestors whose
terms are unknown), so that ``check_permits`` never answers yes on a guess.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.catalogue import load_catalogue
from railguard.errors import InputError
from railguard.lineage.engine import check_lineage
from railguard.lineage.known import known_models
from railguard.lineage.loaders import Loaded, add_record, load_lineage
from railguard.lineage.model import ModelEntry, ModelResult
from railguard.lineage.permits import UnknownAncestor
from railguard.lineage.walk import ancestors
from railguard.model import Finding, Licence

if TYPE_CHECKING:
    from collections.abc import Mapping

    from railguard.lineage.hub import HubOptions, HubResolution


@dataclass(frozen=True, slots=True)
class Subject:
    """What governs a model.

    Attributes:
        label: the model (or licence) as answers name it.
        licences: every licence that binds it: those it inherits, and its own unless it offers a choice.
        choices: when its own declaration is a choice (``A OR B``), the licences of each alternative
            (a user may take any); empty otherwise.
        unknown: names of licences that govern it but are not in the catalogue.
        ancestors: ancestors whose terms are unknown.
        findings: findings made while resolving it (Hub lookups).
    """

    label: str
    licences: tuple[Licence, ...]
    choices: tuple[tuple[Licence, ...], ...] = ()
    unknown: tuple[str, ...] = ()
    ancestors: tuple[UnknownAncestor, ...] = ()
    findings: tuple[Finding, ...] = ()


def resolve_subject(model: str, lineage_path: str | None = None, hub: HubOptions | None = None) -> Subject:
    """Resolve MODEL to what governs it (see the module documentation).

    Raises:
        InputError: MODEL is none of the things it may be, or its lineage input cannot be read.
        UnknownLicenceError: MODEL looks like a licence name that the catalogue does not know.
    """
    catalogue = load_catalogue()
    known: Mapping[str, ModelEntry] = known_models()
    loaded: Loaded
    resolution: HubResolution | None = None
    if lineage_path is not None:
        loaded = load_lineage(lineage_path)
        wanted = model.lower()
        if not any(e.id.lower() == wanted for e in loaded.entries) and wanted not in known:
            raise InputError(f"model `{model}` is not in the lineage", path=lineage_path)
    elif catalogue.find(model) is not None:
        licence = catalogue.get(model)
        return Subject(licence.id, (licence,))
    elif model.lower() in known:
        loaded = Loaded()
    elif Path(model).is_file() and Path(model).suffix.lower() in (".md", ".markdown"):
        from railguard.lineage.cards import read_card
        from railguard.lint.context import model_id_for

        record, problem, line = read_card(Path(model))
        if problem is not None:
            raise InputError(problem, path=model, line=line)
        # NOTE: named as `lint` and `audit` name the card (its folders below the repository root)
        record["id"] = model_id_for(model, record)
        loaded = Loaded()
        add_record(record, model, line or 1, Path(model).parent, loaded)
        model = loaded.entries[0].id
    elif Path(model).exists():
        from railguard.resolve import resolve_licence

        return Subject(model, (resolve_licence(model),))
    elif hub is not None and _is_hub_id(model):
        from railguard.lineage.hub import resolve_ids

        resolution = resolve_ids([model], set(known), options=hub)
        if model.lower() not in resolution.entries:
            reason = resolution.reason(model) or "the Hub has no such model"
            if resolution.error is not None:
                reason = f"the Hugging Face Hub at `{resolution.endpoint}` could not be reached ({resolution.error})"
            raise InputError(f"`{model}` is not a licence, a file or a well-known model, and {reason}")
        loaded = Loaded()
        known = _with(known, resolution.entries)
    else:
        _not_found(model, known)
    if hub is not None and resolution is None:
        from railguard.lineage.hub import resolve_bases

        resolution = resolve_bases(loaded.entries, known, options=hub)
        known = _with(known, resolution.entries)
    if not any(e.id.lower() == model.lower() for e in loaded.entries) and model.lower() in known:
        # the subject is itself a well-known (or Hub) model: the engine only adds those as ancestors
        loaded.entries.append(known[model.lower()])
    result = check_lineage(loaded.entries, catalogue, known, loaded.licences)
    by_id = {m.id.lower(): m for m in result.models}
    # NOTE: an input record that declares nothing takes the well-known table's entry, as the engine does.
    declaring = {e.id.lower(): e for e in loaded.entries if e.licence is not None or e.declared is not None}
    entries = {
        **{e.id.lower(): e for e in loaded.entries},
        **{k: e for k, e in known.items() if k in by_id},
        **declaring,
    }
    return _subject(by_id[model.lower()], entries, by_id, loaded, resolution)


def _with(known: Mapping[str, ModelEntry], extra: Mapping[str, ModelEntry]) -> Mapping[str, ModelEntry]:
    """The well-known table with more entries (Hub answers), keeping what the table knows besides."""
    add = getattr(known, "with_entries", None)
    return add(extra) if add is not None else {**known, **extra}


def _subject(
    found: ModelResult,
    entries: Mapping[str, ModelEntry],
    by_id: Mapping[str, ModelResult],
    loaded: Loaded,
    resolution: HubResolution | None,
) -> Subject:
    catalogue = load_catalogue()

    def licence_of(name: str) -> Licence | None:
        return loaded.licences.get(name) or catalogue.find(name)

    def names_of(model_id: str) -> tuple[str, ...]:
        """The licence names a model declares (its entry's declaration, else its one licence)."""
        entry = entries.get(model_id.lower())
        if entry is None:
            return ()
        if entry.declared is not None:
            return entry.declared.names
        return (entry.licence,) if entry.licence else ()

    def readable(model_id: str) -> bool:
        """Whether a model declares a licence and every licence it declares is known."""
        names = names_of(model_id)
        return bool(names) and all(licence_of(n) is not None for n in names)

    entry = entries[found.id.lower()]
    unknown: list[str] = []
    declared = entry.declared
    own_choice = declared is not None and len(declared.alternatives) > 1 and not declared.listed
    choices: list[tuple[Licence, ...]] = []
    own_ids: set[str] = set()
    if declared is not None and own_choice:
        for conjunction in declared.alternatives:
            resolved = tuple(lic for lic in map(licence_of, conjunction) if lic is not None)
            unknown.extend(name for name in conjunction if licence_of(name) is None)
            if resolved:
                choices.append(resolved)
                own_ids.update(lic.id for lic in resolved)
    licences: list[Licence] = []
    for name in found.governing_licences:
        governing = licence_of(name)
        if governing is None:
            unknown.append(name)
        elif governing.id not in own_ids:
            licences.append(governing)
    names = names_of(found.id)
    if not names:
        unknown.append("(no licence)")
    unknown.extend(name for name in names if licence_of(name) is None)
    # NOTE: an ancestor that is nowhere to be found, or whose licence is unknown, may forbid the use.
    blocked = _blocked(found, by_id, resolution, readable)
    return Subject(
        found.id,
        tuple(licences),
        tuple(choices),
        tuple(sorted(set(unknown))),
        tuple(blocked[k] for k in sorted(blocked)),
        resolution.findings if resolution is not None else (),
    )


def _blocked(
    found: ModelResult,
    by_id: Mapping[str, ModelResult],
    resolution: HubResolution | None,
    readable: Callable[[str], bool],
) -> dict[str, UnknownAncestor]:
    """The ancestors that may forbid the use: nowhere to be found, or not ``readable`` (a licence unknown or none)."""
    blocked: dict[str, UnknownAncestor] = {}
    for base in ancestors(found.base_models, lambda m: by_id[m.lower()].base_models if m.lower() in by_id else ()):
        if base.lower() == found.id.lower():
            continue
        parent = by_id.get(base.lower())
        if parent is None:
            why = resolution.reason(base) if resolution is not None else None
            hint = resolution.hint(base) if resolution is not None and why is not None else None
            blocked[base.lower()] = UnknownAncestor(base, None, why, hint)
        elif not readable(parent.id):
            blocked[base.lower()] = UnknownAncestor(parent.id, parent.licence)
    return blocked


def _is_hub_id(model: str) -> bool:
    from railguard.lineage.hub import is_hub_id

    return is_hub_id(model)


def _not_found(model: str, known: Mapping[str, ModelEntry]) -> None:
    from railguard.resolve import looks_like_path

    catalogue = load_catalogue()
    if looks_like_path(model):
        raise InputError("no such file", path=model)
    if "/" in model:
        # NOTE: `org/name` is a model id; suggest well-known models before licence names.
        close = [known[k].id for k in difflib.get_close_matches(model.lower(), list(known), n=3, cutoff=0.8)]
        if close or not catalogue.suggest(model):
            advice = (
                f"did you mean {', '.join(f'`{c}`' for c in close)}?"
                if close
                else "give its --lineage PATH or look it up with --hub"
            )
            raise InputError(f"`{model}` is not a licence, a file or a well-known model; {advice}")
    catalogue.get(model)  # unknown: raises with "did you mean"
    raise InputError(f"`{model}` is not a licence, a file or a well-known model")
