"""Every lint rule with a card that passes and a card that fails, checked by (code, line, col)."""

from __future__ import annotations

import pytest

from railguard.rules import RULES
from tests.lint.conftest import Repo, codes, where

LLAMA_BASE = "meta-llama/Llama-3.1-8B-Instruct"
LLAMA_NOTICE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved."
)

#: (code, model id, passing card, failing card, (line, col) of the finding in the failing card)
CASES = [
    ("RG401", "acme/m", "---\nlicense: mit\n---\n# A model\n", "# M\n## Model Details\n## Training Data\n", (1, 1)),
    ("RG402", "acme/m", "---\nlicense: [mit]\n---\n", "---\nlanguage: en\nlicense: mit: apache\n---\n", (3, 13)),
    ("RG403", "acme/m", "---\nlicense: mit\n---\n", "---\n- license: mit\n---\n", (2, 1)),
    ("RG404", "acme/m", "---\nlicense: mit\n---\n", "---\nlanguage: en\n---\n# M\n", (1, 1)),
    ("RG405", "acme/m", "---\nlicense: apache-2.0\n---\n", "---\nlicense: Apache-2.0\n---\n", (2, 10)),
    (
        "RG406",
        "acme/m",
        "---\nlicense: other\nlicense_name: qwen\nlicense_link: https://example.org/licence\n---\n",
        "---\nlicense: other\nlicense_link: https://example.org/licence\n---\n",
        (2, 10),
    ),
    (
        "RG407",
        "acme/m",
        "---\nlicense: other\nlicense_name: qwen\nlicense_link: https://example.org/licence\n---\n",
        "---\nlicense: other\nlicense_name: qwen\n---\n",
        (2, 10),
    ),
    ("RG408", "acme/m", "---\nlicense: mit\n---\n", "---\nlicense: mit\nlicense_link: LICENSE.md\n---\n", (3, 15)),
    (
        "RG409",
        "acme/m",
        "---\nlicense: mit\nbase_model: org/base\nbase_model_relation: finetune\n---\n",
        "---\nlicense: mit\nbase_model: org/base\nbase_model_relation: fine-tune\n---\n",
        (4, 22),
    ),
    (
        "RG410",
        "acme/m",
        "---\nlicense: mit\nbase_model: [org/base, org/other]\n---\n",
        "---\nlicense: mit\nbase_model: https://huggingface.co/org/base\n---\n",
        (3, 13),
    ),
    (
        "RG411",
        "acme/sd-pixel",
        "---\nlicense: creativeml-openrail-m\n---\n# Pixel art\n\n## License\n\nCreativeML OpenRAIL-M.\n",
        "---\nlicense: creativeml-openrail-m\n---\n# Pixel art\n\nA fine-tune for pixel art.\n",
        (2, 10),
    ),
    (
        "RG412",
        "acme/chat-8b",
        None,  # the same card under a Llama-prefixed name: see test_naming_prefix_passes
        f"---\nlicense: llama3.1\nbase_model: {LLAMA_BASE}\n---\n# Chat\n\nBuilt with Llama. {LLAMA_NOTICE}\n"
        "\n## License\n\nLlama 3.1 Community License.\n",
        (3, 13),
    ),
    (
        "RG413",
        "acme/Llama-3.1-chat-8b",
        f"---\nlicense: llama3.1\nbase_model: {LLAMA_BASE}\n---\n# Chat\n\nBuilt with Llama. {LLAMA_NOTICE}\n",
        f"---\nlicense: llama3.1\nbase_model: {LLAMA_BASE}\n---\n# Chat\n\n{LLAMA_NOTICE}\n",
        (3, 13),
    ),
    (
        "RG414",
        "acme/m",
        "---\nlicense: llama3.1\n---\n# M\n\nThe weights are openly available under the Llama 3.1 licence.\n",
        "---\nlicense: llama3.1\n---\n# M\n\nSee the licence.\n\nThis model is fully open source.\n",
        (8, 1),
    ),
    (
        "RG415",
        "acme/m",
        "---\nlicense: llama2\n---\n# M\n\n## License\n\nLlama 2 Community License Agreement.\n",
        "---\nlicense: llama2\n---\n# M\n\n## License\n\nThis model is released under the MIT License.\n",
        (6, 1),
    ),
    (
        "RG416",
        "acme/support-bot",
        "---\nlicense: llama2\nbase_model: meta-llama/Llama-2-13b-hf\n---\n# Bot\n\nFine-tuned from Llama 2 13B.\n",
        "---\nlicense: mit\n---\n# Bot\n\nA chat model. It was fine-tuned from Llama 2 13B.\n",
        (6, 22),
    ),
    (
        "RG001",
        "acme/m",
        "---\nlicense: Apache-2.0\n---\n<!-- railguard: ignore RG405 -->\n",
        "---\nlicense: apache-2.0\n---\n# M\n<!-- railguard: ignore RG405 -->\n",
        (5, 1),
    ),
]


