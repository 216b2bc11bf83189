"""SPDX 3.0 JSON-LD documents into lineage records, read with spdx-python-model (SPDX's 3.0.1 bindings).

Models are the AI packages (``ai_AIPackage``) and any software package; a model's ``trainedOn`` /
``testedOn`` datasets become its ``datasets`` (the lineage's dataset nodes, named by id), while the
licence the document gives a ``dataset_DatasetPackage`` is reported as not read (RG360). A package's licence
is the target of its ``hasDeclaredLicense`` relationship (``hasConcludedLicense`` when nothing is
declared): a licence expression, with its ``customIdToUri`` naming the ``LicenseRef-``s, or a
listed or custom licence element. Derivations are the relationships of
:data:`railguard.bom.mapping.SPDX3_READ`; other relationships, files, snippets and elements of
other profiles (security, build) are reported.

spdx-tools cannot read SPDX 3: its SPDX 3 support is a prototype of a pre-release model, with a
writer only. spdx-python-model reads the published 3.0.1 JSON-LD and checks every property's type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from railguard.bom.mapping import (
    KNOWN_SOURCE,
    SPDX3_READ,
    id_from_purl,
    is_listed,
    read_licence,
    relation_from_note,
)
from railguard.bom.read import Records, one_relation, printable
from railguard.errors import InputError, OptionalDependencyError

_HINT = "lineage reads packages, their declared licences and derivation relationships; check this element by hand"
#: Element types that only carry the document's structure or the licences railguard reads.
_STRUCTURE = frozenset(
    {
        "CreationInfo",
        "SpdxDocument",
        "Bundle",
        "Bom",
        "software_Sbom",
        "ai_EnergyConsumption",
        "ai_EnergyConsumptionDescription",
        "Tool",
        "Person",
        "Organization",
        "SoftwareAgent",
        "Agent",
        "DictionaryEntry",
        "ExternalIdentifier",
        "ExternalRef",
        "Hash",
        "NamespaceMap",
        "ExternalMap",
        "simplelicensing_LicenseExpression",
        "simplelicensing_SimpleLicensingText",
        "expandedlicensing_ListedLicense",
        "expandedlicensing_CustomLicense",
        "expandedlicensing_ListedLicenseException",
        "expandedlicensing_CustomLicenseAddition",
        "expandedlicensing_OrLaterOperator",
        "expandedlicensing_WithAdditionOperator",
        "expandedlicensing_ConjunctiveLicenseSet",
        "expandedlicensing_DisjunctiveLicenseSet",
        "expandedlicensing_NoAssertionLicense",
        "expandedlicensing_NoneLicense",
        "expandedlicensing_IndividualLicensingInfo",
        "PositiveIntegerRange",
    }
)
_LICENCE_RELATIONS = ("hasDeclaredLicense", "hasConcludedLicense")
_PACKAGES = frozenset({"ai_AIPackage", "software_Package"})
#: Every element type read (or only structure): the others are reported.
_READ = _STRUCTURE | _PACKAGES | {"dataset_DatasetPackage"}


def _load(data: Any, path: Path) -> list[Any]:
    try:
        import spdx_python_model
    except ImportError:
        raise OptionalDependencyError(
            "reading SPDX 3 documents needs spdx-python-model: pip install 'railguard[spdx]'"
        ) from None
    try:
        _model, objects = spdx_python_model.load_data(data)
    except spdx_python_model.LoadError as exc:
        raise InputError(f"is not an SPDX 3 document railguard can read: {exc}", path=str(path)) from None
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        raise InputError(f"is not a valid SPDX 3.0.1 document: {printable(str(exc))}", path=str(path)) from None
    return list(objects.foreach())


def _kind(element: Any) -> str:
    """An element's type as the document writes it (an extension's own type, not the binding's class)."""
    get_type = getattr(element, "get_type", None)
    kind = get_type() if callable(get_type) else type(element).__name__
    return printable(str(kind), 120)


def _name(element: Any) -> str:
    ident = getattr(element, "spdxId", None) or getattr(element, "_id", None)
    name = getattr(element, "name", None)
    return f"{name} ({ident})" if name and ident else str(name or ident or type(element).__name__)


def _licence(element: Any, graph: _Graph, out: Records) -> str | list[str] | None:
    """What a licence element stands for, as a record's licence (:func:`read_licence`); the text of
    a licence file it names is kept (:meth:`Records.carry`)."""
    kind = type(element).__name__
    if kind == "simplelicensing_LicenseExpression":
        texts = graph.texts
        names = dict(texts)
        for entry in element.simplelicensing_customIdToUri or ():
            if entry.key and entry.value and entry.value in texts:
                body = graph.bodies.get(entry.value)
                if out.carry(entry.key, texts[entry.value], body if isinstance(body, str) else None):
                    continue  # the ref stays, and the loader reads the text as a licence_file
                names[entry.key] = texts[entry.value]
        listed = is_listed(getattr(element, "comment", None))
        return read_licence(str(element.simplelicensing_licenseExpression), listed, names)
    if kind in ("expandedlicensing_NoAssertionLicense", "expandedlicensing_NoneLicense"):
        return None
    name = getattr(element, "name", None) or getattr(element, "spdxId", None)
    return str(name) if name else None


