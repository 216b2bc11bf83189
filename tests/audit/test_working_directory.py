"""The verdict on a path does not depend on where the command is typed.

Outside a git repository the root that model ids and sibling cards are read below is the folder
named on the command line (the repository for `audit DIR`, the tree for `audit --recursive`,
the folder or the card for `lint`), never the current directory as such.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from railguard.cli import main

_BASE = "---\nlicense: llama2\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# Base\n"
_QUANT = "---\nlicense: apache-2.0\nbase_model: lab/base-7b\n---\n# Quantised\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Two repositories laid out as the Hub names them, outside any git repository."""
    top = tmp_path / "tree"
    for folder, text in (("lab/base-7b", _BASE), ("shop/base-7b-q4", _QUANT)):
        (top / folder).mkdir(parents=True)
        (top / folder / "README.md").write_text(text, encoding="utf-8")
    assert not any((parent / ".git").exists() for parent in top.parents), "the test needs a place outside git"
    return top


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def _from_each(
    places: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> list[tuple[int, list[object], list[object]]]:
    seen = []
    for place in places:
        monkeypatch.chdir(place)
        code, document = _json(capsys, *argv)
        items = document.get("repositories") or document.get("cards")
        models = [item["model"] for item in items]  # type: ignore[attr-defined, index]
        codes = sorted(f["code"] for f in document["findings"])  # type: ignore[attr-defined]
        seen.append((code, models, codes))
    return seen


def test_audit_of_a_folder_is_the_same_from_anywhere(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = str(tree / "shop" / "base-7b-q4")
    places = [Path("/"), tree.parent, tree, tree / "shop"]
    seen = _from_each(places, monkeypatch, capsys, "audit", "--format", "json", repo)
    assert all(one == seen[0] for one in seen), seen
    # the folder named is the repository: its name is the model's
    assert seen[0][1] == ["base-7b-q4"]


def test_audit_of_a_tree_reads_org_and_name_below_it_from_anywhere(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    places = [Path("/"), tree.parent, tree / "lab"]
    seen = _from_each(places, monkeypatch, capsys, "audit", "--recursive", "--format", "json", str(tree))
    assert all(one == seen[0] for one in seen), seen
    assert sorted(seen[0][1]) == ["lab/base-7b", "shop/base-7b-q4"]  # type: ignore[type-var]
    # the quantisation's base is its sibling in the tree, read from its card: llama2 must stay
    assert "RG302" in seen[0][2]


def test_lint_of_an_absolute_path_is_the_same_from_anywhere(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    card = str(tree / "shop" / "base-7b-q4" / "README.md")
    seen = _from_each([Path("/"), tree.parent, tree], monkeypatch, capsys, "lint", "--format", "json", card)
    assert all(one == seen[0] for one in seen), seen
    folder = _from_each([Path("/"), tree / "shop"], monkeypatch, capsys, "lint", "--format", "json", str(tree))
    assert folder[0] == folder[1]
    assert sorted(folder[0][1]) == ["lab/base-7b", "shop/base-7b-q4"]  # type: ignore[type-var]


def test_a_relative_card_path_keeps_its_org_and_name(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tree)
    _, document = _json(capsys, "lint", "--format", "json", os.path.join("shop", "base-7b-q4", "README.md"))
    assert [c["model"] for c in document["cards"]] == ["shop/base-7b-q4"]  # type: ignore[attr-defined]
