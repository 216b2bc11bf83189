"""The dev / held-out split is the one its rule gives, and covers every shared text once."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import yaml

HERE = Path(__file__).parent


def test_the_split_follows_its_written_rule() -> None:
    data = yaml.safe_load((HERE / "split.yaml").read_text(encoding="utf-8"))
    families = data["families"]
    by_kind: dict[str, list[str]] = {}
    for name, family in families.items():
        by_kind.setdefault(family["kind"], []).append(name)
    for names in by_kind.values():
        total = sum(len(families[n]["texts"]) for n in names)
        budget = math.ceil(total / 3)
        held = 0
        for name in sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest()):
            size = len(families[name]["texts"])
            expected = "held-out" if held + size <= budget else "dev"
            held += size if expected == "held-out" else 0
            assert families[name]["side"] == expected, name


def test_every_shared_text_is_in_one_family_and_has_gold_labels(shared: Path) -> None:
    families = yaml.safe_load((HERE / "split.yaml").read_text(encoding="utf-8"))["families"]
    texts = [t for family in families.values() for t in family["texts"]]
    assert len(texts) == len(set(texts))
    assert set(texts) == {p.stem for p in (shared / "licences").glob("*.txt")}
    labels = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))["texts"]
    assert set(labels) == set(texts)
