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

import re
from pathlib import Path
from typing import Any

from railguard.bom.mapping import KNOWN_SOURCE, SPDX3_READ, id_from_purl, relation_from_note, resolve_ref
from railguard.bom.read import KNOWN, Records, one_relation
from railguard.errors import InputError, OptionalDependencyError

_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+")
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
        message = "".join(c if c.isprintable() else "?" for c in str(exc))[:300]
        raise InputError(f"is not a valid SPDX 3.0.1 document: {message}", path=str(path)) from None
    return list(objects.foreach())


def _kind(element: Any) -> str:
    """An element's type as the document writes it (an extension's own type, not the binding's class)."""
    get_type = getattr(element, "get_type", None)
    kind = get_type() if callable(get_type) else type(element).__name__
    return "".join(c if c.isprintable() else "?" for c in str(kind))[:120]


def _name(element: Any) -> str:
    ident = getattr(element, "spdxId", None) or getattr(element, "_id", None)
    name = getattr(element, "name", None)
    return f"{name} ({ident})" if name and ident else str(name or ident or type(element).__name__)


def _licence_text(element: Any, texts: dict[str, str]) -> str | None:
    """The expression a licence element stands for, its LicenseRefs mapped to catalogue ids."""
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    kind = type(element).__name__
    if kind == "simplelicensing_LicenseExpression":
        expression = element.simplelicensing_licenseExpression
        names = dict(texts)
        for entry in element.simplelicensing_customIdToUri or ():
            if entry.key and entry.value and entry.value in texts:
                names[entry.key] = texts[entry.value]
        return _REF.sub(lambda m: resolve_ref(m.group(0), catalogue, names), str(expression))
    if kind in ("expandedlicensing_NoAssertionLicense", "expandedlicensing_NoneLicense"):
        return None
    name = getattr(element, "name", None) or getattr(element, "spdxId", None)
    return str(name) if name else None


def read_spdx3(data: Any, path: Path) -> Records:
    """Read an SPDX 3.0.1 JSON-LD document (see the module documentation).

    Raises:
        InputError: not an SPDX 3 document spdx-python-model can read.
        OptionalDependencyError: spdx-python-model is not installed.
    """
    elements = _load(data, path)
    out = Records()
    packages: dict[int, Any] = {}
    ids: dict[int, str] = {}
    texts: dict[str, str] = {}
    datasets: dict[int, str] = {}
    for element in elements:
        kind = type(element).__name__
        if kind == "simplelicensing_SimpleLicensingText" and element.spdxId and element.name:
            texts[str(element.spdxId)] = str(element.name)
    for element in elements:
        kind = type(element).__name__
        if kind in ("ai_AIPackage", "software_Package"):
            packages[id(element)] = element
            ids[id(element)] = id_from_purl(getattr(element, "software_packageUrl", None)) or str(
                element.name or element.spdxId
            )
        elif kind == "dataset_DatasetPackage":
            datasets[id(element)] = str(element.name or element.spdxId)
            out.skip(
                f"dataset `{_name(element)}`: the licence this document gives it is not read; a model trained "
                "on it names it by id, and railguard takes dataset licences from its table of well-known "
                "datasets (or the Hub with --hub)",
                "check the dataset's licence by hand if railguard does not know the dataset (RG511)",
            )
    licences: dict[int, dict[str, str | None]] = {key: {} for key in packages}
    bases: dict[int, list[str]] = {key: [] for key in packages}
    kinds: dict[int, list[str | None]] = {key: [] for key in packages}
    trained: dict[int, list[str]] = {key: [] for key in packages}
    # NOTE: a JSON-LD graph has no order; relationships are taken in the order of their ids, so that
    # the bases of a merge come out the same however a serializer laid the graph out.
    elements.sort(key=lambda e: (type(e).__name__ != "Relationship", str(getattr(e, "spdxId", "") or "")))
    for element in elements:
        kind = type(element).__name__
        if kind != "Relationship" and not kind.endswith("Relationship"):
            if kind not in _STRUCTURE and kind not in ("ai_AIPackage", "software_Package", "dataset_DatasetPackage"):
                if kind == "Annotation" and _ours(element):
                    continue
                out.skip(f"{_kind(element)} `{_name(element)}` is not part of the lineage model", _HINT)
            continue
        relation = str(element.relationshipType).rsplit("/", 1)[-1]
        source = element.from_
        targets = list(element.to or ())
        if relation in _LICENCE_RELATIONS and source is not None and id(source) in packages and targets:
            licences[id(source)].setdefault(relation, _licence_text(targets[0], texts))
            continue
        if relation in ("trainedOn", "testedOn") and source is not None and id(source) in packages:
            named = [datasets[id(t)] for t in targets if id(t) in datasets]
            trained[id(source)].extend(named)
            if len(named) == len(targets):
                continue
        reading = SPDX3_READ.get(relation)
        for target in targets:
            if reading is None or id(source) not in packages or id(target) not in packages:
                out.not_derivation(_name(source), relation, _name(target))
                continue
            derivation, model_is_from = reading
            model, base = (source, target) if model_is_from else (target, source)
            bases[id(model)].append(ids[id(base)])
            kinds[id(model)].append(relation_from_note(getattr(element, "comment", None)) or derivation)
    for key, package in packages.items():
        found = licences[key]
        licence = found.get("hasDeclaredLicense") or found.get("hasConcludedLicense")
        record: dict[str, Any] = {"id": ids[key], "license": licence}
        if getattr(package, "software_sourceInfo", None) == KNOWN_SOURCE:
            record[KNOWN] = True
        if trained[key]:
            record["datasets"] = list(dict.fromkeys(trained[key]))
        if bases[key]:
            record["base_model"] = bases[key]
            record["base_model_relation"] = one_relation(kinds[key], len(bases[key]))
        out.records.append(record)
    return out


def _ours(annotation: Any) -> bool:
    """An annotation railguard wrote (its findings, worked out again from the models)."""
    info = getattr(annotation, "creationInfo", None)
    return any(getattr(agent, "name", None) == "railguard" for agent in getattr(info, "createdBy", None) or ())
