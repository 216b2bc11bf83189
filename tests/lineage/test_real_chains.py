"""Verdicts on real derivation chains: the 147 model cards in ``../shared/modelcards``.

Each model is built from its card's front matter as railguard reads it (the one card reader:
``license``, a list, ``license_name``; ``base_model``; ``base_model_relation``), under
the model id that ``SOURCES.tsv`` records for the card. Base models resolve to another card of
the corpus when there is one, else to railguard's table of well-known models. Every case asserts
the exact findings on one model and says, in our own words, why a licence lawyer would agree.
The cards themselves are read at run time and never copied into the project.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from railguard.card.metadata import read_metadata
from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lineage.cards import read_card
from railguard.lineage.engine import check_lineage
from railguard.lineage.known import known_models
from railguard.lineage.model import LineageResult, ModelEntry, ModelResult
from railguard.model import Finding
from railguard.report.lineage_json import as_version_1

CATALOGUE = load_catalogue()
MODEL_ID = re.compile(r"model_id=([^;\s]+)")


@dataclass(frozen=True)
class Card:
    """One card of the corpus: its file, the model id it describes and what it declares."""

    file: Path
    model_id: str
    entry: ModelEntry | None
    problem: str | None


def _entry(model_id: str, meta: dict[str, object], file: Path) -> ModelEntry:
    """The card's front matter as every command reads it (railguard.card.metadata)."""
    found = read_metadata(meta)
    return ModelEntry(
        id=model_id,
        licence=found.licence,
        base_models=found.base_models,
        relation=found.relation or found.relation_text,
        file=str(file),
        line=1,
        licence_name=found.licence_name,
        declared=None if found.declared.is_single or found.declared.empty else found.declared,
    )


def read_corpus(folder: Path) -> list[Card]:
    """Every card listed in SOURCES.tsv, in its order."""
    cards: list[Card] = []
    with (folder / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            found = MODEL_ID.search(row["notes"])
            assert found, f"SOURCES.tsv row for {row['file']} names no model_id"
            path = folder / row["file"]
            meta, problem, _ = read_card(path)
            entry = None if problem is not None else _entry(found.group(1), meta, path)
            cards.append(Card(path, found.group(1), entry, problem))
    return cards


@pytest.fixture(scope="module")
def cards(shared: Path) -> list[Card]:
    folder = shared / "modelcards"
    if not (folder / "SOURCES.tsv").is_file():
        pytest.skip(f"needs the real model cards in {folder}, which are absent")
    return read_corpus(folder)


def entries_of(cards: list[Card]) -> list[ModelEntry]:
    return [card.entry for card in cards if card.entry is not None]


def check(entries: list[ModelEntry]) -> LineageResult:
    return check_lineage(entries, CATALOGUE, known_models())


@pytest.fixture(scope="module")
def lineage(cards: list[Card]) -> LineageResult:
    return check(entries_of(cards))


def findings(result: LineageResult, model: str, code: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.model == model and (code is None or f.code == code)]


def errors(result: LineageResult, model: str) -> set[str]:
    return {f.code for f in findings(result, model) if f.severity.value == "error"}


def codes(result: LineageResult, model: str) -> set[str]:
    return {f.code for f in findings(result, model)}


def model(result: LineageResult, model_id: str) -> ModelResult:
    (found,) = [m for m in result.models if m.id == model_id]
    return found


# --- the corpus as railguard reads it -------------------------------------------------------------


def test_every_card_has_front_matter_and_a_model_id(cards: list[Card]) -> None:
    """All 147 cards, CRLF and leading blank lines included, have front matter railguard reads."""
    assert len(cards) == 147
    assert [c.file.name for c in cards if c.problem is not None] == []
    # one model (allenai/tulu-2-dpo-70b) is stored twice, from two crawls
    assert len({c.model_id.lower() for c in cards}) == 146


# --- use-restriction (RAIL) flow-down ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("model_id", "declared", "base"),
    [
        ("h1t/TCD-SDXL-LoRA", "mit", "stabilityai/stable-diffusion-xl-base-1.0"),
        ("goofyai/3d_render_style_xl", "apache-2.0", "stabilityai/stable-diffusion-xl-base-1.0"),
        ("Pclanglais/Mickey-1928", "cc0-1.0", "stabilityai/stable-diffusion-xl-base-1.0"),
        ("sd-concepts-library/concept-art-2-1", "mit", "stabilityai/stable-diffusion-2-1"),
    ],
)
def test_stable_diffusion_derivative_released_permissive_drops_the_rail_restrictions(
    lineage: LineageResult, model_id: str, declared: str, base: str
) -> None:
    """A LoRA, fine-tune or textual inversion on SDXL / SD 2.1 declared MIT, Apache-2.0 or CC0.

    Both bases are under CreativeML Open RAIL++-M, whose paragraph 5 and Attachment A make every
    derivative carry the use restrictions into its own licence. A permissive licence carries none
    of them, so each card breaks the flow-down duty (RG301); nothing else is wrong, since the RAIL
    licence does not require derivatives to keep the same licence.
    """
    assert errors(lineage, model_id) == {"RG301"}
    (finding,) = findings(lineage, model_id, "RG301")
    assert finding.licence == declared
    assert finding.upstream == base
    assert finding.clause is not None
    assert "Attachment A (a)" in finding.clause
    assert "4(a)" in finding.clause
    assert "`minors`" in finding.message
    assert model(lineage, model_id).governing_licences == tuple(sorted(("openrail++", declared)))


