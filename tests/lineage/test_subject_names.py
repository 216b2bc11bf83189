"""``permits`` names a card's model as ``lint`` and ``audit`` do (one rule, railguard.lint.context.model_id_for)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main

CARD = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n{extra}---\n# a model\n"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code = main([*argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return json.loads(out)


@pytest.mark.parametrize(
    ("path", "extra", "expected"),
    [
        ("acme/support-bot/README.md", "", "acme/support-bot"),
        ("models/acme/support-bot/README.md", "", "acme/support-bot"),
        ("support-bot/README.md", "", "support-bot"),
        ("cards/bot.md", "model-index:\n  - name: acme/bot-v2\n", "acme/bot-v2"),
        ("cards/bot.md", "", "bot"),
    ],
)
def test_permits_names_a_card_as_lint_does(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    path: str,
    extra: str,
    expected: str,
) -> None:
    (tmp_path / ".git").mkdir()
    card = tmp_path / path
    card.parent.mkdir(parents=True)
    card.write_text(CARD.format(extra=extra), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    linted = {f["model"] for f in _json(capsys, "lint", path)["findings"] if f.get("model")}
    assert linted == {expected}
    assert _json(capsys, "permits", path, "--use", "weapons")["model"] == expected
