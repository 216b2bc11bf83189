"""``lineage --format spdx`` (SPDX 2.3 JSON) and ``--format spdx3`` (SPDX 3.0.1 JSON-LD, AI profile).

One package (SPDX 3: one AI package) per model, with its declared licence as an SPDX expression
(:mod:`railguard.bom.mapping`), a relationship per derivation edge whose type says the kind
(fine-tune, merge, adapter, quantization), what railguard worked out about the model (governing
licences, inherited restrictions, commercial use) in the package's comment, and every finding as
a review annotation on the model it concerns (or on the document). SPDX 2.3 is written with
spdx-tools, SPDX 3.0.1 with spdx-python-model (SPDX's own bindings of the 3.0.1 model): both in
the ``railguard[spdx]`` extra, imported only here.

The creation time is ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else the
input's last modification; the document namespace is derived from the content, so the same input
gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from railguard import __version__
from railguard.bom.mapping import (
    DATASET_NOTE,
    KNOWN_SOURCE,
    LISTED_NOTE,
    RELATION_NOTE,
    SPDX2_WRITE,
    SPDX3_WRITE,
    TRAINED_NOTE,
    LicenceRefs,
    hub_purl,
    public_name,
    public_text,
    spdx_expression,
)
from railguard.errors import OptionalDependencyError
from railguard.report.clauses import cited_by

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult, ModelResult
    from railguard.model import Finding

TOOL = f"railguard-{__version__}"
EXTRA = "pip install 'railguard[spdx]'"


def created_at(source: str | None = None) -> datetime:
    """The creation time written: ``SOURCE_DATE_EPOCH`` when set, else the input's last change.

    The input's modification time (the newest of a directory's entries) rather than the clock,
    so that the same input gives the same bytes; whole seconds, UTC.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit():
        return datetime.fromtimestamp(int(raw), tz=UTC)
    stamp = None
    if source:
        try:
            stamp = os.stat(source).st_mtime
            if os.path.isdir(source):
                with os.scandir(source) as entries:
                    stamp = max([stamp, *(e.stat().st_mtime for e in entries)])
        except OSError:
            stamp = None
    if stamp is None:
        return datetime.now(tz=UTC).replace(microsecond=0)
    return datetime.fromtimestamp(int(stamp), tz=UTC)


def digest(result: LineageResult) -> str:
    """A digest of the models and edges, for a namespace that changes when the lineage does."""
    h = hashlib.sha256()
    for model in result.models:
        h.update(f"{model.id}\0{model.licence}\0{','.join(model.base_models)}\0{model.relation}\n".encode())
    return h.hexdigest()


def input_folder(source: str) -> str:
    """The folder of the input (the input itself when it is a folder of cards): licence files are
    named relative to it in a document."""
    return source if os.path.isdir(source) else os.path.dirname(source) or "."


def licence_files(result: LineageResult) -> tuple[str, ...]:
    """The licences given as files (``file:<path>``) that the models name."""
    names = {n for m in result.models for n in (m.licence or "", *m.governing_licences) if n.startswith("file:")}
    return tuple(sorted(names))


def finding_text(finding: Finding, files: tuple[str, ...] = (), folder: str | None = None) -> str:
    """One finding as the text of an annotation: the licence files ``files`` named as :func:`public_text` does."""
    parts = [f"{finding.code} [{finding.severity.value}] {finding.message}{cited_by(finding)}"]
    if finding.hint:
        parts.append(f"hint: {finding.hint}")
    text = " ".join(parts)
    return public_text(text, files, folder) if files else text


def model_comment(model: ModelResult, folder: str | None = None) -> str:
    """What railguard worked out about a model, for the package comment."""
    commercial = {True: "allowed", False: "not allowed", None: "unclear"}[model.commercial]
    governing = ", ".join(public_name(n, folder) for n in model.governing_licences)
    parts = [
        "A machine-learning model (railguard lineage).",
        f"Governing licences: {governing or 'none known'}.",
        f"Inherited restrictions: {', '.join(model.inherited_restrictions) or 'none'}.",
        f"Commercial use: {commercial}.",
    ]
    if model.known:
        parts.append("Taken from railguard's table of well-known models.")
    if model.hub:
        parts.append("Looked up on the Hugging Face Hub.")
    return " ".join(parts)


def _ids(models: Iterable[ModelResult]) -> dict[str, str]:
    """An SPDX id for every model: its id made safe, numbered where two collide."""
    return _safe_ids("SPDXRef-Model-", (model.id for model in models), set())