def test_rail_variant_swap_on_stable_diffusion_2_1_is_accepted(lineage: LineageResult) -> None:
    """askulkarni2/dogbooth: a Dreambooth on SD 2.1 (RAIL++-M) declared CreativeML OpenRAIL-M.

    The two RAIL licences carry the same Attachment A restrictions and the same flow-down clause,
    so the derivative passes every restriction on; neither licence demands its own name on
    derivatives. Both licences keep governing the model. What it still owes is RAIL++-M's copy of
    the licence (4(b)) and notices (4(d)): an info, no conflict.
    """
    assert codes(lineage, "askulkarni2/dogbooth") == {"RG307"}
    (notice,) = findings(lineage, "askulkarni2/dogbooth", "RG307")
    assert notice.licence == "openrail++"
    assert notice.clause == "4(b), 4(d)"
    dogbooth = model(lineage, "askulkarni2/dogbooth")
    assert dogbooth.governing_licences == ("creativeml-openrail-m", "openrail++")
    assert "medical-advice" in dogbooth.inherited_restrictions


def test_sd_fine_tunes_without_base_model_cannot_be_checked(lineage: LineageResult) -> None:
    """netsvetaev/netsvetaev-black: an SD 1.5 Dreambooth declared MIT, with no `base_model` field.

    A lawyer reading the card's text would find the same RG301 as for the SDXL LoRAs, but the
    front matter names no parent, so railguard has nothing to inherit and stays silent. Once the
    parent the card's text names is supplied, the missing RAIL restrictions are reported.
    """
    assert codes(lineage, "netsvetaev/netsvetaev-black") == set()
    with_base = [
        ModelEntry("runwayml/stable-diffusion-v1-5", "creativeml-openrail-m"),
        ModelEntry("netsvetaev/netsvetaev-black", "mit", ("runwayml/stable-diffusion-v1-5",), "finetune"),
    ]
    assert errors(check(with_base), "netsvetaev/netsvetaev-black") == {"RG301"}


# --- vendor licences: Llama and Gemma -------------------------------------------------------------


@pytest.mark.parametrize(
    ("model_id", "declared", "expected"),
    [
        ("ruslanmv/Medical-Llama3-8B", "apache-2.0", {"RG301", "RG302"}),
        ("FinGPT/fingpt-forecaster_dow30_llama2-7b_lora", "apache-2.0", {"RG301", "RG302"}),
        ("RakshitAi/AtmaLLaMA", "mit", {"RG301", "RG302"}),
        ("sabersaleh/Llama2-7B-DPO", "mit", {"RG301", "RG302"}),
        ("nvidia/Llama-2-7B-DMC-8x", "nvidia-open-model-license", {"RG301", "RG302"}),
        ("FrancescoPeriti/Llama2Dictionary", "cc-by-sa-4.0", {"RG301", "RG302"}),
        ("hon9kon9ize/Cantonese-Llama-2-7B-preview20240625", "cc-by-sa-4.0", {"RG301", "RG302"}),
        ("WillHeld/DiVA-llama-3-v0-8b", "mpl-2.0", {"RG301", "RG302"}),
    ],
)
def test_llama_derivative_relicensed(lineage: LineageResult, model_id: str, declared: str, expected: set[str]) -> None:
    """Llama 2 / Llama 3 / Llama 3.1 fine-tunes and adapters declared under another licence.

    The Llama community licences travel with every derivative (1.b.i: the agreement goes with each
    copy) and bind it to the acceptable use policy, so a derivative must stay under the Llama
    licence (RG302) and a licence without the policy's restrictions drops them (RG301). A CC BY-SA
    or MPL declaration is no irreconcilable conflict (RG303, which is for what ancestors impose
    together): nothing above the model imposes it, and declaring the Llama licence fixes it. The
    Llama user-count threshold remains a warning (RG306).
    """
    assert errors(lineage, model_id) == expected
    (dropped,) = findings(lineage, model_id, "RG301")
    assert dropped.licence == declared
    assert dropped.clause is not None
    assert "AUP" in dropped.clause
    assert any("monthly active users" in f.message for f in findings(lineage, model_id, "RG306"))
    assert "commercial" not in model(lineage, model_id).inherited_restrictions


