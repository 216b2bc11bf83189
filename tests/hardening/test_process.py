"""Whole-process properties of every command: no network access, the same bytes every time, no home needed.

The invocations are data: every command the docs show, each command's first example in the docs
in every ``--format`` it accepts, and a few hostile lineage inputs in every format. A command
added later is covered once the docs show it (``test_doc_commands.py`` requires that). They run in
two fresh processes with sockets blocked: one with an empty cache and ``PYTHONHASHSEED=0``, one
with the cache it left and another hash seed, one without a home directory (``HOME`` unset, a user
id without a passwd entry), each invocation twice; every run must print the same bytes and exit
the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from railguard.cli import COMMANDS, cli
from tests.hardening.driver import run_plan
from tests.hardening.readme import ROOT, examples, make_workdir

#: Hostile lineage inputs whose output must be as stable as the docs' examples.
HOSTILE = {
    "hostile/cycle.yaml": (
        "models:\n  - id: a/a\n    license: creativeml-openrail-m\n    base_model: [a/b, zz/unknown]\n"
        "  - id: a/b\n    license: mit\n    base_model: a/a\n  - id: s/s\n    license: nope-licence\n"
        "    base_model: s/s\n  - id: m/merge\n    license: apache-2.0\n    base_model: [a/b, s/s, lab/nc]\n"
        "  - id: lab/nc\n    license: cc-by-nc-4.0\n"
    ),
    "hostile/table.jsonl": (
        '{"id": "lab/nc", "license": "cc-by-nc-4.0"}\n{broken\n[1]\n'
        '{"id": "q/b", "license": "apache-2.0", "base_model": "lab/nc"}\n'
        '{"id": "q/a", "license": "openrail", "base_model": ["q/b", "lab/nc"]}\n'
    ),
    "hostile/table.csv": 'id,license,base_model\n"x/a,b",mit,\ny/c,llama3.1,"x/a,b;meta-llama/Llama-3.1-8B"\n,mit,\n',
    "hostile/cards/lab/base/README.md": "---\nlicense: bigscience-openrail-m\n---\n",
    "hostile/cards/acme/tune/README.md": "---\nlicense: mit\nbase_model: lab/base\n---\n",
    "hostile/cards/evil/bomb/README.md": "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
    + "c: &c [*b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d]\n"
    + "f: [*e, *e, *e, *e, *e, *e]\n---\n",
}


def formats(command: str) -> list[str]:
    """The ``--format`` choices of a command (none if it has no such option)."""
    found = cli.get_command(click.Context(cli), command)
    assert found is not None
    for param in found.params:
        if param.name == "output_format" and isinstance(param.type, click.Choice):
            return [str(c) for c in param.type.choices]
    return []


def _without_format(argv: tuple[str, ...]) -> list[str]:
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--format":
            skip = True
        elif not arg.startswith("--format="):
            out.append(arg)
    return out


def invocations() -> list[list[str]]:
    shown = [e for e in examples() if e.module is None]
    plan = [list(e.argv) for e in shown]
    for command in sorted(COMMANDS):
        first = next((e for e in shown if e.command == command), None)
        if first is not None:
            plan += [[*_without_format(first.argv), "--format", f] for f in formats(command)]
    for path in ("hostile/cycle.yaml", "hostile/table.jsonl", "hostile/table.csv", "hostile/cards"):
        plan += [["lineage", path, "--format", f] for f in formats("lineage")]
    plan.append(["permits", "m/merge", "--use", "military", "--commercial", "--lineage", "hostile/cycle.yaml"])
    # NOTE: the Hub is the one thing allowed to use the network; those runs are tested elsewhere.
    plan = [argv for argv in plan if "--hub" not in argv]
    unique: list[list[str]] = []
    for argv in plan:
        if argv not in unique:
            unique.append(argv)
    return unique


INVOCATIONS = invocations()
IDS = [" ".join(argv)[:80] for argv in INVOCATIONS]


def _drive(
    folder: Path, workdir: Path, seed: str, cache: Path | None, repeat: int = 2
) -> tuple[list[dict[str, Any]], str]:
    log = folder / f"network-{seed}.log"
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "RAILGUARD_TEST_BLOCK_NETWORK": str(log),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("RAILGUARD_NO_CACHE", None)
    if cache is not None:
        env["RAILGUARD_CACHE_DIR"] = str(cache)
    else:
        # NOTE: no home directory at all: HOME unset and a user id without a passwd entry
        # (issue 11), so no cache folder can be found either.
        for name in ("RAILGUARD_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
            env.pop(name, None)
        env["RAILGUARD_TEST_NO_PASSWD"] = "1"
    results = run_plan(workdir, INVOCATIONS, repeat, env, str(folder / f"seed-{seed}"))
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    return results, attempts


@pytest.fixture(scope="module")
def driven(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[dict[str, Any]], str]]:
    folder = tmp_path_factory.mktemp("process")
    workdir = make_workdir(folder / "work", produce=True)
    for name, text in HOSTILE.items():
        path = workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    cache = folder / "cache"
    # the first process starts with an empty cache, the second with the cache the first left, the
    # third has no home directory and so no cache
    runs = {seed: _drive(folder, workdir, seed, cache) for seed in ("0", "4242")}
    runs["no-home"] = _drive(folder, workdir, "7", None, repeat=1)
    return runs


def test_every_command_works_without_a_home_directory(
    driven: dict[str, tuple[list[dict[str, Any]], str]],
) -> None:
    homeless, _ = driven["no-home"]
    usual, _ = driven["0"]
    for argv, with_home, without in zip(INVOCATIONS, usual, homeless, strict=True):
        assert without["runs"][0] == with_home["runs"][0], (
            f"railguard {' '.join(argv)} differs without a home directory"
        )


def test_there_are_invocations_for_every_command() -> None:
    assert {argv[0] for argv in INVOCATIONS} == set(COMMANDS)


def test_no_network_access(driven: dict[str, tuple[list[dict[str, Any]], str]]) -> None:
    for results, attempts in driven.values():
        assert attempts == "", f"railguard tried to reach the network:\n{attempts}"
        for result in results:
            for run in result["runs"]:
                assert run["code"] in (0, 1), (result["argv"], run["err"])
                assert "Traceback" not in run["err"]
                assert "network access blocked" not in run["out"] + run["err"]


def test_network_is_really_blocked_in_the_driver(tmp_path: Path) -> None:
    log = tmp_path / "net.log"
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from tests.hardening.driver import block_network;"
        "block_network(sys.argv[2]); import socket, urllib.request\n"
        "for attempt in (lambda: socket.socket(), lambda: socket.create_connection(('127.0.0.1', 9)),"
        " lambda: urllib.request.urlopen('http://127.0.0.1:9/')):\n"
        "    try:\n        attempt()\n    except OSError:\n        pass\n    else:\n        sys.exit(1)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(log)], capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert len(log.read_text(encoding="utf-8").splitlines()) == 3


def test_console_script_entry_without_network(tmp_path: Path) -> None:
    # The real entry point (python -m railguard), with the block installed by sitecustomize.
    log = tmp_path / "net.log"
    (tmp_path / "sitecustomize.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom tests.hardening.driver import block_network\n"
        f"block_network({str(log)!r})\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "railguard", "lineage", str(ROOT / "examples" / "lineage.yaml"), "--format", "sarif"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["version"] == "2.1.0"
    assert not log.exists() or log.read_text(encoding="utf-8") == ""
    # the block is live in that process: a probe through the same sitecustomize fails
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "network access blocked by the test" in probe.stderr


@pytest.mark.parametrize("index", range(len(INVOCATIONS)), ids=IDS)
def test_same_input_same_bytes(driven: dict[str, tuple[list[dict[str, Any]], str]], index: int) -> None:
    runs = [run for results, _ in driven.values() for run in results[index]["runs"]]
    first = runs[0]
    for other in runs[1:]:
        assert other == first, f"railguard {' '.join(INVOCATIONS[index])} printed different output"


def _sort_key(finding: dict[str, Any]) -> tuple[Any, ...]:
    # Finding.sort_key, from the JSON fields
    return (
        finding["file"] or "",
        finding["line"] or 0,
        finding.get("col") or 0,
        finding["model"] or "",
        finding["code"],
        finding["licence"] or "",
        finding["categories"],
        finding["message"],
    )


@pytest.mark.parametrize(
    "index", [i for i, argv in enumerate(INVOCATIONS) if argv[-2:] == ["--format", "json"]], ids=lambda i: IDS[i]
)
def test_json_findings_are_sorted(driven: dict[str, tuple[list[dict[str, Any]], str]], index: int) -> None:
    results, _ = driven["0"]
    data = json.loads(results[index]["runs"][0]["out"].encode("latin-1").decode("utf-8"))
    assert next(iter(data)) == "schema_version"
    findings = data["findings"]
    assert findings == sorted(findings, key=_sort_key)
