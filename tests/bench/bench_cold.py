"""Cold start of single commands against ``python -c "import click, yaml"``, on a regular install.

    python tests/bench/bench_cold.py [--runs 21] [--python PATH]

Without ``--python`` the checkout is built into a wheel and installed into a new virtual
environment (an editable install would measure the source checkout's path, which reads the YAML,
not what users run). *Cold* is a fresh CI runner: a new process, bytecode compiled at install,
and a cache folder that is empty (a new one for every run) or that cannot be written. Each
command runs interleaved with the baseline, so machine load hits both alike; the figures are
the medians and the median of the per-pair ratios. Budgets (issues 5 and 11): ``lint`` at most
1.6x the baseline, ``compat`` at most 2x. Which modules a cold command may import is guarded by
``tests/test_packaging.py::test_a_cold_command_imports_only_what_it_may``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_lint import LLAMA_RELICENSED  # this folder is on the path of a script run from it

ROOT = Path(__file__).resolve().parents[2]
CARD = LLAMA_RELICENSED  # a fine-tune relicensed against its base model: the lineage checks run
#: name -> (arguments, budget as a multiple of the baseline)
COMMANDS: dict[str, tuple[list[str], float | None]] = {
    "lint": (["lint", "{card}"], 1.6),
    "compat": (["compat", "creativeml-openrail-m", "mit"], 2.0),
    "explain": (["explain", "llama3.1"], None),
}


def install(folder: Path) -> str:
    """Build this checkout's wheel and install it into a new environment; its interpreter."""
    wheels = folder / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], check=True)
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    (wheel,) = wheels.glob("railguard-*.whl")
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True)
    return python


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--python", help="the interpreter of a regular (non-editable) install of railguard")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="railguard-bench-cold-") as tmp:
        folder = Path(tmp)
        python = args.python or install(folder)
        card = folder / "README.md"
        card.write_text(CARD, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RAILGUARD_NO_CACHE")}
        baseline = [python, "-c", "import click, yaml"]
        blocker = folder / "not-a-folder"
        blocker.write_text("", encoding="utf-8")
        print(f"{'command':9} {'cache':10} {'median':>8} {'baseline':>9} {'ratio':>6}  budget")
        for name, (template, budget) in COMMANDS.items():
            command = [python, "-m", "railguard", *(a.format(card=card) for a in template)]
            for state in ("empty", "unwritable"):
                base: list[float] = []
                took: list[float] = []
                for run in range(args.runs + 1):
                    cache = folder / f"cache-{name}-{state}-{run}"
                    if state == "empty":
                        cache.mkdir(mode=0o700)
                    else:
                        cache = blocker / "cache"
                    b = timed(baseline, env, folder)
                    t = timed(command, {**env, "RAILGUARD_CACHE_DIR": str(cache)}, folder)
                    if run:  # the first pair warms the file system cache
                        base.append(b)
                        took.append(t)
                ratio = statistics.median(t / b for t, b in zip(took, base, strict=True))
                verdict = "" if budget is None else f"{budget:.1f}x " + ("ok" if ratio <= budget else "OVER")
                print(
                    f"{name:9} {state:10} {statistics.median(took) * 1000:6.0f}ms "
                    f"{statistics.median(base) * 1000:7.0f}ms {ratio:5.2f}x  {verdict}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
