"""Datasets in the lineage graph: their own kind of node, and what their licences may ask (RG508-RG511, RG517).

The lineage engine does not inherit from datasets (whether a model is bound by its training
data's licence is unsettled law); ``railguard lineage`` shows them as nodes of their own beside
the models that name them, and reports the same warnings ``railguard audit`` does, so the two
commands agree on datasets too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from railguard.lineage.model import LineageResult
from railguard.model import Finding


@dataclass(frozen=True, slots=True)
class DatasetNode:
    """One dataset of a lineage graph."""

    id: str
    licence: str | None
    source: str
    used_by: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The JSON shape of ``datasets[]`` in ``railguard lineage --format json``."""
        return {"id": self.id, "licence": self.licence, "source": self.source, "used_by": list(self.used_by)}


def dataset_nodes(datasets: Mapping[str, Iterable[str]]) -> tuple[DatasetNode, ...]:
    """The datasets the models name, each once (ids compared ignoring case), sorted by id."""
    from railguard.audit.datasets import resolve

    users: dict[str, tuple[str, list[str]]] = {}
    for model, named in datasets.items():
        for ident in named:
            users.setdefault(ident.lower(), (ident, []))[1].append(model)
    ids = [spelled for spelled, _ in users.values()]
    resolved = {i.lower(): (lic.id if lic is not None else None, origin) for i, lic, origin in resolve(ids)}
    return tuple(
        DatasetNode(spelled, resolved[key][0], resolved[key][1], tuple(sorted(models)))
        for key, (spelled, models) in sorted(users.items())
    )


def dataset_findings(nodes: Iterable[DatasetNode], result: LineageResult) -> list[Finding]:
    """RG508-RG511 and RG517 for every model that names a dataset, against the model's declared licence."""
    from railguard.audit.datasets import concerns
    from railguard.catalogue import load_catalogue
    from railguard.rules import finding

    catalogue = load_catalogue()
    models = {m.id: m for m in result.models}
    out: list[Finding] = []
    for node in nodes:
        licence = catalogue.find(node.licence) if node.licence else None
        for model_id in node.used_by:
            model = models.get(model_id)
            declared = catalogue.find(model.licence) if model is not None and model.licence else None
            if licence is None:
                out.append(
                    finding(
                        "RG511",
                        f"dataset `{node.id}` is not in the table of well-known datasets, so its licence is unknown "
                        f"and what it may ask of `{model_id}` cannot be checked",
                        hint="check the dataset's licence by hand (`railguard audit --hub` reads it from the Hub)",
                        model=model_id,
                        upstream=node.id,
                    )
                )
                continue
            for concern in concerns(node.id, licence, (declared,) if declared is not None else (), model_id):
                out.append(
                    finding(
                        concern.code,
                        concern.message,
                        hint=concern.hint,
                        model=model_id,
                        licence=licence.id,
                        upstream=node.id,
                        clause=concern.clause,
                        categories=(concern.category,) if concern.category else (),
                    )
                )
    return out


def dataset_lines(nodes: Iterable[DatasetNode]) -> str:
    """The datasets as text lines under the lineage tree."""
    lines = [
        f"{node.id}  (dataset, {node.licence or 'licence unknown'})  -> {', '.join(node.used_by)}" for node in nodes
    ]
    return ("datasets (training data; not inherited from):\n  " + "\n  ".join(lines) + "\n") if lines else ""