def test_every_lint_code_has_a_case() -> None:
    lint_codes = {c for c in RULES if c.startswith("RG4")} | {"RG001"}
    assert lint_codes == {case[0] for case in CASES}


@pytest.mark.parametrize(("code", "model", "good", "bad", "position"), CASES, ids=[c[0] for c in CASES])
def test_failing_card(repo: Repo, code: str, model: str, good: str | None, bad: str, position: tuple[int, int]) -> None:
    del good
    assert where(repo.findings(bad, model), code) == [position]


@pytest.mark.parametrize(("code", "model", "good", "bad", "position"), CASES, ids=[c[0] for c in CASES])
def test_passing_card(repo: Repo, code: str, model: str, good: str | None, bad: str, position: tuple[int, int]) -> None:
    del bad, position
    if good is None:
        pytest.skip("covered by a dedicated test")
    assert code not in codes(repo.findings(good, model))


def test_naming_prefix_passes(repo: Repo) -> None:
    card = CASES[11][3]
    assert "RG412" not in codes(repo.findings(card, "acme/Llama-3.1-chat-8b"))
    # a quantization that keeps its base model's own name carries the name the licensor chose
    assert "RG412" not in codes(repo.findings(card, "acme/Llama-3.1-8B-Instruct-GGUF"))
    # the licensor's own form of the name (`forms` in the catalogue) carries the required one
    assert "RG412" not in codes(repo.findings(card, "acme/Meta-Llama-chat-8b"))
    assert "RG412" in codes(repo.findings(card, "acme/Metal-chat-8b"))


def test_relicensed_llama_fine_tune_is_an_error_with_clause_and_remedy(repo: Repo) -> None:
    card = f"---\nlicense: apache-2.0\nbase_model: {LLAMA_BASE}\n---\n# Support bot\n"
    findings = repo.findings(card, "acme/support-bot")
    conflicts = {f.code: f for f in findings if f.code in ("RG301", "RG302")}
    assert set(conflicts) == {"RG301", "RG302"}
    for finding in conflicts.values():
        assert (finding.line, finding.col) == (2, 10)
        assert finding.severity.value == "error"
        assert finding.clause
        assert finding.hint
        assert "llama3.1" in finding.message


def test_licence_file_link_present_passes(repo: Repo) -> None:
    repo.file("acme/model/LICENSE.md", "terms")
    assert "RG408" not in codes(repo.findings("---\nlicense: mit\nlicense_link: LICENSE.md\n---\n"))


def test_sibling_card_in_the_same_repository_is_the_base(repo: Repo) -> None:
    repo.card("acme/base", "---\nlicense: creativeml-openrail-m\n---\n# Base\n\n## License\n\nRAIL\n")
    child = repo.card("acme/child", "---\nlicense: mit\nbase_model: acme/base\n---\n# Child\n")
    report = repo.lint(child)
    assert where(list(report.findings), "RG301") == [(2, 10)]


def test_sibling_card_in_the_same_run_is_the_base(repo: Repo) -> None:
    base = repo.file("cards/base.md", "---\nlicense: cc-by-nc-4.0\nmodel-index:\n- name: nc-base\n---\n")
    child = repo.file("cards/child.md", "---\nlicense: apache-2.0\nbase_model: nc-base\n---\n")
    report = repo.lint(base, child)
    assert "RG304" in codes([f for f in report.findings if f.file == str(child)])


def test_hub_id_suggestions(repo: Repo) -> None:
    findings = repo.findings("---\nlicense: llama-2\n---\n")
    assert [f.licence for f in findings if f.code == "RG405"] == ["llama2"]
    findings = repo.findings("---\nlicense: deepseek\n---\n")
    (finding,) = [f for f in findings if f.code == "RG405"]
    assert "license: other" in (finding.hint or "")
    assert "deepseek-license" in (finding.hint or "")


def test_unknown_licence_and_family_ids(repo: Repo) -> None:
    assert where(repo.findings("---\nlicense: my-own-terms\n---\n"), "RG405") == [(2, 10)]
    assert where(repo.findings("---\nlicense: openrail\n---\n## License\n\nOpenRAIL\n"), "RG311") == [(2, 10)]


def test_local_path_and_odd_base_models(repo: Repo) -> None:
    findings = repo.findings("---\nlicense: mit\nbase_model: ./checkpoints/run-3\n---\n")
    assert where(findings, "RG410") == [(3, 13)]
    findings = repo.findings("---\nlicense: mit\nbase_model: [org/a, 42]\n---\n")
    assert len(where(findings, "RG410")) == 1


def test_gemma_notice_from_a_notice_file(repo: Repo) -> None:
    card = "---\nlicense: gemma\nbase_model: google/gemma-2-9b\n---\n# M\n\n## Terms\n\nGemma Terms of Use\n"
    assert "RG413" in codes(repo.findings(card))
    repo.file(
        "acme/model/NOTICE",
        "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms\n",
    )
    assert "RG413" not in codes(repo.findings(card))


