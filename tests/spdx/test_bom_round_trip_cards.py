"""A corpus of model cards, written as SPDX 2.3, SPDX 3.0 and CycloneDX and read back: the same findings.

Each card declares its licence in one of the forms a card may use (a YAML list, an OR, a WITH, a
``LicenseRef-``, ``other`` with ``license_name``, an unknown name); the bill of materials of the
corpus, read back by ``lineage``, must give the findings the cards gave.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.lineage_json import as_version_1

pytest.importorskip("spdx_tools", reason="SPDX needs spdx-tools (pip install 'railguard[spdx]')")
pytest.importorskip("spdx_python_model", reason="SPDX 3 needs spdx-python-model (pip install 'railguard[spdx]')")

#: model id -> front matter
CARDS = {
    # lists: every item against the ancestors, all items bind the descendants
    "org/list-llama": "license: [apache-2.0, mit]\nbase_model: meta-llama/Llama-3.1-8B-Instruct",
    "org/list-child": "license: mit\nbase_model: org/list-llama",
    "org/list-rail": "license: [creativeml-openrail-m, mit]\nbase_model: runwayml/stable-diffusion-v1-5",
    "org/list-mixed": "license: [creativeml-openrail-m, MIT OR Apache-2.0]\nbase_model: runwayml/stable-diffusion-v1-5",
    "org/list-and": "license: [mit, apache-2.0 AND creativeml-openrail-m]\nbase_model: runwayml/stable-diffusion-v1-5",
    "org/list-with": "license: [GPL-2.0-only WITH Classpath-exception-2.0, mit]",
    "org/list-cased": "license: [Apache-2.0, MIT]\nbase_model: org/list-with",
    "org/list-unknown": "license: [acme-terms, mit]\nbase_model: runwayml/stable-diffusion-v1-5",
    "org/list-spaces": 'license: ["Acme Research Terms", mit]',
    # a choice, an exception, LicenseRefs
    "org/choice": "license: other\nlicense_name: MIT OR creativeml-openrail-m\n"
    "base_model: runwayml/stable-diffusion-v1-5",
    "org/with": "license: other\nlicense_name: GPL-2.0-only WITH Classpath-exception-2.0",
    "org/with-child": "license: apache-2.0\nbase_model: org/with",
    "org/ref-scancode": "license: other\nlicense_name: LicenseRef-scancode-bigscience-openrail-m",
    "org/ref-own": "license: other\nlicense_name: LicenseRef-acme-internal\nbase_model: org/ref-scancode",
    # other + license_name, and unknown names
    "org/named": "license: other\nlicense_name: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct",
    "org/named-and": "license: other\nlicense_name: llama3.1 AND apache-2.0\n"
    "base_model: meta-llama/Llama-3.1-8B-Instruct",
    "org/unknown": "license: acme-research-licence\nbase_model: org/named",
    "org/unknown-spaces": "license: other\nlicense_name: Acme Research Terms v2\nbase_model: org/choice",
    "org/and-spaces": "license: other\nlicense_name: Acme Research Terms AND mit\nbase_model: org/list-spaces",
    "org/no-licence": "base_model: org/unknown",
}
#: Findings about how a card's fields are written, rather than what they declare: a BOM carries the
#: declaration, so these keep their code and model but name the list's items as railguard reads them.
WORDING = frozenset({"RG321"})


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    root = tmp_path / "cards"
    for model_id, front in CARDS.items():
        folder = root / model_id
        folder.mkdir(parents=True)
        (folder / "README.md").write_text(f"---\n{front}\n---\n# {model_id}\n", encoding="utf-8")
    return root


def lineage(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["lineage", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return code, out


def findings(body: dict) -> list[tuple]:
    return sorted(
        (f["code"], f["severity"], f["model"], f["code"] if f["code"] in WORDING else f["message"])
        for f in body["findings"]
    )


def models(body: dict) -> list[tuple]:
    return sorted(
        (
            m["id"],
            m["licence"],
            tuple(m["base_models"]),
            tuple(m["governing_licences"]),
            m["commercial"],
            tuple(m["inherited_restrictions"]),
        )
        for m in body["models"]
    )


@pytest.mark.parametrize(
    ("fmt", "name"), [("spdx", "x.spdx.json"), ("spdx3", "x.spdx3.json"), ("cyclonedx", "x.cdx.json")]
)
def test_the_bom_of_a_corpus_of_cards_gives_the_cards_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cards: Path, fmt: str, name: str
) -> None:
    code, out = lineage(capsys, str(cards), "--format", "json")
    before = as_version_1(json.loads(out))
    bom = tmp_path / name
    bom.write_text(lineage(capsys, str(cards), "--format", fmt)[1], encoding="utf-8")
    code_after, out = lineage(capsys, str(bom), "--format", "json")
    after = as_version_1(json.loads(out))
    assert findings(after) == findings(before)
    assert models(after) == models(before)
    assert code_after == code
    # the list is written as what it means, every item applying, and read back as a list
    assert ("RG301", "error", "org/list-llama") in {f[:3] for f in findings(after)}
    assert not [f for f in after["findings"] if "licence `[" in f["message"]]  # no list read as one unknown name


def test_a_list_is_written_as_an_and_expression_marked_as_a_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cards: Path
) -> None:
    document = json.loads(lineage(capsys, str(cards), "--format", "spdx")[1])
    packages = {p["name"]: p for p in document["packages"]}
    assert packages["org/list-llama"]["licenseDeclared"] == "Apache-2.0 AND MIT"
    assert (
        packages["org/list-and"]["licenseDeclared"]
        == "MIT AND (Apache-2.0 AND LicenseRef-scancode-creativeml-openrail-m)"
    )
    assert "licenseComments" in packages["org/list-llama"]
    assert "licenseComments" not in packages["org/named-and"]
    bom = json.loads(lineage(capsys, str(cards), "--format", "cyclonedx")[1])
    component = next(c for c in bom["components"] if c["name"] == "list-llama")
    assert component["licenses"] == [{"expression": "Apache-2.0 AND MIT"}]


def test_an_and_expression_another_tool_wrote_is_a_conjunction_not_a_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bom = tmp_path / "other.cdx.json"
    component = {
        "type": "machine-learning-model",
        "bom-ref": "m",
        "name": "tune",
        "group": "org",
        "licenses": [{"expression": "Apache-2.0 AND MIT"}],
        "pedigree": {
            "ancestors": [{"type": "machine-learning-model", "name": "Llama-3.1-8B-Instruct", "group": "meta-llama"}]
        },
    }
    bom.write_text(
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [component]}), encoding="utf-8"
    )
    body = as_version_1(json.loads(lineage(capsys, str(bom), "--format", "json")[1]))
    codes = {(f["code"], f["model"]) for f in body["findings"]}
    assert ("RG301", "org/tune") in codes
    assert ("RG321", "org/tune") not in codes
    assert next(m["licence"] for m in body["models"] if m["id"] == "org/tune") == "apache-2.0 AND mit"


def test_the_boms_of_the_corpus_are_valid(capsys: pytest.CaptureFixture[str], tmp_path: Path, cards: Path) -> None:
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    spdx = tmp_path / "x.spdx.json"
    spdx.write_text(lineage(capsys, str(cards), "--format", "spdx")[1], encoding="utf-8")
    assert validate_full_spdx_document(parse_file(str(spdx)), "SPDX-2.3") == []
    import spdx_python_model

    _model, objects = spdx_python_model.load_data(json.loads(lineage(capsys, str(cards), "--format", "spdx3")[1]))
    assert objects.link() == set()
    cyclonedx = pytest.importorskip("cyclonedx.validation.json")
    from cyclonedx.schema import SchemaVersion

    text = lineage(capsys, str(cards), "--format", "cyclonedx")[1]
    assert cyclonedx.JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