def test_medical_llama3_names_its_base_and_misses_the_llama_3_name(lineage: LineageResult) -> None:
    """ruslanmv/Medical-Llama3-8B: declared Apache-2.0 on meta-llama/Meta-Llama-3-8B.

    Beyond the relicensing errors, Meta Llama 3 asks derivatives to begin their name with
    "Llama 3" and to show "Built with Meta Llama 3" (1.b.i); a card id cannot show either, so
    both are warnings citing that clause.
    """
    model_id = "ruslanmv/Medical-Llama3-8B"
    (relicensed,) = findings(lineage, model_id, "RG302")
    assert relicensed.upstream == "meta-llama/Meta-Llama-3-8B"
    assert relicensed.clause == "1.b.i"
    duties = findings(lineage, model_id, "RG306")
    assert any("`Llama 3`" in f.message and f.clause == "1.b.i" for f in duties)
    assert any("Built with Meta Llama 3" in f.message for f in duties)
    assert model(lineage, model_id).governing_licences == ("apache-2.0", "llama3")


def test_llama3_chain_through_three_cards(lineage: LineageResult) -> None:
    """NousResearch/Hermes-2-Theta-Llama-3-8B: Apache-2.0 on Hermes-2-Pro (llama3) on a Llama 3 mirror.

    Both ancestors are cards of the corpus: the ungated mirror declares `other` with the name
    llama3, Hermes-2-Pro keeps llama3 and complies. Theta, a further merge/RLHF step, declares
    Apache-2.0 and so breaks the Llama 3 terms even though its immediate parent is a community
    model. The GGUF release of Hermes-2-Pro, also declared Apache-2.0, breaks them the same way.
    """
    assert errors(lineage, "NousResearch/Hermes-2-Pro-Llama-3-8B") == set()
    assert errors(lineage, "NousResearch/Hermes-2-Theta-Llama-3-8B") == {"RG301", "RG302"}
    assert errors(lineage, "NousResearch/Hermes-2-Pro-Llama-3-8B-GGUF") == {"RG301", "RG302"}
    theta = model(lineage, "NousResearch/Hermes-2-Theta-Llama-3-8B")
    assert theta.governing_licences == ("apache-2.0", "llama3")
    assert "weapons" in theta.inherited_restrictions


def test_two_hop_drift_is_caught_at_the_grandchild(lineage: LineageResult) -> None:
    """cabelo/Clinical-BR-LlaMA-2-7B-fp16-ov: CreativeML OpenRAIL-M on an Apache-2.0 Llama 2 child.

    Its parent pucpr-br/Clinical-BR-LlaMA-2-7B already relicensed Llama 2 as Apache-2.0 (its own
    RG301/RG302). The OpenVINO conversion cannot escape the Llama 2 terms by pointing at the
    Apache-labelled parent: Llama 2 still governs it, wants its own licence (RG302), and the RAIL
    licence lacks part of the Llama 2 use policy (RG301). The parent's Apache notices are info.
    """
    model_id = "cabelo/Clinical-BR-LlaMA-2-7B-fp16-ov"
    assert errors(lineage, "pucpr-br/Clinical-BR-LlaMA-2-7B") == {"RG301", "RG302"}
    assert errors(lineage, model_id) == {"RG301", "RG302"}
    assert {f.upstream for f in findings(lineage, model_id, "RG302")} == {"meta-llama/Llama-2-7b"}
    # the Apache parent's notices (an edge of its own), and Llama 2's copy of the agreement (1.b.i),
    # which reaches the grandchild with the rest of the Llama 2 terms
    notices = {f.licence: f.upstream for f in findings(lineage, model_id, "RG307")}
    assert notices["apache-2.0"] == "pucpr-br/Clinical-BR-LlaMA-2-7B"
    assert set(notices) == {"apache-2.0", "llama2"}
    assert model(lineage, model_id).governing_licences == ("creativeml-openrail-m", "llama2")


def test_wrong_llama_generation(lineage: LineageResult) -> None:
    """quarkymatter/Llama-2-7b-chat-PolicyPro: a Llama 2 chat fine-tune declared llama3.1.

    The Llama 3.1 licence is a different agreement, not one Llama 2 names as acceptable for
    derivatives, and it omits a restriction of the Llama 2 terms; the Llama 2 terms still apply.
    """
    assert errors(lineage, "quarkymatter/Llama-2-7b-chat-PolicyPro") == {"RG301", "RG302"}
    (dropped,) = findings(lineage, "quarkymatter/Llama-2-7b-chat-PolicyPro", "RG301")
    assert dropped.categories == ("train-other-models",)


@pytest.mark.parametrize(
    ("model_id", "declared", "base"),
    [
        ("baidu/HH-RLHF-Gemma-7B-MA-PPO-Fixed5", "mit", "google/gemma-7b"),
        ("arcee-ai/gemma-7b-slerp", "apache-2.0", "google/gemma-7b"),
        ("danilopeixoto/pandora-7b-chat", "bsd-3-clause", "google/gemma-7b"),
        ("OpenLLM-Ro/RoGemma-7b-Instruct", "cc-by-nc-4.0", "google/gemma-7b"),
        ("princeton-nlp/gemma-2-9b-it-SimPO", "mit", "google/gemma-2-9b"),
        ("vidore/colpali", "mit", "google/paligemma-3b-mix-448"),
    ],
)
def test_gemma_derivative_relicensed(lineage: LineageResult, model_id: str, declared: str, base: str) -> None:
    """Gemma / PaliGemma fine-tunes, merges and adapters declared MIT, Apache, BSD or CC BY-NC.

    The Gemma terms let a derivative carry its own licence but require that licence to include
    the Prohibited Use Policy restrictions (3.1) and pass them on. None of these licences does, so
    each is RG301, and only RG301: Gemma does not require derivatives to stay under Gemma, and a
    non-commercial declaration is merely narrower than Gemma's grant.
    """
    assert errors(lineage, model_id) == {"RG301"}
    (dropped,) = findings(lineage, model_id, "RG301")
    assert dropped.licence == declared
    assert dropped.upstream == base
    assert dropped.clause is not None
    assert "3.1(1)" in dropped.clause
    assert "PUP" in dropped.clause


