"""RG1xx: findings about a parsed licence text."""

from __future__ import annotations

from collections.abc import Iterator

from railguard.model import Finding, ObligationKind
from railguard.parse import ParsedLicence
from railguard.rules.registry import finding


def check_parsed(parsed: ParsedLicence) -> Iterator[Finding]:
    """Findings about one parsed licence text."""
    found = parsed.identification
    if not parsed.restrictions and not parsed.obligations and found.licence is None:
        yield finding(
            "RG103",
            f"no licence clause was recognised in `{parsed.source}`",
            hint="check that this is the licence text; railguard reads English licence texts",
            file=parsed.source,
        )
        return
    if found.licence is None:
        yield finding(
            "RG102",
            f"`{parsed.source}` matches no catalogue licence closely; its own clauses are reported",
            hint="read the restrictions listed; propose a catalogue entry if this licence is widely used",
            file=parsed.source,
        )
        return
    if found.exact:
        return
    changes = []
    if found.added:
        changes.append("adds " + ", ".join(f"`{c}`" for c in found.added))
    if found.dropped:
        changes.append("drops " + ", ".join(f"`{c}`" for c in found.dropped))
    licence = found.licence
    if parsed.flow_down != licence.has(ObligationKind.FLOW_DOWN):
        changes.append("passes its restrictions on to recipients" if parsed.flow_down else "has no flow-down duty")
    if licence.commercial is not None and parsed.commercial != licence.commercial:
        changes.append("permits commercial use" if parsed.commercial else "forbids commercial use")
    yield finding(
        "RG101",
        f"`{parsed.source}` reads as a variant of `{found.licence.id}`: it {' and '.join(changes)}",
        hint=(
            f"treat it as its own licence (`license: other` with a `license_name`), or restore the "
            f"published `{found.licence.id}` text"
        ),
        file=parsed.source,
        licence=found.licence.id,
        categories=tuple(found.added + found.dropped),
    )
