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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from railguard.bom.mapping import (
    KNOWN_SOURCE,
    LISTED_PROPERTY,
    RELATION_PROPERTY,
    id_from_purl,
    read_licence,
    relation_from_note,
)
from railguard.bom.read import Records
from railguard.errors import InputError

_HINT = "lineage reads machine-learning-model components, their licences and ancestors; check this element by hand"
_MODEL = "machine-learning-model"
_LICENCE_PREFIX = "railguard:licence:"


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


def _licence(component: dict[str, Any], names: dict[str, str], out: Records) -> str | list[str] | None:
    """A component's licences as a record's licence (:func:`read_licence`); ``None`` when it states none.

    The text of a licence file (a ``LicenseRef-file-`` with ``text``) is kept (:meth:`Records.carry`).
    """
    parts: list[str] = []
    for choice in component.get("licenses") or ():
        if not isinstance(choice, dict):
            continue
        licence = _mapping(choice.get("license"))
        ident = _text(choice.get("expression")) or _text(licence.get("id")) or _text(licence.get("name"))
        if ident:
            parts.append(ident)
            text = _mapping(licence.get("text"))
            if text.get("encoding") is None:  # NOTE: a base64 text is no licence railguard reads
                out.carry(ident, names.get(ident), _text(text.get("content")))
    if not parts:
        return None
    if out.texts:
        # NOTE: a licence file with its text stays a ref, which the loader reads as a licence_file.
        names = {ref: name for ref, name in names.items() if ref not in out.texts}
    listed = _property(component, LISTED_PROPERTY) is not None
    if len(parts) == 1:
        return read_licence(parts[0], listed, names)
    # NOTE: several entries in `licenses` all apply (CycloneDX states no choice between them).
    return read_licence(" AND ".join(f"({p})" if " " in p else p for p in parts), listed, names)


def _property(component: dict[str, Any], name: str) -> str | None:
    for prop in component.get("properties") or ():
        if isinstance(prop, dict) and prop.get("name") == name:
            return _text(prop.get("value"))
    return None


@dataclass
class _Models:
    """The machine-learning-model components of a BOM, by ``bom-ref``, and the datasets they name."""

    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    #: dataset component ``bom-ref`` -> its name
    data_ids: dict[str, str] = field(default_factory=dict)
    #: model ``bom-ref`` -> the datasets its model card names (refs or names)
    trained: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, model_id: str, component: dict[str, Any]) -> None:
        self.components[key] = component
        self.ids[key] = model_id
        parameters = _mapping(_mapping(component.get("modelCard")).get("modelParameters"))
        for dataset in parameters.get("datasets") or ():
            entry = _mapping(dataset)
            self.trained.setdefault(key, []).append(_text(entry.get("ref")) or _text(entry.get("name")) or "")

    def datasets(self, key: str) -> list[str]:
        """The datasets of a model, dataset components by their names."""
        return [self.data_ids.get(ref, ref) for ref in self.trained.get(key, ()) if ref]


def _components(everything: list[dict[str, Any]], out: Records) -> _Models:
    """The models among the components; datasets and other components are reported (RG360)."""
    models = _Models()
    for number, component in enumerate(everything):
        kind = component.get("type")
        label = _model_id(component) or str(component.get("bom-ref") or f"component {number + 1}")
        if kind == "data":
            models.data_ids[str(component.get("bom-ref") or label)] = label
            if component.get("licenses"):
                out.skip(
                    f"dataset `{label}`: the licence this BOM gives it is not read; a model's card names it by id, "
                    "and railguard takes dataset licences from its table of well-known datasets (or the Hub "
                    "with --hub)",
                    "check the dataset's licence by hand if railguard does not know the dataset (RG511)",
                )
        elif kind != _MODEL:
            out.skip(f"component `{label}` ({kind}) is not a machine-learning model", _HINT)
        elif (model_id := _model_id(component)) is None:
            out.skip(f"machine-learning-model component `{label}` has no name", "give the component a name or purl")
        else:
            key = str(component.get("bom-ref") or f"#{number}")
            if key not in models.components:
                models.add(key, model_id, component)
    return models


