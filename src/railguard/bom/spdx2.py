"""SPDX 2.x documents (JSON, YAML, tag-value, RDF/XML, XML) into lineage records, read with spdx-tools.

Every package is a model: its name (or the Hub id of its ``pkg:huggingface`` package URL) is the
model id, ``licenseDeclared`` its licence (``licenseConcluded`` when nothing is declared), with
each ``LicenseRef-`` mapped to the catalogue licence it stands for (ScanCode keys, our own refs,
the name in ``hasExtractedLicensingInfos``). Relationships between packages become base models
(:data:`railguard.bom.mapping.SPDX2_READ`); a relationship of another type, a file, a snippet, an
annotation another tool wrote, or a reference to another document is reported (RG360).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from railguard.bom.mapping import (
    KNOWN_SOURCE,
    SPDX2_READ,
    SPDX2_STRUCTURE,
    id_from_purl,
    is_listed,
    is_trained_on,
    read_licence,
    relation_from_note,
)
from railguard.bom.read import Records, one_relation, printable
from railguard.errors import InputError, OptionalDependencyError

_HINT = "lineage reads packages, their declared licences and derivation relationships; check this element by hand"


def _parse(path: Path, data: bytes) -> Any:
    """The spdx-tools document of ``data`` (read from ``path``)."""
    try:
        from spdx_tools.spdx.parser.error import SPDXParsingError
        from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
        from spdx_tools.spdx.parser.tagvalue.parser import Parser as TagValueParser
    except ImportError:
        raise OptionalDependencyError(
            "reading SPDX documents needs spdx-tools: pip install 'railguard[spdx]'"
        ) from None
    name = path.name.lower()
    try:
        if name.endswith((".rdf", ".rdf.xml", ".xml")):
            from spdx_tools.spdx.parser.parse_anything import parse_file

            return parse_file(str(path))
        text = data.decode("utf-8-sig")
        stripped = text.lstrip()
        if stripped.startswith("{"):
            from railguard.bom.read import decode_json

            return JsonLikeDictParser().parse(decode_json(data, path))
        if re.search(r"(?m)^\s*SPDXVersion\s*:", text):
            return TagValueParser().parse(text)
        from railguard import safeyaml

        return JsonLikeDictParser().parse(safeyaml.construct(safeyaml.compose(text)))
    except SPDXParsingError as exc:
        messages = [str(m) for m in exc.get_messages()][:3]
        raise InputError(
            "is not a valid SPDX document: " + "; ".join(printable(m) for m in messages), path=str(path)
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError("is not UTF-8 text", path=str(path), line=data[: exc.start].count(b"\n") + 1) from None
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        # NOTE: yaml.YAMLError is a ValueError's sibling: caught below by name, since PyYAML is
        # imported only for a YAML document.
        raise InputError(f"is not a valid SPDX document: {printable(str(exc))}", path=str(path)) from None
    except Exception as exc:
        if type(exc).__module__.startswith("yaml"):
            raise InputError(f"is not a valid SPDX document: {printable(str(exc))}", path=str(path)) from None
        raise


def _licence(value: Any, listed: bool, names: dict[str, str]) -> str | list[str] | None:
    """An spdx-tools licence field as a record's licence (:func:`read_licence`); ``None`` for NOASSERTION/NONE."""
    if value is None or type(value).__name__ in ("SpdxNoAssertion", "SpdxNone"):
        return None
    return read_licence(str(value), listed, names)


def _model_ids(packages: list[Any]) -> dict[str, str]:
    """The model id of each package by SPDX id: the Hub id of its purl, else its name (with its
    version where two packages share the name)."""
    counts = Counter(package.name for package in packages)
    ids: dict[str, str] = {}
    for package in packages:
        purl = next((ref.locator for ref in package.external_references if ref.reference_type == "purl"), None)
        model_id = id_from_purl(purl) or package.name
        if counts[package.name] > 1 and package.version and not id_from_purl(purl):
            model_id = f"{package.name}@{package.version}"
        ids[package.spdx_id] = model_id
    return ids


@dataclass
class _Trained:
    """The datasets of each model (railguard's ``OTHER`` relationship, :data:`TRAINED_NOTE`), by SPDX id."""

    by_model: dict[str, list[str]] = field(default_factory=dict)
    datasets: set[str] = field(default_factory=set)


