"""Render licences for ``railguard licences`` and ``railguard explain``."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

from railguard.model import Category, Licence, Obligation, Restriction


def commercial_word(value: bool | None) -> str:
    """How the commercial flag reads to a person."""
    return {True: "permitted", False: "not permitted", None: "unclear"}[value]


def licence_row(licence: Licence) -> dict[str, Any]:
    """The ``licences`` JSON entry: id, name, family, aliases (every other name that resolves)."""
    return {
        "id": licence.id,
        "name": licence.name,
        "family": licence.family.value,
        "aliases": list(licence.names),
    }


def restriction_json(restriction: Restriction) -> dict[str, Any]:
    """A restriction in the contract's shape."""
    return {
        "category": restriction.category,
        "kind": restriction.kind.value,
        "section": restriction.section,
        "text": restriction.summary,
        "line": restriction.line,
    }


def obligation_json(obligation: Obligation) -> dict[str, Any]:
    """An obligation in the contract's shape, plus its parameters."""
    return {
        "kind": obligation.kind.value,
        "section": obligation.section,
        "text": obligation.summary,
        "params": {key: list(value) if isinstance(value, tuple) else value for key, value in obligation.params},
    }


def licence_json(licence: Licence) -> dict[str, Any]:
    """The ``explain`` / ``parse`` body for one licence."""
    return {
        "licence": {
            "id": licence.id,
            "name": licence.name,
            "family": licence.family.value,
            "version": licence.version,
            "url": licence.url,
            "spdx": licence.spdx,
            "aliases": list(licence.names),
            "grants": [g.value for g in licence.grants],
            "osi_approved": licence.osi_approved,
            "ambiguous": licence.ambiguous,
            "reading": licence.reading,
            "components": list(licence.components),
            "summary": licence.summary,
        },
        "commercial": licence.commercial,
        "restrictions": [restriction_json(r) for r in licence.restrictions],
        "obligations": [obligation_json(o) for o in licence.obligations],
    }


def licences_table(licences: Iterable[Licence]) -> str:
    """One line a licence: id, family, commercial use, name, other names."""
    rows = [("ID", "FAMILY", "COMMERCIAL", "NAME", "ALIASES")]
    rows += [
        (lic.id, lic.family.value, commercial_word(lic.commercial), lic.name, ", ".join(lic.names)) for lic in licences
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(f"{cell:<{widths[i]}}" for i, cell in enumerate(row[:4])) + "  " + row[4] for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def categories_table(categories: Iterable[Category]) -> str:
    """One line a category: slug, then title and description."""
    items = list(categories)
    width = max(len(c.slug) for c in items)
    lines = [f"{c.slug:<{width}}  {c.title}: {c.description}" for c in items]
    return "\n".join(lines) + "\n"


def params_text(obligation: Obligation) -> str:
    """An obligation's parameters as ` [name: value]` pieces (numbers with thousands separators)."""
    if not obligation.params:
        return ""
    parts = []
    for key, value in obligation.params:
        shown = (
            ", ".join(value)
            if isinstance(value, tuple)
            else (f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value))
        )
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return " [" + "; ".join(parts) + "]"


def explain_text(licence: Licence, categories: Mapping[str, Category]) -> str:
    """A person-readable account of a licence's rules, each with the section behind it."""
    out: list[str] = []
    title = f"{licence.name} ({licence.id})"
    out.append(title)
    out.append("=" * len(title))
    facts = [f"family: {licence.family.value}"]
    if licence.version:
        facts.append(f"version: {licence.version}")
    facts.append(f"commercial use: {commercial_word(licence.commercial)}")
    if licence.osi_approved:
        facts.append("OSI approved")
    out.append(" | ".join(facts))
    out.append(f"url: {licence.url}")
    if licence.names:
        out.append(f"also known as: {', '.join(licence.names)}")
    if licence.components:
        out.append(f"composed of: {', '.join(licence.components)}")
    if licence.grants:
        out.append(f"grants: {', '.join(g.value for g in licence.grants)}")
    out.append("")
    out.extend(textwrap.wrap(licence.summary, 96))
    if licence.ambiguous and licence.reading:
        out.append("")
        out.append("This id names a family of licences, not one text. Reading applied:")
        out.extend(textwrap.wrap(licence.reading, 96, initial_indent="  ", subsequent_indent="  "))

    out.append("")
    if licence.restrictions:
        out.append(f"Restrictions ({len(licence.restrictions)}):")
        cat_width = max(len(r.category) for r in licence.restrictions)
        sec_width = max(len(r.section) for r in licence.restrictions)
        for r in licence.restrictions:
            who = "  [licensee]" if r.kind.value == "licensee" else ""
            out.append(f"  {r.section:<{sec_width}}  {r.category:<{cat_width}}  {r.summary}{who}")
        out.append("")
        out.append("By category:")
        by_category: dict[str, list[str]] = {}
        for r in licence.restrictions:
            by_category.setdefault(r.category, []).append(r.section)
        for slug in sorted(by_category):
            title_text = categories[slug].title if slug in categories else slug
            out.append(f"  {slug:<{cat_width}}  {title_text}: {', '.join(by_category[slug])}")
    else:
        out.append("Restrictions: none on the field of use.")
    out.append("")
    if licence.obligations:
        out.append(f"Obligations ({len(licence.obligations)}):")
        kind_width = max(len(o.kind.value) for o in licence.obligations)
        sec_width = max(len(o.section) for o in licence.obligations)
        for o in licence.obligations:
            out.append(f"  {o.section:<{sec_width}}  {o.kind.value:<{kind_width}}  {o.summary}{params_text(o)}")
    else:
        out.append("Obligations: none.")
    if licence.notes:
        out.append("")
        out.append("Notes:")
        out.extend(textwrap.wrap(licence.notes, 96, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(out) + "\n"
