"""Hypothesis over the card loader, the lineage loaders and the bounded YAML reader.

No crash (only the documented refusal), and the same input gives the same result. The ``ci``
profile bounds the examples; ``tests/fuzz/fuzz_inputs.py`` runs the card loader and the licence
parser for much longer. The grammars' ``from_lark`` properties are in ``tests/parse/test_properties.py``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railguard import safeyaml
from railguard.catalogue import load_catalogue
from railguard.errors import InputError
from railguard.lineage.cards import read_card
from railguard.lineage.engine import check_lineage
from railguard.lineage.known import known_models
from railguard.lineage.loaders import Loaded, load_lineage
from tests.hardening.strategies import CARD_TEXT, JSONL_TEXT, MANIFEST_TEXT, YAML_TEXT


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # NOTE: module-scoped and reused across examples; hypothesis rejects function-scoped fixtures.
    with tempfile.TemporaryDirectory(prefix="railguard-props-") as name:
        yield Path(name)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(YAML_TEXT)
def test_bounded_yaml_agrees_with_safe_load_or_refuses(text: str) -> None:
    try:
        ours = safeyaml.load(text)
    except yaml.YAMLError as exc:
        problem, line = safeyaml.describe(exc)
        assert problem
        assert line is None or line >= 0
        return
    # within the bounds the reader changes nothing: the same value as the safe loader it builds on
    # (libyaml's when PyYAML has it, which differs from the pure-Python one on fine points)
    assert ours == yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@given(st.one_of(CARD_TEXT, st.binary(max_size=2000)))
def test_card_loader_never_raises_and_is_deterministic(folder: Path, data: str | bytes) -> None:
    path = folder / "README.md"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(data)
    first = read_card(path)
    assert read_card(path) == first
    meta, problem, line = first
    assert isinstance(meta, dict)
    if problem is None:
        assert line is not None
        assert line >= 1  # the line of `license` (or of the opening `---`)
    else:
        assert meta == {}
        assert line is None or line >= 1


def _load(path: Path) -> Loaded | str:
    try:
        return load_lineage(path)
    except InputError as exc:
        refusal = exc
    assert refusal.path == str(path)
    return str(refusal)


def _check_twice(loaded: Loaded | str) -> None:
    if isinstance(loaded, str):
        return
    catalogue, known = load_catalogue(), known_models()
    first = check_lineage(loaded.entries, catalogue, known, loaded.licences)
    assert check_lineage(loaded.entries, catalogue, known, loaded.licences) == first
    assert {m.id.lower() for m in first.models} >= {e.id.lower() for e in loaded.entries}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(MANIFEST_TEXT)
def test_manifest_loader_refuses_cleanly_or_loads_deterministically(folder: Path, text: str) -> None:
    path = folder / "lineage.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    first = _load(path)
    assert _load(path) == first
    _check_twice(first)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(JSONL_TEXT)
def test_jsonl_loader_reads_every_line_deterministically(folder: Path, text: str) -> None:
    path = folder / "lineage.jsonl"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    first = _load(path)
    assert _load(path) == first
    if isinstance(first, Loaded):
        # every non-blank line is either a model or a finding about that line
        # (a byte-order mark at the start is the encoding's, not a line's; JSON Lines are split at
        # "\n" only, so U+2028 and the like inside a record never cut it)
        lines = [n for n, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1) if raw.strip()]
        seen = {e.line for e in first.entries} | {f.line for f in first.findings}
        assert set(lines) <= seen
    _check_twice(first)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(alphabet='ab,;"\n\r x', max_size=12), min_size=1, max_size=5), max_size=6))
def test_csv_loader_refuses_cleanly_or_loads_deterministically(folder: Path, rows: list[list[str]]) -> None:
    path = folder / "lineage.csv"
    body = "\n".join(",".join(row) for row in rows)
    path.write_text("id,license,base_model\n" + body + "\n", encoding="utf-8")
    first = _load(path)
    assert _load(path) == first
    _check_twice(first)


def test_fuzz_script_runs() -> None:
    # The long fuzz run is a script; one small round keeps it from rotting.
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_inputs.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--minutes", "0", "--examples", "10"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "licence: 10 examples" in proc.stdout
    assert "card: 10 examples" in proc.stdout
