"""Which BOM format a lineage input is, and reading it into lineage records.

A reader turns a document into :class:`Records`: one record per model, shaped like a manifest item
(``id``, ``license`` as an SPDX expression, ``base_model``, ``base_model_relation``), which the
lineage loader then reads like any other record, plus one note per element it could not map onto
the lineage model (a file, a dataset, a relationship that is not a derivation). Each note becomes
an RG360 finding naming the element: nothing in the document is dropped without saying so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from railguard.errors import InputError

#: A record's key saying the document marks the model as one of railguard's well-known models.
KNOWN = "railguard_known"
#: Formats by name, as reported in messages.
SPDX2, SPDX3, CYCLONEDX = "SPDX 2", "SPDX 3", "CycloneDX"
_TAG_VALUE = re.compile(rb"(?m)^\s*SPDXVersion\s*:\s*SPDX-2")
_SPDX3_CONTEXT = re.compile(rb"spdx\.org/rdf/3\.")
_SPDX2_KEY = re.compile(rb'"spdxVersion"\s*:\s*"SPDX-2|^\s*spdxVersion\s*:\s*["\']?SPDX-2', re.MULTILINE)
#: The document's own SPDX id, in every SPDX 2 serialisation (JSON, YAML, XML, tag-value): the
#: version key may come last (spdx-tools writes YAML keys sorted) or be an XML element.
_SPDX2_DOCUMENT = re.compile(rb"SPDXID\W{1,8}SPDXRef-DOCUMENT\b|<spdxVersion>\s*SPDX-2")
_CYCLONEDX_KEY = re.compile(rb'"bomFormat"\s*:\s*"CycloneDX"')
_RDF = re.compile(rb"spdx\.org/rdf/terms")


@dataclass
class Records:
    """What a BOM reader found: lineage records and the elements it could not map."""

    records: list[dict[str, Any]] = field(default_factory=list)
    #: (message naming the element, hint)
    unmapped: list[tuple[str, str]] = field(default_factory=list)
    #: the licence files the document carries the text of: ``LicenseRef-file-...`` -> (name, text).
    #: A record names such a licence by its ref; the loader reads the text as a ``licence_file``.
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)

    def carry(self, ref: str, name: str | None, text: str | None) -> bool:
        """Keep the text of a licence file (:func:`railguard.bom.mapping.carried_text`); whether there was one."""
        from railguard.bom.mapping import carried_text

        found = carried_text(ref, text)
        if found is None:
            return False
        self.texts.setdefault(ref, (printable(name or ref, 200), found))
        return True

    def skip(self, message: str, hint: str) -> None:
        self.unmapped.append((message, hint))

    def add_model(
        self,
        model_id: str,
        licence: str | list[str] | None,
        known: bool,
        bases: list[str],
        relation: str | None,
        datasets: list[str] | tuple[str, ...] = (),
    ) -> None:
        """One model's record: ``licence`` as :func:`railguard.bom.mapping.read_licence` gives it,
        ``known`` when the document marks it as one of railguard's well-known models."""
        record: dict[str, Any] = {"id": model_id, "license": licence}
        if known:
            record[KNOWN] = True
        if datasets:
            record["datasets"] = list(dict.fromkeys(datasets))
        if bases:
            record["base_model"] = bases
            record["base_model_relation"] = relation
        self.records.append(record)

    def not_derivation(self, source: str, relation: str, target: str) -> None:
        """A relationship that is not a derivation between two models (SPDX)."""
        self.skip(
            f"relationship `{source} {relation} {target}` is not a derivation between two packages; "
            "it is not part of the lineage",
            "lineage reads packages, their declared licences and derivation relationships; check this one by hand",
        )


def printable(text: str, limit: int = 300) -> str:
    """Text read from a document, safe to print: control characters escaped, at most ``limit`` long."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)[:limit]


def one_relation(kinds: list[str | None], count: int) -> str | None:
    """One derivation kind for a model with ``count`` base models, as ``base_model_relation`` has room for."""
    named = [k for k in kinds if k]
    if named and len(set(named)) == 1:
        return named[0]
    if count > 1:
        return "merge"
    return named[0] if named else None


def detect(path: Path, head: bytes) -> str | None:
    """The BOM format of a file from its name and first bytes, or ``None`` for a lineage manifest or table."""
    name = path.name.lower()
    if _SPDX3_CONTEXT.search(head) and b"@context" in head:
        return SPDX3
    if _CYCLONEDX_KEY.search(head):
        return CYCLONEDX
    if _SPDX2_KEY.search(head) or _TAG_VALUE.search(head) or _SPDX2_DOCUMENT.search(head):
        return SPDX2
    if name.endswith((".rdf", ".rdf.xml")) and _RDF.search(head):
        return SPDX2
    if name.endswith((".spdx.json", ".spdx.yaml", ".spdx.yml", ".spdx.xml", ".spdx", ".spdx.rdf")):
        return SPDX2
    if name.endswith((".cdx.json", ".bom.json")):
        return CYCLONEDX
    return None


def decode_json(data: bytes, path: Path) -> Any:
    """A JSON document, or an :class:`InputError` naming the file and line."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text", path=str(path), line=line) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"is not JSON: {exc.msg}", path=str(path), line=exc.lineno) from None
    except RecursionError:
        raise InputError("is nested too deeply to be a bill of materials", path=str(path)) from None


def read_bom(path: Path, data: bytes, kind: str) -> Records:
    """Read a BOM of format ``kind`` (see :func:`detect`).

    Raises:
        InputError: the document cannot be read at all.
        OptionalDependencyError: reading SPDX needs the ``railguard[spdx]`` extra.
    """
    if kind == CYCLONEDX:
        from railguard.bom.cyclonedx import read_cyclonedx

        return read_cyclonedx(decode_json(data, path), path)
    if kind == SPDX3:
        from railguard.bom.spdx3 import read_spdx3

        return read_spdx3(decode_json(data, path), path)
    from railguard.bom.spdx2 import read_spdx2

    return read_spdx2(path, data)
