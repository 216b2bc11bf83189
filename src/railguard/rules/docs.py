"""The finding-code documentation, generated from the registry.

``docs/rules.md`` is written from :data:`RULES`, so it cannot drift from what railguard reports::

    python -m railguard.rules.docs            # rewrite docs/rules.md
    python -m railguard.rules.docs --check    # exit 1 if it is stale (what the tests check)

``railguard rules [CODE]`` shows the same text on the command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from railguard.rules.registry import RULES, Rule

#: The code families, by the code's first digit (the public contract).
FAMILIES = {
    "0": "RG0xx: tool and configuration",
    "1": "RG1xx: licence-text parsing",
    "2": "RG2xx: catalogue data",
    "3": "RG3xx: lineage and compatibility",
    "4": "RG4xx: model-card lint",
    "5": "RG5xx: model-repository audit",
}


def _what(rule: Rule) -> str:
    return rule.summary[0].lower() + rule.summary[1:]


def rule_markdown(rule: Rule, level: int = 2) -> str:
    """One rule's documentation: what, why, example, fix."""
    hashes = "#" * level
    return (
        f"{hashes} {rule.code} {rule.name}\n\n"
        f"Severity: **{rule.severity.value}**. {rule.summary}.\n\n"
        f"**Why.** {rule.why}\n\n"
        f"**Example.** {rule.example}\n\n"
        f"**Fix.** {rule.fix}\n"
    )


def _anchor(rule: Rule) -> str:
    # NOTE: the anchor GitHub gives the heading `RG301 missing-inherited-restriction`.
    return f"{rule.code.lower()}-{rule.name}"


def rules_table(rules: Sequence[Rule], link: str | None = None) -> str:
    """The Markdown table of codes (code, name, severity, what); with ``link``, codes link to ``link#anchor``."""
    rows = ["| code | name | severity | what |", "|---|---|---|---|"]
    for r in rules:
        code = r.code if link is None else f"[{r.code}]({link}#{_anchor(r)})"
        rows.append(f"| {code} | {r.name} | {r.severity.value} | {_what(r)} |")
    return "\n".join(rows) + "\n"


def render() -> str:
    """The whole of ``docs/rules.md``."""
    rules = list(RULES.values())
    parts = [
        "# Finding codes\n",
        "<!-- Generated from src/railguard/*/rules.py by `python -m railguard.rules.docs`; do not edit. -->\n",
        "Every finding railguard reports has a code, `RG` and three digits in families by hundreds; "
        "codes are never reused. `railguard rules CODE` prints a code's entry.\n",
        rules_table(rules, link=""),
    ]
    for digit, family in FAMILIES.items():
        members = [r for r in rules if r.code[2] == digit]
        if members:
            parts.append(f"## {family}\n")
            parts.extend(rule_markdown(r, level=3) for r in members)
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m railguard.rules.docs", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project checkout (default: here)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale; write nothing")
    args = parser.parse_args(argv)
    targets = {args.root / "docs" / "rules.md": render()}
    stale = [path for path, text in targets.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path} is stale; run `python -m railguard.rules.docs` to regenerate it", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(targets[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
