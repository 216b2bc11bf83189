"""Compare two licences restriction by restriction (``railguard diff``). Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from railguard.model import Obligation, Restriction


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The comparable content of a licence, from the catalogue or from a parsed text."""

    label: str
    restrictions: tuple[Restriction, ...]
    obligations: tuple[Obligation, ...]
    commercial: bool | None


@dataclass(frozen=True, slots=True)
class Row:
    """One category (or obligation kind) and where each side has it."""

    key: str
    left: tuple[str, ...]
    right: tuple[str, ...]

    @property
    def status(self) -> str:
        """``both``, ``only-left`` or ``only-right``."""
        if self.left and self.right:
            return "both"
        return "only-left" if self.left else "only-right"


@dataclass(frozen=True, slots=True)
class Comparison:
    """The difference between two rule sets."""

    left: RuleSet
    right: RuleSet
    restrictions: tuple[Row, ...]
    obligations: tuple[Row, ...]

    @property
    def same(self) -> bool:
        """Same restricted categories, same kinds of obligation, same commercial flag."""
        rows = self.restrictions + self.obligations
        return all(r.status == "both" for r in rows) and self.left.commercial == self.right.commercial

    def to_json(self) -> dict[str, Any]:
        """JSON body for ``railguard diff --format json``."""

        def rows(items: tuple[Row, ...], key: str) -> list[dict[str, Any]]:
            return [{key: r.key, "status": r.status, "left": list(r.left), "right": list(r.right)} for r in items]

        return {
            "left": self.left.label,
            "right": self.right.label,
            "same": self.same,
            "commercial": {"left": self.left.commercial, "right": self.right.commercial},
            "restrictions": rows(self.restrictions, "category"),
            "obligations": rows(self.obligations, "kind"),
        }


def _sections(pairs: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, section in pairs:
        bucket = out.setdefault(key, [])
        if section not in bucket:
            bucket.append(section or "-")
    return {k: tuple(v) for k, v in out.items()}


def _rows(left: dict[str, tuple[str, ...]], right: dict[str, tuple[str, ...]]) -> tuple[Row, ...]:
    return tuple(Row(key, left.get(key, ()), right.get(key, ())) for key in sorted(set(left) | set(right)))


def compare(left: RuleSet, right: RuleSet) -> Comparison:
    """Line up two rule sets by restriction category and by obligation kind."""
    lr = _sections([(r.category, r.section) for r in left.restrictions])
    rr = _sections([(r.category, r.section) for r in right.restrictions])
    lo = _sections([(o.kind.value, o.section) for o in left.obligations])
    ro = _sections([(o.kind.value, o.section) for o in right.obligations])
    return Comparison(left, right, _rows(lr, rr), _rows(lo, ro))


def comparison_text(result: Comparison) -> str:
    """A side-by-side account: ``=`` in both, ``<`` only in the left, ``>`` only in the right."""
    out = [f"< {result.left.label}", f"> {result.right.label}", ""]
    marks = {"both": "=", "only-left": "<", "only-right": ">"}
    for title, rows in (("Restrictions", result.restrictions), ("Obligations", result.obligations)):
        out.append(f"{title}:")
        if not rows:
            out.append("  (none on either side)")
        width = max((len(r.key) for r in rows), default=0)
        for row in rows:
            left = ", ".join(row.left) or "-"
            right = ", ".join(row.right) or "-"
            out.append(f"  {marks[row.status]} {row.key:<{width}}  {left}  |  {right}")
        out.append("")
    words = {True: "permitted", False: "not permitted", None: "unclear"}
    out.append(f"Commercial use: {words[result.left.commercial]}  |  {words[result.right.commercial]}")
    out.append("same rules" if result.same else "the licences differ")
    return "\n".join(out) + "\n"
