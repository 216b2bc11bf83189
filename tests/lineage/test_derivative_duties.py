"""Duties a derivative owes to a binding licence: its licence copy and notices (RG307), its conduct duties (RG306).

Made-up models on real catalogue licences; the ids of licensor organisations are used where the
rule is about them.
"""

from __future__ import annotations

import dataclasses

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_lineage
from railguard.lineage.known import known_models
from railguard.lineage.model import LineageResult, ModelEntry
from railguard.model import Finding, Obligation, ObligationKind, Severity

CATALOGUE = load_catalogue()


def check(*entries: ModelEntry, **kwargs: object) -> LineageResult:
    return check_lineage(list(entries), CATALOGUE, known_models(), **kwargs)  # type: ignore[arg-type]


def of(result: LineageResult, model_id: str, code: str) -> list[Finding]:
    return [f for f in result.findings if f.model == model_id and f.code == code]


def sections(licence_id: str, *kinds: ObligationKind) -> set[str]:
    return {o.section for o in CATALOGUE.get(licence_id).obligations if o.kind in kinds}


# --- RG307: the licence copy and notices of a licence that binds derivatives -------------------------


def test_a_rail_derivative_owes_the_licence_copy_and_the_notices() -> None:
    """A CreativeML Dreambooth of an OpenRAIL++ base carries its restrictions (no conflict) but owes 4(b), 4(d)."""
    result = check(
        ModelEntry("studio/diffusion-base", "openrail++"),
        ModelEntry("shop/dreambooth", "creativeml-openrail-m", ("studio/diffusion-base",)),
    )
    assert {f.code for f in result.findings if f.model == "shop/dreambooth"} == {"RG307"}
    (notice,) = of(result, "shop/dreambooth", "RG307")
    assert notice.severity is Severity.INFO
    assert notice.upstream == "studio/diffusion-base"
    assert notice.licence == "openrail++"
    expected = sections("openrail++", ObligationKind.LICENCE_COPY, ObligationKind.ATTRIBUTION)
    assert set((notice.clause or "").split(", ")) == expected
    assert "copy of its licence" in notice.message


def test_a_binding_licence_copy_is_owed_by_every_model_it_governs_once() -> None:
    """The duty travels with the licence's terms: a grandchild owes it too, a merge of two owes it once."""
    result = check(
        ModelEntry("studio/diffusion-base", "openrail++"),
        ModelEntry("shop/dreambooth", "creativeml-openrail-m", ("studio/diffusion-base",)),
        ModelEntry("shop/dreambooth-2", "creativeml-openrail-m", ("studio/diffusion-base",)),
        ModelEntry("fan/grandchild", "creativeml-openrail-m", ("shop/dreambooth",)),
        ModelEntry("fan/merge", "creativeml-openrail-m", ("shop/dreambooth", "shop/dreambooth-2"), "merge"),
    )
    for model_id in ("fan/grandchild", "fan/merge"):
        copies = [f for f in of(result, model_id, "RG307") if f.licence == "openrail++"]
        assert len(copies) == 1, model_id
        assert copies[0].upstream == "studio/diffusion-base"  # where the licence comes from


def test_a_vendor_derivative_owes_the_agreement_copy_but_its_notice_line_only_once() -> None:
    """Llama 2: the copy of the Agreement (1.b.i) is RG307; the prescribed Notice line stays RG306 alone."""
    result = check(
        ModelEntry("lab/chat-base", "llama2"),
        ModelEntry("shop/chat-tuned", "llama2", ("lab/chat-base",)),
    )
    (copy,) = of(result, "shop/chat-tuned", "RG307")
    assert copy.clause == "1.b.i"
    notice_clauses = {f.clause for f in of(result, "shop/chat-tuned", "RG306") if "notice" in f.message}
    assert notice_clauses == {"1.b.iii"}
    assert "1.b.iii" not in (copy.clause or "")