def _safe_ids(prefix: str, names: Iterable[str], taken: set[str]) -> dict[str, str]:
    """An SPDX id for every name (``prefix`` and the name made safe), numbered where two collide."""
    out: dict[str, str] = {}
    for name in names:
        base = prefix + "".join(c if c.isalnum() or c in ".-" else "-" for c in name)
        ident, n = base, 2
        while ident.lower() in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident.lower())
        out[name.lower()] = ident
    return out


def _datasets(result: LineageResult) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """The SPDX id of every dataset the models name (by lower-cased id), and each model's datasets."""
    nodes = list(result.datasets)
    ids = _safe_ids("SPDXRef-Dataset-", (node.id for node in nodes), set())
    used: dict[str, list[str]] = {}
    for node in nodes:
        for model in node.used_by:
            used.setdefault(model.lower(), []).append(node.id)
    return ids, [(m.id, used[m.id.lower()]) for m in result.models if m.id.lower() in used]


def _edges(result: LineageResult, ids: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(model SPDX id, base SPDX id, kind) for every base model the result knows."""
    edges = []
    for model in result.models:
        for base in model.base_models:
            target = ids.get(base.lower())
            if target is not None:
                edges.append((ids[model.id.lower()], target, model.relation))
    return edges


def _package(spdx_id: str, name: str, **fields: Any) -> Any:
    """An SPDX 2.3 package of a model or data set: what railguard does not know is NOASSERTION."""
    from spdx_tools.spdx.model import Package, SpdxNoAssertion

    return Package(
        spdx_id=spdx_id,
        name=name,
        download_location=SpdxNoAssertion(),
        files_analyzed=False,
        license_concluded=SpdxNoAssertion(),
        copyright_text=SpdxNoAssertion(),
        **fields,
    )


def lineage_spdx2(result: LineageResult, source: str) -> str:
    """The lineage as an SPDX 2.3 JSON document.

    Raises:
        OptionalDependencyError: spdx-tools is not installed.
    """
    try:
        from spdx_tools.common.spdx_licensing import spdx_licensing
        from spdx_tools.spdx.model import (
            Actor,
            ActorType,
            Annotation,
            AnnotationType,
            CreationInfo,
            Document,
            ExternalPackageRef,
            ExternalPackageRefCategory,
            ExtractedLicensingInfo,
            PackagePurpose,
            Relationship,
            RelationshipType,
        )
        from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion
        from spdx_tools.spdx.writer.json.json_writer import write_document_to_stream
    except ImportError:
        raise OptionalDependencyError(f"--format spdx needs spdx-tools: {EXTRA}") from None
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    created = created_at(source)
    tool = Actor(ActorType.TOOL, TOOL)
    info = CreationInfo(
        spdx_version="SPDX-2.3",
        spdx_id="SPDXRef-DOCUMENT",
        name=f"railguard lineage of {os.path.basename(source) or source}",
        document_namespace=f"https://spdx.org/spdxdocs/railguard-lineage-{digest(result)[:32]}",
        creators=[tool],
        created=created,
        document_comment="Models, their declared licences and derivation relationships, as checked by railguard; "
        "its findings are the review annotations.",
    )
    folder, files = input_folder(source), licence_files(result)
    refs = LicenceRefs(folder=folder)
    ids = _ids(result.models)
    packages = []
    for model in result.models:
        expression = spdx_expression(model.licence, model.declared, catalogue, refs)
        purl = hub_purl(model.id)
        packages.append(
            _package(
                ids[model.id.lower()],
                model.id,
                license_declared=spdx_licensing.parse(expression.text) if expression else SpdxNoAssertion(),
                license_comment=LISTED_NOTE if expression and expression.listed else None,
                comment=model_comment(model, folder),
                source_info=KNOWN_SOURCE if model.known else None,
                external_references=[ExternalPackageRef(ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", purl)]
                if purl
                else [],
            )
        )
    relationships = [
        Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, ids[m.id.lower()]) for m in result.models
    ]
    dataset_ids, trained = _datasets(result)
    for node in result.datasets:
        packages.append(
            _package(
                dataset_ids[node.id.lower()],
                node.id,
                license_declared=SpdxNoAssertion(),
                primary_package_purpose=PackagePurpose.OTHER,
                comment=DATASET_NOTE,
            )
        )
    for model_id, named in trained:
        relationships.extend(
            Relationship(ids[model_id.lower()], RelationshipType.OTHER, dataset_ids[d.lower()], comment=TRAINED_NOTE)
            for d in named
        )
    for model_ref, base_ref, kind in _edges(result, ids):
        relationships.append(
            Relationship(
                model_ref,
                RelationshipType[SPDX2_WRITE.get(kind or "finetune", "DESCENDANT_OF")],
                base_ref,
                comment=f"{RELATION_NOTE}{kind}" if kind else None,
            )
        )
    annotations = [
        Annotation(
            ids.get((f.model or "").lower(), "SPDXRef-DOCUMENT"),
            AnnotationType.REVIEW,
            tool,
            created,
            finding_text(f, files, folder),
        )
        for f in result.findings
    ]
    extracted = [
        ExtractedLicensingInfo(
            license_id=ref, extracted_text=text, license_name=name, cross_references=[url] if url else []
        )
        for ref, (name, text, url) in sorted(refs.refs.items())
    ]
    document = Document(
        creation_info=info,
        packages=packages,
        relationships=relationships,
        annotations=annotations,
        extracted_licensing_info=extracted,
    )
    out = io.StringIO()
    # NOTE: spdx-tools' validation runs in the tests (tests/spdx); here it would only slow a large lineage.
    write_document_to_stream(document, out, validate=False)
    return out.getvalue() + "\n"


def lineage_spdx3(result: LineageResult, source: str) -> str:
    """The lineage as an SPDX 3.0.1 JSON-LD document with the AI profile.

    Raises:
        OptionalDependencyError: spdx-python-model is not installed.
    """
    try:
        from spdx_python_model import v3_0_1 as spdx3
    except ImportError:
        raise OptionalDependencyError(f"--format spdx3 needs spdx-python-model: {EXTRA}") from None
    writer = _Spdx3(spdx3, result, source)
    for model in result.models:
        writer.model(model)
    for model in result.models:
        writer.bases(model)
    datasets = writer.datasets()
    writer.findings()
    writer.texts()
    document = spdx3.SpdxDocument(
        spdxId=f"{writer.base}#document",
        creationInfo=writer.info,
        name=f"railguard lineage of {os.path.basename(source) or source}",
        profileConformance=[
            spdx3.ProfileIdentifierType.core,
            spdx3.ProfileIdentifierType.software,
            spdx3.ProfileIdentifierType.ai,
            *([spdx3.ProfileIdentifierType.dataset] if datasets else []),
            spdx3.ProfileIdentifierType.simpleLicensing,
        ],
        element=writer.elements,
        rootElement=list(writer.packages.values()),
    )
    writer.objects.add(document)
    out = io.BytesIO()
    spdx3.JSONLDSerializer().write(writer.objects, out, indent=2)
    text = out.getvalue().decode("utf-8")
    # NOTE: the serializer's own order follows object creation; one pass through json sorts nothing
    # away but checks it is JSON.
    json.loads(text)
    return text if text.endswith("\n") else text + "\n"


class _Spdx3:
    """The elements of one SPDX 3.0.1 document, added part by part (models, bases, datasets, findings, texts)."""

    def __init__(self, spdx3: Any, result: LineageResult, source: str) -> None:
        from railguard.catalogue import load_catalogue

        self.spdx3, self.result = spdx3, result
        self.catalogue = load_catalogue()
        self.base = f"https://spdx.org/spdxdocs/railguard-lineage-{digest(result)[:32]}"
        self.objects = spdx3.SHACLObjectSet()
        info = spdx3.CreationInfo(
            specVersion="3.0.1", created=created_at(source), createdBy=[f"{self.base}#railguard-agent"]
        )
        agent = self.objects.add(
            spdx3.SoftwareAgent(spdxId=f"{self.base}#railguard-agent", name="railguard", creationInfo=info)
        )
        info.createdBy = [agent]
        info.createdUsing = [
            self.objects.add(spdx3.Tool(spdxId=f"{self.base}#railguard", name=TOOL, creationInfo=info))
        ]
        self.info = info
        self.folder, self.files = input_folder(source), licence_files(result)
        self.refs = LicenceRefs(folder=self.folder)
        self.ids = _ids(result.models)
        self.elements: list[Any] = []
        self.packages: dict[str, Any] = {}

    def add(self, element: Any) -> Any:
        """Add ``element`` to the document and return it."""
        added = self.objects.add(element)
        self.elements.append(added)
        return added

    def model(self, model: Any) -> None:
        """A model's AI package and its declared licence."""
        spdx3 = self.spdx3
        spdx_id = f"{self.base}#{self.ids[model.id.lower()][len('SPDXRef-') :]}"
        package = spdx3.ai_AIPackage(
            spdxId=spdx_id,
            name=model.id,
            creationInfo=self.info,
            comment=model_comment(model, self.folder),
            software_primaryPurpose=spdx3.software_SoftwarePurpose.model,
        )
        purl = hub_purl(model.id)
        if purl:
            package.software_packageUrl = purl
        if model.known:
            package.software_sourceInfo = KNOWN_SOURCE
        self.packages[model.id.lower()] = package
        self.add(package)
        expression = spdx_expression(model.licence, model.declared, self.catalogue, self.refs)
        if not expression:
            return
        words = expression.text.replace("(", " ").replace(")", " ").split()
        licence = self.add(
            spdx3.simplelicensing_LicenseExpression(
                spdxId=f"{spdx_id}-licence",
                creationInfo=self.info,
                simplelicensing_licenseExpression=expression.text,
                simplelicensing_customIdToUri=[
                    spdx3.DictionaryEntry(key=ref, value=f"{self.base}#{ref}")
                    for ref in sorted(self.refs.refs)
                    if ref in words
                ],
            )
        )
        if expression.listed:
            licence.comment = LISTED_NOTE
        self.add(
            spdx3.Relationship(
                spdxId=f"{spdx_id}-declared",
                creationInfo=self.info,
                from_=package,
                to=[licence],
                relationshipType=spdx3.RelationshipType.hasDeclaredLicense,
            )
        )

    def bases(self, model: Any) -> None:
        """A model's derivation relationships to its base models in the document."""
        for number, base_id in enumerate(model.base_models):
            base_package = self.packages.get(base_id.lower())
            if base_package is None:
                continue
            kind_type, model_is_from = SPDX3_WRITE[model.relation if model.relation in SPDX3_WRITE else None]
            here = self.packages[model.id.lower()]
            source_, target = (here, base_package) if model_is_from else (base_package, here)
            relationship = self.spdx3.Relationship(
                spdxId=f"{here.spdxId}-base-{number:05d}",
                creationInfo=self.info,
                from_=source_,
                to=[target],
                relationshipType=getattr(self.spdx3.RelationshipType, kind_type),
            )
            if model.relation:
                relationship.comment = f"{RELATION_NOTE}{model.relation}"
            self.add(relationship)

    def datasets(self) -> dict[str, Any]:
        """The datasets as dataset packages and each model's ``trainedOn`` relationship; the packages by id."""
        spdx3 = self.spdx3
        dataset_ids, trained = _datasets(self.result)
        datasets: dict[str, Any] = {}
        for node in self.result.datasets:
            datasets[node.id.lower()] = self.add(
                spdx3.dataset_DatasetPackage(
                    spdxId=f"{self.base}#{dataset_ids[node.id.lower()][len('SPDXRef-') :]}",
                    name=node.id,
                    creationInfo=self.info,
                    comment=DATASET_NOTE,
                    software_primaryPurpose=spdx3.software_SoftwarePurpose.data,
                    dataset_datasetType=[spdx3.dataset_DatasetType.noAssertion],
                )
            )
        for model_id, named in trained:
            here = self.packages[model_id.lower()]
            self.add(
                spdx3.Relationship(
                    spdxId=f"{here.spdxId}-trained-on",
                    creationInfo=self.info,
                    from_=here,
                    to=[datasets[d.lower()] for d in named],
                    relationshipType=spdx3.RelationshipType.trainedOn,
                )
            )
        return datasets

    def findings(self) -> None:
        """Each finding as a review annotation on its model (or on the document)."""
        for number, finding in enumerate(self.result.findings):
            subject = self.packages.get((finding.model or "").lower())
            self.add(
                self.spdx3.Annotation(
                    spdxId=f"{self.base}#finding-{number}",
                    creationInfo=self.info,
                    annotationType=self.spdx3.AnnotationType.review,
                    subject=subject if subject is not None else f"{self.base}#document",
                    statement=finding_text(finding, self.files, self.folder),
                )
            )

    def texts(self) -> None:
        """The texts of the licences written as LicenseRefs."""
        for ref, (name, text, _url) in sorted(self.refs.refs.items()):
            self.add(
                self.spdx3.simplelicensing_SimpleLicensingText(
                    spdxId=f"{self.base}#{ref}", creationInfo=self.info, name=name, simplelicensing_licenseText=text
                )
            )
