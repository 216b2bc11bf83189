"""The table of well-known base models, and the bundled example that relies on it."""

from __future__ import annotations

from pathlib import Path

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_lineage
from railguard.lineage.known import known_models
from railguard.lineage.loaders import load_lineage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lineage.yaml"


def test_table_is_large_and_valid() -> None:
    table = known_models()
    assert len(table) >= 200
    catalogue = load_catalogue()
    for entry in table.values():
        assert catalogue.find(entry.licence or "") is not None
    orgs = {key.split("/")[0] for key in table if "/" in key}
    for org in (
        "meta-llama",
        "google",
        "mistralai",
        "runwayml",
        "compvis",
        "stabilityai",
        "black-forest-labs",
        "bigscience",
        "bigcode",
        "deepseek-ai",
        "qwen",
        "01-ai",
        "tiiuae",
        "microsoft",
        "openai",
        "upstage",
        "eleutherai",
    ):
        assert org in orgs, org


def test_well_known_facts() -> None:
    table = known_models()
    assert table["runwayml/stable-diffusion-v1-5"].licence == "creativeml-openrail-m"
    assert table["meta-llama/llama-3.1-8b-instruct"].licence == "llama3.1"


def test_bundled_example_finds_the_drift() -> None:
    loaded = load_lineage(EXAMPLE)
    result = check_lineage(loaded.entries, load_catalogue(), known_models())
    errors = {(f.code, f.model) for f in result.findings if f.severity.value == "error"}
    assert ("RG301", "acme/sd-anime-pixel") in errors
    assert ("RG302", "acme/chat-8b") in errors
    assert ("RG304", "acme/research-merge") in errors
    assert not [f for f in result.findings if f.code == "RG309"]
    pixel = next(f for f in result.findings if f.code == "RG301" and f.model == "acme/sd-anime-pixel")
    assert pixel.upstream == "runwayml/stable-diffusion-v1-5"
