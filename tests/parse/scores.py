"""Score the licence reader against the gold labels, by side of the family split.

Run: ``.venv/bin/python tests/parse/scores.py [--side dev|held-out|all] [--texts]`` (needs
../shared/licences). Prints per-category precision and recall, flow-down, commercial and
identification accuracy for the chosen side; ``--texts`` adds one line per text with what was
missed or added. tests/parse/test_scores.py holds the figures.

A category is counted per text: a true positive when the text states it and the parse finds it,
a false positive when the parse finds one the text does not state, a false negative when the
text states one the parse misses. Texts the reader cannot read (``language`` other than English)
are left out of the category figures and listed apart.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "licences"
NOT_IN_CATALOGUE = "not in catalogue"

if str(ROOT / "src") not in sys.path:  # pragma: no cover - run as a script from a checkout
    sys.path.insert(0, str(ROOT / "src"))

from railguard.parse import ParsedLicence, parse_file  # noqa: E402


@dataclass(frozen=True)
class Gold:
    """What a careful reader says one text states (tests/parse/gold.yaml)."""

    name: str
    family: str
    side: str
    categories: frozenset[str]
    flow_down: bool
    commercial: bool | None
    identity: str
    nearest: str | None = None
    binding: bool = True
    language: str = "en"


@functools.cache
def gold() -> dict[str, Gold]:
    """Every text's gold labels, with its family and side."""
    here = Path(__file__).parent
    split = yaml.safe_load((here / "split.yaml").read_text(encoding="utf-8"))["families"]
    labels = yaml.safe_load((here / "gold.yaml").read_text(encoding="utf-8"))["texts"]
    side_of = {text: (family, entry["side"]) for family, entry in split.items() for text in entry["texts"]}
    out: dict[str, Gold] = {}
    for name, label in labels.items():
        family, side = side_of[name]
        out[name] = Gold(
            name,
            family,
            side,
            frozenset(label["categories"]),
            bool(label["flow_down"]),
            label["commercial"],
            label["identity"],
            label.get("nearest"),
            label.get("binding", True),
            label.get("language", "en"),
        )
    return out


@functools.cache
def parsed(name: str) -> ParsedLicence:
    """The reader's parse of one shared text."""
    return parse_file(SHARED / f"{name}.txt")


@dataclass
class Score:
    """The figures for a set of texts."""

    texts: int
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]
    flow_right: int
    commercial_right: int
    identity_right: int
    exact_wrong: list[str]
    unread: list[str]

    def precision(self, category: str | None = None) -> float:
        tp = self.tp[category] if category else sum(self.tp.values())
        fp = self.fp[category] if category else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, category: str | None = None) -> float:
        tp = self.tp[category] if category else sum(self.tp.values())
        fn = self.fn[category] if category else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0


def identity_right(label: Gold, result: ParsedLicence) -> bool:
    """Right: a catalogue text named as its licence; any other text not named exactly."""
    found = result.identification
    if label.identity == NOT_IN_CATALOGUE:
        return not found.exact
    return found.licence is not None and found.licence.id == label.identity


def exact_wrong(label: Gold, result: ParsedLicence) -> bool:
    """Named *exactly* as a licence the text is not (never allowed)."""
    found = result.identification
    return found.exact and (found.licence is None or found.licence.id != label.identity)


def score(side: str) -> Score:
    """Score every text on ``side`` (``dev``, ``held-out`` or ``all``)."""
    labels = [g for g in gold().values() if side in ("all", g.side)]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    flows = commercial = identity = 0
    wrong_exact: list[str] = []
    unread: list[str] = []
    for label in labels:
        result = parsed(label.name)
        if label.language == "en":
            found = set(result.categories)
            for category in found & label.categories:
                tp[category] += 1
            for category in found - label.categories:
                fp[category] += 1
            for category in label.categories - found:
                fn[category] += 1
        else:
            unread.append(label.name)
        flows += result.flow_down == label.flow_down
        commercial += result.commercial == label.commercial
        identity += identity_right(label, result)
        if exact_wrong(label, result):
            wrong_exact.append(label.name)
    return Score(len(labels), tp, fp, fn, flows, commercial, identity, wrong_exact, unread)


def table(result: Score) -> str:
    """The figures as a Markdown table."""
    lines = ["| category | precision | recall | tp | fp | fn |", "|---|---|---|---|---|---|"]
    for category in sorted(set(result.tp) | set(result.fp) | set(result.fn)):
        lines.append(
            f"| {category} | {result.precision(category):.2f} | {result.recall(category):.2f} "
            f"| {result.tp[category]} | {result.fp[category]} | {result.fn[category]} |"
        )
    n = result.texts
    lines.append(
        f"| **all** | **{result.precision():.3f}** | **{result.recall():.3f}** | {sum(result.tp.values())} "
        f"| {sum(result.fp.values())} | {sum(result.fn.values())} |"
    )
    lines.append("")
    lines.append(
        f"texts: {n}; flow-down right: {result.flow_right}/{n}; commercial right: {result.commercial_right}/{n}"
    )
    lines.append(f"identification right: {result.identity_right}/{n}; exact but wrong: {result.exact_wrong or 'none'}")
    if result.unread:
        lines.append(f"not in English, left out of the category figures: {', '.join(result.unread)}")
    return "\n".join(lines)


def per_text(side: str) -> str:
    """One line per text: what the parse missed, added, and got wrong."""
    lines = []
    for label in sorted(gold().values(), key=lambda g: g.name):
        if side not in ("all", label.side):
            continue
        result = parsed(label.name)
        found = set(result.categories)
        notes = []
        if label.categories - found:
            notes.append("missed " + ",".join(sorted(label.categories - found)))
        if found - label.categories:
            notes.append("added " + ",".join(sorted(found - label.categories)))
        if result.flow_down != label.flow_down:
            notes.append(f"flow-down {result.flow_down} (gold {label.flow_down})")
        if result.commercial != label.commercial:
            notes.append(f"commercial {result.commercial} (gold {label.commercial})")
        if not identity_right(label, result):
            named = result.identification.licence.id if result.identification.licence else None
            notes.append(f"identified {named} exact={result.identification.exact} (gold {label.identity})")
        lines.append(f"{label.name}: {'; '.join(notes) or 'ok'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", choices=["dev", "held-out", "all"], default="dev")
    parser.add_argument("--texts", action="store_true", help="one line per text")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    if args.texts:
        print(per_text(args.side))
        print()
    print(table(score(args.side)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
