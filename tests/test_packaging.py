"""The wheel: it carries the catalogue and grammars, built into exactly what the sources say.

An installed railguard reads the catalogue snapshot and the compiled grammars that the build hook
(``hatch_build.py``) put in the wheel; these tests build a wheel, install it into a folder of its
own and compare what it reads with what this checkout reads from the YAML and grammar sources.
They also hold the cold path to its imports: what a cold ``lint`` and ``compat`` may import.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from railguard.catalogue import loader, snapshot
from railguard.grammars import write_package_files
from railguard.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.slow


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


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a folder of its own (its dependencies are this interpreter's)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-compile",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    return target


def probe(site: Path, code: str, *args: str, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with the installed wheel first on the path, from a folder outside the checkout."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("RAILGUARD_NO_CACHE", None)
    if cache is not None:
        env["RAILGUARD_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=site.parent, check=False
    )


def test_wheel_contains_every_catalogue_and_grammar_file_and_what_they_are_built_into(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("licences", "grammar"):
        files = [p for p in (ROOT / folder).rglob("*") if p.is_file()]
        assert files, folder
        for path in files:
            inside = f"railguard/_data/{folder}/{path.relative_to(ROOT / folder).as_posix()}"
            assert inside in names, inside
    assert "railguard/py.typed" in names
    assert f"railguard/_data/{snapshot.PACKAGE_FILE}" in names
    for grammar in (ROOT / "grammar").glob("*.lark"):
        assert f"railguard/_data/grammars/{grammar.stem}.marshal" in names


def test_installed_wheel_loads_its_own_catalogue(site: Path) -> None:
    code = (
        "import railguard, railguard.resources as r;"
        "from railguard.catalogue import load_catalogue, snapshot;"
        "c = load_catalogue();"
        "print(railguard.__file__); print(r.data_dir('licences')); print(len(c));"
        "print(snapshot.package_snapshot() is not None)"
    )
    result = probe(site, code)
    assert result.returncode == 0, result.stderr
    module_file, data, count, from_snapshot = result.stdout.split("\n")[:4]
    assert module_file.startswith(str(site))
    assert data.startswith(str(site))
    assert data.endswith("_data/licences")
    assert int(count) == len([p for p in (ROOT / "licences").glob("*.yaml") if not p.name.startswith("_")])
    assert from_snapshot == "True"


def test_the_built_catalogue_is_the_yaml_catalogue(site: Path) -> None:
    code = (
        "import json, importlib;"
        "from railguard.catalogue import load_catalogue, snapshot;"
        "assert snapshot.package_snapshot() is not None;"
        "tables = {n: snapshot.table(n, lambda plain: plain) for n in snapshot.TABLES};"
        "print(json.dumps({'catalogue': snapshot.encode(load_catalogue()), 'tables': tables}))"
    )
    result = probe(site, code)
    assert result.returncode == 0, result.stderr
    built = json.loads(result.stdout)
    assert built["catalogue"] == json.loads(json.dumps(snapshot.encode(loader._load_catalogue())))
    for name, target in snapshot.TABLES.items():
        module, _, function = target.partition(":")
        assert built["tables"][name] == getattr(__import__(module, fromlist=[function]), function)(), name


def test_the_built_grammars_read_texts_as_the_grammar_sources_do(site: Path) -> None:
    if not (SHARED / "licences").is_dir():
        pytest.skip(f"needs the shared licence texts at {SHARED / 'licences'}, which are absent")
    texts = sorted((SHARED / "licences").glob("*.txt"))[::8]
    code = (
        "import json, sys;"
        "from railguard import grammars; from railguard.parse import parse_file;"
        "from railguard.parse.lexer import FastLexer;"
        "assert grammars._load('clause', {'lexer': FastLexer, 'maybe_placeholders': False}) is not None;"
        "assert grammars._load('structure', {'lexer': 'contextual', 'propagate_positions': False}) is not None;"
        "print(json.dumps([repr(parse_file(p)) for p in sys.argv[1:]]))"
    )
    result = probe(site, code, *map(str, texts))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [repr(parse_file(str(p))) for p in texts]


def test_every_grammar_is_built(tmp_path: Path) -> None:
    written = write_package_files(str(tmp_path))
    assert sorted(written) == sorted(f"grammars/{p.stem}.marshal" for p in (ROOT / "grammar").glob("*.lark"))


CARD = """---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B-Instruct
base_model_relation: finetune
---
# Support bot

