"""``railguard audit`` on repositories built from real licence texts: one test a finding, and clean ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.audit import audit_paths
from railguard.cli import main
from tests.audit.conftest import Build, card

MIT_FILLED = "mit"  # the shared text, its copyright blank filled in by `_filled`


def _filled(folder: Path, name: str = "LICENSE") -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8").replace("[year] [fullname]", "2025 Acme Labs")
    path.write_text(text, encoding="utf-8")


def codes(folder: Path) -> list[tuple[str, str, int | None]]:
    report = audit_paths(str(folder))
    return [(f.code, Path(f.file or "").name, f.line) for f in report.findings]


def only(folder: Path, code: str) -> list[str]:
    return [f.message for f in audit_paths(str(folder)).findings if f.code == code]


def test_clean_mit_repository(repo: Build) -> None:
    folder = repo(card("mit"), LICENSE="mit")
    _filled(folder)
    assert codes(folder) == []


def test_clean_llama_finetune_carries_everything(repo: Build) -> None:
    folder = repo(
        card(
            "llama3.1", "base_model: meta-llama/Llama-3.1-8B-Instruct", body="# Llama-3.1-helper\n\nBuilt with Llama\n"
        ),
        name="Llama-3.1-helper",
        LICENSE="llama3.1-community",
        **{"USE_POLICY.md": "llama3.1-aup"},
        NOTICE="Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. "
        "All Rights Reserved.\n",
    )
    assert codes(folder) == []


def test_rg501_no_licence_file(repo: Build) -> None:
    folder = repo(card("mit"))
    assert ("RG501", "README.md", 2) in codes(folder)


def test_rg501_not_for_a_licence_that_needs_no_copy(repo: Build) -> None:
    folder = repo(card("cc0-1.0"))
    assert codes(folder) == []


def test_rg502_llama_agreement_under_an_apache_card(repo: Build) -> None:
    folder = repo(card("apache-2.0"), LICENSE="llama2-community")
    found = codes(folder)
    assert ("RG502", "LICENSE", 1) in found
    assert not any(code == "RG501" for code, _, _ in found)
    message = only(folder, "RG502")[0]
    assert "`llama2`" in message
    assert "`apache-2.0`" in message
    assert "its wording is the published `llama2` text" in message  # the reader's evidence


def test_rg503_modified_rail_licence(repo: Build, shared: Path) -> None:
    text = (shared / "licences" / "creativeml-openrail-m.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "medical advice" not in line.lower()]
    assert len(lines) < len(text.splitlines())
    folder = repo(card("creativeml-openrail-m"), LICENSE="\n".join(lines) + "\n")
    messages = only(folder, "RG503")
    assert messages
    assert "medical-advice" in messages[0]


def test_rg504_copyright_blank_left_unfilled(repo: Build) -> None:
    folder = repo(card("mit"), LICENSE="mit")
    found = [(code, name) for code, name, _ in codes(folder)]
    assert found == [("RG504", "LICENSE")]
    report = audit_paths(str(folder))
    assert report.findings[0].line is not None
    assert report.findings[0].line <= 40


def test_rg504_a_notice_file_counts(repo: Build) -> None:
    folder = repo(card("mit"), LICENSE="mit", NOTICE="Copyright 2025 Acme Labs\n")
    assert codes(folder) == []


def test_rg505_rg506_relicensed_llama_finetune(repo: Build) -> None:
    folder = repo(card("apache-2.0", "base_model: meta-llama/Llama-3.1-8B-Instruct"), LICENSE="apache-2.0")
    found = {code for code, _, _ in codes(folder)}
    assert {"RG505", "RG506"} <= found
    assert any("Built with Llama" in m for m in only(folder, "RG505"))
    assert "`llama3.1`" in only(folder, "RG506")[0]


def test_rg507_upstream_restrictions_dropped_from_the_shipped_licence(repo: Build, shared: Path) -> None:
    text = (shared / "licences" / "creativeml-openrail-m.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "medical advice" not in line.lower()]
    folder = repo(
        card("mit", "base_model: runwayml/stable-diffusion-v1-5"),
        LICENSE="mit",
        **{"LICENSE-creativeml": "\n".join(lines) + "\n"},
    )
    _filled(folder)
    messages = only(folder, "RG507")
    assert messages
    assert "`medical-advice`" in messages[0]
    assert not only(folder, "RG506")


def test_rg508_rg512_non_commercial_dataset_is_a_warning_that_says_unsettled(
    repo: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo(
        card("apache-2.0", "datasets:", "- tatsu-lab/alpaca"), LICENSE="apache-2.0", NOTICE="Copyright 2025 Acme Labs\n"
    )
    report = audit_paths(str(folder))
    rg508 = [f for f in report.findings if f.code == "RG508"]
    assert len(rg508) == 1
    assert rg508[0].severity.value == "warning"
    assert "unsettled" in rg508[0].message
    assert rg508[0].clause == "2(a)(1)"
    assert rg508[0].line == 4
    assert any(f.code == "RG512" for f in report.findings)
    assert main(["audit", str(folder), "-q"]) == 0  # warnings only


def test_rg509_share_alike_dataset(repo: Build) -> None:
    folder = repo(card("mit", "datasets: [databricks/databricks-dolly-15k]"), LICENSE="mit")
    _filled(folder)
    assert ("RG509", "README.md", 3) in codes(folder)


def test_rg511_unknown_dataset(repo: Build) -> None:
    folder = repo(card("mit", "datasets:", "- someone/private-data"), LICENSE="mit")
    _filled(folder)
    assert codes(folder) == [("RG511", "README.md", 4)]


def test_rg513_code_under_another_licence(repo: Build) -> None:
    header = (
        "# Copyright 2024 The HuggingFace Inc. team.\n#\n"
        '# Licensed under the Apache License, Version 2.0 (the "License");\nimport torch\n'
    )
    folder = repo(card("mit"), LICENSE="mit", **{"modeling_acme.py": header})
    _filled(folder)
    assert codes(folder) == [("RG513", "modeling_acme.py", 3)]


def test_rg514_pdf_licence(repo: Build) -> None:
    folder = repo(card("mit"), **{"LICENSE.pdf": b"%PDF-1.7\n\x00\x01binary"})
    found = codes(folder)
    assert ("RG514", "LICENSE.pdf", None) in found
    assert not any(code == "RG501" for code, _, _ in found)  # the PDF may be the licence: said, not guessed


def test_rg515_no_card(tmp_path: Path) -> None:
    (tmp_path / "weights.bin").write_bytes(b"\x00")
    assert [c for c, _, _ in codes(tmp_path)] == ["RG515"]


def test_rg515_unknown_licence(repo: Build) -> None:
    folder = repo(card("my-own-licence"))
    assert [c for c, _, _ in codes(folder)] == ["RG515"]


def test_inline_suppression_and_unused_one(repo: Build) -> None:
    folder = repo(card("mit", body="<!-- railguard: ignore RG501 RG509 -->\n"))
    found = codes(folder)
    assert not any(code == "RG501" for code, _, _ in found)
    assert sorted(code for code, _, _ in found) == ["RG001", "RG504"]


def test_formats(repo: Build, capsys: pytest.CaptureFixture[str]) -> None:
    folder = repo(card("mit"))
    assert main(["audit", str(folder), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 2
    assert data["repositories"][0]["declared"] == "mit"
    assert [f["code"] for f in data["findings"]] == ["RG501", "RG504"]
    assert main(["audit", str(folder), "--format", "sarif"]) == 1
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"][0]["ruleId"] == "RG501"
    assert main(["audit", str(folder), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=")


def test_missing_directory_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["audit", str(tmp_path / "nope")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_recursive_summary(repo: Build, capsys: pytest.CaptureFixture[str]) -> None:
    clean = repo(card("mit"), name="tree/acme/clean", LICENSE="mit")
    _filled(clean)
    repo(card("apache-2.0", "base_model: meta-llama/Llama-2-7b-hf"), name="tree/acme/tuned")
    tree = clean.parent.parent
    assert main(["audit", "--recursive", str(tree), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [r["model"] for r in data["repositories"]] == ["acme/clean", "acme/tuned"]
    assert data["summary"]["repositories"] == 2
    assert data["summary"]["with_licence_text"] == 1
    assert data["summary"]["with_copyright"] == 1
    assert data["summary"]["with_upstream_duties"] == 1
    assert data["summary"]["with_upstream_notices"] == 0
    assert main(["audit", "-r", str(tree)]) == 1
    out = capsys.readouterr().out
    assert "| with the declared licence's text | 1 | 50.0 % |" in out


def test_lineage_agrees_on_what_binds(repo: Build) -> None:
    # audit's upstream licences are the lineage engine's governing licences of the parents
    from railguard.catalogue import load_catalogue
    from railguard.lineage.engine import check_lineage
    from railguard.lineage.known import known_models
    from railguard.lineage.model import ModelEntry

    folder = repo(card("mit", "base_model: runwayml/stable-diffusion-v1-5"))
    result = check_lineage(
        [ModelEntry("x/y", "mit", ("runwayml/stable-diffusion-v1-5",))], load_catalogue(), known_models()
    )
    parent = next(m for m in result.models if m.id == "runwayml/stable-diffusion-v1-5")
    upstream = {f.licence for f in audit_paths(str(folder)).findings if f.code == "RG506"}
    assert upstream == set(parent.governing_licences)


def test_rg517_no_derivatives_dataset_is_a_warning_that_says_unsettled_and_cites_the_clause(repo: Build) -> None:
    folder = repo(
        card("apache-2.0", "datasets:", "- samsum"), LICENSE="apache-2.0", NOTICE="Copyright 2025 Acme Labs\n"
    )
    report = audit_paths(str(folder))
    (nd,) = [f for f in report.findings if f.code == "RG517"]
    assert nd.severity.value == "warning"
    assert "unsettled" in nd.message
    assert (nd.licence, nd.upstream, nd.clause, nd.line) == ("cc-by-nc-nd-4.0", "samsum", "2(a)(1)(B)", 4)
    assert any(f.code == "RG508" for f in report.findings)  # and non-commercial, as before
    assert main(["audit", str(folder), "-q"]) == 0  # warnings only


def test_rg517_whatever_the_model_declares(repo: Build) -> None:
    # sharing adapted material is what ND forbids, so a non-commercial or an unknown licence changes nothing
    for declared in ("cc-by-nc-nd-4.0", "my-own-licence"):
        folder = repo(card(declared, "datasets: [Samsung/samsum]"), name=f"m-{declared}")
        assert [f.code for f in audit_paths(str(folder)).findings if f.code == "RG517"] == ["RG517"]


def test_rg517_not_for_a_dataset_that_allows_adaptations(repo: Build) -> None:
    folder = repo(card("mit", "datasets: [tatsu-lab/alpaca]"), LICENSE="mit")
    assert not [f for f in audit_paths(str(folder)).findings if f.code == "RG517"]


@pytest.mark.parametrize("value", ["other", "unknown"])
def test_rg515_words_a_placeholder_licence_as_written(repo: Build, value: str) -> None:
    # `license: other` declares that the licence is none of the Hub's ids, not that there is none
    (message,) = only(repo(card(value)), "RG515")
    assert f"`license: {value}`" in message
    assert "no `license_name`" in message
    assert "declares no licence" not in message
    (bare,) = only(repo("---\nlanguage: en\n---\n# A model\n", name="bare"), "RG515")
    assert "declares no licence" in bare