def test_a_licensor_owes_itself_no_copy_of_its_own_licence() -> None:
    """Meta's own instruct model on Meta's base: no licence-copy note, as no RG306 duty."""
    result = check(
        ModelEntry("meta-llama/Tuned-Base", "llama3.1"),
        ModelEntry("meta-llama/Tuned-Base-Instruct", "llama3.1", ("meta-llama/Tuned-Base",)),
        ModelEntry("shop/Llama-tuned", "llama3.1", ("meta-llama/Tuned-Base-Instruct",)),
    )
    assert not of(result, "meta-llama/Tuned-Base-Instruct", "RG307")
    assert not of(result, "meta-llama/Tuned-Base-Instruct", "RG306")
    # the licensee below still owes it
    (copy,) = of(result, "shop/Llama-tuned", "RG307")
    assert copy.licence == "llama3.1"


def test_no_notice_duty_where_no_derivative_may_be_shared() -> None:
    """A no-derivatives parent is RG328 alone: a duty to ship notices with a forbidden derivative is moot."""
    result = check(
        ModelEntry("lab/nd-model", "cc-by-nd-4.0"),
        ModelEntry("shop/nd-tuned", "cc-by-nd-4.0", ("lab/nd-model",)),
    )
    assert {f.code for f in result.findings if f.model == "shop/nd-tuned"} == {"RG328"}


# --- RG306: conduct duties reach whoever uses a derivative ------------------------------------------


def test_a_conduct_duty_of_an_unsettled_licence_reaches_the_derivative() -> None:
    """CogVideoX: register before commercial use (2) is a duty of whoever uses the model, derivative or not.

    Its reach over derivatives is unsettled (RG312), and an unsettled licence's duties are
    reported as RG306 as its notice and scale duties are.
    """
    result = check(
        ModelEntry("lab/video-base", "cogvideox-license"),
        ModelEntry("shop/video-tool", "apache-2.0", ("lab/video-base",)),
    )
    (conduct,) = [o for o in CATALOGUE.get("cogvideox-license").obligations if o.kind is ObligationKind.CONDUCT]
    duties = [
        f for f in of(result, "shop/video-tool", "RG306") if f.clause == conduct.section and "requires:" in f.message
    ]
    assert len(duties) == 1
    assert conduct.summary.rstrip(". ") in duties[0].message
    assert duties[0].severity is Severity.WARNING
    assert duties[0].licence == "cogvideox-license"


def test_a_conduct_duty_of_a_binding_licence_reaches_every_derivative() -> None:
    """Llama AUP 4 (disclose known dangers) binds users of a grandchild too, whatever it declares."""
    result = check(
        ModelEntry("lab/chat-base", "llama2"),
        ModelEntry("shop/chat-tuned", "llama2", ("lab/chat-base",)),
        ModelEntry("shop/chat-merged", None, ("shop/chat-tuned",)),
    )
    for model_id in ("shop/chat-tuned", "shop/chat-merged"):
        clauses = {f.clause for f in of(result, model_id, "RG306") if "requires:" in f.message}
        assert clauses == sections("llama2", ObligationKind.CONDUCT), model_id


def test_a_conduct_duty_of_a_licence_that_binds_nothing_downstream_stays_with_it() -> None:
    """A permissive licence's own conduct duty is its licensee's, not a derivative's users'."""
    mit = CATALOGUE.get("mit")
    duty = Obligation(ObligationKind.CONDUCT, "9", "Tell the licensor before any commercial use.")
    permissive = dataclasses.replace(mit, id="mit-with-duty", obligations=(*mit.obligations, duty))
    result = check(
        ModelEntry("lab/base", "mit-with-duty"),
        ModelEntry("shop/tuned", "mit", ("lab/base",)),
        extra={"mit-with-duty": permissive},
    )
    assert not of(result, "shop/tuned", "RG306")
    # its notices still travel (RG307), as for any permissive parent
    assert of(result, "shop/tuned", "RG307")
