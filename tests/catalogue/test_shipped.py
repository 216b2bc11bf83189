"""The shipped catalogue: every file valid, every promised name resolvable, key facts right."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from railguard.catalogue import load_catalogue
from railguard.lint.hubids import HUB_LICENCE_IDS
from railguard.model import Family, ObligationKind, RestrictionKind
from railguard.resources import data_dir

#: Every licence id the Hugging Face Hub offers in a model card's `license:` field (the linter's
#: list, one source of truth), without the two that name no licence.
HUB_IDS = sorted(HUB_LICENCE_IDS - {"unknown", "other"})

#: Hub ids that name a family rather than one text, and so need a documented reading.
AMBIGUOUS = ("openrail", "bsd", "cc", "gpl", "lgpl")

#: Vendor and RAIL licences the catalogue must cover (by any name that resolves).
REQUIRED_NAMES = """
ai-pubs-openrail-m research-only-rail-m research-only-rail-ams bigcode-openrail-m-1.1
hippocratic-2.1 hippocratic-3.0 deepseek deepseek-license qwen qwen-research yi-license
chatglm3-6b-license tii-falcon-license stabilityai-community stabilityai-ai-community
flux-1-dev-non-commercial-license nvidia-open-model-license nvidia-community-model-license mnpl
microsoft-research-license ai2-impact-lr ai2-impact-mr ai2-impact-hr opt-175b gemma-terms-of-use
""".split()

HL3_MODULES = "BDS BOD CL ECO EXTR FFD LAW MEDIA MIL MY SOC SUP SV TAL USTA XUAR ACR DTO DUI FMC IIE ISR NC".split()

#: The restriction category slugs the public contract fixes.
CONTRACT_CATEGORIES = """
unlawful minors disinformation personal-data undisclosed-ai harassment impersonation
automated-decisions discrimination exploit-vulnerable medical-advice law-enforcement military
weapons surveillance violence malware critical-infrastructure self-harm professional-practice
sexual-content fraud human-rights environment labour-rights sanctioned-parties trafficking
ip-infringement train-other-models non-commercial
""".split()


def test_catalogue_loads_and_is_large_enough() -> None:
    catalogue = load_catalogue()
    assert len(catalogue) >= 120


def test_every_file_is_a_licence_named_after_its_id() -> None:
    folder = data_dir("licences")
    stems = {e.name[:-5] for e in folder.iterdir() if e.name.endswith(".yaml") and not e.name.startswith("_")}
    assert stems == set(load_catalogue().licences)


@pytest.mark.parametrize("hub_id", HUB_IDS)
def test_every_hub_id_resolves(hub_id: str) -> None:
    licence = load_catalogue().get(hub_id)
    assert licence.hub == hub_id or licence.id == hub_id


@pytest.mark.parametrize("name", REQUIRED_NAMES)
def test_required_licences_resolve(name: str) -> None:
    assert load_catalogue().find(name) is not None


@pytest.mark.parametrize("hub_id", AMBIGUOUS)
def test_ambiguous_family_ids_carry_a_reading(hub_id: str) -> None:
    licence = load_catalogue().get(hub_id)
    assert licence.ambiguous
    assert licence.reading
    assert len(licence.reading) > 40


@pytest.mark.parametrize("code", HL3_MODULES)
def test_every_hl3_module_is_its_own_piece(code: str) -> None:
    modules = load_catalogue().modules_of("hippocratic-3.0")
    assert code in modules
    assert modules[code].family is Family.HIPPOCRATIC


def test_contract_categories_exist_with_descriptions() -> None:
    categories = load_catalogue().categories
    for slug in CONTRACT_CATEGORIES:
        assert slug in categories
        assert categories[slug].description


def test_names_are_unique_across_the_catalogue() -> None:
    catalogue = load_catalogue()
    for licence in catalogue:
        for name in (licence.id, *licence.names):
            assert catalogue.find(name) == licence, name


def test_ids_resolve_in_any_case() -> None:
    catalogue = load_catalogue()
    assert catalogue.get("Apache-2.0").id == "apache-2.0"
    assert catalogue.get("APACHE-2.0").id == "apache-2.0"
    assert catalogue.get("CreativeML-OpenRAIL-M").id == "creativeml-openrail-m"


def test_spdx_ids_are_real_spdx_ids() -> None:
    license_expression = pytest.importorskip("license_expression", reason="license-expression is a test extra")
    known = {key.lower() for key in license_expression.get_spdx_licensing().known_symbols}
    unknown = sorted(lic.spdx for lic in load_catalogue() if lic.spdx and lic.spdx.lower() not in known)
    assert unknown == []


def test_flow_down_families_pass_their_restrictions_on() -> None:
    for licence in load_catalogue():
        if licence.family is Family.RAIL:
            assert licence.restrictions, licence.id
            assert licence.has(ObligationKind.FLOW_DOWN), licence.id


def test_osi_licences_have_no_use_restrictions() -> None:
    for licence in load_catalogue():
        if licence.osi_approved:
            assert licence.restrictions == (), licence.id
            assert licence.commercial is True, licence.id


def test_non_commercial_licences_say_so() -> None:
    for licence in load_catalogue():
        if "non-commercial" in licence.categories:
            assert licence.commercial is False, licence.id
        if licence.family is Family.NON_COMMERCIAL:
            assert licence.commercial is False, licence.id


def test_creativeml_lists_attachment_a_by_letter() -> None:
    licence = load_catalogue().get("creativeml-openrail-m")
    sections = [r.section for r in licence.restrictions]
    assert sections == [f"Attachment A ({letter})" for letter in "abcdefghijk"]
    assert {"minors", "medical-advice", "law-enforcement", "automated-decisions"} <= licence.categories
    assert all(r.kind is RestrictionKind.USE for r in licence.restrictions)


def test_llama31_duties() -> None:
    licence = load_catalogue().get("llama3.1")
    limits = [o.param("monthly_active_users") for o in licence.obligations_of(ObligationKind.SCALE_LIMIT)]
    assert 700_000_000 in limits
    prefixes = [o.param("prefix") for o in licence.obligations_of(ObligationKind.NAMING)]
    assert "Llama" in prefixes
    notices = [o.param("text") or "" for o in licence.obligations_of(ObligationKind.DISPLAY_NOTICE)]
    assert any("Built with Llama" in text for text in notices)
    assert licence.has(ObligationKind.ACCEPTABLE_USE_POLICY)
    aup = [r for r in licence.restrictions if r.section.startswith("AUP")]
    assert len(aup) >= 15
    assert {"weapons", "military", "minors", "impersonation", "undisclosed-ai"} <= {r.category for r in aup}


def test_hl3_names_compose_core_and_modules() -> None:
    catalogue = load_catalogue()
    core = catalogue.get("hippocratic-3.0")
    composed = catalogue.get("HL3-CL-ECO-MIL")
    assert composed.components == (
        "hippocratic-3.0",
        "hippocratic-3.0-cl",
        "hippocratic-3.0-eco",
        "hippocratic-3.0-mil",
    )
    assert {"military", "environment"} <= composed.categories
    assert core.categories <= composed.categories
    assert composed.has(ObligationKind.SAME_LICENCE)
    # order of the codes in the name does not matter
    assert catalogue.get("hl3-mil-eco-cl") == composed
    assert catalogue.find("HL3-NOPE") is None
    full = catalogue.get("HL3-FULL")
    assert len(full.components) == 1 + len(core.full_modules) >= 17


def test_real_card_licence_names_resolve(shared: Path) -> None:
    """Every licence named on the real model cards resolves (blank and bare `other` excepted)."""
    catalogue = load_catalogue()
    unresolved: list[str] = []
    with (shared / "modelcards" / "SOURCES.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            declared = row["license"]
            match = re.search(r"license_name=([^;]+)", declared)
            name = match.group(1).strip() if match else declared.split(";")[0].strip()
            if name in ("", "other", "(none)", "license"):
                continue
            if catalogue.find(name) is None:
                unresolved.append(name)
    assert unresolved == []