def test_gemma_derivatives_that_keep_gemma_comply(lineage: LineageResult) -> None:
    """wandb/gemma-7b-zephyr-sft (other + gemma-terms-of-use) and bartowski/gemma-2-9b-it-GGUF (gemma).

    Both keep the Gemma terms, so the policy restrictions flow on with no conflict; the one duty
    left is Gemma's Notice file (3.1(4)), which lineage reports as lint does (RG306 here, RG413 in
    lint), and the copy of the Gemma terms every recipient must get (3.1(2), RG307).
    """
    for model_id in ("wandb/gemma-7b-zephyr-sft", "bartowski/gemma-2-9b-it-GGUF"):
        assert codes(lineage, model_id) == {"RG306", "RG307"}
        (copy,) = findings(lineage, model_id, "RG307")
        assert (copy.licence, copy.clause) == ("gemma", "3.1(2)")
        (notice,) = findings(lineage, model_id, "RG306")
        assert notice.clause == "3.1(4)"
        assert notice.licence == "gemma"
        assert model(lineage, model_id).governing_licences == ("gemma",)
        assert "surveillance" in model(lineage, model_id).inherited_restrictions


# --- DeepSeek, FLUX and non-commercial chains ------------------------------------------------------


def test_deepseek_derivatives(lineage: LineageResult) -> None:
    """AI-MO/NuminaMath-7B-TIR (Apache-2.0) and chatdb/natural-sql-7b (CC BY-SA 4.0) on DeepSeek bases.

    The DeepSeek licence is RAIL-shaped: its Attachment A restrictions must be passed on (4(a),
    5), but derivatives may use another licence. Apache drops them (RG301). CC BY-SA drops them
    too (RG301); that CC BY-SA forbids adding the restrictions DeepSeek imposes is the wrong choice
    of licence, which re-declaring fixes, not a conflict between ancestors (no RG303). Both bases
    are cards of the corpus declaring `other` named `deepseek`.
    """
    assert errors(lineage, "AI-MO/NuminaMath-7B-TIR") == {"RG301"}
    assert errors(lineage, "chatdb/natural-sql-7b") == {"RG301"}
    (dropped,) = findings(lineage, "AI-MO/NuminaMath-7B-TIR", "RG301")
    assert dropped.upstream == "deepseek-ai/deepseek-math-7b-base"
    assert model(lineage, "deepseek-ai/deepseek-math-7b-base").licence == "deepseek-license"


@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        ("nyanko7/flux-dev-de-distill", {"RG301", "RG302", "RG304"}),
        ("CultriX/flux-nsfw-highress", {"RG301", "RG302", "RG304"}),
        ("glif/how2draw", {"RG301", "RG302", "RG304"}),
        ("alvdansen/flux-koda", {"RG301", "RG302", "RG304"}),
    ],
)
def test_flux_dev_derivative_declared_commercial(lineage: LineageResult, model_id: str, expected: set[str]) -> None:
    """LoRAs and a de-distilled FLUX.1 [dev] declared MIT, Apache-2.0, CC0 or CreativeML OpenRAIL-M.

    FLUX.1 [dev] is non-commercial (2(b), 4(a)(i)) and its recipients take their rights from
    Black Forest Labs under that licence (3(a)), so a derivative must stay under it (RG302), its
    use restrictions bind the derivative's recipients (4(a): military, surveillance, ...; RG301 for a
    licence without them) and it may not be offered under terms permitting commercial use (RG304).
    That the RAIL licence adds use terms FLUX 3(d) forbids is the same wrong choice of licence, not RG303.
    """
    assert errors(lineage, model_id) == expected
    (nc,) = findings(lineage, model_id, "RG304")
    assert nc.upstream == "black-forest-labs/FLUX.1-dev"
    assert model(lineage, model_id).commercial is False
    assert "non-commercial" in model(lineage, model_id).inherited_restrictions


def test_flux_dev_derivatives_that_keep_the_licence_comply(lineage: LineageResult) -> None:
    """city96/FLUX.1-dev-gguf and Shakker-Labs/FLUX.1-dev-LoRA-Logo-Design keep the FLUX [dev] licence."""
    for model_id in ("city96/FLUX.1-dev-gguf", "Shakker-Labs/FLUX.1-dev-LoRA-Logo-Design"):
        assert errors(lineage, model_id) == set()
        assert model(lineage, model_id).commercial is False


