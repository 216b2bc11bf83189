"""RG328: adapted material under a no-derivatives licence may not be shared, whatever the derivative declares."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lineage.checks import check_edge
from railguard.lineage.engine import check_lineage
from railguard.lineage.model import ModelEntry
from railguard.model import ObligationKind

ND = [lic.id for lic in load_catalogue() if lic.has(ObligationKind.NO_DERIVATIVES)]
OTHERS = [lic.id for lic in load_catalogue() if not lic.has(ObligationKind.NO_DERIVATIVES)]


def test_the_catalogue_has_no_derivatives_licences() -> None:
    assert {"cc-by-nd-4.0", "cc-by-nc-nd-4.0"} <= set(ND)


@pytest.mark.parametrize("derivative", ["mit", "cc-by-nd-4.0", "cc-by-nc-nd-4.0", "cc-by-4.0"])
def test_compat_refuses_every_derivative_of_nd_material(capsys: pytest.CaptureFixture[str], derivative: str) -> None:
    assert main(["compat", "cc-by-nd-4.0", derivative]) == 1
    assert "RG328 [error]" in capsys.readouterr().out


def test_a_licence_that_allows_adaptations_is_not_rg328() -> None:
    codes = {f.code for f in check_edge(load_catalogue().get("cc-by-4.0"), load_catalogue().get("mit"))}
    assert "RG328" not in codes


@settings(max_examples=40)
@given(st.sampled_from(ND), st.sampled_from(ND + OTHERS))
def test_nothing_the_derivative_declares_cures_it(upstream: str, derivative: str) -> None:
    catalogue = load_catalogue()
    (finding,) = [f for f in check_edge(catalogue.get(upstream), catalogue.get(derivative)) if f.code == "RG328"]
    assert finding.severity.value == "error"
    assert finding.clause


def test_every_generation_below_nd_material_is_reported() -> None:
    entries = [
        ModelEntry("lab/base", "cc-by-nd-4.0"),
        ModelEntry("a/lora", "cc-by-nd-4.0", ("lab/base",), "adapter", "m.yaml", 4),
        ModelEntry("b/gguf", "mit", ("a/lora",), "quantized", "m.yaml", 7),
        ModelEntry("c/other", "mit", ("x/free",), "finetune", "m.yaml", 10),
        ModelEntry("x/free", "cc-by-4.0"),
    ]
    result = check_lineage(entries, load_catalogue())
    rg328 = {(f.model, f.upstream) for f in result.findings if f.code == "RG328"}
    assert rg328 == {("a/lora", "lab/base"), ("b/gguf", "lab/base")}
    assert all(f.line is not None for f in result.findings if f.code == "RG328")
