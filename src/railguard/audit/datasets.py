"""Datasets as ancestors: the table of well-known Hub datasets and what their licences ask of a model.

A card's ``datasets:`` names the data the model was trained or tuned on. Each id resolves through
``licences/_datasets.yaml`` (id -> catalogue licence, the date the entry was checked and where), and
with ``--hub`` through the Hub's dataset card. Whether a model trained on data is an adaptation of
that data, and so bound by its licence, is unsettled law: every finding here is a warning (or a
note) that says so and cites the dataset licence's clause, never an error presented as settled.
Datasets are not inherited from as base models are: they add warnings, not governing licences.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from railguard.catalogue.datafile import line_of
from railguard.model import Finding, Licence, ObligationKind

if TYPE_CHECKING:
    from railguard.audit.repository import Repository
    from railguard.catalogue import Catalogue
    from railguard.catalogue.schema import Checker
    from railguard.catalogue.yamlfile import LineDict

DATASETS_FILE = "_datasets.yaml"


@dataclass(frozen=True, slots=True)
class DatasetEntry:
    """One dataset of the table.

    Attributes:
        id: the Hub dataset id as the Hub spells it.
        licence: the catalogue id of its licence.
        checked: the day the entry was checked against ``source``.
        source: where the licence was read (the dataset's card on the Hub, its paper, its site).
        note: our own words on anything unusual (mixed licences, terms beyond the licence).
    """

    id: str
    licence: str
    checked: datetime.date
    source: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DatasetLicence:
    """A dataset a card names, and the licence found for it.

    Attributes:
        id: the id as the card writes it.
        licence: its catalogue licence, ``None`` when unknown.
        origin: where the licence came from: ``table`` (with the entry's date), ``hub``, or why it
            is unknown.
        line: the card line that names it.
    """

    id: str
    licence: Licence | None
    origin: str
    line: int | None = None


@functools.cache
def known_datasets() -> dict[str, DatasetEntry]:
    """The table of well-known datasets by lower-case id (and alias).

    Raises:
        LicenceDataError: the table is malformed or names a licence the catalogue does not know.
    """
    from railguard.catalogue import load_catalogue
    from railguard.catalogue.datafile import read_optional_table

    found = read_optional_table(DATASETS_FILE, {"datasets": True})
    if found is None:
        return {}
    check = found.check
    body = check.mapping(found.data.get("datasets"), line_of(found.data, "datasets"), "datasets")
    catalogue = load_catalogue()
    table: dict[str, DatasetEntry] = {}
    for ident, spec in (body or {}).items():
        where, line = f"datasets.{ident}", line_of(body, ident)
        entry = _entry(check, catalogue, str(ident), check.mapping(spec, line, where), where)
        if entry is None:
            continue
        for key in (entry.id, *spec.get("aliases", ())):
            if key.lower() in table:
                check.fail(line, where, f"`{key}` is listed twice")
            table[key.lower()] = entry
    found.done()
    return table


#: The keys of an entry of ``datasets:``, each with whether it is required.
_ENTRY_KEYS = {"licence": True, "checked": True, "source": True, "note": False, "aliases": False}


def _entry(check: Checker, catalogue: Catalogue, ident: str, spec: LineDict | None, where: str) -> DatasetEntry | None:
    """One entry of the table, or None with its problems reported to ``check``."""
    if spec is None:
        return None
    check.keys(spec, _ENTRY_KEYS, where)
    licence = catalogue.find(str(spec.get("licence", "")))
    checked, source, note = spec.get("checked"), spec.get("source"), spec.get("note")
    aliases = spec.get("aliases", [])
    if licence is None:
        check.fail(line_of(spec, "licence"), f"{where}.licence", f"unknown licence `{spec.get('licence')}`")
    if not isinstance(checked, datetime.date):
        check.fail(line_of(spec, "checked"), f"{where}.checked", f"expected a date such as 2026-12-07, got {checked!r}")
    if not isinstance(source, str) or not source.startswith("https://"):
        check.fail(line_of(spec, "source"), f"{where}.source", f"expected an https:// address, got {source!r}")
    if note is not None and not isinstance(note, str):
        check.fail(line_of(spec, "note"), f"{where}.note", "expected text")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        check.fail(line_of(spec, "aliases"), f"{where}.aliases", "expected a list of ids")
        return None
    if licence is None or not isinstance(checked, datetime.date) or not isinstance(source, str):
        return None
    return DatasetEntry(ident, licence.id, checked, source, note if isinstance(note, str) else None)


def resolve(
    ids: Sequence[str], lookup: Mapping[str, Licence | None] | None = None
) -> tuple[tuple[str, Licence | None, str], ...]:
    """Each dataset id with its licence and where it came from (``hub`` answers first, then the table)."""
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    table = known_datasets()
    out: list[tuple[str, Licence | None, str]] = []
    for ident in ids:
        key = ident.lower()
        if lookup is not None and key in lookup and lookup[key] is not None:
            out.append((ident, lookup[key], "hub"))
            continue
        entry = table.get(key)
        if entry is not None:
            out.append((ident, catalogue.find(entry.licence), f"table, checked {entry.checked.isoformat()}"))
        else:
            out.append((ident, None, "unknown"))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class DatasetConcern:
    """Why one dataset's licence may reach the model: the code, what it asks, the clause behind it."""

    code: str
    message: str
    hint: str
    clause: str | None
    category: str | None = None


def concerns(dataset: str, licence: Licence, declared: Sequence[Licence], model: str) -> Iterator[DatasetConcern]:
    """What a dataset's licence may ask of a model declared under ``declared`` (RG508-RG510, RG517).

    RG517 (no derivatives) concerns the model whatever its licence, so it comes even when
    ``declared`` is empty; the others compare with the declared licences and need some.
    """
    from railguard.lineage.terms import terms_of

    unsettled = "whether a model trained on data is bound by the data's licence is unsettled law"
    no_derivatives = licence.obligations_of(ObligationKind.NO_DERIVATIVES)
    if no_derivatives:
        yield DatasetConcern(
            "RG517",
            f"dataset `{dataset}` is under `{licence.id}`, whose adapted material may not be shared, and `{model}` "
            "is shared as a model trained on it; whether a trained model is adapted material of its data is "
            "unsettled law",
            "weigh the risk or ask the dataset's licensor; keep the model private or train without the data, and "
            "say in the card that the data limits sharing",
            ", ".join(dict.fromkeys(o.section for o in no_derivatives)),
        )
    if not declared:
        return
    terms = terms_of(licence)
    own = ", ".join(f"`{d.id}`" for d in declared)
    if terms.non_commercial and any(d.commercial is True for d in declared):
        yield DatasetConcern(
            "RG508",
            f"dataset `{dataset}` is under `{licence.id}`, which permits non-commercial use only, and `{model}` is "
            f"licensed for commercial use ({own}); {unsettled}",
            "weigh the risk or ask the dataset's licensor; say in the card that the data limits commercial use",
            terms.clauses({"non-commercial"}) or None,
            "non-commercial",
        )
    if terms.requires_same and not any(d.id == licence.id or d.id in terms.same_licence for d in declared):
        yield DatasetConcern(
            "RG509",
            f"dataset `{dataset}` is under `{licence.id}`, whose adaptations must stay under it, and `{model}` "
            f"declares {own}; {unsettled}",
            f"weigh the risk; consider `{licence.id}` for the model, or document why it is not an adaptation of "
            "the data",
            terms.section(ObligationKind.SAME_LICENCE) or None,
        )
    if terms.flow_down:
        carried = frozenset().union(*(d.categories for d in declared)) if declared else frozenset()
        missing = sorted(terms.categories - {"non-commercial"} - carried)
        if missing:
            clauses = "; ".join(p for p in (terms.clauses(set(missing)), terms.section(ObligationKind.FLOW_DOWN)) if p)
            yield DatasetConcern(
                "RG510",
                f"dataset `{dataset}` is under `{licence.id}`, whose use restrictions pass to what is made from the "
                f"data, and {own} lacks {len(missing)} of them: {', '.join(f'`{c}`' for c in missing)}; {unsettled}",
                f"carry `{licence.id}`'s use restrictions in the model's licence, or get advice on their reach",
                clauses or None,
                missing[0],
            )


def asks_credit(licence: Licence) -> bool:
    """Whether a dataset licence asks for credit (attribution) and nothing stronger that already shows it."""
    return licence.has(ObligationKind.ATTRIBUTION)


def _line_of(card_lines: Sequence[str], front: tuple[int, int] | None, ident: str) -> int | None:
    """The front-matter line that names ``ident`` (the ``datasets`` list is not positioned by item)."""
    if front is None:
        return None
    for number in range(front[0], min(front[1], len(card_lines)) + 1):
        if ident in card_lines[number - 1]:
            return number
    return None


def check_datasets(repo: Repository) -> Iterator[Finding]:
    """RG508-RG512 and RG517 for the datasets the card names."""
    from railguard.audit.texts import fold
    from railguard.rules import finding

    card = repo.card
    ids = repo.datasets
    if card is None or not ids:
        return
    file, key_line, _ = repo.card_place("datasets")
    prose = card.prose.lower() + "\n" + "\n".join(repo.notice_texts.values()).lower()
    folded_prose = fold(prose)
    for ident, licence, _ in resolve(ids, repo.run.dataset_licences):
        line = _line_of(card.lines, card.front_matter, ident) or key_line
        if licence is None:
            yield finding(
                "RG511",
                f"dataset `{ident}` is not in the table of well-known datasets, so its licence is unknown and what it "
                f"may ask of `{repo.model_id}` cannot be checked",
                hint="run with `--hub` to read the dataset's licence from the Hugging Face Hub, or check it by hand",
                file=file,
                line=line,
                model=repo.model_id,
                upstream=ident,
            )
            continue
        for concern in concerns(ident, licence, repo.declared_licences, repo.model_id):
            yield finding(
                concern.code,
                concern.message,
                hint=concern.hint,
                file=file,
                line=line,
                model=repo.model_id,
                licence=licence.id,
                upstream=ident,
                clause=concern.clause,
                categories=(concern.category,) if concern.category else (),
            )
        if asks_credit(licence):
            name = ident.rsplit("/", 1)[-1]
            if ident.lower() in prose or (len(fold(name)) >= 4 and fold(name) in folded_prose):
                continue
            clause = ", ".join(dict.fromkeys(o.section for o in licence.obligations_of(ObligationKind.ATTRIBUTION)))
            yield finding(
                "RG512",
                f"dataset `{ident}` is under `{licence.id}`, which asks for credit, and `{repo.model_id}` names it "
                "only in its metadata; whether a model must credit its training data is unsettled law",
                hint=f"credit `{ident}` and its licence `{licence.id}` in the card's text or a NOTICE file",
                file=file,
                line=line,
                model=repo.model_id,
                licence=licence.id,
                upstream=ident,
                clause=clause or None,
            )