def test_quantization_that_drops_a_non_commercial_licence(lineage: LineageResult) -> None:
    """TheBloke/SOLAR-10.7B-Instruct-v1.0-GGUF: Apache-2.0 on upstage/SOLAR-10.7B-Instruct-v1.0 (CC BY-NC 4.0).

    A quantization is an adaptation of the instruct model; the NC licence covers it and forbids
    commercial use, so a label permitting commercial use misstates the rights (RG304). The
    instruct model itself, narrower than its Apache base, is fine (only the base's notices).
    """
    model_id = "TheBloke/SOLAR-10.7B-Instruct-v1.0-GGUF"
    # the NC licence's attribution (3(a)) goes with the adaptation too: an info beside the error
    assert codes(lineage, model_id) == {"RG304", "RG307"}
    (nc,) = findings(lineage, model_id, "RG304")
    assert nc.upstream == "upstage/SOLAR-10.7B-Instruct-v1.0"
    assert nc.clause == "2(a)(1)"
    gguf = model(lineage, model_id)
    assert gguf.commercial is False
    assert gguf.governing_licences == ("apache-2.0", "cc-by-nc-4.0")
    assert codes(lineage, "upstage/SOLAR-10.7B-Instruct-v1.0") == {"RG307"}


def test_research_licence_base_relicensed_mit(lineage: LineageResult) -> None:
    """numind/NuExtract-tiny: MIT on Qwen/Qwen1.5-0.5B, whose card names the Tongyi Qianwen research licence.

    The research licence permits no commercial use of the model or its derivatives, so MIT is
    RG304; it also asks derivatives to show "Built with Qwen" (a warning).
    """
    assert errors(lineage, "numind/NuExtract-tiny") == {"RG304"}
    assert any("Built with Qwen" in f.message for f in findings(lineage, "numind/NuExtract-tiny", "RG306"))
    assert model(lineage, "numind/NuExtract-tiny").commercial is False


def test_narrowing_a_permissive_base_is_allowed(lineage: LineageResult) -> None:
    """Quantizations and fine-tunes that declare a narrower licence than their permissive base.

    TheBloke/Starling-LM-7B-alpha-GGUF (CC BY-NC on a base now Apache-2.0), TheBloke/Yi-34B-GGUF
    (the old Yi licence on a base now Apache-2.0), mlx-community/phi-2 (the old Microsoft research
    licence on a base now MIT) and Isotonic/mdeberta-v3-base_finetuned_ai4privacy_v2 (CC BY-NC on
    MIT) are stale or stricter, never in breach: permissive licences let derivatives add terms, and
    only their notice duties remain (RG307).
    """
    for model_id in (
        "TheBloke/Starling-LM-7B-alpha-GGUF",
        "TheBloke/Yi-34B-GGUF",
        "mlx-community/phi-2",
        "Isotonic/mdeberta-v3-base_finetuned_ai4privacy_v2",
    ):
        assert codes(lineage, model_id) == {"RG307"}, model_id
        assert model(lineage, model_id).commercial is False


# --- merges ---------------------------------------------------------------------------------------


def test_flux_merge_inherits_from_both_parents(lineage: LineageResult) -> None:
    """sayakpaul/FLUX.1-merged: FLUX.1 [dev] (non-commercial) merged with FLUX.1 [schnell] (Apache-2.0).

    The merge keeps the [dev] licence, which it must, and owes the [schnell] Apache notices. The
    non-commercial terms of [dev] govern the whole merge, so it is not commercially usable even
    though one parent is.
    """
    merged = model(lineage, "sayakpaul/FLUX.1-merged")
    assert merged.relation == "merge"
    assert merged.base_models == ("black-forest-labs/FLUX.1-dev", "black-forest-labs/FLUX.1-schnell")
    assert merged.governing_licences == ("flux-1-dev-non-commercial-license",)
    assert merged.inherited_restrictions == tuple(
        sorted({r.category for r in load_catalogue().get("flux-1-dev-non-commercial-license").restrictions})
    )
    assert "non-commercial" in merged.inherited_restrictions
    assert merged.commercial is False
    assert codes(lineage, "sayakpaul/FLUX.1-merged") == {"RG307"}
    # one notice duty per parent: Apache-2.0's and the FLUX [dev] licence's own
    notices = findings(lineage, "sayakpaul/FLUX.1-merged", "RG307")
    assert {(f.upstream, f.licence) for f in notices} == {
        ("black-forest-labs/FLUX.1-schnell", "apache-2.0"),
        ("black-forest-labs/FLUX.1-dev", "flux-1-dev-non-commercial-license"),
    }


