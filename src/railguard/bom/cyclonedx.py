"""CycloneDX 1.4-1.7 JSON BOMs into lineage records.

Models are the ``machine-learning-model`` components (``metadata.component`` and ``components``,
nested ones included). A model's id is the Hub id of its ``pkg:huggingface`` package URL, else
``group/name``; its licence the component's ``licenses`` (an ``expression``, or SPDX ids and
names, which all apply); its base models its ``pedigree.ancestors`` (and ``dependsOn`` edges to
other models, a weaker statement read the same way), the kind from the ``railguard:`` property
when present; the datasets of its ``modelCard`` become its ``datasets`` (the lineage's dataset
nodes, named by id). The licence a ``data`` component declares is reported as not read (RG360), as
are components of other types, services and annotations other tools wrote.

Read as JSON, not with cyclonedx-python-lib: the library's model has no ``modelCard`` and drops
what it does not know, where railguard must name every element it cannot map.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from railguard.bom.mapping import KNOWN_SOURCE, RELATION_PROPERTY, id_from_purl, relation_from_note, resolve_ref
from railguard.bom.read import KNOWN, Records
from railguard.errors import InputError

_HINT = "lineage reads machine-learning-model components, their licences and ancestors; check this element by hand"
_MODEL = "machine-learning-model"


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _model_id(component: dict[str, Any]) -> str | None:
    found = id_from_purl(_text(component.get("purl")))
    if found:
        return found
    name, group = _text(component.get("name")), _text(component.get("group"))
    if name is None:
        return None
    return f"{group}/{name}" if group else name


def _walk(components: Any) -> Iterator[dict[str, Any]]:
    """Every component, nested ones included, in document order."""
    stack = [list(components)[::-1]] if isinstance(components, list) else []
    while stack:
        level = stack[-1]
        if not level:
            stack.pop()
            continue
        component = level.pop()
        if isinstance(component, dict):
            yield component
            nested = component.get("components")
            if isinstance(nested, list) and nested:
                stack.append(nested[::-1])


def _licence(component: dict[str, Any], names: dict[str, str]) -> str | None:
    """A component's licences as one expression; ``None`` when it states none."""
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    parts: list[str] = []
    for choice in component.get("licenses") or ():
        if not isinstance(choice, dict):
            continue
        expression = _text(choice.get("expression"))
        if expression:
            parts.append(expression)
            continue
        licence = choice.get("license")
        if isinstance(licence, dict):
            ident = _text(licence.get("id")) or _text(licence.get("name"))
            if ident:
                parts.append(ident)
    if not parts:
        return None
    resolved = []
    for part in parts:
        words = part.split()
        resolved.append(
            " ".join(resolve_ref(w, catalogue, names) if w.lower().startswith("licenseref-") else w for w in words)
        )
    # NOTE: several entries in `licenses` all apply (CycloneDX states no choice between them).
    return resolved[0] if len(resolved) == 1 else " AND ".join(f"({p})" if " " in p else p for p in resolved)


def _property(component: dict[str, Any], name: str) -> str | None:
    for prop in component.get("properties") or ():
        if isinstance(prop, dict) and prop.get("name") == name:
            return _text(prop.get("value"))
    return None


