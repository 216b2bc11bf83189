"""What survives a round trip through a bill of materials: the examples, licence files, datasets.

``lineage X --format F > x; lineage x`` must give X's findings (code and model); the one loss left
is listed here exactly (docs/formats.md, "What does not survive"), so that a new loss, or a fixed
one, fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.lineage_json import as_version_1

pytest.importorskip("spdx_tools", reason="SPDX needs spdx-tools (pip install 'railguard[spdx]')")
pytest.importorskip("spdx_python_model", reason="SPDX 3 needs spdx-python-model (pip install 'railguard[spdx]')")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FORMATS = ["spdx", "spdx3", "cyclonedx"]
#: (code, model) a round trip loses, by example: RG322 (`license` and `license_name` disagree) has no
#: place in a BOM, which carries the licences that bind (both, joined by AND).
LOST = {"declared.yaml": [("RG322", "acme/named-tune")]}
RAIL_TEXT = (
    "House Licence\n\nYou agree not to use the Model:\n(a) for military purposes;\n"
    "(b) to harass people;\n\nYou shall include these use restrictions in any licence under which you "
    "distribute the Model or a derivative.\n"
)


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def lineage(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["lineage", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return code, out


def body(capsys: pytest.CaptureFixture[str], path: Path) -> dict:
    return as_version_1(json.loads(lineage(capsys, str(path), "--format", "json")[1]))


def round_trip(capsys: pytest.CaptureFixture[str], source: Path, fmt: str, target: Path) -> tuple[dict, dict]:
    target.write_text(lineage(capsys, str(source), "--format", fmt)[1], encoding="utf-8")
    return body(capsys, source), body(capsys, target)


def codes(found: dict) -> list[tuple[str, str | None]]:
    return sorted((f["code"], f["model"]) for f in found["findings"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", ["lineage.yaml", "declared.yaml", "models.jsonl"])
def test_the_examples_round_trip_with_their_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example: str, fmt: str
) -> None:
    before, after = round_trip(capsys, EXAMPLES / example, fmt, tmp_path / f"x.{fmt}.json")
    expected = [c for c in codes(before) if c not in LOST.get(example, [])]
    assert codes(after) == expected
    assert [(d["id"], d["licence"], d["used_by"]) for d in after.get("datasets", [])] == [
        (d["id"], d["licence"], d["used_by"]) for d in before.get("datasets", [])
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_licence_file_is_read_back_from_its_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "house.md").write_text(RAIL_TEXT, encoding="utf-8")
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        "models:\n"
        "  - id: acme/own\n    licence_file: texts/house.md\n    base_model: runwayml/stable-diffusion-v1-5\n"
        "  - id: acme/both\n    license: mit\n    licence_file: texts/house.md\n",
        encoding="utf-8",
    )
    bom = tmp_path / "elsewhere" / f"x.{fmt}.json"
    bom.parent.mkdir()
    before, after = round_trip(capsys, manifest, fmt, bom)
    assert codes(after) == codes(before)
    assert ("RG301", "acme/own") in codes(after)  # the text's restrictions, against the base model's
    assert ("RG323", "acme/both") in codes(after)  # `license` and the licence file disagree
    assert not [c for c in codes(after) if c[0] == "RG308"]
    licences = {m["id"]: m["licence"] for m in after["models"]}
    # named relative to the folder of the input that named it, not by the writer's local path
    assert licences["acme/own"] == "file:texts/house.md"


def spdx_with_text(text: str) -> dict:
    """An SPDX 2.3 document naming a licence file by the ref railguard writes, with ``text`` as its text."""
    ref = "LicenseRef-file-house.md-0123456789ab"
    return {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "doc",
        "documentNamespace": "https://example.invalid/doc",
        "creationInfo": {"created": "2024-05-01T00:00:00Z", "creators": ["Tool: other"]},
        "packages": [
            {
                "SPDXID": "SPDXRef-own",
                "name": "acme/own",
                "downloadLocation": "NOASSERTION",
                "filesAnalyzed": False,
                "licenseDeclared": ref,
            }
        ],
        "hasExtractedLicensingInfos": [{"licenseId": ref, "name": "house.md", "extractedText": text}],
    }


@pytest.mark.parametrize(
    "text",
    [
        "x" * (1024 * 1024 + 10),  # larger than any licence
        "\x01\x02\x03\x04\x05" * 200,  # control characters, not text
    ],
    ids=["huge", "binary"],
)
def test_a_carried_text_that_is_no_licence_is_reported_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    path = tmp_path / "bad.spdx.json"
    path.write_text(json.dumps(spdx_with_text(text)), encoding="utf-8")
    _code, out = lineage(capsys, str(path), "--format", "json")
    found = as_version_1(json.loads(out))
    assert ("RG313", None) in {(f["code"], f["model"]) for f in found["findings"]}
    assert ("RG308", "acme/own") in codes(found)
    assert "\x01" not in out


def test_a_carried_text_is_parsed_like_a_licence_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "house.spdx.json"
    path.write_text(json.dumps(spdx_with_text(RAIL_TEXT)), encoding="utf-8")
    found = body(capsys, path)
    assert {m["id"]: m["licence"] for m in found["models"]}["acme/own"] == "file:house.md"
    assert not [c for c in codes(found) if c[0] == "RG308"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_datasets_are_written_and_read_back(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    table = tmp_path / "m.jsonl"
    table.write_text(
        json.dumps({"id": "acme/notes", "license": "apache-2.0", "datasets": ["tatsu-lab/alpaca", "org/own-data"]})
        + "\n"
        + json.dumps({"id": "acme/other", "license": "mit", "datasets": ["tatsu-lab/alpaca"]})
        + "\n",
        encoding="utf-8",
    )
    before, after = round_trip(capsys, table, fmt, tmp_path / f"x.{fmt}.json")
    assert ("RG508", "acme/notes") in codes(before)
    assert codes(after) == codes(before)
    assert [(d["id"], d["used_by"]) for d in after["datasets"]] == [
        ("org/own-data", ["acme/notes"]),
        ("tatsu-lab/alpaca", ["acme/notes", "acme/other"]),
    ]


@pytest.mark.parametrize("example", ["declared.yaml", "models.jsonl"])
def test_the_boms_with_licence_texts_and_datasets_are_valid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example: str
) -> None:
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    source = str(EXAMPLES / example)
    spdx = tmp_path / "x.spdx.json"
    spdx.write_text(lineage(capsys, source, "--format", "spdx")[1], encoding="utf-8")
    assert validate_full_spdx_document(parse_file(str(spdx)), "SPDX-2.3") == []
    import spdx_python_model

    _model, objects = spdx_python_model.load_data(json.loads(lineage(capsys, source, "--format", "spdx3")[1]))
    assert objects.link() == set()
    cyclonedx = pytest.importorskip("cyclonedx.validation.json")
    from cyclonedx.schema import SchemaVersion

    text = lineage(capsys, source, "--format", "cyclonedx")[1]
    assert cyclonedx.JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