def test_four_way_llama_2_merge_complies(lineage: LineageResult) -> None:
    """abacusai/TheProfessor-155b: a llama2 merge of four Llama 2 70B derivatives (all well known).

    Every parent is under the Llama 2 licence and the merge keeps it, so there is no error; the
    user-count threshold is still a warning, and the copy of the Agreement (1.b.i) an info, owed once
    for the licence that governs the merge, not once per parent.
    """
    professor = model(lineage, "abacusai/TheProfessor-155b")
    assert len(professor.base_models) == 4
    assert professor.governing_licences == ("llama2",)
    assert "weapons" in professor.inherited_restrictions
    assert codes(lineage, "abacusai/TheProfessor-155b") == {"RG306", "RG307"}
    copies = findings(lineage, "abacusai/TheProfessor-155b", "RG307")
    assert [(f.licence, f.clause) for f in copies] == [("llama2", "1.b.i")]


def test_permissive_merges(lineage: LineageResult) -> None:
    """OpenPipe/mistral-ft-optimized-1227 (Apache-2.0, four Apache parents) and
    AuriAetherwiing/MN-12B-Starcannon-v2 (CC BY-NC-ND on two Apache-2.0 parents).

    Apache-2.0 parents bind nothing downstream but their notices, one RG307 per parent; a merge
    may even be released under a narrower non-commercial licence.
    """
    openpipe = findings(lineage, "OpenPipe/mistral-ft-optimized-1227")
    assert {f.code for f in openpipe} == {"RG307"}
    assert len(openpipe) == 4
    assert model(lineage, "OpenPipe/mistral-ft-optimized-1227").governing_licences == ("apache-2.0",)
    assert codes(lineage, "AuriAetherwiing/MN-12B-Starcannon-v2") == {"RG307"}
    assert model(lineage, "AuriAetherwiing/MN-12B-Starcannon-v2").commercial is False


def test_frankenmerge_with_a_non_commercial_parent_and_no_licence_of_its_own(lineage: LineageResult) -> None:
    """wolfram/miquliz-120b-v2.0: `license: other` with no name, merging miqu-1-70b-sf and lzlv_70b.

    railguard cannot check a licence it cannot name (RG308), but it still knows what binds the
    merge: lzlv_70b is CC BY-NC 2.0 (well known), so the merge is non-commercial whatever its
    card says. The leaked miqu parent has no licence field at all (RG308 on it).
    """
    assert codes(lineage, "wolfram/miquliz-120b-v2.0") == {"RG307", "RG308"}
    (credit,) = findings(lineage, "wolfram/miquliz-120b-v2.0", "RG307")
    assert credit.licence == "cc-by-nc-2.0"
    miquliz = model(lineage, "wolfram/miquliz-120b-v2.0")
    assert miquliz.governing_licences == ("cc-by-nc-2.0",)
    assert miquliz.inherited_restrictions == ("non-commercial",)
    assert miquliz.commercial is False
    assert codes(lineage, "152334H/miqu-1-70b-sf") == {"RG308"}


# --- what railguard cannot conclude ---------------------------------------------------------------


def test_luna_sibling_quantizations(lineage: LineageResult, cards: list[Card]) -> None:
    """TheBloke's GGUF (CC BY-SA 4.0) and GGML (llama2) quantizations of Tap-M/Luna-AI-Llama2-Uncensored.

    Tap-M's card declares CC BY-SA 4.0 and has no `base_model` although the model is a Llama 2
    chat fine-tune. From the front matter alone railguard can only check each quantization
    against CC BY-SA: the GGUF copies that licence and passes; the GGML declares llama2, which the
    share-alike clause of its declared parent does not accept (RG302). It cannot see that the root
    of the trouble is Tap-M's own relicensing of Llama 2.

    Given the base the card's text names, the picture a lawyer would paint appears: Tap-M breaks
    the Llama 2 terms (RG301, RG302), the GGUF inherits both licences and breaks Llama 2 in turn,
    and the GGML, although correctly labelled llama2, is caught between Tap-M's BY-SA and Meta's
    terms, both imposed by its ancestors (RG303). Neither sibling can be distributed cleanly.
    """
    gguf, ggml, tap = (
        "TheBloke/Luna-AI-Llama2-Uncensored-GGUF",
        "TheBloke/Luna-AI-Llama2-Uncensored-GGML",
        "Tap-M/Luna-AI-Llama2-Uncensored",
    )
    assert model(lineage, tap).base_models == ()
    assert codes(lineage, tap) == set()
    assert codes(lineage, gguf) == {"RG307"}  # BY-SA's attribution (3(a)) goes with the adaptation
    assert model(lineage, gguf).governing_licences == ("cc-by-sa-4.0",)
    assert errors(lineage, ggml) == {"RG302"}
    (share_alike,) = findings(lineage, ggml, "RG302")
    assert share_alike.upstream == tap
    assert share_alike.clause == "3(b)(1)"

    fixed = [
        replace(e, base_models=("meta-llama/Llama-2-7b-chat-hf",)) if e.id == tap else e for e in entries_of(cards)
    ]
    known = check(fixed)
    assert errors(known, tap) == {"RG301", "RG302"}
    assert errors(known, gguf) == {"RG301", "RG302", "RG303"}
    assert errors(known, ggml) == {"RG302", "RG303"}
    for model_id in (gguf, ggml):
        assert model(known, model_id).governing_licences == ("cc-by-sa-4.0", "llama2")