def read_cyclonedx(bom: Any, path: Path) -> Records:
    """Read a CycloneDX JSON BOM (see the module documentation).

    Raises:
        InputError: not a CycloneDX BOM.
    """
    if not isinstance(bom, dict) or bom.get("bomFormat") != "CycloneDX":
        raise InputError("is not a CycloneDX BOM (no `bomFormat: CycloneDX`)", path=str(path))
    out = Records()
    version = str(bom.get("specVersion", ""))
    if version not in ("1.4", "1.5", "1.6", "1.7"):
        out.skip(
            f"specVersion `{version[:20]}` is not one railguard reads (1.4 to 1.7); the BOM is read as 1.6",
            "write the BOM as CycloneDX 1.5 or 1.6",
        )
    metadata = _mapping(bom.get("metadata"))
    names: dict[str, str] = {}
    for prop in metadata.get("properties") or ():
        if isinstance(prop, dict) and str(prop.get("name", "")).startswith("railguard:licence:"):
            names[str(prop["name"])[len("railguard:licence:") :]] = str(prop.get("value", "")).split("; ", 1)[0]
    subject = metadata.get("component")
    everything = list(_walk([subject] if isinstance(subject, dict) else []))
    everything += list(_walk(bom.get("components")))
    models: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    order: list[str] = []
    data_ids: dict[str, str] = {}
    trained: dict[str, list[str]] = {}
    for number, component in enumerate(everything):
        kind = component.get("type")
        label = _model_id(component) or str(component.get("bom-ref") or f"component {number + 1}")
        if kind == "data":
            data_ids[str(component.get("bom-ref") or label)] = label
            out.skip(
                f"dataset `{label}`: the licence this BOM gives it is not read; a model's card names it by id, "
                "and railguard takes dataset licences from its table of well-known datasets (or the Hub with --hub)",
                "check the dataset's licence by hand if railguard does not know the dataset (RG511)",
            )
            continue
        if kind != _MODEL:
            out.skip(f"component `{label}` ({kind}) is not a machine-learning model", _HINT)
            continue
        model_id = _model_id(component)
        if model_id is None:
            out.skip(f"machine-learning-model component `{label}` has no name", "give the component a name or purl")
            continue
        key = str(component.get("bom-ref") or f"#{number}")
        if key in models:
            continue
        models[key] = component
        ids[key] = model_id
        order.append(key)
        parameters = _mapping(_mapping(component.get("modelCard")).get("modelParameters"))
        for dataset in parameters.get("datasets") or ():
            entry = _mapping(dataset)
            trained.setdefault(key, []).append(_text(entry.get("ref")) or _text(entry.get("name")) or "")
    by_identity = {ident.lower(): ident for ident in ids.values()}
    bases: dict[str, list[str]] = {key: [] for key in models}
    for key, component in models.items():
        pedigree = _mapping(component.get("pedigree"))
        for ancestor in pedigree.get("ancestors") or ():
            ancestor_id = _model_id(ancestor) if isinstance(ancestor, dict) else None
            ref = ancestor.get("bom-ref") if isinstance(ancestor, dict) else None
            if ancestor_id is None and isinstance(ref, str) and ref in ids:
                ancestor_id = ids[ref]
            if ancestor_id is None:
                out.skip(f"an ancestor of `{ids[key]}` has no name or purl", "name each ancestor")
                continue
            bases[key].append(by_identity.get(ancestor_id.lower(), ancestor_id))
        for other in ("descendants", "variants"):
            for item in pedigree.get(other) or ():
                named = _model_id(item) if isinstance(item, dict) else None
                out.skip(
                    f"pedigree.{other} entry `{named or 'unnamed'}` of `{ids[key]}` is not read; "
                    "lineage reads ancestors",
                    "describe the relation from the other model's side, as its ancestor",
                )
    for dependency in bom.get("dependencies") or ():
        if not isinstance(dependency, dict):
            continue
        ref = dependency.get("ref")
        if ref not in models:
            continue
        for target in dependency.get("dependsOn") or ():
            if target in models and ids[target] not in bases[ref]:
                bases[ref].append(ids[target])
    for service in bom.get("services") or ():
        out.skip(f"service `{_mapping(service).get('name') or 'unnamed'}` is not part of the lineage model", _HINT)
    for annotation in bom.get("annotations") or ():
        if _ours(annotation):
            continue
        text = str(annotation.get("text", ""))[:60] if isinstance(annotation, dict) else ""
        out.skip(f"annotation `{text}` is not read", "read the annotation yourself")
    for key in order:
        component = models[key]
        record: dict[str, Any] = {"id": ids[key], "license": _licence(component, names)}
        if _property(component, "railguard:source") == KNOWN_SOURCE:
            record[KNOWN] = True
        trained_on = [data_ids.get(ref, ref) for ref in trained.get(key, ()) if ref]
        if trained_on:
            record["datasets"] = list(dict.fromkeys(trained_on))
        if bases[key]:
            record["base_model"] = bases[key]
            kind = relation_from_note(_property(component, RELATION_PROPERTY))
            record["base_model_relation"] = kind or ("merge" if len(bases[key]) > 1 else None)
        out.records.append(record)
    return out


def _ours(annotation: Any) -> bool:
    if not isinstance(annotation, dict):
        return False
    annotator = annotation.get("annotator")
    component = annotator.get("component") if isinstance(annotator, dict) else None
    return isinstance(component, dict) and component.get("name") == "railguard"
