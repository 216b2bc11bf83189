"""One derivation edge between two declared licences that may be expressions (``compat``).

:func:`railguard.lineage.checks.check_edge` answers for one licence on each side. Here either
side may be a choice (``OR``), a conjunction (``AND``) or a list, with these semantics:

* **upstream ``A OR B``**: whoever builds the derivative may take the upstream work under either
  licence. The edge is compatible when some choice is, and an RG350 finding names it
  ("compatible if you take `apache-2.0`").
* **upstream ``A AND B``** (and a YAML list upstream): both bind; the derivative must honour each.
* **derivative ``A AND B``**: both apply to the derivative together: it carries the restrictions,
  duties and non-commercial terms of either, and satisfies a same-licence duty when either is
  that licence. Each of its licences must still be able to take the upstream's terms (RG317).
* **derivative ``A OR B``** (and a list): recipients may take the derivative under any of the
  choices, so what the *upstream* requires of the derivative's licence (carry its restrictions,
  stay under it, stay non-commercial: RG301, RG302, RG304, RG305, RG312) must hold for *every*
  choice: offering a way out is itself the breach. What the derivative's *own* licence refuses
  (a term it counts as a further restriction, RG317; licences no one can satisfy together,
  RG303) only removes that choice: the edge is compatible when another choice remains, and
  RG350 says which (``compat apache-2.0 GPL-2.0-or-later``: usable as ``gpl-3.0``, not as
  ``gpl-2.0``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from railguard.lineage.checks import check_edge, edge_templates, irreconcilable, refusals
from railguard.lineage.terms import terms_of
from railguard.model import Finding, Licence, Severity
from railguard.model.declared import Declared
from railguard.rules import finding

if TYPE_CHECKING:
    from railguard.expression.parser import Note

#: Findings that say the derivative's licence fails what the upstream licence demands of it.
BREACHES = frozenset({"RG301", "RG302", "RG304", "RG305", "RG312"})


class EdgeVerdict(NamedTuple):
    """The answer for one edge (a named tuple: a dataclass would cost a cold `compat` a millisecond).

    Attributes:
        compatible: no error finding remains.
        findings: sorted; for a compatible edge, those of the choice taken.
        upstream_choice: the upstream licences taken (one alternative), or ``None`` when the
            upstream offers no choice or none works.
        derivative_choices: the derivative's alternatives that can be exercised.
        missing_restrictions: restriction categories (and ``non-commercial``) the derivative drops.
    """

    compatible: bool
    findings: tuple[Finding, ...]
    upstream_choice: tuple[str, ...] | None
    derivative_choices: tuple[tuple[str, ...], ...]
    missing_restrictions: tuple[str, ...]


def note_findings(notes: Sequence[Note]) -> tuple[Finding, ...]:
    """The findings of an expression's reading (unknown exceptions, conditions) for one edge."""
    return tuple(finding(n.code, n.message, hint=n.hint, licence=n.licence) for n in notes)


def _text(alternative: Sequence[str]) -> str:
    return " AND ".join(alternative)


def _ticks(items: Sequence[str]) -> str:
    return ", ".join(f"`{i}`" for i in items)


def conjunction(licences: Sequence[Licence]) -> Licence:
    """Several licences that apply together, as one licence carrying all their terms."""
    if len(licences) == 1:
        return licences[0]
    commercial: bool | None = True
    if any(lic.commercial is False for lic in licences):
        commercial = False
    elif any(lic.commercial is None for lic in licences):
        commercial = None
    first = licences[0]
    return Licence(
        id=" AND ".join(lic.id for lic in licences),
        name=" and ".join(lic.name for lic in licences),
        family=first.family,
        url=first.url,
        summary="; ".join(lic.summary for lic in licences),
        commercial=commercial,
        restrictions=tuple(r for lic in licences for r in lic.restrictions),
        obligations=tuple(o for lic in licences for o in lic.obligations),
        components=tuple(lic.id for lic in licences),
    )


def _pair(upstream: Sequence[Licence], derivative: Sequence[Licence]) -> list[Finding]:
    """Findings for one upstream conjunction against one derivative conjunction."""
    if len(upstream) == 1 and len(derivative) == 1:
        return list(check_edge(upstream[0], derivative[0]))
    found: list[Finding] = []
    ids = {lic.id for lic in derivative}
    merged = conjunction(derivative)
    for up in upstream:
        terms = terms_of(up)
        if up.id not in ids:
            carried = bool(ids & set(terms.same_licence))
            found.extend(t.stamp(None, None) for t in edge_templates(up, merged) if not (carried and t.code == "RG302"))
        found.extend(t.stamp(None, None) for t in refusals((up,), tuple(derivative)))
    everyone = {lic.id: terms_of(lic) for lic in (*upstream, *derivative)}
    found.extend(t.stamp(None, None) for t in irreconcilable(tuple(everyone.values())))
    return list(dict.fromkeys(found))


