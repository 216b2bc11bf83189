"""Lineage verdicts on the chains railguard exists for, and the laws the engine must keep."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_edge, check_lineage
from railguard.lineage.model import ModelEntry
from railguard.model import ObligationKind

CATALOGUE = load_catalogue()


def codes(entries: list[ModelEntry], model: str | None = None) -> set[str]:
    result = check_lineage(entries, CATALOGUE)
    return {f.code for f in result.findings if model is None or f.model == model}


def edge(upstream: str, derivative: str) -> set[str]:
    return {f.code for f in check_edge(CATALOGUE.get(upstream), CATALOGUE.get(derivative))}


SD = ModelEntry("runwayml/stable-diffusion-v1-5", "creativeml-openrail-m")


def test_rail_fine_tune_released_as_mit_conflicts_with_the_clause() -> None:
    result = check_lineage([SD, ModelEntry("acme/anime", "mit", (SD.id,), "finetune")], CATALOGUE)
    (finding,) = [f for f in result.findings if f.code == "RG301"]
    assert finding.model == "acme/anime"
    assert finding.upstream == SD.id
    assert finding.licence == "mit"
    assert finding.clause is not None
    assert "Attachment A (j)" in finding.clause
    assert "4(a)" in finding.clause
    assert "`medical-advice`" in finding.message


def test_the_conflict_follows_the_chain_even_when_the_parent_complied() -> None:
    entries = [
        SD,
        ModelEntry("acme/anime", "creativeml-openrail-m", (SD.id,)),
        ModelEntry("acme/anime-pixel", "mit", ("acme/anime",)),
    ]
    assert "RG301" not in codes(entries, "acme/anime")
    assert "RG301" in codes(entries, "acme/anime-pixel")
    model = {m.id: m for m in check_lineage(entries, CATALOGUE).models}["acme/anime-pixel"]
    assert "minors" in model.inherited_restrictions
    assert model.governing_licences == ("creativeml-openrail-m", "mit")


def test_llama_fine_tune_relicensed_apache() -> None:
    assert {"RG301", "RG302"} <= edge("llama3.1", "apache-2.0")


def test_llama_duties_are_warnings_with_the_clause() -> None:
    base = ModelEntry("meta-llama/Llama-3.1-8B", "llama3.1")
    result = check_lineage([base, ModelEntry("acme/chat-8b", "llama3.1", (base.id,))], CATALOGUE)
    duties = [f for f in result.findings if f.code == "RG306" and f.model == "acme/chat-8b"]
    assert any("`Llama`" in f.message for f in duties)
    assert all(f.severity.value == "warning" and f.clause for f in duties)
    named = check_lineage([base, ModelEntry("acme/Llama-3.1-chat", "llama3.1", (base.id,))], CATALOGUE)
    assert not any("must begin with" in f.message for f in named.findings)


def test_non_commercial_quantization_relicensed() -> None:
    entries = [ModelEntry("lab/nc", "cc-by-nc-4.0"), ModelEntry("q/nc-gguf", "apache-2.0", ("lab/nc",), "quantized")]
    assert "RG304" in codes(entries, "q/nc-gguf")
    assert check_lineage(entries, CATALOGUE).models[1].commercial is False


def test_merge_inherits_from_every_parent() -> None:
    entries = [
        SD,
        ModelEntry("lab/nc", "cc-by-nc-4.0"),
        ModelEntry("m/merge", "creativeml-openrail-m", (SD.id, "lab/nc"), "merge"),
    ]
    merge = {m.id: m for m in check_lineage(entries, CATALOGUE).models}["m/merge"]
    assert "non-commercial" in merge.inherited_restrictions
    assert "minors" in merge.inherited_restrictions
    assert merge.commercial is False
    assert "RG304" in codes(entries, "m/merge")


def test_copyleft_and_flow_down_merge_is_irreconcilable() -> None:
    entries = [
        SD,
        ModelEntry("lab/sa", "cc-by-sa-4.0"),
        ModelEntry("m/merge", "creativeml-openrail-m", (SD.id, "lab/sa"), "merge"),
    ]
    assert "RG303" in codes(entries, "m/merge")


def test_permissive_ancestors_only_ask_for_notices() -> None:
    entries = [ModelEntry("lab/base", "apache-2.0"), ModelEntry("acme/ft", "mit", ("lab/base",))]
    assert codes(entries, "acme/ft") == {"RG307"}


def test_unknown_licence_dangling_base_and_ambiguous_id_are_warnings() -> None:
    entries = [ModelEntry("a/x", "my-own-licence"), ModelEntry("a/y", "openrail", ("nobody/nothing",))]
    result = check_lineage(entries, CATALOGUE)
    found = {(f.code, f.model, f.severity.value) for f in result.findings}
    assert ("RG308", "a/x", "warning") in found
    assert ("RG309", "a/y", "warning") in found
    assert ("RG311", "a/y", "warning") in found


def test_cycles_and_self_reference_are_findings_not_crashes() -> None:
    entries = [
        ModelEntry("x/a", "mit", ("x/b",)),
        ModelEntry("x/b", "mit", ("x/a",)),
        ModelEntry("x/c", "mit", ("x/c",)),
    ]
    result = check_lineage(entries, CATALOGUE)
    assert {f.model for f in result.findings if f.code == "RG310"} >= {"x/a", "x/c"}
    assert len(result.models) == 3


def test_a_100000_deep_chain_works() -> None:
    depth = 100_000
    entries = [SD] + [
        ModelEntry(f"deep/m{i}", "creativeml-openrail-m", ((SD.id if i == 0 else f"deep/m{i - 1}"),))
        for i in range(depth)
    ]
    entries.append(ModelEntry("deep/last", "mit", (f"deep/m{depth - 1}",)))
    result = check_lineage(entries, CATALOGUE)
    assert len(result.models) == depth + 2
    (conflict,) = [f for f in result.findings if f.code == "RG301"]
    assert conflict.model == "deep/last"
    assert conflict.upstream == SD.id


# --- laws -----------------------------------------------------------------------------------------

IDS = sorted(lic.id for lic in CATALOGUE if lic.module is None)


#: Licences whose material may not be adapted and shared at all (RG328), not even under themselves.
NO_DERIVATIVES = {i for i in IDS if CATALOGUE.get(i).has(ObligationKind.NO_DERIVATIVES)}


@given(st.sampled_from(IDS))
def test_a_licence_is_compatible_with_itself(ident: str) -> None:
    """Every licence but a no-derivatives one accepts derivatives under itself."""
    errors = {f.code for f in check_edge(CATALOGUE.get(ident), CATALOGUE.get(ident)) if f.severity.value == "error"}
    assert errors == ({"RG328"} if ident in NO_DERIVATIVES else set())


@given(st.sampled_from(IDS), st.sampled_from(IDS), st.sampled_from(IDS))
def test_adding_an_upstream_licence_never_removes_a_conflict(a: str, b: str, child: str) -> None:
    """A merge adding parent `b` (more restrictions upstream) keeps every conflict of parent `a` alone."""
    one = [ModelEntry("p/a", a), ModelEntry("c/x", child, ("p/a",))]
    two = [ModelEntry("p/a", a), ModelEntry("p/b", b), ModelEntry("c/x", child, ("p/a", "p/b"))]
    before = {
        (f.code, f.upstream)
        for f in check_lineage(one, CATALOGUE).findings
        if f.model == "c/x" and f.severity.value == "error"
    }
    after = {
        (f.code, f.upstream)
        for f in check_lineage(two, CATALOGUE).findings
        if f.model == "c/x" and f.severity.value == "error"
    }
    assert before <= after


@given(st.permutations(list(range(6))))
def test_results_do_not_depend_on_input_order(order: list[int]) -> None:
    entries = [
        SD,
        ModelEntry("a/ft", "mit", (SD.id,)),
        ModelEntry("b/nc", "cc-by-nc-4.0"),
        ModelEntry("c/merge", "apache-2.0", ("a/ft", "b/nc")),
        ModelEntry("d/loop1", "mit", ("d/loop2",)),
        ModelEntry("d/loop2", "mit", ("d/loop1",)),
    ]
    baseline = check_lineage(entries, CATALOGUE)
    shuffled = check_lineage([entries[i] for i in order], CATALOGUE)
    assert shuffled == baseline


def test_non_share_alike_creative_commons_does_not_make_a_merge_irreconcilable() -> None:
    entries = [
        SD,
        ModelEntry("lab/nc", "cc-by-nc-4.0"),
        ModelEntry("m/merge", "creativeml-openrail-m", (SD.id, "lab/nc"), "merge"),
    ]
    assert "RG303" not in codes(entries, "m/merge")
    share_alike = [
        SD,
        ModelEntry("lab/ncsa", "cc-by-nc-sa-4.0"),
        ModelEntry("m/m2", "cc-by-nc-sa-4.0", (SD.id, "lab/ncsa")),
    ]
    assert "RG303" in codes(share_alike, "m/m2")


def test_apache_model_released_under_gpl_2_is_rejected_by_gpl_not_by_apache() -> None:
    assert "RG317" in edge("apache-2.0", "gpl-2.0")
    assert "RG317" in edge("apache-2.0", "lgpl-2.1")
    assert "RG317" not in edge("apache-2.0", "gpl-3.0")
    assert "RG317" not in edge("artistic-2.0", "gpl-2.0")  # 4(c)(ii) allows relicensing under it
    assert "RG317" not in edge("mit", "gpl-2.0")
    base = ModelEntry("acme/base", "apache-2.0")
    result = check_lineage([base, ModelEntry("acme/gpl", "gpl-2.0", (base.id,), "finetune")], CATALOGUE)
    (found,) = [f for f in result.findings if f.code == "RG317"]
    assert found.model == "acme/gpl"
    assert found.upstream == "acme/base"
    assert found.clause == "apache-2.0 3; gpl-2.0 6"


KNOWN = {
    "w/base": ModelEntry("w/base", "llama2"),
    "w/chat": ModelEntry("w/chat", "llama2", ("w/base",)),
    "w/on-input": ModelEntry("w/on-input", "mit", ("i/root",)),
    "w/loop-a": ModelEntry("w/loop-a", "mit", ("w/loop-b",)),
    "w/loop-b": ModelEntry("w/loop-b", "mit", ("w/loop-a",)),
}


@given(
    st.permutations(list(range(7))),
    st.sampled_from(["w/chat", "w/on-input", "w/loop-a", "w/base"]),
)
def test_well_known_ancestors_give_the_same_results_in_any_input_order(order: list[int], known: str) -> None:
    # a table in line order is read in its own order; well-known ancestors (which may name each
    # other, an input model or a loop) must give the same results as the general topological sort
    entries = [
        ModelEntry("i/root", "creativeml-openrail-m"),
        ModelEntry("i/a", "mit", ("i/root", known)),
        ModelEntry("i/b", "apache-2.0", ("i/a",)),
        ModelEntry("i/c", "llama3.1", (known,)),
        ModelEntry("i/d", "cc-by-nc-4.0", ("i/c", "i/b")),
        ModelEntry("i/e", None, ("i/d",)),
        ModelEntry("i/f", "gpl-3.0", ("i/e", "i/root")),
    ]
    baseline = check_lineage(entries, CATALOGUE, KNOWN)
    shuffled = check_lineage([entries[i] for i in order], CATALOGUE, KNOWN)
    assert shuffled.models == baseline.models
    assert sorted(shuffled.findings, key=lambda f: (f.model or "", f.sort_key()[4:])) == sorted(
        baseline.findings, key=lambda f: (f.model or "", f.sort_key()[4:])
    )
