"""Model repositories built in temporary folders from the real texts in ``../shared`` (copied at test time)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Build = Callable[..., Path]


@pytest.fixture
def repo(tmp_path: Path, shared: Path) -> Build:
    """``repo(card, LICENSE="mit", NOTICE="text", ...)``: a repository folder named after the model.

    A file's value is the name of a real licence text in ``../shared/licences`` (without ``.txt``),
    or literal text when it contains a space or a newline, or bytes.
    """

    def build(card: str, name: str = "acme-model", **files: str | bytes) -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "README.md").write_text(card, encoding="utf-8")
        for file_name, value in files.items():
            path = folder / file_name.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(value, bytes):
                path.write_bytes(value)
            elif " " in value or "\n" in value:
                path.write_text(value, encoding="utf-8")
            else:
                path.write_text((shared / "licences" / f"{value}.txt").read_text(encoding="utf-8"), encoding="utf-8")
        return folder

    return build


def card(licence: str, *extra: str, body: str = "# A model\n") -> str:
    """A model card with ``license: licence`` and extra front-matter lines."""
    return "---\nlicense: " + licence + "\n" + "".join(line + "\n" for line in extra) + "---\n" + body
