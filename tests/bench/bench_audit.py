"""Speed of ``railguard audit``: a cold audit of one repository against ``python -c "import click, yaml"``.

    python tests/bench/bench_audit.py [--runs 21]

*Cold* means a new process each time, with the per-user cache already filled and bytecode
compiled (benchmark a regular install: an editable one recompiles every module when
PYTHONDONTWRITEBYTECODE is set). The repository is a Llama 3.1 fine-tune with the real Apache-2.0
text from ``../shared/licences`` as its ``LICENSE`` (so the licence reader runs), a code file with
a licence header and a dataset. The commands run interleaved; the figures that count are the
medians. Target (issue 17): one repository in at most 1 s.
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

SHARED = Path(__file__).resolve().parents[3] / "shared"
CARD = """---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B-Instruct
datasets: [tatsu-lab/alpaca]
---
# Llama-3.1-helper
"""


def _time(cmd: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    if not (SHARED / "licences").is_dir():
        print(f"no licence texts at {SHARED}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="railguard-bench-audit-") as tmp:
        repo = Path(tmp) / "Llama-3.1-helper"
        repo.mkdir()
        (repo / "README.md").write_text(CARD, encoding="utf-8")
        (repo / "LICENSE").write_text((SHARED / "licences" / "apache-2.0.txt").read_text(encoding="utf-8"))
        (repo / "modeling.py").write_text('# Licensed under the Apache License, Version 2.0 (the "License");\n')
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RAILGUARD_NO_CACHE")}
        env["RAILGUARD_CACHE_DIR"] = str(Path(tmp) / "cache")
        python = sys.executable
        audit = [str(Path(python).with_name("railguard")), "audit", "."]
        base = [python, "-c", "import click, yaml"]
        _time(audit, env, str(repo))  # fills the cache: the state after the first run ever
        audits, bases = [], []
        for _ in range(args.runs):
            audits.append(_time(audit, env, str(repo)))
            bases.append(_time(base, env, str(repo)))
    ratio = statistics.median(a / b for a, b in zip(audits, bases, strict=True))
    print(f"cold audit of one repository: median {statistics.median(audits):.3f} s (max {max(audits):.3f} s)")
    print(f"python -c 'import click, yaml': median {statistics.median(bases):.3f} s; ratio {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
