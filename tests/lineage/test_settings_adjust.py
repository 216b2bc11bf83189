"""The project's settings change only the codes they name (``ignore``, ``severity``).

0.1.0 memoised each template's adjusted form by identity without keeping the template: a template
freed after its answer could leave its id to another, which then got its answer, so ignoring
RG307 (an info notice) also hid RG301 and RG302 errors.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from railguard.cli import main
from tests.bench.bench_lineage import generate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lineage.yaml"


def _codes(capsys: pytest.CaptureFixture[str], path: Path, config: Path | None = None) -> Counter[tuple[str, str]]:
    argv = ["lineage", str(path), "--format", "json", "--exit-zero", "--quiet"]
    if config is not None:
        argv += ["--config", str(config)]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    counts: Counter[tuple[str, str]] = Counter()
    # per code and severity, from the kinds: how many models each applies to
    for kind in document["kinds"]:
        counts[(kind["code"], kind["severity"])] += kind["models"]
    return counts


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("settings") / "hub.jsonl"
    generate(path, 3_000)
    return path


def _per_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, setting: str
) -> tuple[Counter[tuple[str, str]], dict[str, Counter[tuple[str, str]]]]:
    """The counts without settings, and for each code found the counts under ``setting`` (formatted with it)."""
    every = _codes(capsys, path)
    under: dict[str, Counter[tuple[str, str]]] = {}
    for code in sorted({code for code, _ in every}):
        config = tmp_path / f"{code}.toml"
        config.write_text(setting.format(code=code), encoding="utf-8")
        under[code] = _codes(capsys, path, config)
    return every, under


def _without(every: Counter[tuple[str, str]], code: str) -> Counter[tuple[str, str]]:
    return Counter({k: v for k, v in every.items() if k[0] != code})


def _as_warning(every: Counter[tuple[str, str]], code: str) -> Counter[tuple[str, str]]:
    moved: Counter[tuple[str, str]] = Counter()
    for (one, severity), count in every.items():
        moved[(one, "warning" if one == code else severity)] += count
    return moved


#: A setting for one code, and what it should make of the counts without settings.
CHANGES = {
    "ignored": ('[tool.railguard]\nignore = ["{code}"]\n', _without),
    "made a warning": ('[tool.railguard.severity]\n{code} = "warning"\n', _as_warning),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("which", ["example", "graph"])
def test_a_setting_changes_the_code_it_names_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, graph: Path, which: str, change: str
) -> None:
    setting, expected = CHANGES[change]
    every, under = _per_code(capsys, tmp_path, EXAMPLE if which == "example" else graph, setting)
    for code, counts in under.items():
        assert counts == expected(every, code), code
