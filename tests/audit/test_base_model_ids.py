"""A base model the audit cannot check is said out loud (RG410), as `lint` and `lineage` say it."""

from __future__ import annotations

from pathlib import Path

from railguard.audit import audit_paths
from railguard.cli import main
from tests.audit.conftest import Build, card

#: `meta-llama/Llama-3.1-8B` with a Cyrillic `е` (U+0435): it reads as Meta's model and is no Hub id.
LOOKALIKE = "m\u0435ta-llama/Llama-3.1-8B"


def _complete(folder: Path) -> None:
    """Give the MIT repository its copyright line, so only the base model is left to report."""
    (folder / "NOTICE").write_text("Copyright 2025 Acme Labs\n", encoding="utf-8")


def test_a_lookalike_base_model_is_reported(repo: Build) -> None:
    folder = repo(card("mit", f"base_model: {LOOKALIKE}"), LICENSE="mit")
    _complete(folder)
    found = [f for f in audit_paths(str(folder)).findings if f.code == "RG410"]
    assert len(found) == 1
    assert found[0].line == 3
    assert Path(found[0].file or "").name == "README.md"
    assert found[0].hint == "write `meta-llama/Llama-3.1-8B`"
    assert main(["audit", str(folder), "-q"]) == 1


def test_the_lookalike_in_a_merge_list_is_reported_once(repo: Build) -> None:
    folder = repo(card("mit", "base_model:", "- lab/helper-7b", f"- {LOOKALIKE}"), LICENSE="mit")
    _complete(folder)
    assert [f.code for f in audit_paths(str(folder)).findings if f.code in ("RG410", "RG309")].count("RG410") == 1


def test_lint_and_audit_agree_on_the_base_model(repo: Build) -> None:
    folder = repo(card("mit", f"base_model: {LOOKALIKE}"), LICENSE="mit")
    _complete(folder)
    from railguard.lint import lint_paths

    linted = {
        (f.code, f.line, f.message) for f in lint_paths([str(folder / "README.md")]).findings if f.code == "RG410"
    }
    audited = {(f.code, f.line, f.message) for f in audit_paths(str(folder)).findings if f.code == "RG410"}
    assert linted == audited != set()


def test_a_plain_base_model_is_no_rg410(repo: Build) -> None:
    folder = repo(card("mit", "base_model: lab/helper-7b"), LICENSE="mit")
    _complete(folder)
    assert not [f for f in audit_paths(str(folder)).findings if f.code == "RG410"]


def test_an_inline_suppression_of_rg410_is_honoured(repo: Build) -> None:
    text = card("mit", f"base_model: {LOOKALIKE}", body="# A model\n<!-- railguard: ignore RG410 -->\n")
    folder = repo(text, LICENSE="mit")
    _complete(folder)
    codes = [f.code for f in audit_paths(str(folder)).findings]
    assert "RG410" not in codes
    assert "RG001" not in codes
