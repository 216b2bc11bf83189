"""The wheel carries the catalogue and grammars, and the package finds them once installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (a test extra) builds the wheel offline")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("railguard-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_every_catalogue_and_grammar_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("licences", "grammar"):
        files = [p for p in (ROOT / folder).rglob("*") if p.is_file()]
        assert files, folder
        for path in files:
            inside = f"railguard/_data/{folder}/{path.relative_to(ROOT / folder).as_posix()}"
            assert inside in names, inside
    assert "railguard/py.typed" in names


@pytest.mark.slow
def test_installed_wheel_loads_its_own_catalogue(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
    )
    probe = (
        "import railguard, railguard.resources as r;"
        "from railguard.catalogue import load_catalogue;"
        "c = load_catalogue();"
        "print(railguard.__file__); print(r.data_dir('licences')); print(len(c))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True, cwd=tmp_path
    )
    module_file, data, count = result.stdout.split("\n")[:3]
    assert module_file.startswith(str(target))
    assert data.startswith(str(target))
    assert data.endswith("_data/licences")
    assert int(count) == len([p for p in (ROOT / "licences").glob("*.yaml") if not p.name.startswith("_")])
