"""The card file reader never raises on hostile front matter: a problem, with its line."""

from __future__ import annotations

from railguard.card.reader import parse_card


def test_a_yaml_directive_with_an_absurd_version_is_a_problem_not_a_crash() -> None:
    # NOTE: found by the bounded-YAML property test: libyaml refuses the document, and the
    # pure-Python scanner that looks again for the line trips on the version's 5,000 digits.
    card = parse_card("---\n%YAML 1." + "1" * 5000 + "<<: *a\n---\n# card\n")
    assert card.problem is not None
    assert card.problem.kind == "invalid"
