"""Audit the 147 real model cards of ``../shared/modelcards`` laid out as model repositories.

Each card becomes ``<org>/<name>/README.md`` (the model id from ``SOURCES.tsv``) twice: once in a
tree *without* any licence file, once in a tree *with* a ``LICENSE`` holding the real text of the
declared licence from ``../shared/licences`` when the corpus has it (a text the licence reader
identifies as that licence's published wording, with its use policy as ``USE_POLICY.md`` where the
corpus holds it separately). Both trees are audited with ``--recursive``; the script prints
each summary table, the findings by code, and with ``--all`` every finding for review.

    python tests/bench/audit_corpus.py [--all] [--code RG502]

The texts are copied into a temporary folder at run time and never into the project.
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import shutil
import sys
import tempfile
from pathlib import Path

from railguard.audit.runner import audit_paths
from railguard.audit.summary import summarise

SHARED = Path(__file__).resolve().parents[3] / "shared"


def texts_by_licence() -> tuple[dict[str, Path], dict[str, Path]]:
    """A real text for each catalogue licence the corpus has one of (its published wording, as the
    licence reader identifies it), and the separately published use policies."""
    from railguard.audit.texts import read_licence

    texts: dict[str, Path] = {}
    policies: dict[str, Path] = {}
    for path in sorted((SHARED / "licences").glob("*.txt")):
        reading = read_licence(path.name, path.read_text(encoding="utf-8", errors="replace"))
        if reading.identity == "published" and reading.licence is not None:
            texts.setdefault(reading.licence.id, path)
        elif reading.policy_of is not None:
            policies.setdefault(reading.policy_of.id, path)
    return texts, policies


def layout(root: Path, with_licence: bool, texts: dict[str, Path], policies: dict[str, Path]) -> int:
    from railguard.card.metadata import licence_fields
    from railguard.card.reader import read_card_file
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    placed = 0
    with (SHARED / "modelcards" / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            match = re.search(r"model_id=([^;\s]+)", row["notes"])
            model_id = match.group(1) if match else row["file"].removesuffix(".md")
            target = root / model_id
            if target.exists():
                target = root / (model_id + "-" + row["file"].removesuffix(".md"))
            target.mkdir(parents=True)
            source = SHARED / "modelcards" / row["file"]
            shutil.copyfile(source, target / "README.md")
            if not with_licence:
                continue
            # the card's first declared licence, read as lint, lineage and audit read it
            names = licence_fields(read_card_file(source).meta).as_declared().names
            licence = catalogue.find(names[0]) if names else None
            text = texts.get(licence.id) if licence is not None else None
            if text is not None and licence is not None:
                shutil.copyfile(text, target / "LICENSE")
                if licence.id in policies:
                    shutil.copyfile(policies[licence.id], target / "USE_POLICY.md")
                placed += 1
    return placed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="print every finding")
    parser.add_argument("--code", action="append", default=[], help="print the findings of this code")
    args = parser.parse_args()
    if not (SHARED / "modelcards").is_dir():
        print(f"no corpus at {SHARED}", file=sys.stderr)
        return 2
    texts, policies = texts_by_licence()
    with tempfile.TemporaryDirectory(prefix="railguard-audit-corpus-") as tmp:
        for label, with_licence in (("without licence files", False), ("with the declared licence's text", True)):
            root = Path(tmp) / ("with" if with_licence else "without")
            placed = layout(root, with_licence, texts, policies)
            report = audit_paths(str(root), recursive=True)
            extra = f" ({placed} with a LICENSE from ../shared/licences)" if with_licence else ""
            print(f"## {len(report.repositories)} repositories {label}{extra}")
            print(summarise(report.repositories).table())
            counts = collections.Counter(f.code for f in report.findings)
            repos = collections.defaultdict(set)
            for f in report.findings:
                repos[f.code].add(f.model)
            print("| code | findings | repositories |\n|---|---:|---:|")
            for code in sorted(counts):
                print(f"| {code} | {counts[code]} | {len(repos[code])} |")
            print()
            for f in report.findings:
                if args.all or f.code in args.code:
                    where = f.file.replace(str(root) + "/", "") if f.file else "-"
                    print(f"{where}:{f.line}: {f.code} {f.message}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
