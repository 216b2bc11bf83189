"""Benchmark ``railguard lineage`` on Hub-shaped graphs; prints the figures quoted in the issue notes.

Run: ``.venv/bin/python tests/bench/bench_lineage.py [--formats json,jsonl,text,sarif] [N ...]``
(default: 100000 250000 500000, every format). Benchmark a regular install, not an editable one.

The generator writes a JSONL table shaped like the Hub: a few hundred roots under real licences,
power-law fan-out (most models have no children, a few have thousands), 5 % merges of two
parents, chains up to 50 deep, and a realistic mix of declared licences (some relicensing). Each
size and format runs ``railguard lineage TABLE --format FORMAT`` as a new process writing to a
file, and reports wall time, CPU time (user and system; steadier on a shared machine), the peak
PSS of the whole process tree (Linux; the memory the run
holds, shared pages counted once), the largest RSS, and the output's size. Issue 14 asks, for
2,000,000 models on a 2-core machine: JSON and JSONL in at most 30 s and 2 GB, JSONL at most
1 GB and JSON at most 300 MB of output, text and SARIF in at most 1.5 times the JSON time in
bounded memory, and linear growth from 500,000 to 2,000,000 models:
``bench_lineage.py 500000 1000000 2000000``.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT_LICENCES = [
    "creativeml-openrail-m",
    "openrail++",
    "llama2",
    "llama3.1",
    "gemma",
    "apache-2.0",
    "mit",
    "cc-by-nc-4.0",
    "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m",
    "qwen-license",
    "cc-by-sa-4.0",
]
CHILD_LICENCES = [
    "apache-2.0",
    "mit",
    "creativeml-openrail-m",
    "llama3.1",
    "cc-by-nc-4.0",
    "openrail",
    "other-thing",
    None,
]


def generate(path: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` models as JSONL."""
    rng = random.Random(seed)
    depth: list[int] = []
    weights: list[float] = []
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            model = {"id": f"org{index % 997}/model-{index}"}
            if index < 300 or not depth:
                model["license"] = ROOT_LICENCES[index % len(ROOT_LICENCES)]
                depth.append(0)
            else:
                # power-law fan-out: pick parents in proportion to a Pareto weight
                parent = rng.choices(range(len(weights)), weights=None, k=1)[0] if rng.random() < 0.2 else None
                if parent is None:
                    parent = min(int(rng.paretovariate(1.2)) - 1, index - 1)
                    parent = index - 1 - parent if rng.random() < 0.5 else rng.randrange(index)
                if depth[parent] >= 50:
                    parent = rng.randrange(300)
                bases = [f"org{parent % 997}/model-{parent}"]
                if rng.random() < 0.05:
                    other = rng.randrange(index)
                    bases.append(f"org{other % 997}/model-{other}")
                model["base_model"] = bases if len(bases) > 1 else bases[0]
                model["base_model_relation"] = (
                    "merge" if len(bases) > 1 else rng.choice(["finetune", "adapter", "quantized"])
                )
                model["license"] = rng.choice(CHILD_LICENCES)
                depth.append(depth[parent] + 1)
            weights.append(1.0)
            out.write(json.dumps(model) + "\n")


def _tree(pid: int) -> list[int]:
    """The process and its descendants (Linux)."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                for child in children.read().split():
                    found.extend(_tree(int(child)))
    except OSError:
        pass
    return found


def _pss_mb(pid: int) -> float:
    """Proportional set size of the process tree in MB: the memory it holds, shared pages counted once."""
    total = 0
    for member in _tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup", encoding="ascii") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
        except OSError:
            pass
    return total / 1024


def measure(table: Path, fmt: str, folder: Path) -> tuple[float, float, float, float, int, int]:
    """(seconds, CPU seconds, peak RSS MB of the children so far, peak PSS MB of the process tree, exit code,
    output bytes)."""
    output = folder / f"out.{fmt}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with output.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "railguard", "lineage", str(table), "--format", fmt, "--exit-zero", "--quiet"],
            stdout=sink,
            stderr=subprocess.DEVNULL,
        )
        tree_peak = 0.0
        while proc.poll() is None:
            tree_peak = max(tree_peak, _pss_mb(proc.pid))
            time.sleep(0.2)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # NOTE: on a shared machine the wall time counts the other jobs too; the CPU time (user and
    # system) of the run is the steadier figure to compare.
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    size = output.stat().st_size
    output.unlink()
    return seconds, cpu, after.ru_maxrss / 1024, tree_peak, proc.returncode, size


def main(argv: list[str]) -> int:
    formats = ["json", "jsonl", "text", "sarif"]
    if argv[:1] == ["--formats"]:
        formats, argv = argv[1].split(","), argv[2:]
    sizes = [int(a) for a in argv] or [100_000, 250_000, 500_000]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            table = Path(tmp) / f"graph-{count}.jsonl"
            generate(table, count)
            for fmt in formats:
                seconds, cpu, peak_mb, tree_mb, code, size = measure(table, fmt, Path(tmp))
                print(
                    f"{count:>9,} models {fmt:>5}: {seconds:6.1f} s ({cpu:6.1f} s CPU), "
                    f"peak PSS of the process tree {tree_mb:6.0f} MB "
                    f"(largest RSS so far {peak_mb:6.0f} MB), output {size / 1e6:8.1f} MB, exit {code}, "
                    f"{count / seconds:,.0f} models/s, load average {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
            table.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
