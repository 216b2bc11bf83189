"""``lineage --format cyclonedx``: the lineage as a CycloneDX 1.6 ML-BOM (JSON).

One ``machine-learning-model`` component per model, with its Hub package URL, its declared
licence (an SPDX expression, :mod:`railguard.bom.mapping`), its base models as
``pedigree.ancestors`` and the derivation kind as the property ``railguard:base_model_relation``;
what railguard worked out about it (governing licences, inherited restrictions, commercial use)
as ``railguard:`` properties; every finding as an annotation on the model it concerns. The name
and address of each licence written as ``LicenseRef-`` are metadata properties
(``railguard:licence:<ref>``): an expression cannot carry them.

Written as plain JSON: cyclonedx-python-lib's model has no ``modelCard`` and no annotations yet, so
it could not write what this BOM says; the tests validate the output against the CycloneDX 1.6
schema that the library ships. Same input and ``SOURCE_DATE_EPOCH``, same bytes.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from railguard import __version__
from railguard.bom.mapping import (
    KNOWN_SOURCE,
    LISTED_NOTE,
    LISTED_PROPERTY,
    RELATION_PROPERTY,
    LicenceRefs,
    and_operands,
    carried_text,
    hub_purl,
    public_name,
    spdx_expression,
)
from railguard.report.spdx import created_at, digest, finding_text, input_folder, licence_files

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult, ModelResult

SPEC_VERSION = "1.6"
_NAMESPACE = uuid.UUID("6f1c3a52-7d0e-4b0e-9a44-2c1f0d6e8b17")


def _component_name(model_id: str) -> tuple[str | None, str]:
    group, sep, name = model_id.partition("/")
    return (group, name) if sep and group and name else (None, model_id)


def _identity(model_id: str) -> dict[str, Any]:
    """What names a model in a component or an ancestor: group, name, package URL."""
    group, name = _component_name(model_id)
    out: dict[str, Any] = {"type": "machine-learning-model", "name": name}
    if group:
        out["group"] = group
    purl = hub_purl(model_id)
    if purl:
        out["purl"] = purl
    return out


def _properties(model: ModelResult, folder: str) -> list[dict[str, str]]:
    commercial = {True: "allowed", False: "not allowed", None: "unclear"}[model.commercial]
    governing = ", ".join(public_name(n, folder) for n in model.governing_licences)
    props = [
        {"name": "railguard:governing_licences", "value": governing},
        {"name": "railguard:inherited_restrictions", "value": ", ".join(model.inherited_restrictions)},
        {"name": "railguard:commercial_use", "value": commercial},
    ]
    if model.relation:
        props.insert(0, {"name": RELATION_PROPERTY, "value": model.relation})
    if model.known:
        props.append({"name": "railguard:source", "value": KNOWN_SOURCE})
    elif model.hub:
        props.append({"name": "railguard:source", "value": "Hugging Face Hub"})
    return props


def _licenses(expression: str, refs: LicenceRefs) -> list[dict[str, Any]]:
    """A component's ``licenses``: the expression; when it names a licence file, each licence of its
    ``AND`` on its own, so that the file's text goes with it (an expression cannot carry a text)."""
    operands = and_operands(expression)
    texts = {op: carried_text(op, refs.refs[op][1]) for op in operands if op in refs.refs}
    if not any(texts.values()) or any(" " in op for op in operands):
        # NOTE: a licence file inside an OR or a WITH has no place for its text (docs/formats.md).
        return [{"expression": expression}]
    out: list[dict[str, Any]] = []
    for op in operands:
        text = texts.get(op)
        if text:
            out.append({"license": {"name": op, "text": {"content": text, "contentType": "text/plain"}}})
        else:
            out.append({"license": {"name" if op.startswith("LicenseRef-") else "id": op}})
    return out


def _data_components(result: LineageResult) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, str]]]]:
    """A ``data`` component per dataset the models name, and each model's model-card datasets (by lower-cased id)."""
    components: list[dict[str, Any]] = []
    used: dict[str, list[dict[str, str]]] = {}
    for number, node in enumerate(result.datasets):
        group, name = _component_name(node.id)
        component: dict[str, Any] = {"bom-ref": f"dataset-{number}", "type": "data", "name": name}
        if group:
            component["group"] = group
        components.append(component)
        for model in node.used_by:
            used.setdefault(model.lower(), []).append({"ref": f"dataset-{number}"})
    return components, used


def lineage_cyclonedx(result: LineageResult, source: str) -> str:
    """The lineage as a CycloneDX 1.6 JSON BOM."""
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    folder, files = input_folder(source), licence_files(result)
    refs = LicenceRefs(folder=folder)
    data, trained = _data_components(result)
    by_id = {m.id.lower(): m for m in result.models}
    refs_of: dict[str, str] = {}
    for number, model in enumerate(result.models):
        refs_of[model.id.lower()] = f"model-{number}"
    components = []
    for model in result.models:
        component = {"bom-ref": refs_of[model.id.lower()], **_identity(model.id)}
        expression = spdx_expression(model.licence, model.declared, catalogue, refs)
        if expression:
            component["licenses"] = _licenses(expression.text, refs)
        ancestors = [_identity(by_id[b.lower()].id if b.lower() in by_id else b) for b in model.base_models]
        if ancestors:
            component["pedigree"] = {"ancestors": ancestors}
        if model.id.lower() in trained:
            component["modelCard"] = {"modelParameters": {"datasets": trained[model.id.lower()]}}
        component["properties"] = _properties(model, folder)
        if expression and expression.listed:
            component["properties"].append({"name": LISTED_PROPERTY, "value": LISTED_NOTE})
        components.append(component)
    timestamp = created_at(source).strftime("%Y-%m-%dT%H:%M:%SZ")
    tool = {"type": "application", "name": "railguard", "version": __version__, "bom-ref": "railguard"}
    annotations = [
        {
            "bom-ref": f"finding-{number}",
            "subjects": [refs_of.get((f.model or "").lower(), "railguard")],
            "annotator": {"component": tool},
            "timestamp": timestamp,
            "text": finding_text(f, files, folder),
        }
        for number, f in enumerate(result.findings)
    ]
    bom: dict[str, Any] = {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": f"urn:uuid:{uuid.uuid5(_NAMESPACE, digest(result))}",
        "version": 1,
        "metadata": {
            "timestamp": timestamp,
            "tools": {"components": [tool]},
            "properties": [{"name": "railguard:source", "value": source}],
        },
        "components": [*components, *data],
    }
    # NOTE: CycloneDX has no place for a licence defined once by its ref; each LicenseRef's name
    # and address go in a metadata property, which the reader uses to name what it cannot resolve.
    bom["metadata"]["properties"].extend(
        {"name": f"railguard:licence:{ref}", "value": f"{name}; {url}" if url else name}
        for ref, (name, _text, url) in sorted(refs.refs.items())
    )
    if annotations:
        bom["annotations"] = annotations
    return json.dumps(bom, indent=2, ensure_ascii=False) + "\n"
