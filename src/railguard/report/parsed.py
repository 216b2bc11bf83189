"""Render a parsed licence text for ``railguard parse`` and ``railguard explain FILE``."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

from railguard.model import Finding
from railguard.parse import ParsedLicence
from railguard.report.licence import commercial_word, obligation_json, params_text, restriction_json


def parsed_json(parsed: ParsedLicence, findings: Iterable[Finding]) -> dict[str, Any]:
    """The contract's ``parse`` body plus the identification details."""
    found = parsed.identification
    nearest = found.licence
    return {
        "licence": {
            "id": nearest.id if nearest is not None and found.exact else None,
            "name": nearest.name if nearest is not None and found.exact else (parsed.title or None),
            "family": nearest.family.value if nearest is not None else None,
        },
        "identification": {
            "nearest": nearest.id if nearest is not None else None,
            "exact": found.exact,
            "score": found.score,
            "added": list(found.added),
            "dropped": list(found.dropped),
            "by_reference": list(found.by_reference),
            "basis": found.basis or None,
            "document": found.document,
        },
        "source": parsed.source,
        "title": parsed.title or None,
        "commercial": parsed.commercial_verdict,
        "restrictions": [restriction_json(r) for r in parsed.restrictions],
        "uncategorised": [
            {"kind": r.kind.value, "section": r.section or None, "text": r.summary, "line": r.line}
            for r in parsed.prohibitions
        ],
        "obligations": [obligation_json(o) for o in parsed.obligations],
        "binding": parsed.binding,
        "findings": [f.to_json() for f in findings],
    }


def _identified(parsed: ParsedLicence) -> list[str]:
    """The lines saying which catalogue licence the text was recognised as, if any."""
    out: list[str] = []
    found = parsed.identification
    if found.licence is not None and found.exact:
        out.append(f"recognised as: {found.licence.id} ({found.licence.name})")
    elif found.licence is not None and found.document == "policy":
        out.append(f"recognised as: the acceptable use policy of {found.licence.id} ({found.licence.name})")
    elif found.licence is not None and found.basis in ("relative", "terms"):
        out.append(f"not in the catalogue; nearest relative: {found.licence.id} (score {found.score})")
    elif found.licence is not None:
        out.append(f"nearest licence: {found.licence.id} ({found.licence.name}), by its {found.basis}")
        if found.added:
            out.append(f"  restricts in addition: {', '.join(found.added)}")
        if found.dropped:
            out.append(f"  does not restrict: {', '.join(found.dropped)}")
    else:
        out.append("recognised as: no catalogue licence")
    if found.by_reference:
        policy = ", ".join(found.by_reference)
        out.append(f"  restricted through the use policy it incorporates by reference: {policy}")
    return out


def parsed_text(parsed: ParsedLicence, findings: Iterable[Finding]) -> str:
    """A person-readable account of what the text says, with line and section for each rule."""
    out = [f"{parsed.source}: {parsed.title or '(no title)'}", *_identified(parsed)]
    out.append(f"commercial use: {commercial_word(parsed.commercial_verdict)}")
    out.append("")
    if parsed.restrictions:
        out.append(f"Restrictions ({len(parsed.restrictions)}):")
        width = max(len(r.category) for r in parsed.restrictions)
        for r in parsed.restrictions:
            where = f"line {r.line}" + (f", {r.section}" if r.section else "")
            who = " [licensee]" if r.kind.value == "licensee" else ""
            out.append(f"  {r.category:<{width}}  {where}{who}")
            out.extend(textwrap.wrap(r.summary, 92, initial_indent="      ", subsequent_indent="      "))
    else:
        out.append("Restrictions: none on the field of use.")
    if parsed.prohibitions:
        out.append("")
        out.append(f"Prohibited uses no category names ({len(parsed.prohibitions)}):")
        for r in parsed.prohibitions:
            where = f"line {r.line}" + (f", {r.section}" if r.section else "")
            out.append(f"  {where}")
            out.extend(textwrap.wrap(r.summary, 92, initial_indent="      ", subsequent_indent="      "))
    out.append("")
    if parsed.obligations:
        out.append(f"Obligations ({len(parsed.obligations)}):")
        width = max(len(o.kind.value) for o in parsed.obligations)
        for o in parsed.obligations:
            where = f"line {o.line}" + (f", {o.section}" if o.section else "")
            out.append(f"  {o.kind.value:<{width}}  {where}{params_text(o)}")
    else:
        out.append("Obligations: none recognised.")
    notes = list(findings)
    if notes:
        out.append("")
        for finding in notes:
            out.append(f"{finding.code} [{finding.severity.value}] {finding.message}")
            if finding.hint:
                out.append(f"  hint: {finding.hint}")
    return "\n".join(out) + "\n"
