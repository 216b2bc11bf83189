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
from pathlib import Path
from typing import Any

from railguard.bom.mapping import (
    KNOWN_SOURCE,
    SPDX2_READ,
    SPDX2_STRUCTURE,
    id_from_purl,
    relation_from_note,
    resolve_ref,
)
from railguard.bom.read import KNOWN, Records, one_relation
from railguard.errors import InputError, OptionalDependencyError

_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+")
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
            "is not a valid SPDX document: " + "; ".join(_printable(m) for m in messages), path=str(path)
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError("is not UTF-8 text", path=str(path), line=data[: exc.start].count(b"\n") + 1) from None
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        # NOTE: yaml.YAMLError is a ValueError's sibling: caught below by name, since PyYAML is
        # imported only for a YAML document.
        raise InputError(f"is not a valid SPDX document: {_printable(str(exc))}", path=str(path)) from None
    except Exception as exc:
        if type(exc).__module__.startswith("yaml"):
            raise InputError(f"is not a valid SPDX document: {_printable(str(exc))}", path=str(path)) from None
        raise


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)[:300]


def _licence(value: Any, names: dict[str, str]) -> str | None:
    """An spdx-tools licence field as expression text with LicenseRefs resolved; ``None`` for NOASSERTION/NONE."""
    if value is None or type(value).__name__ in ("SpdxNoAssertion", "SpdxNone"):
        return None
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    return _REF.sub(lambda m: resolve_ref(m.group(0), catalogue, names), str(value))


def read_spdx2(path: Path, data: bytes) -> Records:
    """Read an SPDX 2.x document (see the module documentation).

    Raises:
        InputError: not an SPDX document spdx-tools can parse.
        OptionalDependencyError: spdx-tools is not installed.
    """
    document = _parse(path, data)
    out = Records()
    names = {
        info.license_id: str(info.license_name)
        for info in document.extracted_licensing_info
        if info.license_id and info.license_name and type(info.license_name).__name__ == "str"
    }
    packages: dict[str, Any] = {}
    ids: dict[str, str] = {}
    counts: dict[str, int] = {}
    for package in document.packages:
        counts[package.name] = counts.get(package.name, 0) + 1
    for package in document.packages:
        purl = next(
            (ref.locator for ref in package.external_references if ref.reference_type == "purl"),
            None,
        )
        model_id = id_from_purl(purl) or package.name
        if counts[package.name] > 1 and package.version and not id_from_purl(purl):
            model_id = f"{package.name}@{package.version}"
        packages[package.spdx_id] = package
        ids[package.spdx_id] = model_id
    bases: dict[str, list[str]] = {key: [] for key in packages}
    kinds: dict[str, list[str | None]] = {key: [] for key in packages}
    for relationship in document.relationships:
        kind_name = relationship.relationship_type.name
        source, target = relationship.spdx_element_id, relationship.related_spdx_element_id
        if kind_name in SPDX2_STRUCTURE:
            continue
        reading = SPDX2_READ.get(kind_name)
        target_id = target if isinstance(target, str) else None
        if reading is None or source not in packages or target_id not in packages:
            out.not_derivation(str(source), kind_name, str(target))
            continue
        kind, base_is_target = reading
        model, base = (source, target_id) if base_is_target else (target_id, source)
        assert model is not None
        assert base is not None
        bases[model].append(ids[base])
        kinds[model].append(relation_from_note(relationship.comment) or kind)
    for key, package in packages.items():
        licence = _licence(package.license_declared, names)
        if licence is None:
            licence = _licence(package.license_concluded, names)
        record: dict[str, Any] = {"id": ids[key], "license": licence}
        if package.source_info == KNOWN_SOURCE:
            record[KNOWN] = True
        if bases[key]:
            record["base_model"] = bases[key]
            record["base_model_relation"] = one_relation(kinds[key], len(bases[key]))
        out.records.append(record)
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
    return out
