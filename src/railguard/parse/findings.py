"""RG1xx: findings about a parsed licence text (documented in :mod:`railguard.parse.rules`)."""

from __future__ import annotations

from collections.abc import Iterator

from railguard.model import Finding, Licence, ObligationKind
from railguard.parse.pipeline import ParsedLicence
from railguard.rules.registry import finding


def check_parsed(parsed: ParsedLicence) -> Iterator[Finding]:
    """Findings about one parsed licence text."""
    found = parsed.identification
    source = parsed.source
    if not parsed.english:
        yield finding(
            "RG106",
            f"`{source}` is not in English; its clauses were not read",
            hint="parse the English version of the text, or read its restrictions yourself",
            file=source,
        )
    if not parsed.recognised:
        if parsed.english:
            yield finding(
                "RG103",
                f"no licence clause was recognised in `{source}`",
                hint="check that this is the licence text; railguard reads English licence texts",
                file=source,
            )
        return
    if not parsed.binding:
        yield finding(
            "RG105",
            f"`{source}` says it does not legally bind; its prohibitions are reported as stated intent",
            hint="the licence that binds is the one the text names; treat these uses as the author's wishes",
            file=source,
        )
    for restriction in parsed.prohibitions:
        yield finding(
            "RG107",
            f"`{source}` prohibits a use that no restriction category names",
            hint="read the clause; propose a category or lexicon entry if it is common",
            file=source,
            line=restriction.line,
            clause=restriction.section or None,
        )
    licence = found.licence
    if found.document == "policy" and licence is not None:
        yield finding(
            "RG104",
            f"`{source}` is the acceptable use policy of `{licence.id}`, not the licence itself",
            hint=f"parse or declare `{licence.id}` itself; the policy is the part of it that lists prohibited uses",
            file=source,
            licence=licence.id,
        )
        return
    if licence is None or found.basis in ("relative", "terms"):
        relative = f"; its nearest relative is `{licence.id}` (score {found.score})" if licence is not None else ""
        yield finding(
            "RG102",
            f"`{source}` matches no catalogue licence closely; its own clauses are reported{relative}",
            hint="read the restrictions listed; propose a catalogue entry if this licence is widely used",
            file=source,
            licence=licence.id if licence is not None else None,
        )
        return
    if found.exact:
        return
    changes = _changes(parsed, licence)
    if not changes:
        if found.basis == "title":
            yield finding(
                "RG108",
                f"`{source}` is titled as `{licence.id}` and states its terms, but its wording was not checked",
                hint=f"compare the text with the published `{licence.id}`, or declare that id if it is that licence",
                file=source,
                licence=licence.id,
            )
            return
        changes.append("words its clauses differently")
    basis = "its wording" if found.basis == "wording" else "its title"
    yield finding(
        "RG101",
        f"`{source}` reads as a variant of `{licence.id}` (by {basis}): it {' and '.join(changes)}",
        hint=(
            f"treat it as its own licence (`license: other` with a `license_name`), or restore the "
            f"published `{licence.id}` text"
        ),
        file=source,
        licence=licence.id,
        categories=tuple(found.added + found.dropped),
    )


def _changes(parsed: ParsedLicence, licence: Licence) -> list[str]:
    """How a text identified as ``licence`` differs from it, in words (empty when no term differs)."""
    found = parsed.identification
    changes = []
    if found.added:
        changes.append("adds " + ", ".join(f"`{c}`" for c in found.added))
    if found.dropped:
        changes.append("drops " + ", ".join(f"`{c}`" for c in found.dropped))
    if found.novel:
        changes.append(f"adds {len(found.novel)} restriction clause(s) its published text lacks")
    if parsed.flow_down != licence.has(ObligationKind.FLOW_DOWN):
        changes.append("passes its restrictions on to recipients" if parsed.flow_down else "has no flow-down duty")
    # NOTE: a text that says nothing about commerce (None) neither permits nor forbids it.
    if licence.commercial is not None and parsed.commercial is not None and parsed.commercial != licence.commercial:
        changes.append("permits commercial use" if parsed.commercial else "forbids commercial use")
    return changes
