"""Real metadata is messy: unknowns are said out loud, re-releases and stale data are read right.

Each case is the pattern the real Hub corpus showed, rebuilt with made-up models (ids of licensor
organisations and well-known models are used where the rule is about them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lineage.engine import check_lineage
from railguard.lineage.known import known_models
from railguard.lineage.model import LineageResult, ModelEntry
from railguard.model import Finding, Severity
from railguard.report.lineage_json import as_version_1

CATALOGUE = load_catalogue()


def check(*entries: ModelEntry, known: bool = True) -> LineageResult:
    return check_lineage(list(entries), CATALOGUE, known_models() if known else None)


def of(result: LineageResult, model_id: str, code: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.model == model_id and (code is None or f.code == code)]


def codes(result: LineageResult, model_id: str) -> set[str]:
    return {f.code for f in of(result, model_id)}


# --- 1. a parent with no or an unknown licence no longer silences its children ----------------------


def test_a_parent_without_a_licence_is_named_on_its_child() -> None:
    result = check(ModelEntry("shop/parent", None), ModelEntry("shop/child", "mit", ("shop/parent",)))
    assert codes(result, "shop/parent") == {"RG308"}
    (blocked,) = of(result, "shop/child", "RG319")
    assert blocked.severity is Severity.WARNING
    assert blocked.upstream == "shop/parent"
    assert "no licence" in blocked.message


def test_an_unknown_licence_id_above_is_named_with_the_id() -> None:
    result = check(ModelEntry("shop/parent", "house-terms-2"), ModelEntry("shop/child", "mit", ("shop/parent",)))
    (blocked,) = of(result, "shop/child", "RG319")
    assert "`house-terms-2`" in blocked.message
    assert blocked.licence == "house-terms-2"


def test_the_nearest_unknown_ancestor_is_named_down_a_chain() -> None:
    result = check(
        ModelEntry("shop/root", None),
        ModelEntry("shop/middle", "apache-2.0", ("shop/root",)),
        ModelEntry("shop/leaf", "mit", ("shop/middle",)),
        ModelEntry("shop/second-unknown", "odd-terms", ("shop/leaf",)),
        ModelEntry("shop/last", "mit", ("shop/second-unknown",)),
    )
    assert [f.upstream for f in of(result, "shop/leaf", "RG319")] == ["shop/root"]
    assert [f.upstream for f in of(result, "shop/last", "RG319")] == ["shop/second-unknown"]
    assert {m.id: m.commercial for m in result.models}["shop/leaf"] is None


def test_a_base_found_nowhere_is_named_on_the_grandchild() -> None:
    result = check(
        ModelEntry("shop/orphan", "mit", ("private/never-published",)),
        ModelEntry("shop/grandchild", "mit", ("shop/orphan",)),
        known=False,
    )
    assert codes(result, "shop/orphan") == {"RG309"}
    (blocked,) = of(result, "shop/grandchild", "RG319")
    assert blocked.upstream == "shop/orphan"
    assert "found nowhere" in blocked.message


def test_restrictions_above_an_unknown_parent_still_reach_the_child() -> None:
    result = check(
        ModelEntry("runwayml/stable-diffusion-v1-5", "creativeml-openrail-m"),
        ModelEntry("shop/relabelled", None, ("runwayml/stable-diffusion-v1-5",)),
        ModelEntry("shop/leaf", "mit", ("shop/relabelled",)),
    )
    assert {"RG301", "RG319"} <= codes(result, "shop/leaf")


def test_fail_on_warning_fails_on_an_unknown_ancestor(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text('{"id": "a/p"}\n{"id": "a/c", "license": "mit", "base_model": "a/p"}\n', encoding="utf-8")
    assert main(["lineage", str(table)]) == 0
    assert main(["lineage", str(table), "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert "RG319" in out


def test_a_record_without_a_licence_takes_the_tables_entry_and_says_so() -> None:
    result = check(
        ModelEntry("meta-llama/Llama-2-7b-hf", None),
        ModelEntry("shop/relicensed", "apache-2.0", ("meta-llama/Llama-2-7b-hf",)),
    )
    (fallback,) = of(result, "meta-llama/Llama-2-7b-hf", "RG320")
    assert fallback.licence == "llama2"
    assert "checked 2026-11-23" in fallback.message
    assert not of(result, "meta-llama/Llama-2-7b-hf", "RG308")
    assert {"RG301", "RG302"} <= codes(result, "shop/relicensed")


def test_without_the_table_a_bare_record_stays_unknown() -> None:
    result = check(ModelEntry("meta-llama/Llama-2-7b-hf", None), known=False)
    assert codes(result, "meta-llama/Llama-2-7b-hf") == {"RG308"}


# --- 4. a licensor's own re-release does not chain its older licence's duty -------------------------


def test_a_licensor_release_under_its_newer_licence_cuts_the_older_one() -> None:
    result = check(
        ModelEntry("meta-llama/Example-Next-8B", "llama3.3", ("meta-llama/Llama-3.1-8B",)),
        ModelEntry("shop/next-chat", "llama3.3", ("meta-llama/Example-Next-8B",)),
    )
    assert "RG302" not in codes(result, "meta-llama/Example-Next-8B")
    (release,) = of(result, "meta-llama/Example-Next-8B", "RG325")
    assert release.licence == "llama3.1"
    assert "RG302" not in codes(result, "shop/next-chat")
    (model,) = [m for m in result.models if m.id == "shop/next-chat"]
    assert model.governing_licences == ("llama3.3",)


def test_someone_else_relabelling_a_vendor_model_is_still_bound() -> None:
    result = check(ModelEntry("shop/next-8b", "llama3.3", ("meta-llama/Llama-3.1-8B",)))
    assert "RG302" in codes(result, "shop/next-8b")
    assert "RG325" not in codes(result, "shop/next-8b")


def test_derivatives_of_the_tables_llama_3_3_owe_llama_3_1_nothing() -> None:
    result = check(ModelEntry("shop/llama-3.3-tuned", "llama3.3", ("meta-llama/Llama-3.3-70B-Instruct",)))
    assert not {f.code for f in of(result, "shop/llama-3.3-tuned") if f.severity is Severity.ERROR}


def test_a_licensors_own_release_owes_itself_no_licensee_duties() -> None:
    # Meta's instruct model under its own llama4, built on its own base: no "Built with Llama",
    # Notice or user-count duty (those bind Meta's licensees); a derivative of it still owes them.
    result = check(
        ModelEntry("meta-llama/Example-4-Instruct", "llama4", ("meta-llama/Llama-4-Scout-17B-16E",)),
        ModelEntry("google/example-gemma-it", "gemma", ("google/gemma-7b",)),
        ModelEntry("shop/example-4-chat", "llama4", ("meta-llama/Example-4-Instruct",)),
        ModelEntry("shop/gemma-chat", "gemma", ("google/example-gemma-it",)),
    )
    assert codes(result, "meta-llama/Example-4-Instruct") == set()
    assert codes(result, "google/example-gemma-it") == set()
    duties = of(result, "shop/example-4-chat", "RG306")
    assert len(duties) >= 3  # Built with Llama, the Notice, the user-count limit (and the name)
    # the licence is handed on from where it started, through the licensor's release
    assert {f.upstream for f in duties} == {"meta-llama/Llama-4-Scout-17B-16E"}
    assert "RG306" in codes(result, "shop/gemma-chat")
    (model,) = [m for m in result.models if m.id == "shop/example-4-chat"]
    assert model.governing_licences == ("llama4",)


def test_the_same_release_by_another_organisation_owes_the_duties() -> None:
    result = check(ModelEntry("shop/Example-4-Instruct", "llama4", ("meta-llama/Llama-4-Scout-17B-16E",)))
    assert len(of(result, "shop/Example-4-Instruct", "RG306")) >= 3


def test_every_licensor_in_the_table_is_a_catalogue_licence() -> None:
    for licence in known_models().licensors:
        assert CATALOGUE.find(licence) is not None, licence


# --- 5. RG303 only for what ancestors impose together; RG302 worded as the licence says ------------


def test_copyleft_declared_on_a_vendor_fine_tune_is_the_wrong_licence_not_rg303() -> None:
    result = check(
        ModelEntry("vendor/base", "llama2"),
        ModelEntry("shop/sa-tune", "cc-by-sa-4.0", ("vendor/base",)),
    )
    errors = {f.code for f in of(result, "shop/sa-tune") if f.severity is Severity.ERROR}
    assert errors == {"RG301", "RG302"}


def test_rg303_when_two_ancestors_impose_incompatible_terms() -> None:
    result = check(
        ModelEntry("wiki/sa-model", "cc-by-sa-4.0"),
        ModelEntry("studio/rail-model", "creativeml-openrail-m"),
        ModelEntry("shop/merge", "cc-by-sa-4.0", ("wiki/sa-model", "studio/rail-model")),
    )
    assert "RG303" in codes(result, "shop/merge")


def test_rg302_says_how_the_licence_binds() -> None:
    vendor = check(ModelEntry("vendor/base", "llama2"), ModelEntry("shop/a", "mit", ("vendor/base",)))
    (travels,) = of(vendor, "shop/a", "RG302")
    assert "go with its material" in travels.message
    assert "llama2 AND" in (travels.hint or "")
    copyleft = check(ModelEntry("wiki/base", "cc-by-sa-4.0"), ModelEntry("shop/b", "mit", ("wiki/base",)))
    (whole,) = of(copyleft, "shop/b", "RG302")
    assert "released under `cc-by-sa-4.0`" in whole.message


# --- 6. data: unknown ids of real metadata, dated entries, licence history --------------------------


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("exaone", "exaone-1.1-nc"),
        ("stable-video-diffusion-community", "stabilityai-community"),
        ("intel-research-use-license", "intel-research"),
    ],
)
def test_names_seen_on_real_cards_resolve(name: str, licence: str) -> None:
    found = CATALOGUE.find(name)
    assert found is not None
    assert found.id == licence


def test_a_research_only_vendor_licence_binds_its_derivatives() -> None:
    result = check(
        ModelEntry("lab/reasoner", "exaone"), ModelEntry("shop/reasoner-ft", "apache-2.0", ("lab/reasoner",))
    )
    assert {"RG304", "RG301"} <= codes(result, "shop/reasoner-ft")


def test_every_table_entry_says_when_and_where_it_was_checked() -> None:
    table = known_models()
    assert set(table.provenance) == set(table)
    for record in table.provenance.values():
        assert record.checked[:4].isdigit()
        assert record.source == "card" or record.source.startswith("https://")


def test_a_model_whose_licence_changed_keeps_both_and_says_so() -> None:
    result = check(
        ModelEntry("shop/video-ft", "stabilityai-community", ("stabilityai/stable-video-diffusion-img2vid-xt",))
    )
    (changed,) = of(result, "shop/video-ft", "RG326")
    assert changed.severity is Severity.INFO
    assert "stable-video-diffusion-noncommercial" in changed.message
    assert "2024-07-05" in changed.message


# --- 7. duties lint knows are reported by lineage too ----------------------------------------------


@pytest.mark.parametrize(("base", "clause"), [("meta-llama/Llama-2-7b-hf", "1.b.iii"), ("google/gemma-7b", "3.1(4)")])
def test_vendor_notice_duties_reach_the_derivative(base: str, clause: str) -> None:
    result = check(ModelEntry("shop/tuned", CATALOGUE.get(known_models()[base.lower()].licence or "").id, (base,)))
    notices = [f for f in of(result, "shop/tuned", "RG306") if f.clause == clause]
    assert notices
    assert notices[0].licence == known_models()[base.lower()].licence


# --- 8. findings say what they concern, once -------------------------------------------------------


def test_inherited_duties_name_the_licence_they_come_from() -> None:
    result = check(ModelEntry("shop/tuned", "llama3.1", ("meta-llama/Llama-3.1-8B",)))
    assert {f.licence for f in of(result, "shop/tuned", "RG306")} == {"llama3.1"}


# --- [tool.railguard] applies to lineage, compat and permits -----------------------------------------


def _project(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.railguard]\n{settings}", encoding="utf-8")
    return tmp_path / "pyproject.toml"


def test_settings_ignore_and_severity_apply_to_lineage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text(
        '{"id": "a/p"}\n{"id": "a/c", "license": "llama3.1", "base_model": "meta-llama/Llama-3.1-8B"}\n',
        encoding="utf-8",
    )
    config = _project(tmp_path, 'ignore = ["RG306"]\n[tool.railguard.severity]\nRG308 = "error"\n')
    assert main(["lineage", str(table), "--config", str(config), "--format", "json"]) == 1
    found = as_version_1(json.loads(capsys.readouterr().out))["findings"]
    assert not [f for f in found if f["code"] == "RG306"]
    assert {f["severity"] for f in found if f["code"] == "RG308"} == {"error"}


def test_settings_apply_to_compat(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = _project(tmp_path, '[tool.railguard.severity]\nRG301 = "warning"\nRG302 = "warning"\n')
    assert main(["compat", "llama3.1", "apache-2.0", "--config", str(config)]) == 0
    assert main(["compat", "llama3.1", "apache-2.0"]) == 1
    capsys.readouterr()


def test_settings_apply_to_permits(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = _project(tmp_path, 'ignore = ["RG314"]\n')
    args = ["permits", "creativeml-openrail-m", "--use", "medical-advice"]
    assert main(args) == 1
    assert main([*args, "--config", str(config)]) == 0
    capsys.readouterr()


def test_a_notice_duty_is_reported_once_not_under_two_codes() -> None:
    """A Stability AI Community model's Notice line is an RG306 duty; RG307 keeps only the licence copy."""
    result = check(
        ModelEntry("studio/video-base", "stabilityai-community"),
        ModelEntry("shop/video-tool", "mit", ("studio/video-base",)),
    )
    (copy,) = of(result, "shop/video-tool", "RG307")
    notices = [f for f in of(result, "shop/video-tool", "RG306") if "Notice" in (f.hint or "") or "notice" in f.message]
    assert notices
    assert {f.clause for f in notices}.isdisjoint((copy.clause or "").split(", "))
