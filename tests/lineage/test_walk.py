"""The walk up a derivation graph shared by `permits` and the linter."""

from __future__ import annotations

from railguard.lineage.walk import ancestors

GRAPH = {"c": ["b1", "b2"], "b1": ["A"], "b2": ["a"], "a": ["c"]}


def parents(model: str) -> list[str]:
    return GRAPH.get(model.lower(), [])


def test_each_ancestor_once_ignoring_case_through_a_diamond_and_a_cycle() -> None:
    found = list(ancestors(["b1", "b2"], parents))
    assert sorted(m.lower() for m in found) == ["a", "b1", "b2", "c"]
    assert len(found) == 4


def test_parents_are_asked_after_the_model_is_handled() -> None:
    learnt: dict[str, list[str]] = {}
    walked = []
    for model in ancestors(["x"], lambda m: learnt.get(m, [])):
        walked.append(model)
        if model == "x":
            learnt["x"] = ["y"]
    assert walked == ["x", "y"]
