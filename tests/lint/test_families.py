"""The table of model families behind RG416 (licences/_families.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard import resources
from railguard.catalogue import load_catalogue
from railguard.errors import LicenceDataError
from railguard.lineage.known import known_models
from railguard.lint.families import families, family_rows


def test_every_licence_is_a_catalogue_id() -> None:
    catalogue = load_catalogue()
    for family in families():
        licence = catalogue.find(family.licence)
        assert licence is not None, f"{family.name}: unknown licence `{family.licence}`"
        assert licence.id == family.licence, f"{family.name}: write the catalogue id `{licence.id}`"


def test_every_example_is_a_well_known_model_of_the_family_licence() -> None:
    known = known_models()
    for family in families():
        entry = known.get(family.example.lower())
        assert entry is not None, f"{family.name}: example `{family.example}` is not in _models.yaml"
        assert entry.licence == family.licence, family.name


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Llama 2", "Llama 2"),
        ("Llama-2-13b", "Llama 2"),
        ("llama2.", "Llama 2"),
        ("Llama 3.", "Llama 3"),
        ("Meta-Llama-3-8B", "Llama 3"),
        ("Llama3.1-8B-Base", "Llama 3.1"),
        ("Llama 3.3 70B", "Llama 3.3"),
        ("CodeLlama-7b", "Code Llama"),
        ("Gemma 2 9B", "Gemma"),
        ("SD 1.5", "Stable Diffusion 1.x"),
        ("Stable Diffusion v2.1", "Stable Diffusion 2.x"),
        ("SDXL", "Stable Diffusion XL"),
        ("Gemma.", "Gemma"),
        ("SDXL.", "Stable Diffusion XL"),
        ("FLUX.1 [dev]", "FLUX.1 [dev]"),
        ("BLOOMZ-7b1", "BLOOM"),
        ("StarCoder2", "StarCoder"),
    ],
)
def test_a_name_matches_its_family_only(text: str, family: str) -> None:
    matched = [f.name for f in families() if f.pattern.match(text)]
    assert matched == [family]


@pytest.mark.parametrize(
    "text", ["Llama 2.5", "Llama 3.4", "Llama 31", "Gemmas", "SD 3", "Stable Diffusion 3.5", "FLUX.1 [schnell]"]
)
def test_other_generations_match_no_family(text: str) -> None:
    assert [f.name for f in families() if f.pattern.match(text)] == []


def test_a_malformed_table_is_refused_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "_families.yaml").write_text(
        "families:\n  - name: X\n    pattern: '(x'\n    licence: mit\n    example: a/b\n    licensor: [Acme]\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(resources, "data_path", lambda name: str(tmp_path))
    with pytest.raises(LicenceDataError) as info:
        family_rows()
    problems = info.value.problems
    assert any("_families.yaml:3: at families[0].pattern: not a regular expression" in p for p in problems), problems
    assert any("_families.yaml:6: at families[0].licensor" in p for p in problems), problems


def test_the_snapshot_rows_give_the_same_families() -> None:
    assert [(f.name, f.licence, f.example, f.licensor) for f in families()] == [
        (name, licence, example, licensor) for name, _, licence, example, licensor in family_rows()
    ]
