"""Inputs and results of the lineage engine (frozen values, no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from railguard.model import Finding
from railguard.model.declared import Declared


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """One model as the input declares it.

    Attributes:
        id: the model id (``org/name``).
        licence: the declared licence id or alias (``None`` when missing); when more than one
            licence is declared, the text of ``declared`` (``[apache-2.0, mit]``).
        base_models: the models it was built from (several for a merge).
        relation: ``finetune``, ``adapter``, ``merge``, ``quantized`` or ``None``.
        file, line: where it was declared, for findings.
        licence_name: the card's ``license_name`` when the licence is ``other``.
        hub: looked up on the Hugging Face Hub (``--hub``) rather than read from the input.
        declared: the declaration in normal form when it names more than one licence (a list,
            ``license`` and ``license_name`` naming different licences, an expression); ``None``
            when ``licence`` is all there is.
    """

    id: str
    licence: str | None
    base_models: tuple[str, ...] = ()
    relation: str | None = None
    file: str | None = None
    line: int | None = None
    licence_name: str | None = None
    hub: bool = False
    declared: Declared | None = None

    @property
    def key(self) -> Declared | str | None:
        """What the engine reads the model's licence from: ``declared``, else ``licence``."""
        return self.declared if self.declared is not None else self.licence


# NOTE: as for findings (railguard.model.finding.new_finding): the slots' own descriptors set a
# frozen dataclass's fields in half the time of its __init__, which counts at millions of models.
_id, _licence, _bases, _relation, _file, _line, _licence_name, _hub, _declared = (
    ModelEntry.__dict__[name].__set__ for name in ModelEntry.__slots__
)


def new_entry(
    model_id: str,
    licence: str | None,
    base_models: tuple[str, ...],
    relation: str | None,
    file: str | None,
    line: int | None,
    licence_name: str | None,
    declared: Declared | None = None,
) -> ModelEntry:
    """``ModelEntry(...)`` of an input record (not from the Hub), built fast for large tables."""
    entry: ModelEntry = object.__new__(ModelEntry)
    _id(entry, model_id)
    _licence(entry, licence)
    _bases(entry, base_models)
    _relation(entry, relation)
    _file(entry, file)
    _line(entry, line)
    _licence_name(entry, licence_name)
    _hub(entry, False)
    _declared(entry, declared)
    return entry


@dataclass(frozen=True, slots=True)
class ModelResult:
    """What one model inherits (the contract's ``lineage.models[]``)."""

    id: str
    licence: str | None
    base_models: tuple[str, ...]
    relation: str | None
    inherited_restrictions: tuple[str, ...]
    governing_licences: tuple[str, ...]
    commercial: bool | None
    known: bool = False
    """Taken from railguard's table of well-known models rather than from the input."""
    hub: bool = False
    """Looked up on the Hugging Face Hub (``--hub``) rather than read from the input."""
    declared: Declared | None = None
    """The declaration in normal form when it names more than one licence (:attr:`ModelEntry.declared`)."""


@dataclass(frozen=True, slots=True)
class LineageResult:
    """Every model's inheritance, and every finding, in a stable order."""

    models: Sequence[ModelResult]
    findings: Sequence[Finding]
    #: the datasets the models name (``railguard.audit.graph.DatasetNode``), nodes of their own kind.
    datasets: Sequence[Any] = ()
