"""SPDX 2.3, SPDX 3.0 and CycloneDX: written and validated with the formats' own tools, read back, and read
from documents those tools' libraries wrote."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.expression.parser import parse_licence
from railguard.report.lineage_json import as_version_1

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lineage.yaml"

spdx_tools = pytest.importorskip("spdx_tools", reason="SPDX needs spdx-tools (pip install 'railguard[spdx]')")
spdx_python_model = pytest.importorskip(
    "spdx_python_model", reason="SPDX 3 needs spdx-python-model (pip install 'railguard[spdx]')"
)
cyclonedx = pytest.importorskip(
    "cyclonedx", reason="validating CycloneDX needs cyclonedx-python-lib ('railguard[test]')"
)


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def lineage_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict:
    code, out, err = run(capsys, "lineage", str(path), "--format", "json")
    assert code in (0, 1), err
    return as_version_1(json.loads(out))


def findings(body: dict) -> list[tuple[str, str | None, str]]:
    return sorted((f["code"], f["model"], f["message"]) for f in body["findings"])


def models(body: dict) -> list[tuple]:
    return sorted(
        (
            m["id"],
            m["licence"],
            tuple(m["base_models"]),
            m["relation"],
            tuple(m["governing_licences"]),
            m["known_model"],
        )
        for m in body["models"]
    )


def write(capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path, fmt: str, name: str) -> Path:
    code, out, err = run(capsys, "lineage", str(source), "--format", fmt)
    assert code in (0, 1), err
    target = tmp_path / name
    target.write_text(out, encoding="utf-8")
    return target


GRAPH = """\
models:
  - id: acme/base
    license: Apache-2.0 WITH LLVM-exception
  - id: acme/dual
    license: MIT OR Apache-2.0
    base_model: acme/base
    base_model_relation: adapter
  - id: acme/strange
    license: My-Own-Licence-1.0
    base_model: acme/dual
    base_model_relation: finetune
  - id: acme/quant
    license: openrail++
    base_model: stabilityai/stable-diffusion-xl-base-1.0
    base_model_relation: quantized
  - id: acme/unlicensed
    base_model: acme/quant
