"""Every ``audit`` format comes from the formatter registry, and its JSON matches the shipped schema.

Repositories with every kind of file row (a published text, a use policy, an edited copy, a
relative, a PDF, a notice, a ``--fix`` stub) and a tree with ``--recursive`` are written in each
format; JSON is validated against ``railguard/schemas/audit.schema.json``, SARIF against the
official SARIF 2.1.0 schema.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.report.registry import FORMATTERS, formats
from tests.audit.conftest import Build, card
from tests.report.test_registry import sarif_validator, validator


def every_kind_of_file(repo: Build, shared: Path) -> Path:
    text = (shared / "licences" / "creativeml-openrail-m.txt").read_text(encoding="utf-8")
    edited = "\n".join(line for line in text.splitlines() if "medical advice" not in line.lower()) + "\n"
    return repo(
        card("llama3.1", "base_model: meta-llama/Llama-3.1-8B-Instruct", "datasets: [samsum, someone/x]"),
        name="tree/acme/everything",
        LICENSE="llama3.1-community",
        **{
            "USE_POLICY.md": "llama3.1-aup",
            "LICENSE-RAIL": edited,
            "LICENSE-CODE": "lfm-open-license-1.0",
            "LICENSE.pdf": b"%PDF-1.7\n\x00binary",
            "NOTICE": "Copyright 2025 Acme Labs\n",
        },
    )


def test_the_audit_formats_are_the_registrys() -> None:
    from railguard.cli.audit import audit

    assert formats("audit") == ["text", "github", "json", "sarif"]
    (option,) = [p for p in audit.params if p.name == "output_format"]
    assert list(option.type.choices) == formats("audit")  # type: ignore[attr-defined]
    assert all(FORMATTERS[("audit", fmt)].startswith("railguard.report.audit:") for fmt in formats("audit"))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_every_format_of_a_repository_with_every_kind_of_file(
    repo: Build, shared: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = every_kind_of_file(repo, shared)
    assert main(["audit", str(folder), "--format", fmt]) == 0  # warnings only
    out = capsys.readouterr().out
    if fmt == "json":
        document = json.loads(out)
        validator("audit").validate(document)
        identities = {Path(r["path"]).name: r["identity"] for r in document["repositories"][0]["files"]}
        assert identities == {
            "LICENSE": "published",
            "LICENSE-CODE": "relative",
            "LICENSE-RAIL": "edited",
            "LICENSE.pdf": None,
            "USE_POLICY.md": "policy",
            "NOTICE": None,
        }
    elif fmt == "sarif":
        log = json.loads(out)
        sarif_validator().validate(log)
        rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
        assert {"RG505", "RG514", "RG517"} <= rules
    elif fmt == "github":
        assert all(line.startswith("::") for line in out.splitlines())
        assert any(line.startswith("::warning file=") and "RG517" in line for line in out.splitlines())
    else:
        assert "RG517" in out


def test_recursive_and_fix_json_match_the_schema(repo: Build, shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    every_kind_of_file(repo, shared)
    other = repo(card("mit", "base_model: meta-llama/Llama-2-7b-hf"), name="tree/acme/tuned")
    tree = other.parent.parent
    assert main(["audit", "-r", str(tree), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    validator("audit").validate(document)
    assert document["summary"]["repositories"] == 2
    main(["audit", str(other), "--fix", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    validator("audit").validate(document)
    rows = {Path(r["path"]).name: r["identity"] for r in document["repositories"][0]["files"]}
    assert rows.get("LICENSE") in ("stub", "published")  # a stub, or the SPDX text where one is installed
    assert document["repositories"][0]["fixes"]
