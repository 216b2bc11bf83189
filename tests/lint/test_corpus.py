"""The 147 real model cards of ``../shared/modelcards``: every one lints, none crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main


def test_every_real_card_lints_without_a_crash(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cards = sorted(str(p) for p in (shared / "modelcards").glob("*.md"))
    assert len(cards) >= 147
    code = main(["lint", "--format", "json", *cards])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    data = json.loads(out)
    assert len(data["cards"]) == len(cards)
    assert "internal error" not in err
    # every finding is placed in its card, on a line that exists
    lengths = {c: len(Path(c).read_bytes().splitlines()) for c in cards}
    for finding in data["findings"]:
        assert finding["file"] in lengths
        assert 1 <= finding["line"] <= max(lengths[finding["file"]], 1)


def test_real_cards_with_crlf_and_without_licence(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = shared / "modelcards"
    crlf = [p for p in folder.glob("*.md") if b"\r\n" in p.read_bytes()[:2000]]
    assert crlf, "the corpus should hold cards with Windows line ends"
    main(["lint", "--format", "json", *map(str, crlf)])
    data = json.loads(capsys.readouterr().out)
    assert not [f for f in data["findings"] if f["code"] in ("RG401", "RG402", "RG403")]