## License

Apache 2.0.
"""

#: A card whose prose says what it is built on, with no `base_model` (RG416 reads the families table).
PROSE_CARD = """---
license: apache-2.0
---
# Support bot

Fine-tuned from Llama 3.1 8B on support tickets.
"""

LICENCE = """Demo Model Licence

1. You may use, copy and modify the Model.
2. You shall not use the Model for military purposes or to provide medical advice.
3. You must include a copy of this licence with every copy of the Model you distribute.
"""


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty"])
def test_a_damaged_built_file_falls_back_to_the_sources(site: Path, tmp_path: Path, damage: str) -> None:
    card = tmp_path / "README.md"
    card.write_text(CARD, encoding="utf-8")
    licence = tmp_path / "LICENSE"
    licence.write_text(LICENCE, encoding="utf-8")
    code = (
        "import sys; from railguard.cli import main;"
        "codes = [main(['lint', sys.argv[1]]), main(['compat', 'llama3.1', 'mit']), main(['parse', sys.argv[2]])];"
        "print(codes)"
    )
    intact = probe(site, code, str(card), str(licence), cache=tmp_path / "cache-intact")
    damaged_site = tmp_path / "site"
    shutil.copytree(site, damaged_site)
    for built in [
        *(damaged_site / "railguard" / "_data").glob("*.marshal"),
        *(damaged_site / "railguard" / "_data" / "grammars").glob("*"),
    ]:
        data = built.read_bytes()
        built.write_bytes(
            {
                "truncated": data[: len(data) // 2],
                "flipped": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
                "empty": b"",
            }[damage]
        )
    damaged = probe(damaged_site, code, str(card), str(licence), cache=tmp_path / "cache-damaged")
    assert intact.returncode == damaged.returncode == 0, damaged.stderr
    assert damaged.stdout == intact.stdout.replace(str(site), str(damaged_site))


# --- the cold path's imports ----------------------------------------------------------------------

#: What a cold command may import beyond ``python -c "import click, yaml"`` (fnmatch patterns).
#: Every module here is paid for by every pre-commit run: cold ``lint`` must stay within 1.6x and
#: cold ``compat`` within 2x that import (``tests/bench/bench_cold.py`` measures both). Before
#: adding a module, measure it there; a module railguard itself can do without (``json``,
#: ``pathlib``, ``hashlib``, ``importlib.resources``, the YAML schema, the grammars) belongs off
#: the cold path.
_COMMON = (
    "__future__",  # railguard's own `from __future__ import annotations`, when click has not imported it
    "_locale",
    "locale",  # click's gettext, when the commands' options are built
    "copy",
    "dataclasses",
    "gc",  # main pauses the cyclic collector
    "railguard",
    "railguard.bulk",
    "railguard.catalogue",
    "railguard.catalogue.loader",
    "railguard.catalogue.snapshot",
    "railguard.cli",
    "railguard.cli.exitcodes",
    "railguard.cli.options",
    "railguard.errors",
    "railguard.lazyexports",  # railguard.lint's and railguard.parse's functions, imported on first use
    "railguard.lazyre",
    "railguard.model",
    "railguard.model.finding",
    "railguard.model.licence",
    "railguard.model.names",
    "railguard.report",
    "railguard.resources",
    "railguard.rules",
    "railguard.rules.registry",
    "railguard.settings",  # [tool.railguard] ignore / severity apply to every command that reports findings
    "railguard.folders",  # where the settings search stops (the repository's top)
    # Each family's rule documentation, beside its checks (data only: they import railguard.model.finding).
    # The packages audit, bom and parse import nothing on their own; their checkers stay off this list.
    "railguard.audit",
    "railguard.audit.rules",
    "railguard.bom",
    "railguard.bom.rules",
    "railguard.expression",
    "railguard.expression.rules",
    "railguard.lineage",
    "railguard.lineage.rules",
    "railguard.lint",
    "railguard.lint.rules",
    "railguard.parse",
    "railguard.parse.rules",
)
COLD_IMPORTS: dict[str, tuple[str, ...]] = {
    "lint": (
        *_COMMON,
        "_bisect",
        "array",
        "bisect",
        "railguard.card",
        "railguard.card.*",
        "railguard.cli.lint",
        "railguard.lineage",
        "railguard.lineage.checks",
        "railguard.lineage.engine",
        "railguard.lineage.model",
        "railguard.lineage.results",
        "railguard.lineage.terms",
        "railguard.lineage.walk",
        "railguard.lint",
        "railguard.lint.*",
        "railguard.model.declared",  # the card reader's normal form of a declared licence (lists, expressions)
        "railguard.model.hubid",
        "railguard.readfile",
        "railguard.report.clauses",  # clause lists folded into ranges (`AUP 1(a)–4`), as every text cites them
        "railguard.report.escape",  # the text formatter's escaping of what cards hold (its regex compiled on use)
        "railguard.report.registry",  # the table of the formats --format offers (no formatter is imported)
        "railguard.report.text",
        "railguard.safeyaml",
    ),
    "compat": (
        *_COMMON,
        "railguard.cli.lineage",
        "railguard.expression",
        "railguard.expression.edge",  # an edge whose sides may be SPDX expressions (1.3 ms)
        "railguard.lineage",
        "railguard.lineage.checks",
        "railguard.lineage.run",  # what compat does between its options and its report (functions only)
        "railguard.lineage.terms",
        "railguard.lint",
        "railguard.model.declared",
        "railguard.report.clauses",  # clause lists folded into ranges, as every text cites them
        "railguard.report.escape",
        "railguard.report.registry",
        "railguard.report.verdicts",  # compat's text (and its verdict value)
        "railguard.resolve",
    ),
}
_PROBE = """
import atexit, sys
import click, yaml
baseline = set(sys.modules)
out, argv = sys.argv[1], sys.argv[2:]
atexit.register(lambda: open(out, "w").write("\\n".join(sorted(set(sys.modules) - baseline))))
sys.argv = ["railguard", *argv]
from railguard.cli import run
run()
"""


@pytest.mark.parametrize(
    ("command", "argv"),
    [
        ("lint", ["lint", "CARD"]),
        ("lint", ["lint", "PROSE_CARD"]),
        ("compat", ["compat", "creativeml-openrail-m", "mit"]),
    ],
    ids=["lint", "lint-prose", "compat"],
)
@pytest.mark.parametrize("cache_state", ["empty", "unwritable"])
def test_a_cold_command_imports_only_what_it_may(
    site: Path, tmp_path: Path, command: str, argv: list[str], cache_state: str
) -> None:
    card = tmp_path / "README.md"
    card.write_text(PROSE_CARD if "PROSE_CARD" in argv else CARD, encoding="utf-8")
    cache = tmp_path / "cache"
    if cache_state == "empty":
        cache.mkdir(mode=0o700)
    else:
        cache = tmp_path / "a-file" / "cache"
        cache.parent.write_text("", encoding="utf-8")
    out = tmp_path / "modules.txt"
    result = probe(site, _PROBE, str(out), *[str(card) if a.endswith("CARD") else a for a in argv], cache=cache)
    assert result.returncode in (0, 1), result.stderr
    imported = out.read_text(encoding="utf-8").split()
    assert "railguard.catalogue.snapshot" in imported
    unexpected = [m for m in imported if not any(fnmatch.fnmatchcase(m, p) for p in COLD_IMPORTS[command])]
    assert unexpected == [], f"a cold `{command}` imports more than it may (see COLD_IMPORTS): {unexpected}"
    if cache_state == "empty":
        assert list(cache.iterdir()) == [], "an installed railguard wrote to the cache on a cold run"