def test_dangling_bases_are_warnings(lineage: LineageResult) -> None:
    """KoboldAI/LLaMA2-13B-Estopia and ThisIs-Developer/Llama-2-GGML-Medical-Chatbot name bases
    that are neither cards of the corpus nor well known (TheBloke re-uploads of Llama 2).

    Their Llama 2 ancestry is visible only in the names; railguard says the parent's licence is
    unknown (RG309) rather than guess.
    """
    for model_id, base in (
        ("KoboldAI/LLaMA2-13B-Estopia", "TheBloke/Llama-2-13B-fp16"),
        ("ThisIs-Developer/Llama-2-GGML-Medical-Chatbot", "TheBloke/Llama-2-7B-Chat-GGML"),
    ):
        assert codes(lineage, model_id) == {"RG309"}
        (dangling,) = findings(lineage, model_id, "RG309")
        assert dangling.upstream == base


def test_cards_without_a_licence(lineage: LineageResult) -> None:
    """Cards whose front matter names no usable licence: RG308, a warning, never a crash.

    152334H/miqu-1-70b-sf has no `license` field; internlm/internlm2_5-7b-chat says only `other`.
    Each model's commercial status is then unknown. Meta's own Llama-2-7b-hf card (as stored in one
    crawl) has no `license` either, but the table of well-known models knows it: its `llama2`
    entry is used and the missing licence reported (RG320).
    """
    for model_id in ("152334H/miqu-1-70b-sf", "internlm/internlm2_5-7b-chat"):
        (missing,) = findings(lineage, model_id, "RG308")
        assert missing.severity.value == "warning"
        assert model(lineage, model_id).commercial is None
    (fallback,) = findings(lineage, "meta-llama/Llama-2-7b-hf", "RG320")
    assert fallback.licence == "llama2"
    assert model(lineage, "meta-llama/Llama-2-7b-hf").licence == "llama2"
    assert not findings(lineage, "meta-llama/Llama-2-7b-hf", "RG308")


def test_stability_community_licence_is_unsettled_not_an_error(lineage: LineageResult) -> None:
    """jasperai/flash-sd3 (CC BY-NC) and OPPOer/MultilingualSD3-adapter (Apache-2.0) on SD3 Medium.

    The Stability AI Community licence restricts some uses but does not say that derivatives must
    carry those restrictions, so dropping them is a warning (RG312) rather than a conflict; the
    notices must be kept (RG307) and the revenue threshold and "Powered by" notice remain (RG306).
    rain1011/pyramid-flow-sd3 keeps the licence and has no RG312.
    """
    for model_id in ("jasperai/flash-sd3", "OPPOer/MultilingualSD3-adapter"):
        assert codes(lineage, model_id) == {"RG306", "RG307", "RG312"}
        (unsettled,) = findings(lineage, model_id, "RG312")
        assert unsettled.severity.value == "warning"
        assert unsettled.clause == "IV(b)"
    assert codes(lineage, "rain1011/pyramid-flow-sd3") == {"RG306", "RG307"}


@pytest.mark.parametrize(
    ("model_id", "notice", "threshold", "clauses"),
    [
        ("Qwen/Qwen2.5-72B-Instruct", "Built with Qwen", "monthly active users 100,000,000", {"3(c)", "4", "5(b)"}),
        ("rain1011/pyramid-flow-sd3", "Powered by Stability AI", "annual revenue", {"III", "IV(a)(ii)", "IV(a)(iii)"}),
    ],
)
def test_notice_and_scale_duties_of_vendor_licences_reach_derivatives(
    lineage: LineageResult, cards: list[Card], model_id: str, notice: str, threshold: str, clauses: set[str]
) -> None:
    """Qwen2.5-72B-Instruct (Qwen licence, on Qwen2.5-72B) and pyramid-flow-sd3 (Stability AI
    Community licence, on SD3 Medium) keep their base's licence, so there is no conflict.

    Both licences nevertheless attach duties to derived models that no licence id can show: the
    Qwen licence wants "Built with Qwen" on models built from it and a separate licence above
    100 million monthly users; the Stability licence wants "Powered by Stability AI" and a
    separate licence above USD 1 million annual revenue. A lawyer would list them; they are
    warnings with the clause (RG306), as for Llama. (railguard used to drop them because these
    licences leave open whether their use restrictions bind derivatives; these duties do not.)
    """
    result = lineage
    if model_id.startswith("Qwen/"):
        # Qwen's own release is the licensor's: it owes itself none of its licensees' duties. The
        # same card published by anyone else owes them all.
        assert "RG306" not in {f.code for f in findings(lineage, model_id)}
        (card,) = [c for c in cards if c.model_id == model_id and c.entry is not None]
        assert card.entry is not None
        model_id = "acme/" + model_id.split("/", 1)[1]
        result = check([replace(card.entry, id=model_id)])
    assert errors(result, model_id) == set()
    duties = findings(result, model_id, "RG306")
    assert {f.clause for f in duties} == clauses
    assert any(notice in f.message for f in duties)
    assert any(threshold in f.message for f in duties)
    assert all(f.severity.value == "warning" for f in duties)