def _errors(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


class _Option(NamedTuple):
    """One upstream alternative, judged against every derivative alternative."""

    upstream: tuple[str, ...]
    works: bool
    findings: tuple[Finding, ...]
    usable: tuple[tuple[str, ...], ...]


def _judge(
    upstream: tuple[Licence, ...], derivative: tuple[tuple[Licence, ...], ...], written: str, upstream_text: str
) -> _Option:
    ids = tuple(lic.id for lic in upstream)
    per_choice = [(tuple(lic.id for lic in choice), _pair(upstream, choice)) for choice in derivative]
    breaches = [f for _, found in per_choice for f in _errors(found) if f.code in BREACHES]
    usable = [(choice, found) for choice, found in per_choice if not _errors(found)]
    if breaches or not usable:
        errors = breaches or [f for _, found in per_choice for f in _errors(found)]
        return _Option(ids, False, tuple(dict.fromkeys(errors)), ())
    findings = [f for _, found in usable for f in found]
    refused = [(choice, found) for choice, found in per_choice if _errors(found)]
    if refused:
        taken = [choice for choice, _ in usable]
        codes = sorted({f.code for _, found in refused for f in _errors(found)})
        findings.append(
            finding(
                "RG350",
                f"compatible if the derivative is taken under {_ticks([_text(c) for c in taken])}: of the "
                f"choices `{written}` offers, {_ticks([_text(c) for c, _ in refused])} cannot take the terms of "
                f"`{upstream_text}` ({', '.join(codes)})",
                hint=f"state that the derivative is licensed under {_ticks([_text(c) for c in taken])}; the other "
                "choices cannot be exercised for a work built on this upstream",
                licence=_text(taken[0]),
                upstream=upstream_text,
            )
        )
    return _Option(ids, True, tuple(dict.fromkeys(findings)), tuple(c for c, _ in usable))


def check_declared_edge(upstream: Declared, derivative: Declared, resolve: Callable[[str], Licence]) -> EdgeVerdict:
    """Findings for a work declared ``upstream`` whose derivative declares ``derivative``.

    ``resolve`` turns every name of both into a licence (the caller has made sure it can).
    """
    ups = (upstream.names,) if upstream.listed else upstream.alternatives
    downs = tuple(tuple(resolve(name) for name in choice) for choice in derivative.alternatives)
    written = str(derivative)
    options = [_judge(tuple(resolve(name) for name in choice), downs, written, _text(choice)) for choice in ups]
    working = [option for option in options if option.works]
    if not working:
        errors = tuple(dict.fromkeys(f for option in options for f in option.findings))
        return EdgeVerdict(
            False, tuple(sorted(errors, key=Finding.sort_key)), None, (), _missing(ups[0], downs, resolve)
        )
    taken = working[0]
    findings = list(taken.findings)
    choice: tuple[str, ...] | None = None
    if len(ups) > 1:
        choice = taken.upstream
        others = [option for option in options if option is not taken]
        refused = [o for o in others if not o.works]
        # NOTE: when every choice works the verdict holds whichever is taken: nothing to say (RG350
        # is for a verdict that holds for some choices only; `lineage` says nothing either).
        if refused:
            findings.append(
                finding(
                    "RG350",
                    f"compatible if you take `{_text(taken.upstream)}` of the choices `{upstream}` offers; "
                    f"{_ticks([_text(o.upstream) for o in refused])} would not be "
                    f"({', '.join(sorted({f.code for o in refused for f in o.findings}))})",
                    hint=f"record that the upstream is used under `{_text(taken.upstream)}`",
                    licence=written,
                    upstream=_text(taken.upstream),
                )
            )
    return EdgeVerdict(
        True,
        tuple(sorted(dict.fromkeys(findings), key=Finding.sort_key)),
        choice,
        taken.usable,
        _missing(taken.upstream, tuple(d for d in downs if tuple(x.id for x in d) in taken.usable), resolve),
    )


def _missing(
    upstream: tuple[str, ...], derivative: tuple[tuple[Licence, ...], ...], resolve: Callable[[str], Licence]
) -> tuple[str, ...]:
    """Categories of the upstream's restrictions (and ``non-commercial``) some derivative choice lacks."""
    missing: dict[str, None] = {}
    for choice in derivative:
        down = conjunction(choice)
        ids = {lic.id for lic in choice}
        for name in upstream:
            up = resolve(name)
            terms = terms_of(up)
            if up.id in ids:
                continue
            if terms.flow_down:
                missing.update(dict.fromkeys(sorted(terms.categories - down.categories)))
            if terms.non_commercial and down.commercial is True:
                missing["non-commercial"] = None
    return tuple(missing)
