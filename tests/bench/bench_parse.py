"""Benchmark the licence-text parser; prints the figures quoted in the issue notes.

Run: ``.venv/bin/python tests/bench/bench_parse.py`` (needs ../shared/licences beside the checkout).

Measures, on this machine:
* the whole shared corpus parsed in one process (budget: 3 s, imports, lexicon and grammar loading
  included);
* a cold ``railguard parse`` of one RAIL text, as a new process (budget: 0.5 s), against a cold
  ``python -c "import click, yaml"`` for scale;
* hostile inputs: a 10 MB file, a text just under the size limit, an empty file, a binary file and a
  Latin-1 file, each as a new process (each must finish quickly with a result or a clean exit 2).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "licences"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold(args: list[str], runs: int = 5) -> tuple[float, int, float]:
    """Median wall time of a fresh process, its exit code, and its median CPU time (user + system:
    on a shared, loaded machine the wall time waits for a processor, the CPU time does not)."""
    times = []
    cpus = []
    code = 0
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        code = subprocess.run(args, capture_output=True, check=False).returncode
        times.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(times), code, statistics.median(cpus)


def corpus_in_process() -> tuple[float, int, float]:
    probe = (
        "import time, pathlib\n"
        "t, c = time.perf_counter(), time.process_time()\n"
        "from railguard.parse import parse_file\n"
        f"files = sorted(pathlib.Path({str(SHARED)!r}).glob('*.txt'))\n"
        "for f in files: parse_file(f)\n"
        "print(time.perf_counter() - t, len(files), time.process_time() - c)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), float(out[2])


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    railguard = [sys.executable, "-m", "railguard"]
    seconds, count, cpu = corpus_in_process()
    print(
        f"corpus: {count} texts parsed in one process in {seconds:.2f} s, {cpu:.2f} s CPU "
        "(budget 3 s, imports, lexicon and grammar loading included)"
    )
    baseline, _, base_cpu = cold([sys.executable, "-c", "import click, yaml"])
    print(f"cold python -c 'import click, yaml': {baseline:.3f} s, {base_cpu:.3f} s CPU")
    for name in ("creativeml-openrail-m", "bigscience-openrail-m", "llama3.1-aup"):
        took, code, cpu = cold([*railguard, "parse", str(SHARED / f"{name}.txt")])
        print(f"cold railguard parse {name}.txt: {took:.3f} s, {cpu:.3f} s CPU (exit {code}; budget 0.5 s)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rail = (SHARED / "creativeml-openrail-m.txt").read_text(encoding="utf-8")
        cases = {
            "10 MB text": (rail * (10 * 1024 * 1024 // len(rail) + 1)).encode(),
            "3.9 MB text": (rail * (int(3.9 * 1024 * 1024) // len(rail))).encode(),
            "empty": b"",
            "binary": bytes(range(256)) * 4096,
            "Latin-1": (rail.replace("’", "'") + "\nLicence © Société Générale\n").encode("latin-1", errors="replace"),
        }
        for label, data in cases.items():
            path = folder / "LICENSE"
            path.write_bytes(data)
            took, code, _cpu = cold([*railguard, "parse", str(path)], runs=1)
            print(f"hostile {label} ({len(data):,} bytes): {took:.2f} s, exit {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