def _ancestor(ancestor: Any, models: _Models) -> str | None:
    """The model id of a ``pedigree.ancestors`` entry: its own name or purl, else the model it refers to."""
    if not isinstance(ancestor, dict):
        return None
    found = _model_id(ancestor)
    ref = ancestor.get("bom-ref")
    if found is None and isinstance(ref, str) and ref in models.ids:
        found = models.ids[ref]
    return found


def _bases(bom: dict[str, Any], models: _Models, out: Records) -> dict[str, list[str]]:
    """Each model's base models: its ``pedigree.ancestors``, then the models it ``dependsOn``."""
    by_identity = {ident.lower(): ident for ident in models.ids.values()}
    bases: dict[str, list[str]] = {key: [] for key in models.components}
    for key, component in models.components.items():
        pedigree = _mapping(component.get("pedigree"))
        for ancestor in pedigree.get("ancestors") or ():
            ancestor_id = _ancestor(ancestor, models)
            if ancestor_id is None:
                out.skip(f"an ancestor of `{models.ids[key]}` has no name or purl", "name each ancestor")
            else:
                bases[key].append(by_identity.get(ancestor_id.lower(), ancestor_id))
        for other in ("descendants", "variants"):
            for item in pedigree.get(other) or ():
                named = _model_id(item) if isinstance(item, dict) else None
                out.skip(
                    f"pedigree.{other} entry `{named or 'unnamed'}` of `{models.ids[key]}` is not read; "
                    "lineage reads ancestors",
                    "describe the relation from the other model's side, as its ancestor",
                )
    for dependency in bom.get("dependencies") or ():
        ref = dependency.get("ref") if isinstance(dependency, dict) else None
        if not isinstance(ref, str) or ref not in models.components:
            continue
        for target in dependency.get("dependsOn") or ():
            if isinstance(target, str) and target in models.components and models.ids[target] not in bases[ref]:
                bases[ref].append(models.ids[target])
    return bases


def _unmapped(bom: dict[str, Any], out: Records) -> None:
    """Report the services and the annotations other tools wrote (RG360)."""
    for service in bom.get("services") or ():
        out.skip(f"service `{_mapping(service).get('name') or 'unnamed'}` is not part of the lineage model", _HINT)
    for annotation in bom.get("annotations") or ():
        if _ours(annotation):
            continue
        text = str(annotation.get("text", ""))[:60] if isinstance(annotation, dict) else ""
        out.skip(f"annotation `{text}` is not read", "read the annotation yourself")


def _licence_names(metadata: dict[str, Any]) -> dict[str, str]:
    """The name of each ``LicenseRef-`` railguard wrote (metadata properties ``railguard:licence:<ref>``)."""
    names: dict[str, str] = {}
    for prop in metadata.get("properties") or ():
        if isinstance(prop, dict) and str(prop.get("name", "")).startswith(_LICENCE_PREFIX):
            names[str(prop["name"])[len(_LICENCE_PREFIX) :]] = str(prop.get("value", "")).split("; ", 1)[0]
    return names


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
    names = _licence_names(metadata)
    subject = metadata.get("component")
    models = _components([*_walk([subject] if isinstance(subject, dict) else []), *_walk(bom.get("components"))], out)
    bases = _bases(bom, models, out)
    _unmapped(bom, out)
    used = {ref for named in models.trained.values() for ref in named}
    for ref, name in models.data_ids.items():
        if ref not in used and name not in used:
            out.skip(f"dataset `{name}` is named by no model card; it is not read", _HINT)
    for key, component in models.components.items():
        kind = relation_from_note(_property(component, RELATION_PROPERTY))
        out.add_model(
            models.ids[key],
            _licence(component, names, out),
            _property(component, "railguard:source") == KNOWN_SOURCE,
            bases[key],
            kind or ("merge" if len(bases[key]) > 1 else None),
            models.datasets(key),
        )
    return out


def _ours(annotation: Any) -> bool:
    if not isinstance(annotation, dict):
        return False
    annotator = annotation.get("annotator")
    component = annotator.get("component") if isinstance(annotator, dict) else None
    return isinstance(component, dict) and component.get("name") == "railguard"