@dataclass
class _Graph:
    """The packages of a document and what the relationships say about each (keyed by ``id()``)."""

    packages: dict[int, Any] = field(default_factory=dict)
    ids: dict[int, str] = field(default_factory=dict)
    datasets: dict[int, str] = field(default_factory=dict)
    #: the names of the licence texts, by their spdxId (what a ``LicenseRef-`` stands for)
    texts: dict[str, str] = field(default_factory=dict)
    #: the licence texts themselves, by their spdxId
    bodies: dict[str, Any] = field(default_factory=dict)
    licences: dict[int, dict[str, str | list[str] | None]] = field(default_factory=dict)
    bases: dict[int, list[str]] = field(default_factory=dict)
    kinds: dict[int, list[str | None]] = field(default_factory=dict)
    trained: dict[int, list[str]] = field(default_factory=dict)

    def add_package(self, element: Any) -> None:
        key = id(element)
        self.packages[key] = element
        self.ids[key] = id_from_purl(getattr(element, "software_packageUrl", None)) or str(
            element.name or element.spdxId
        )
        self.licences[key], self.bases[key], self.kinds[key], self.trained[key] = {}, [], [], []


def _index(elements: list[Any], out: Records) -> _Graph:
    """The packages, datasets and licence texts of a document; each dataset's licence is reported as not read."""
    graph = _Graph()
    for element in elements:
        kind = type(element).__name__
        if kind == "simplelicensing_SimpleLicensingText" and element.spdxId and element.name:
            graph.texts[str(element.spdxId)] = str(element.name)
            graph.bodies[str(element.spdxId)] = getattr(element, "simplelicensing_licenseText", None)
        elif kind in _PACKAGES:
            graph.add_package(element)
        elif kind == "dataset_DatasetPackage":
            graph.datasets[id(element)] = str(element.name or element.spdxId)
    return graph


def _relationship(element: Any, graph: _Graph, out: Records) -> None:
    """What one relationship says: a package's licence, its datasets, its base models; else it is reported."""
    relation = str(element.relationshipType).rsplit("/", 1)[-1]
    source = element.from_
    targets = list(element.to or ())
    here = id(source) if source is not None and id(source) in graph.packages else None
    if relation in _LICENCE_RELATIONS and here is not None and targets:
        graph.licences[here].setdefault(relation, _licence(targets[0], graph, out))
        return
    if relation in _LICENCE_RELATIONS and source is not None and id(source) in graph.datasets:
        out.skip(
            f"dataset `{_name(source)}`: the licence this document gives it is not read; a model trained "
            "on it names it by id, and railguard takes dataset licences from its table of well-known "
            "datasets (or the Hub with --hub)",
            "check the dataset's licence by hand if railguard does not know the dataset (RG511)",
        )
        return
    if relation in ("trainedOn", "testedOn") and here is not None:
        named = [graph.datasets[id(t)] for t in targets if id(t) in graph.datasets]
        graph.trained[here].extend(named)
        if len(named) == len(targets):
            return
    reading = SPDX3_READ.get(relation)
    for target in targets:
        if reading is None or here is None or id(target) not in graph.packages:
            out.not_derivation(_name(source), relation, _name(target))
            continue
        derivation, model_is_from = reading
        model, base = (source, target) if model_is_from else (target, source)
        graph.bases[id(model)].append(graph.ids[id(base)])
        graph.kinds[id(model)].append(relation_from_note(getattr(element, "comment", None)) or derivation)


def read_spdx3(data: Any, path: Path) -> Records:
    """Read an SPDX 3.0.1 JSON-LD document (see the module documentation).

    Raises:
        InputError: not an SPDX 3 document spdx-python-model can read.
        OptionalDependencyError: spdx-python-model is not installed.
    """
    elements = _load(data, path)
    out = Records()
    graph = _index(elements, out)
    # NOTE: a JSON-LD graph has no order; relationships are taken in the order of their ids, so that
    # the bases of a merge come out the same however a serializer laid the graph out.
    elements.sort(key=lambda e: (type(e).__name__ != "Relationship", str(getattr(e, "spdxId", "") or "")))
    for element in elements:
        kind = type(element).__name__
        if kind == "Relationship" or kind.endswith("Relationship"):
            _relationship(element, graph, out)
        elif kind not in _READ and not (kind == "Annotation" and _ours(element)):
            out.skip(f"{_kind(element)} `{_name(element)}` is not part of the lineage model", _HINT)
    used = {name for named in graph.trained.values() for name in named}
    for name in dict.fromkeys(graph.datasets.values()):
        if name not in used:
            out.skip(f"dataset `{name}` is named by no model's trainedOn or testedOn; it is not read", _HINT)
    for key, package in graph.packages.items():
        found = graph.licences[key]
        bases = graph.bases[key]
        out.add_model(
            graph.ids[key],
            found.get("hasDeclaredLicense") or found.get("hasConcludedLicense"),
            getattr(package, "software_sourceInfo", None) == KNOWN_SOURCE,
            bases,
            one_relation(graph.kinds[key], len(bases)),
            graph.trained[key],
        )
    return out


def _ours(annotation: Any) -> bool:
    """An annotation railguard wrote (its findings, worked out again from the models)."""
    info = getattr(annotation, "creationInfo", None)
    return any(getattr(agent, "name", None) == "railguard" for agent in getattr(info, "createdBy", None) or ())
