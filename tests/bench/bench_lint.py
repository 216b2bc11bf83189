"""Speed of ``railguard lint``: a cold start against ``python -c "import click, yaml"``, 1,000 cards, a chain.

    python tests/bench/bench_lint.py [--runs 31] [--chain 2000]

*Cold* means a new process each time, with the per-user cache already filled (the state after
the first run ever, which fills it) and bytecode compiled. The two commands run interleaved, so a
busy machine slows both alike; the figure that counts is the median of the per-pair ratios.
Targets (issue 5): a cold lint of one card in at most 1.6 times the import of click and yaml;
1,000 cards in one call in under 3 s. Issue 11: a chain of 2,000 cards (each the base model of
the next, every one a card of the repository) in at most 5 s, and linear: the chain of N cards
against the chain of N/2, time and peak memory (it was quadratic: 126 s and 772 MB for 2,000).
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

LLAMA_RELICENSED = """---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B-Instruct
base_model_relation: finetune
---
# Support bot

A fine-tune for customer support.

## License

Apache 2.0.
"""

PLAIN = """---
license: mit
language: en
tags: [text-classification]
---
# Sentiment classifier

A small classifier.
"""

#: Card shapes for the bulk run: (licence, base model or None, body).
SHAPES = (
    ("apache-2.0", "meta-llama/Llama-3.1-8B-Instruct", "## License\n\nApache 2.0\n"),
    ("llama3.1", "meta-llama/Llama-3.1-8B-Instruct", "Built with Llama\n\n## License\n\nLlama 3.1 Community License\n"),
    ("creativeml-openrail-m", "runwayml/stable-diffusion-v1-5", "An anime fine-tune.\n"),
    ("mit", None, "## License\n\nMIT\n"),
    ("Apache-2.0", None, "A classifier.\n"),
    ("other", "Qwen/Qwen2.5-7B-Instruct", "## License\n\nQwen licence\n"),
    ("gemma", "google/gemma-2-9b", "## Terms\n\nGemma Terms of Use\n"),
    ("cc-by-nc-4.0", "mistralai/Mistral-7B-v0.1", "Research only.\n"),
)


def _env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RAILGUARD_NO_CACHE")}
    env["RAILGUARD_CACHE_DIR"] = cache
    return env


def _time(cmd: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def cold(card: str, runs: int, env: dict[str, str], folder: Path) -> tuple[float, float, float]:
    """Median seconds of the baseline and of the lint, and the median per-pair ratio."""
    path = folder / "acme" / "model" / "README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(card, encoding="utf-8")
    python = sys.executable
    railguard = str(Path(python).with_name("railguard"))
    base = [python, "-c", "import click, yaml"]
    lint = [railguard, "lint", "acme/model/README.md"]
    for _ in range(2):  # compile bytecode, fill the per-user cache
        _time(lint, env, str(folder))
        _time(base, env, str(folder))
    pairs = [(_time(base, env, str(folder)), _time(lint, env, str(folder))) for _ in range(runs)]
    return (
        statistics.median(b for b, _ in pairs),
        statistics.median(t for _, t in pairs),
        statistics.median(t / b for b, t in pairs),
    )


def bulk(count: int, env: dict[str, str], folder: Path) -> float:
    """Seconds for one `railguard lint DIR` over ``count`` generated cards (median of three)."""
    for i in range(count):
        licence, base, body = SHAPES[i % len(SHAPES)]
        meta = [f"license: {licence}"]
        if licence == "other":
            meta += [
                "license_name: qwen",
                "license_link: https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/LICENSE",
            ]
        if base:
            meta.append(f"base_model: {base}")
        card = folder / "cards" / f"org{i % 37}" / f"model-{i}" / "README.md"
        card.parent.mkdir(parents=True, exist_ok=True)
        card.write_text("---\n" + "\n".join(meta) + f"\n---\n# Model {i}\n\n{body}", encoding="utf-8")
    railguard = str(Path(sys.executable).with_name("railguard"))
    cmd = [railguard, "lint", "cards", "--format", "json"]
    _time(cmd, env, str(folder))
    return statistics.median(_time(cmd, env, str(folder)) for _ in range(3))


def _time_and_memory(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Seconds and peak resident megabytes of one run of ``cmd``."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def chain(count: int, env: dict[str, str], folder: Path) -> tuple[float, float]:
    """Seconds (median of three) and peak MB of `railguard lint DIR` over a chain of ``count`` cards."""
    root = folder / f"chain-{count}"
    (root / ".git").mkdir(parents=True)
    for i in range(count):
        base = f"acme/Llama-chain-{i - 1}" if i else "meta-llama/Llama-3.1-8B"
        card = root / "acme" / f"Llama-chain-{i}" / "README.md"
        card.parent.mkdir(parents=True)
        card.write_text(
            f"---\nlicense: llama3.1\nbase_model: {base}\n---\n# Llama chain {i}\n\nBuilt with Llama\n",
            encoding="utf-8",
        )
    cmd = [str(Path(sys.executable).with_name("railguard")), "lint", "acme", "--format", "json"]
    _time_and_memory(cmd, env, str(root))
    runs = [_time_and_memory(cmd, env, str(root)) for _ in range(3)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--chain", type=int, default=2000, help="cards in the chain (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="railguard-bench-") as tmp:
        folder = Path(tmp)
        env = _env(str(folder / "cache"))
        for label, card in (("Llama fine-tune relicensed Apache-2.0", LLAMA_RELICENSED), ("plain MIT card", PLAIN)):
            base, lint, ratio = cold(card, args.runs, env, folder)
            print(
                f"cold lint, {label}: {lint * 1000:.0f} ms vs import click, yaml {base * 1000:.0f} ms: "
                f"{ratio:.2f}x (median of {args.runs} interleaved pairs; target <= 1.6x)"
            )
        seconds = bulk(1000, env, folder)
        print(f"1,000 cards in one call: {seconds:.2f} s (median of 3; target < 3 s)")
        if args.chain:
            half_s, half_mb = chain(args.chain // 2, env, folder)
            full_s, full_mb = chain(args.chain, env, folder)
            print(
                f"chain of {args.chain:,} cards: {full_s:.2f} s, {full_mb:.0f} MB peak (target <= 5 s); "
                f"chain of {args.chain // 2:,}: {half_s:.2f} s, {half_mb:.0f} MB; "
                f"time ratio {full_s / half_s:.2f} (linear: about 2)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
