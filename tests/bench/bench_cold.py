"""Cold start of single commands against the `python -c "import click, yaml"` baseline.

Run: ``.venv/bin/python tests/bench/bench_cold.py [RUNS]`` (default 21). Each command runs as a
new process RUNS times, alternating with the baseline so machine load hits both alike; the
medians and their ratio are printed. Budgets (issue 4 and 5): `compat` at most 2x the
baseline, `lint` at most 1.6x. The per-user cache is warm (the first run fills it), as it is
for any user after their first command.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASELINE = [sys.executable, "-c", "import click, yaml"]
COMMANDS = {
    "compat": ([sys.executable, "-m", "railguard", "compat", "creativeml-openrail-m", "mit"], 2.0),
    "explain": ([sys.executable, "-m", "railguard", "explain", "llama3.1"], None),
}


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 21
    for name, (command, budget) in COMMANDS.items():
        _time(command)  # fill the cache
        base: list[float] = []
        timed: list[float] = []
        for _ in range(runs):
            base.append(_time(BASELINE))
            timed.append(_time(command))
        b, t = statistics.median(base), statistics.median(timed)
        verdict = "" if budget is None else (" within budget" if t / b <= budget else f" OVER the {budget}x budget")
        print(f"{name:8} {t * 1000:6.0f} ms vs baseline {b * 1000:5.0f} ms: {t / b:4.2f}x{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
