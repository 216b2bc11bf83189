"""What a declaration means in a lineage: one licence, a list, ``A AND B``, ``A OR B``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_lineage
from railguard.lineage.model import LineageResult, ModelEntry
from railguard.model import Finding, Severity
from railguard.model.declared import Declared

CATALOGUE = load_catalogue()

#: A root under a flow-down licence with use restrictions (no same-licence duty).
RAIL = ModelEntry("studio/painter-base", "creativeml-openrail-m")
#: A root under a vendor licence whose terms travel with its material (same-licence, distribution).
VENDOR = ModelEntry("lab/chat-base", "llama2")


def declared(*names: str, listed: bool = False) -> Declared:
    return Declared.from_list(names) if listed else Declared((names,), False, " AND ".join(names))


def either(*alternatives: tuple[str, ...]) -> Declared:
    return Declared(alternatives)


def child(model_id: str, value: Declared, *bases: str) -> ModelEntry:
    return ModelEntry(model_id, str(value), bases, declared=value)


def check(*entries: ModelEntry) -> LineageResult:
    return check_lineage(list(entries), CATALOGUE)


def of(result: LineageResult, model_id: str, code: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.model == model_id and (code is None or f.code == code)]


def errors(result: LineageResult, model_id: str) -> set[str]:
    return {f.code for f in of(result, model_id) if f.severity is Severity.ERROR}


# --- lists: every item must honour the ancestors, all items bind the descendants -------------------


def test_a_list_on_a_rail_base_is_checked_item_by_item() -> None:
    listed = declared("creativeml-openrail-m", "mit", listed=True)
    result = check(RAIL, child("fan/painter-list", listed, RAIL.id))
    (dropped,) = of(result, "fan/painter-list", "RG301")
    assert dropped.licence == "mit"
    assert dropped.upstream == RAIL.id


def test_every_item_of_a_list_binds_the_descendants() -> None:
    listed = declared("cc-by-nc-4.0", "mit", listed=True)
    result = check(child("fan/mixed", listed), ModelEntry("fan/mixed-q4", "mit", ("fan/mixed",)))
    assert errors(result, "fan/mixed-q4") == {"RG304"}
    (item,) = [m for m in result.models if m.id == "fan/mixed-q4"]
    assert item.governing_licences == ("cc-by-nc-4.0", "mit")
    assert item.commercial is False


def test_a_list_shows_as_written_not_as_a_python_list() -> None:
    listed = declared("apache-2.0", "MIT", listed=True)
    (model,) = check(child("fan/dual", listed)).models
    assert model.licence == "[apache-2.0, mit]"


# --- A AND B: both bind, and together they must honour the ancestors -------------------------------


def test_vendor_terms_with_the_derivatives_own_terms_beside_them_comply() -> None:
    both = declared("llama2", "apache-2.0")
    result = check(VENDOR, child("fan/chat-plus", both, VENDOR.id))
    assert errors(result, "fan/chat-plus") == set()
    (model,) = [m for m in result.models if m.id == "fan/chat-plus"]
    assert model.governing_licences == ("apache-2.0", "llama2")


def test_share_alike_is_satisfied_by_a_conjunction_that_keeps_it() -> None:
    root = ModelEntry("wiki/encoder", "cc-by-sa-4.0")
    result = check(root, child("fan/encoder-ft", declared("cc-by-sa-4.0", "mit"), root.id))
    assert errors(result, "fan/encoder-ft") == set()


def test_a_conjunction_permits_commercial_use_only_if_every_licence_does() -> None:
    root = ModelEntry("uni/nc-base", "cc-by-nc-4.0")
    kept = check(root, child("fan/nc-ft", declared("cc-by-nc-4.0", "mit"), root.id))
    assert "RG304" not in errors(kept, "fan/nc-ft")
    dropped = check(root, child("fan/nc-ft", declared("mit", "apache-2.0"), root.id))
    assert "RG304" in errors(dropped, "fan/nc-ft")


def test_a_conjunction_that_contradicts_itself_is_rg303() -> None:
    both = declared("cc-by-sa-4.0", "creativeml-openrail-m")
    result = check(child("fan/contradiction", both))
    assert "RG303" in errors(result, "fan/contradiction")


# --- A OR B: the licensee may choose ----------------------------------------------------------------


def test_upstream_choice_is_compatible_when_some_choice_is_and_says_which() -> None:
    root = child("lib/dual-base", either(("gpl-3.0",), ("mit",)))
    result = check(root, ModelEntry("fan/dual-ft", "apache-2.0", (root.id,)))
    assert errors(result, "fan/dual-ft") == set()
    (choice,) = of(result, "fan/dual-ft", "RG350")
    assert choice.severity is Severity.INFO
    assert "`mit`" in choice.message


def test_upstream_choice_with_no_compatible_alternative_is_an_error() -> None:
    root = child("lib/both-strict", either(("creativeml-openrail-m",), ("cc-by-sa-4.0",)))
    result = check(root, ModelEntry("fan/strict-ft", "mit", (root.id,)))
    assert errors(result, "fan/strict-ft")


def test_every_alternative_a_derivative_offers_must_honour_its_ancestors() -> None:
    result = check(RAIL, child("fan/painter-or", either(("mit",), ("creativeml-openrail-m",)), RAIL.id))
    (dropped,) = of(result, "fan/painter-or", "RG301")
    assert dropped.licence == "mit"


def test_permissive_alternative_lets_commercial_use_stay_open() -> None:
    result = check(child("lib/nc-or-mit", either(("cc-by-nc-4.0",), ("mit",))))
    (model,) = result.models
    assert model.commercial is True


# --- laws ----------------------------------------------------------------------------------------------

LICENCES = st.sampled_from(
    ["mit", "apache-2.0", "llama2", "llama3.1", "cc-by-nc-4.0", "cc-by-sa-4.0", "creativeml-openrail-m", "gemma"]
)


def _codes(result: LineageResult, model_id: str) -> set[tuple[str, str | None]]:
    return {(f.code, f.licence) for f in of(result, model_id) if f.severity is Severity.ERROR}


@given(LICENCES, st.lists(LICENCES, min_size=1, max_size=4, unique=True))
def test_a_list_reports_what_each_item_would_on_its_own(parent: str, items: list[str]) -> None:
    root = ModelEntry("law/root", parent)
    listed = check(root, child("law/leaf", Declared.from_list(tuple(items)), root.id))
    for item in items:
        alone = check(root, ModelEntry("law/leaf", item, (root.id,)))
        assert _codes(alone, "law/leaf") <= _codes(listed, "law/leaf")


@given(LICENCES, LICENCES)
def test_declaring_the_inherited_licence_beside_another_never_breaks_its_terms(parent: str, other: str) -> None:
    root = ModelEntry("law/root", parent)
    both = declared(parent, other) if parent != other else Declared.single(parent)
    result = check(root, child("law/leaf", both, root.id))
    assert not [f for f in of(result, "law/leaf") if f.severity is Severity.ERROR and f.code != "RG303"]


@given(LICENCES)
def test_a_list_of_one_is_the_licence_itself(name: str) -> None:
    root = ModelEntry("law/root", "creativeml-openrail-m")
    alone = check(root, ModelEntry("law/leaf", name, (root.id,)))
    one = check(root, child("law/leaf", Declared.from_list((name,)), root.id))
    assert list(alone.findings) == list(one.findings)


@given(st.lists(LICENCES, min_size=1, max_size=3), st.lists(LICENCES, min_size=1, max_size=3))
def test_no_finding_is_reported_twice(first: list[str], second: list[str]) -> None:
    a = child("law/a", Declared.from_list(tuple(dict.fromkeys(first))))
    b = child("law/b", Declared.from_list(tuple(dict.fromkeys(second))), a.id)
    c = ModelEntry("law/c", "mit", (a.id, b.id))
    found = [f.sort_key() for f in check(a, b, c).findings]
    assert len(found) == len(set(found))
