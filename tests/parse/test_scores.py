"""The reader's figures against the gold labels, held as tests (issue 12's targets).

Held-out: category recall >= 0.95 with precision >= 0.98 (a category the text does not state is
an error, and the figures allow at most one or two across the side), flow-down and commercial
right on all but one text in twenty, identification wrong on at most one text in ten, and never
exact for a text that is not that licence. The first look at the held-out side, before the
changes it prompted, is recorded in held-out-first-look.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parse.scores import score


@pytest.mark.parametrize("side", ["dev", "held-out"])
def test_category_recall_and_precision(shared: Path, side: str) -> None:
    result = score(side)
    assert result.recall() >= 0.95
    assert result.precision() >= 0.98


@pytest.mark.parametrize("side", ["dev", "held-out"])
def test_flow_down_commercial_and_identification(shared: Path, side: str) -> None:
    result = score(side)
    allowed = result.texts // 20
    assert result.texts - result.flow_right <= allowed
    assert result.texts - result.commercial_right <= allowed
    assert result.texts - result.identity_right <= result.texts // 10
    assert result.exact_wrong == []