"""


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    path = tmp_path / "graph.yaml"
    path.write_text(GRAPH, encoding="utf-8")
    return path


# --- SPDX 2.3 out ------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["example", "graph"])
def test_spdx_output_is_valid_spdx_2_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, graph: Path, source: str
) -> None:
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    path = write(capsys, tmp_path, EXAMPLE if source == "example" else graph, "spdx", "out.spdx.json")
    document = parse_file(str(path))
    assert validate_full_spdx_document(document, "SPDX-2.3") == []
    assert document.creation_info.spdx_version == "SPDX-2.3"


def test_spdx_output_carries_models_licences_relationships_and_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(capsys, tmp_path, EXAMPLE, "spdx", "out.spdx.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    packages = {p["name"]: p for p in document["packages"]}
    assert len(packages) == 9
    assert packages["acme/sd-anime-pixel"]["licenseDeclared"] == "MIT"
    assert packages["acme/sd-anime"]["licenseDeclared"] == "LicenseRef-scancode-creativeml-openrail-m"
    refs = {r["licenseId"] for r in document["hasExtractedLicensingInfos"]}
    assert "LicenseRef-scancode-creativeml-openrail-m" in refs
    ids = {p["SPDXID"]: p["name"] for p in document["packages"]}
    kinds = {
        (ids[r["spdxElementId"]], r["relationshipType"], ids[r["relatedSpdxElement"]])
        for r in document["relationships"]
        if r["relationshipType"] != "DESCRIBES"
    }
    assert ("acme/sd-anime", "DESCENDANT_OF", "runwayml/stable-diffusion-v1-5") in kinds
    assert ("acme/Llama-3.1-chat-8b-GGUF", "GENERATED_FROM", "meta-llama/Llama-3.1-8B-Instruct") in kinds
    assert ("acme/research-merge", "DESCENDANT_OF", "acme/nc-helper") in kinds
    annotations = document.get("annotations", []) + [a for p in document["packages"] for a in p.get("annotations", [])]
    reviews = [a for a in annotations if a["annotationType"] == "REVIEW"]
    assert any(a["comment"].startswith("RG301 [error]") for a in reviews)


def test_spdx_output_is_the_same_bytes_for_the_same_input(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "lineage", str(EXAMPLE), "--format", "spdx")[1]
    assert run(capsys, "lineage", str(EXAMPLE), "--format", "spdx")[1] == first


# --- SPDX 3.0 out ------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["example", "graph"])
def test_spdx3_output_loads_with_the_spdx_3_bindings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, graph: Path, source: str
) -> None:
    path = write(capsys, tmp_path, EXAMPLE if source == "example" else graph, "spdx3", "out.spdx3.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    model, objects = spdx_python_model.load_data(data)
    assert objects.link() == set()  # every reference resolves inside the document
    packages = [o for o in objects.foreach() if type(o).__name__ == "ai_AIPackage"]
    assert len(packages) == (9 if source == "example" else 6)
    document = next(o for o in objects.foreach() if type(o).__name__ == "SpdxDocument")
    assert model.ProfileIdentifierType.ai in document.profileConformance


# --- CycloneDX out -----------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["example", "graph"])
def test_cyclonedx_output_is_valid_against_the_1_6_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, graph: Path, source: str
) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    path = write(capsys, tmp_path, EXAMPLE if source == "example" else graph, "cyclonedx", "out.cdx.json")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(path.read_text(encoding="utf-8")) is None
    bom = json.loads(path.read_text(encoding="utf-8"))
    assert {c["type"] for c in bom["components"]} == {"machine-learning-model"}


# --- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"), [("spdx", "x.spdx.json"), ("spdx3", "x.spdx3.json"), ("cyclonedx", "x.cdx.json")]
)
@pytest.mark.parametrize("source", ["example", "graph"])
def test_round_trip_gives_the_same_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, graph: Path, fmt: str, name: str, source: str
) -> None:
    original = EXAMPLE if source == "example" else graph
    written = write(capsys, tmp_path, original, fmt, name)
    before, after = lineage_json(capsys, original), lineage_json(capsys, written)
    assert findings(after) == findings(before)
    assert models(after) == models(before)


def test_round_trip_in_tag_value(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.writer.tagvalue.tagvalue_writer import write_document_to_file

    document = parse_file(str(write(capsys, tmp_path, EXAMPLE, "spdx", "x.spdx.json")))
    tag_value = tmp_path / "x.spdx"
    write_document_to_file(document, str(tag_value))
    assert findings(lineage_json(capsys, tag_value)) == findings(lineage_json(capsys, EXAMPLE))


@pytest.mark.parametrize("name", ["x.yaml", "x.xml", "x.rdf.xml", "x.spdx", "x.json"])
def test_round_trip_in_every_serialisation_spdx_tools_writes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    # spdx-tools writes YAML keys sorted (spdxVersion last) and XML as elements: the document is
    # told from its SPDXRef-DOCUMENT, whatever the file is called
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.writer.write_anything import write_file

    document = parse_file(str(write(capsys, tmp_path, EXAMPLE, "spdx", "x.spdx.json")))
    converted = tmp_path / name
    write_file(document, str(converted), validate=False)
    assert findings(lineage_json(capsys, converted)) == findings(lineage_json(capsys, EXAMPLE))


# --- documents written by other tools ----------------------------------------------------------


def _spdx2_document():  # written with spdx-tools' own model, as another tool would
    from license_expression import get_spdx_licensing
    from spdx_tools.spdx.model import (
        Actor,
        ActorType,
        CreationInfo,
        Document,
        ExternalPackageRef,
        ExternalPackageRefCategory,
        ExtractedLicensingInfo,
        File,
        Package,
        Relationship,
        RelationshipType,
    )
    from spdx_tools.spdx.model.checksum import Checksum, ChecksumAlgorithm
    from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion

    licensing = get_spdx_licensing()
    created = datetime(2024, 5, 1, tzinfo=UTC).replace(tzinfo=None)
    info = CreationInfo(
        "SPDX-2.3",
        "SPDXRef-DOCUMENT",
        "other tool",
        "https://example.org/spdx/other-1",
        [Actor(ActorType.TOOL, "x")],
        created,
    )
    base = Package(
        "SPDXRef-base",
        "Base model",
        SpdxNoAssertion(),
        files_analyzed=False,
        license_declared=licensing.parse("LicenseRef-scancode-stable-diffusion-2022-08-22"),
        external_references=[
            ExternalPackageRef(ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", "pkg:huggingface/lab/base-model@abc")
        ],
    )
    tuned = Package(
        "SPDXRef-tuned",
        "lab/tuned",
        SpdxNoAssertion(),
        files_analyzed=False,
        license_declared=licensing.parse("MIT OR Apache-2.0"),
    )
    lora = Package(
        "SPDXRef-lora",
        "lab/lora",
        SpdxNoAssertion(),
        files_analyzed=False,
        license_declared=licensing.parse("LicenseRef-custom"),
    )
    library = Package(
        "SPDXRef-lib",
        "torch",
        SpdxNoAssertion(),
        files_analyzed=False,
        license_declared=licensing.parse("BSD-3-Clause"),
    )
    weights = File("weights.safetensors", "SPDXRef-weights", [Checksum(ChecksumAlgorithm.SHA1, "0" * 40)])
    return Document(
        info,
        packages=[base, tuned, lora, library],
        files=[weights],
        relationships=[
            Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, "SPDXRef-tuned"),
            Relationship("SPDXRef-tuned", RelationshipType.DESCENDANT_OF, "SPDXRef-base"),
            Relationship("SPDXRef-base", RelationshipType.ANCESTOR_OF, "SPDXRef-lora"),
            Relationship("SPDXRef-lora", RelationshipType.PATCH_FOR, "SPDXRef-base"),
            Relationship("SPDXRef-tuned", RelationshipType.DEPENDS_ON, "SPDXRef-lib"),
        ],
        extracted_licensing_info=[
            ExtractedLicensingInfo("LicenseRef-custom", "Our own terms.", "CreativeML OpenRAIL-M", [])
        ],
    )


@pytest.mark.parametrize("suffix", [".spdx.json", ".spdx", ".spdx.yaml", ".rdf.xml"])
def test_reads_an_spdx_2_document_another_tool_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    from spdx_tools.spdx.writer.write_anything import write_file

    document = _spdx2_document()
    assert validate_full_spdx_document(document) == []
    path = tmp_path / f"other{suffix}"
    write_file(document, str(path))
    body = lineage_json(capsys, path)
    by_id = {m["id"]: m for m in body["models"]}
    # the package URL names the Hub model; the ScanCode LicenseRef resolves like its key
    assert by_id["lab/base-model"]["licence"] == "creativeml-openrail-m"
    assert by_id["lab/base-model"]["governing_licences"] == ["creativeml-openrail-m"]
    assert by_id["lab/tuned"]["base_models"] == ["lab/base-model"]
    assert by_id["lab/lora"]["relation"] == "adapter"
    # a LicenseRef named in the document's extracted licensing info resolves by that name
    assert "creativeml-openrail-m" in by_id["lab/lora"]["governing_licences"]
    assert "torch" in by_id
    unmapped = [f["message"] for f in body["findings"] if f["code"] == "RG360"]
    assert any("weights.safetensors" in m for m in unmapped)
    assert any("DEPENDS_ON" in m for m in unmapped)
    # (RDF/XML keeps no order of an expression's operands)
    assert set(parse_licence(by_id["lab/tuned"]["licence"]).declared.alternatives) == {("mit",), ("apache-2.0",)}


def test_reads_an_spdx_3_document_another_tool_wrote(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from spdx_python_model import v3_0_1 as spdx3

    objects = spdx3.SHACLObjectSet()
    info = spdx3.CreationInfo(
        specVersion="3.0.1", created=datetime(2024, 5, 1, tzinfo=UTC), createdBy=["https://x/agent"]
    )
    agent = objects.add(spdx3.Organization(spdxId="https://x/agent", name="Other", creationInfo=info))
    info.createdBy = [agent]

    def package(kind, ident, name):
        return objects.add(kind(spdxId=f"https://x/{ident}", name=name, creationInfo=info))

    base = package(spdx3.ai_AIPackage, "base", "meta-llama/Llama-3.1-8B")
    tuned = package(spdx3.ai_AIPackage, "tuned", "lab/chat")
    data = package(spdx3.dataset_DatasetPackage, "data", "lab/corpus")
    data.dataset_datasetType = [spdx3.dataset_DatasetType.text]
    licence = objects.add(
        spdx3.simplelicensing_LicenseExpression(
            spdxId="https://x/lic", creationInfo=info, simplelicensing_licenseExpression="Apache-2.0 OR MIT"
        )
    )
    for number, (source, kind, target) in enumerate(
        [
            (tuned, spdx3.RelationshipType.hasDeclaredLicense, licence),
            (tuned, spdx3.RelationshipType.descendantOf, base),
            (tuned, spdx3.RelationshipType.trainedOn, data),
            (data, spdx3.RelationshipType.hasDeclaredLicense, licence),
        ]
    ):
        objects.add(
            spdx3.Relationship(
                spdxId=f"https://x/r{number}", creationInfo=info, from_=source, to=[target], relationshipType=kind
            )
        )
    objects.add(
        spdx3.SpdxDocument(spdxId="https://x/doc", creationInfo=info, element=[base, tuned], rootElement=[tuned])
    )
    out = io.BytesIO()
    spdx3.JSONLDSerializer().write(objects, out)
    path = tmp_path / "other.spdx3.json"
    path.write_bytes(out.getvalue())
    body = lineage_json(capsys, path)
    by_id = {m["id"]: m for m in body["models"]}
    assert by_id["lab/chat"]["base_models"] == ["meta-llama/Llama-3.1-8B"]
    # the engine reads the expression: a choice of two catalogue licences, shown by their ids
    assert by_id["lab/chat"]["licence"] == "apache-2.0 OR mit"
    # trainedOn makes the dataset one of the model's datasets; the licence the document gives it is not read
    assert [d["used_by"] for d in body["datasets"] if d["id"] == "lab/corpus"] == [["lab/chat"]]
    unmapped = [f["message"] for f in body["findings"] if f["code"] == "RG360"]
    assert any("dataset `lab/corpus" in m for m in unmapped)


def test_reads_a_cyclonedx_bom_another_tool_wrote(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType, Pedigree
    from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression
    from cyclonedx.output.json import JsonV1Dot5
    from packageurl import PackageURL

    base = Component(
        name="stable-diffusion-v1-5",
        group="runwayml",
        type=ComponentType.MACHINE_LEARNING_MODEL,
        purl=PackageURL("huggingface", "runwayml", "stable-diffusion-v1-5"),
        licenses=[DisjunctiveLicense(name="creativeml-openrail-m")],
        bom_ref="base",
    )
    tuned = Component(
        name="anime",
        group="lab",
        type=ComponentType.MACHINE_LEARNING_MODEL,
        licenses=[LicenseExpression("MIT")],
        pedigree=Pedigree(
            ancestors=[
                Component(name="stable-diffusion-v1-5", group="runwayml", type=ComponentType.MACHINE_LEARNING_MODEL)
            ]
        ),
        bom_ref="tuned",
    )
    corpus = Component(
        name="corpus",
        group="lab",
        type=ComponentType.DATA,
        bom_ref="corpus",
        licenses=[LicenseExpression("CC-BY-4.0")],
    )
    library = Component(name="diffusers", type=ComponentType.LIBRARY, bom_ref="lib")
    bom = Bom(components=[base, tuned, corpus, library])
    bom.register_dependency(tuned, [library])
    path = tmp_path / "other.cdx.json"
    path.write_text(JsonV1Dot5(bom).output_as_string(), encoding="utf-8")
    body = lineage_json(capsys, path)
    by_id = {m["id"]: m for m in body["models"]}
    assert set(by_id) >= {"runwayml/stable-diffusion-v1-5", "lab/anime"}
    assert by_id["lab/anime"]["base_models"] == ["runwayml/stable-diffusion-v1-5"]
    assert [f["code"] for f in body["findings"] if f["model"] == "lab/anime" and f["severity"] == "error"] == ["RG301"]
    unmapped = [f["message"] for f in body["findings"] if f["code"] == "RG360"]
    assert any("dataset `lab/corpus`" in m for m in unmapped)
    assert any("diffusers" in m and "library" in m for m in unmapped)


# --- bad documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.spdx.json", '{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}', "is not a valid SPDX document"),
        ("bad.cdx.json", '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [', "is not JSON"),
        (
            "bad.spdx3.json",
            '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", '
            '"@graph": [{"type": "ai_AIPackage", "name": 5}]}',
            "is not a valid SPDX 3.0.1 document",
        ),
        ("bad.spdx3.json", '{"@context": "https://spdx.org/rdf/3.9/spdx-context.jsonld", "@graph": []}', "SPDX 3"),
        ("bad.cdx.json", '{"bomFormat": "SPDX"}', None),
    ],
)
def test_an_unreadable_document_exits_2_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: str, message: str | None
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "lineage", str(path))
    assert code == 2
    assert str(path) in err
    assert "Traceback" not in err
    if message:
        assert message in err


def test_an_unknown_spdx_3_element_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ext.spdx3.json"
    graph = [{"type": "https://example.org/ns/Thing", "@id": "https://example.org/thing/1"}]
    path.write_text(json.dumps({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}))
    code, out, err = run(capsys, "lineage", str(path), "--format", "json")
    assert code == 0, err
    (unmapped,) = as_version_1(json.loads(out))["findings"]
    assert unmapped["code"] == "RG360"
    assert "https://example.org/ns/Thing" in unmapped["message"]


def test_a_cyclonedx_bom_of_odd_shapes_is_read_without_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = {
        "bomFormat": "CycloneDX",
        "specVersion": "9.9",
        "metadata": "nope",
        "components": [
            {"type": "machine-learning-model", "name": "m", "licenses": [{"license": {"id": 5}}, "x"], "pedigree": []},
            {"type": "machine-learning-model"},
            7,
            {"type": "machine-learning-model", "name": "n", "pedigree": {"ancestors": [{}, "y"]}},
        ],
        "dependencies": [{"ref": 3, "dependsOn": None}, "z"],
        "annotations": [None, {"text": "\x1b[31mhello"}],
    }
    path = tmp_path / "odd.cdx.json"
    path.write_text(json.dumps(odd), encoding="utf-8")
    code, out, err = run(capsys, "lineage", str(path), "--format", "json")
    assert code in (0, 1), err
    body = as_version_1(json.loads(out))
    assert {m["id"] for m in body["models"]} == {"m", "n"}
    assert any("specVersion" in f["message"] for f in body["findings"])


def test_a_model_cards_datasets_become_the_models_datasets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "machine-learning-model",
                "bom-ref": "m",
                "group": "lab",
                "name": "chat",
                "licenses": [{"license": {"id": "Apache-2.0"}}],
                "modelCard": {"modelParameters": {"datasets": [{"ref": "d"}]}},
            },
            {"type": "data", "bom-ref": "d", "group": "lab", "name": "corpus"},
        ],
    }
    path = tmp_path / "card.cdx.json"
    path.write_text(json.dumps(bom), encoding="utf-8")
    body = lineage_json(capsys, path)
    assert [d["used_by"] for d in body["datasets"] if d["id"] == "lab/corpus"] == [["lab/chat"]]
    # the BOM gives the dataset no licence: nothing of it is left unread
    assert not any(f["code"] == "RG360" for f in body["findings"])
    bom["components"][1]["licenses"] = [{"license": {"id": "CC-BY-4.0"}}]
    path.write_text(json.dumps(bom), encoding="utf-8")
    body = lineage_json(capsys, path)
    assert any(f["code"] == "RG360" and "lab/corpus" in f["message"] for f in body["findings"])


@pytest.mark.parametrize("fmt", ["spdx", "spdx3", "cyclonedx"])
def test_a_licence_file_is_named_without_the_local_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    folder = tmp_path / "private-folder-name"
    folder.mkdir()
    (folder / "LICENSE.md").write_text(
        "House Licence\n\nYou agree not to use the Model:\n(a) for military purposes;\n", encoding="utf-8"
    )
    manifest = folder / "m.yaml"
    manifest.write_text(
        "models:\n  - id: acme/own\n    licence_file: LICENSE.md\n    base_model: runwayml/stable-diffusion-v1-5\n",
        encoding="utf-8",
    )
    out = write(capsys, tmp_path, manifest.absolute(), fmt, "out.json").read_text(encoding="utf-8")
    # (the input's own path may be named as the document's source; the licence file's is not, not
    # even in the findings' messages, which name it relative to the input's folder)
    assert "private-folder-name/LICENSE.md" not in out
    assert "LicenseRef-file-LICENSE.md-" in out
    assert "for military purposes" in out
    assert "RG301 [error] `acme/own` declares `file:LICENSE.md`" in out
    # the same text gives the same name wherever it lies
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "LICENSE.md").write_bytes((folder / "LICENSE.md").read_bytes())
    (other / "m.yaml").write_bytes(manifest.read_bytes())
    again = write(capsys, tmp_path, other / "m.yaml", fmt, "again.json").read_text(encoding="utf-8")
    ref = out[out.index("LicenseRef-file-") :].split('"')[0]
    assert ref in again
