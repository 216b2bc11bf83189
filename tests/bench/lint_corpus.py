"""Lint the 147 real model cards of ``../shared/modelcards`` as their authors' repositories hold them.

The corpus stores each card as a flat file; this script lays them out in a temporary directory as
``<org>/<name>/README.md`` under the model id ``SOURCES.tsv`` records, so that model names,
naming duties and sibling cards (a quantization of another corpus model) read as on the Hub. It
prints the number of findings and of cards by code, then every finding (``--all``) for review.

    python tests/bench/lint_corpus.py [--all] [--code RG415]

The cards are read at run time and never copied into the project.
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from railguard.lint.runner import lint_paths

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "modelcards"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="print every finding")
    parser.add_argument("--code", action="append", default=[], help="print the findings of this code")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="railguard-corpus-") as tmp:
        root = Path(tmp)
        with (CORPUS / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                model_id = re.search(r"model_id=([^;\s]+)", row["notes"]).group(1)  # type: ignore[union-attr]
                target = root / model_id / "README.md"
                if target.exists():
                    target = root / (model_id + "-" + row["file"].removesuffix(".md")) / "README.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(CORPUS / row["file"], target)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            report = lint_paths(["."])
        finally:
            os.chdir(cwd)
    findings = collections.Counter(f.code for f in report.findings)
    cards = collections.defaultdict(set)
    for f in report.findings:
        cards[f.code].add(f.file)
    print(f"{len(report.cards)} cards, {len(report.findings)} findings, no crash\n")
    print("| code | findings | cards |\n|---|---:|---:|")
    for code in sorted(findings):
        print(f"| {code} | {findings[code]} | {len(cards[code])} |")
    for f in report.findings:
        if args.all or f.code in args.code:
            print(f"\n{f.file}:{f.line}:{f.col}: {f.code} {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