def _dataset_licence(name: str) -> tuple[str, str]:
    """The RG360 message and hint for the licence a document gives a dataset."""
    return (
        f"dataset `{name}`: the licence this document gives it is not read; a model trained on it names it "
        "by id, and railguard takes dataset licences from its table of well-known datasets (or the Hub with --hub)",
        "check the dataset's licence by hand if railguard does not know the dataset (RG511)",
    )


def _derivations(
    relationships: list[Any], ids: dict[str, str], out: Records
) -> tuple[dict[str, list[str]], dict[str, list[str | None]], _Trained]:
    """The base models, derivation kinds and datasets of each package, by SPDX id; other relationships are reported."""
    bases: dict[str, list[str]] = {key: [] for key in ids}
    kinds: dict[str, list[str | None]] = {key: [] for key in ids}
    trained = _Trained()
    for relationship in relationships:
        kind_name = relationship.relationship_type.name
        source, target = relationship.spdx_element_id, relationship.related_spdx_element_id
        if kind_name in SPDX2_STRUCTURE:
            continue
        if kind_name == "OTHER" and is_trained_on(relationship.comment) and source in ids and target in ids:
            trained.by_model.setdefault(source, []).append(target)
            trained.datasets.add(target)
            continue
        reading = SPDX2_READ.get(kind_name)
        if reading is None or source not in ids or not isinstance(target, str) or target not in ids:
            out.not_derivation(str(source), kind_name, str(target))
            continue
        kind, base_is_target = reading
        model, base = (source, target) if base_is_target else (target, source)
        bases[model].append(ids[base])
        kinds[model].append(relation_from_note(relationship.comment) or kind)
    return bases, kinds, trained


def _unmapped(document: Any, out: Records) -> None:
    """Report the files, snippets, external documents and other tools' annotations (RG360)."""
    for file in document.files:
        out.skip(f"file `{file.name}` ({file.spdx_id}) is not a model; lineage reads packages", _HINT)
    for snippet in document.snippets:
        out.skip(f"snippet `{snippet.spdx_id}` is not a model; lineage reads packages", _HINT)
    for ref in document.creation_info.external_document_refs:
        out.skip(
            f"external document `{ref.document_ref_id}` ({ref.document_uri}) is not read; "
            "give that document to railguard as well",
            "merge the documents, or check the models it describes separately",
        )
    for annotation in document.annotations:
        if annotation.annotator.name.startswith("railguard"):
            continue  # railguard's own findings: worked out again from the models
        out.skip(
            f"annotation on `{annotation.spdx_id}` by `{annotation.annotator.name}` is not read",
            "read the annotation yourself; lineage checks licences and derivations only",
        )


def read_spdx2(path: Path, data: bytes) -> Records:
    """Read an SPDX 2.x document (see the module documentation).

    Raises:
        InputError: not an SPDX document spdx-tools can parse.
        OptionalDependencyError: spdx-tools is not installed.
    """
    document = _parse(path, data)
    out = Records()
    names: dict[str, str] = {}
    for info in document.extracted_licensing_info:
        name = str(info.license_name) if type(info.license_name).__name__ == "str" else None
        text = info.extracted_text if isinstance(info.extracted_text, str) else None
        if info.license_id and not out.carry(info.license_id, name, text) and name:
            # NOTE: a licence file with its text stays a ref, which the loader reads as a licence_file.
            names[info.license_id] = name
    ids = _model_ids(document.packages)
    bases, kinds, trained = _derivations(document.relationships, ids, out)
    for package in {package.spdx_id: package for package in document.packages}.values():
        key = package.spdx_id
        if key in trained.datasets:
            if _licence(package.license_declared, False, names) or _licence(package.license_concluded, False, names):
                out.skip(*_dataset_licence(ids[key]))
            continue
        listed = is_listed(package.license_comment)
        licence = _licence(package.license_declared, listed, names)
        if licence is None:
            licence = _licence(package.license_concluded, listed, names)
        out.add_model(
            ids[key],
            licence,
            package.source_info == KNOWN_SOURCE,
            bases[key],
            one_relation(kinds[key], len(bases[key])),
            [ids[d] for d in trained.by_model.get(key, ())],
        )
    _unmapped(document, out)
    return out
