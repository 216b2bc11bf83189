"""Laws of the model and the catalogue, checked over generated inputs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import compose, load_catalogue
from railguard.model.names import normalise

CATALOGUE = load_catalogue()
NAMES = sorted({name for lic in CATALOGUE for name in (lic.id, *lic.names)})
MODULE_CODES = sorted(CATALOGUE.modules_of("hippocratic-3.0"))


@given(st.text(max_size=40))
def test_normalise_is_idempotent(name: str) -> None:
    assert normalise(normalise(name)) == normalise(name)


@given(st.sampled_from(NAMES), st.sampled_from(["upper", "lower", "title", "spaces", "underscores"]))
def test_every_name_resolves_however_it_is_spelled(name: str, style: str) -> None:
    expected = CATALOGUE.get(name)
    variant = {
        "upper": name.upper(),
        "lower": name.lower(),
        "title": name.title(),
        "spaces": f"  {name}  ",
        "underscores": name.replace("-", "_") if "_" not in name else name,
    }[style]
    assert CATALOGUE.get(variant) == expected


@given(st.text(max_size=30))
def test_lookup_never_crashes_and_suggestions_resolve(name: str) -> None:
    found = CATALOGUE.find(name)
    if found is None:
        for suggestion in CATALOGUE.suggest(name):
            assert CATALOGUE.find(suggestion) is not None


@given(st.lists(st.sampled_from(MODULE_CODES), min_size=1, max_size=6, unique=True), st.randoms())
def test_hl3_composition_ignores_order_and_keeps_every_rule(codes: list[str], rng) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(codes)
    rng.shuffle(shuffled)
    a = CATALOGUE.get("HL3-" + "-".join(codes))
    b = CATALOGUE.get("hl3-" + "-".join(shuffled).lower())
    assert a == b
    core = CATALOGUE.get("hippocratic-3.0")
    assert core.categories <= a.categories
    for code in codes:
        assert CATALOGUE.modules_of("hippocratic-3.0")[code].categories <= a.categories


@given(
    st.lists(st.sampled_from(MODULE_CODES), max_size=5, unique=True),
    st.lists(st.sampled_from(MODULE_CODES), max_size=5, unique=True),
)
def test_adding_modules_never_removes_a_restriction(base: list[str], extra: list[str]) -> None:
    modules = CATALOGUE.modules_of("hippocratic-3.0")
    core = CATALOGUE.get("hippocratic-3.0")
    small = compose(core, [modules[c] for c in sorted(set(base))])
    large = compose(core, [modules[c] for c in sorted(set(base) | set(extra))])
    assert small.categories <= large.categories
    assert set(small.restrictions) <= set(large.restrictions)
    if small.commercial is False:
        assert large.commercial is False


def test_a_licence_names_itself_only_once() -> None:
    for licence in CATALOGUE:
        keys = [normalise(n) for n in licence.names]
        assert len(keys) == len(set(keys))
        assert normalise(licence.id) not in keys