def test_unknown_licence_upstream_leaves_commercial_use_unknown(lineage: LineageResult) -> None:
    """Models whose ancestry includes a licence railguard cannot read, or a base it cannot find.

    ShinojiResearch/Senku-70B-Full declares CC0 on the leaked miqu-1-70b-sf, which grants nothing;
    OpenGVLab/InternVL2-8B (MIT) merges in internlm2_5-7b-chat, whose card says only `other`;
    ThisIs-Developer/Llama-2-GGML-Medical-Chatbot (MIT) and HuggingFaceH4/zephyr-7b-gemma-v0.1
    (Gemma) name bases that are nowhere in the input. Their own licences permit commercial use, but
    no lawyer would say the models may be used commercially while a parent's terms are unknown:
    `commercial` is null, not true. (railguard used to report true.) A model already known to be
    non-commercial stays false: KoboldAI/LLaMA2-13B-Estopia declares CC BY-NC itself.
    """
    for model_id in (
        "ShinojiResearch/Senku-70B-Full",
        "OpenGVLab/InternVL2-8B",
        "ThisIs-Developer/Llama-2-GGML-Medical-Chatbot",
        "HuggingFaceH4/zephyr-7b-gemma-v0.1",
    ):
        assert model(lineage, model_id).commercial is None, model_id
    # the unknown parent is said out loud on the child too (RG319), naming it
    (blocked,) = findings(lineage, "ShinojiResearch/Senku-70B-Full", "RG319")
    assert blocked.upstream == "152334H/miqu-1-70b-sf"
    assert codes(lineage, "ShinojiResearch/Senku-70B-Full") == {"RG319"}
    assert codes(lineage, "152334H/miqu-1-70b-sf") == {"RG308"}
    assert model(lineage, "KoboldAI/LLaMA2-13B-Estopia").commercial is False
    # a parent with a readable permissive licence leaves the child's grant intact
    assert model(lineage, "openai/whisper-large-v3-turbo").commercial is True


# --- compliant chains -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model_id",
    [
        "QuantFactory/Meta-Llama-3-8B-GGUF",
        "Groq/Llama-3-Groq-8B-Tool-Use",
        "unsloth/Meta-Llama-3.1-70B-Instruct-bnb-4bit",
        "neuralmagic/Meta-Llama-3.1-8B-Instruct-quantized.w4a16",
        "unsloth/Llama-3.2-3B-Instruct",
        "latent-consistency/lcm-lora-sdxl",
        "pcuenq/pokemon-lora",
        "mradermacher/bloom-GGUF",
        "bigcode/starcoder2-15b-instruct-v0.1",
        "TheBloke/deepseek-coder-33B-instruct-GGUF",
        "deepseek-ai/DeepSeek-Coder-V2-Instruct",
    ],
)
def test_derivatives_that_keep_their_base_licence_comply(lineage: LineageResult, model_id: str) -> None:
    """Quantizations, mirrors, LoRAs and fine-tunes declaring the licence of their base.

    Keeping a vendor or RAIL licence satisfies its flow-down and same-licence duties, so there is
    no error; only duties no licence id can show (names, notices, thresholds) remain as warnings,
    and the copy of the base's licence that must go with the model (info).
    """
    assert errors(lineage, model_id) == set()
    assert codes(lineage, model_id) <= {"RG306", "RG307"}
    assert len(model(lineage, model_id).governing_licences) == 1


# --- the CLI over the whole corpus ----------------------------------------------------------------


def test_cli_over_every_real_card(capsys: pytest.CaptureFixture[str], tmp_path: Path, cards: list[Card]) -> None:
    """All 147 cards laid out as <org>/<name>/README.md: real conflicts (exit 1), valid JSON, no card lost."""
    for card in cards:
        target = tmp_path / card.model_id / "README.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(card.file, target)
    ids = {c.model_id for c in cards}

    code = main(["lineage", str(tmp_path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in err
    data = as_version_1(json.loads(out))
    assert data["schema_version"] == 2

    read = {m["id"] for m in data["models"] if not m["known_model"]}
    broken = {
        "/".join(Path(f["file"]).relative_to(tmp_path).parts[:2]) for f in data["findings"] if f["code"] == "RG313"
    }
    assert read | broken == ids
    assert not read & broken
    assert {m["id"] for m in data["models"] if m["known_model"]}.isdisjoint(ids)

    conflicts = {(f["model"], f["code"]) for f in data["findings"] if f["severity"] == "error"}
    assert ("ruslanmv/Medical-Llama3-8B", "RG301") in conflicts
    assert ("ruslanmv/Medical-Llama3-8B", "RG302") in conflicts
    assert ("h1t/TCD-SDXL-LoRA", "RG301") in conflicts
    assert ("TheBloke/SOLAR-10.7B-Instruct-v1.0-GGUF", "RG304") in conflicts
    assert all(f["model"] for f in data["findings"] if f["code"] != "RG313")