def test_open_source_said_of_another_model_is_not_a_claim(repo: Repo) -> None:
    card = "---\nlicense: llama3.1\n---\n# M\n\n## License\n\nLlama 3.1\n\n* OtherNet: an open-source image model.\n"
    assert "RG414" not in codes(repo.findings(card))


def test_licence_section_pointing_at_the_model_licence_agrees(repo: Repo) -> None:
    card = (
        "---\nlicense: other\nlicense_name: deepseek\nlicense_link: LICENSE-MODEL\n---\n# M\n\n## License\n\n"
        "The code is under the MIT License; use of the model is subject to the Model License.\n"
    )
    repo.file("acme/model/LICENSE-MODEL", "terms")
    assert "RG415" not in codes(repo.findings(card))


def test_gated_repository_passes_terms_on(repo: Repo) -> None:
    card = "---\nlicense: gemma\nextra_gated_prompt: Accept Google's usage licence to access Gemma.\n---\n# M\n"
    assert "RG411" not in codes(repo.findings(card))


def test_licensor_deriving_its_own_model_owes_itself_nothing(repo: Repo) -> None:
    card = "---\nlicense: qwen\nbase_model: Qwen/Qwen2.5-72B\n---\n# Chat\n\n## License\n\nQwen licence\n"
    assert not {"RG301", "RG302", "RG412", "RG413"} & codes(repo.findings(card, "Qwen/Qwen2.5-72B-Chat"))
    assert "RG413" in codes(repo.findings(card, "acme/Qwen2.5-72B-Chat"))


def test_the_licensor_is_read_from_the_catalogues_table(repo: Repo) -> None:
    # Llama 4's title and URL do not name `meta-llama`; the table of licensors does.
    card = "---\nlicense: other\nlicense_name: llama4\nbase_model: meta-llama/Llama-4-Scout-17B-16E\n---\n# M\n"
    assert "RG413" not in codes(repo.findings(card, "meta-llama/Example-4-Instruct"))
    assert "RG413" in codes(repo.findings(card, "acme/Example-4-Instruct"))


def test_a_copy_in_the_same_organisation_is_not_the_licensor(repo: Repo) -> None:
    card = "---\nlicense: apache-2.0\nbase_model: NousResearch/Meta-Llama-3-8B\n---\n# Hermes\n"
    assert {"RG301", "RG302"} <= codes(repo.findings(card, "NousResearch/Hermes-test-8B"))


@pytest.mark.parametrize(
    "prose",
    [
        "It outperforms Llama 2 on every benchmark.",
        "It was trained on Llama 2 outputs that we filtered.",
        "It was trained on Llama-2-generated conversations.",
        "- OtherLab-Distill-Llama-8B is derived from Llama 3.1 8B and keeps its licence.",
        "Built on the ideas of Llama 2.5, a model that does not exist.",
        "```\nfine-tuned from Llama 2\n```",
    ],
)
def test_base_model_in_prose_needs_a_derivation_of_this_model(repo: Repo, prose: str) -> None:
    card = f"---\nlicense: mit\n---\n# Bot\n\n{prose}\n"
    assert "RG416" not in codes(repo.findings(card, "acme/bot"))


@pytest.mark.parametrize(
    ("prose", "licence"),
    [
        ("This was trained on Llama-2 by Meta.", "llama2"),
        ("A LoRA adapter for SDXL, trained on our photos.", "openrail++"),
        ("Finetuned Stable Diffusion 1.5 for anime images.", "creativeml-openrail-m"),
        ("We fine-tuned meta-llama/Meta-Llama-3-8B on support tickets.", "llama3"),
        ("Built on top of Gemma 2 9B.", "gemma"),
        # the licensor's possessive (`licensor` in the families table) may stand before the name
        ("Fine-tuned from Meta's Llama 3 on support tickets.", "llama3"),
        ("Based on Stability AI\u2019s SDXL.", "openrail++"),
        ("A fine-tune of BigScience's BLOOMZ-7b1.", "bigscience-bloom-rail-1.0"),
    ],
)
def test_base_model_in_prose_names_the_family_licence_and_the_conflict(repo: Repo, prose: str, licence: str) -> None:
    card = f"---\nlicense: gpl-3.0\n---\n# Bot\n\n{prose}\n"
    (found,) = [f for f in repo.findings(card, "acme/bot") if f.code == "RG416"]
    assert found.licence == licence
    assert found.severity.value == "warning"
    assert f"the declared `gpl-3.0` conflicts with `{licence}` (" in found.message
    assert "base_model: " in (found.hint or "")


def test_base_model_in_prose_of_the_family_vendor_is_not_reported(repo: Repo) -> None:
    card = "---\nlicense: llama3.1\n---\n# Llama 3.1 8B Instruct\n\nFine-tuned from Llama 3.1 8B.\n"
    assert "RG416" not in codes(repo.findings(card, "meta-llama/Llama-3.1-8B-Instruct"))
