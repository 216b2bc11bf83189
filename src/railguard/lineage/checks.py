"""The conflict rules of one derivation edge and of one model (RG301-RG307, RG312, RG328).

Each function returns finding *templates* keyed only by licences, so the engine can compute them
once per licence pair and stamp them onto every model that has that pair.
"""

from __future__ import annotations

import functools

from railguard.lineage.terms import Terms, terms_of
from railguard.model import Family, Finding, Licence, Obligation, ObligationKind, Severity
from railguard.model.finding import new_finding
from railguard.rules import rule


class Template:
    """A finding without the model it is about (treat as immutable).

    Attributes:
        code, message, hint, licence, clause, categories: as the finding's; ``message`` may hold
            ``{model}`` and ``{upstream}``.
        inherited: the inherited licence at stake (named when there is no upstream model).
    """

    # NOTE: a plain class, not a dataclass: creating a dataclass costs about a millisecond at
    # import, a noticeable share of a cold `railguard lint` (as for railguard.card.reader.ModelCard).
    __slots__ = (
        "categories",
        "clause",
        "code",
        "hint",
        "inherited",
        "level",
        "licence",
        "message",
        "severity",
    )

    def __init__(
        self,
        code: str,
        message: str,
        hint: str,
        licence: str | None,
        inherited: str,
        clause: str | None,
        categories: tuple[str, ...] = (),
        level: Severity | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.hint = hint
        self.licence = licence
        self.inherited = inherited
        self.clause = clause
        self.categories = categories
        #: a severity set by the project's settings (``None``: the rule's own).
        self.level = level
        #: the severity: the rule's own, unless the project's settings change it.
        self.severity: Severity = level if level is not None else rule(code).severity

    def __repr__(self) -> str:
        return f"Template({self.code!r}, {self.message!r}, licence={self.licence!r}, inherited={self.inherited!r})"

    def with_level(self, level: Severity) -> Template:
        """The same template at another severity."""
        return Template(
            self.code, self.message, self.hint, self.licence, self.inherited, self.clause, self.categories, level
        )

    def message_for(self, model: str | None, upstream: str | None) -> str:
        """The message for one model, naming where the inherited licence came from."""
        message = self.message.replace("{model}", f"`{model}`" if model else "the derivative")
        if upstream is None:
            # a single edge (`railguard compat`): the inherited licence is the upstream itself
            message = message.replace(" (inherited from {upstream})", "").replace(" (via {upstream})", "")
        return message.replace("{upstream}", f"`{upstream}`" if upstream else f"`{self.inherited}`")

    def stamp(
        self, model: str | None, upstream: str | None, file: str | None = None, line: int | None = None
    ) -> Finding:
        """The finding for one model."""
        return self.finding(self.message_for(model, upstream), model, upstream, file, line)

    def finding(
        self, message: str, model: str | None, upstream: str | None, file: str | None, line: int | None
    ) -> Finding:
        """The finding with its message already written (see :meth:`message_for`)."""
        return new_finding(
            self.code,
            self.severity,
            message,
            self.hint,
            file,
            line,
            model,
            self.licence,
            upstream,
            self.clause,
            self.categories,
        )


def _ticks(items: object) -> str:
    return ", ".join(f"`{i}`" for i in items)  # type: ignore[attr-defined]


def edge_templates(inherited: Licence, declared: Licence) -> tuple[Template, ...]:
    """Conflicts between a licence a model inherits and the licence it declares."""
    return conjunction_templates(inherited, (declared,))


#: Duties of inherited licences that the derivative's publisher must meet (reported, not conflicts).
DUTIES = frozenset({"RG306", "RG307"})


@functools.cache
def conjunction_templates(inherited: Licence, declared: tuple[Licence, ...]) -> tuple[Template, ...]:
    """Conflicts between a licence a model inherits and the licences it declares, all of which bind it.

    ``declared`` is one licence, or several that apply together (``A AND B``): the derivative
    honours the inherited licence when, taken together, they carry what it requires (its use
    restrictions, the duty to pass them on, its own terms, its non-commercial limit).
    """
    g = terms_of(inherited)
    own = [terms_of(d) for d in declared]
    ids = [d.id for d in own]
    shown = " AND ".join(ids)
    if g.no_derivatives:
        # NOTE: before the same-licence shortcut: adapted material may not be shared even under
        # the upstream's own licence, so nothing the derivative declares cures it.
        return (
            Template(
                "RG328",
                f"{{model}} adapts material under `{g.id}` (from {{upstream}}), which does not allow adapted "
                f"material to be shared, whatever licence the derivative declares (it declares `{shown}`)",
                f"do not publish the derivative, or get permission from the licensor of {g.id} material "
                "(a separate licence); a base model under another licence avoids the conflict",
                shown,
                g.id,
                g.section(ObligationKind.NO_DERIVATIVES) or None,
            ),
        )
    if g.id in ids or not (g.binds or g.unsettled):
        return ()
    carried = frozenset().union(*(d.categories for d in own))
    out: list[Template] = []
    if g.requires_same and not any(i in g.same_licence for i in ids):
        accepted = f" or one it accepts ({_ticks(g.same_licence)})" if g.same_licence else ""
        if g.same_scope == "distribution":
            # NOTE: Llama-style terms: the licensed material keeps its licence wherever it goes,
            # inside a derivative too, and the derivative may add terms of its own.
            message = (
                f"{{model}} declares `{shown}` but `{g.id}` (inherited from {{upstream}}) requires its terms to go "
                f"with its material wherever it is passed on, inside derivatives too"
            )
            hint = (
                f"declare `{g.id}`{accepted} for this model, alone or beside the derivative's own terms "
                f"(`license: other` with `license_name: {g.id} AND <your licence>`)"
            )
        else:
            message = (
                f"{{model}} declares `{shown}` but `{g.id}` (inherited from {{upstream}}) requires derivatives to be "
                f"released under `{g.id}`"
            )
            hint = f"declare `{g.id}`{accepted} for this model"
        out.append(Template("RG302", message, hint, shown, g.id, g.section(ObligationKind.SAME_LICENCE) or None))
    if g.flow_down and g.categories:
        missing = sorted(g.categories - carried)
        if missing:
            clauses = g.clauses(set(missing))
            flow = g.section(ObligationKind.FLOW_DOWN)
            out.append(
                Template(
                    "RG301",
                    f"{{model}} declares `{shown}`, which lacks {len(missing)} use restriction(s) of `{g.id}` "
                    f"(inherited from {{upstream}}): {_ticks(missing)}",
                    f"release it under `{g.id}` or a licence that carries all of its use restrictions "
                    f"(`{g.id}` {flow} requires passing them on)",
                    shown,
                    g.id,
                    "; ".join(part for part in (clauses, flow) if part) or None,
                    tuple(missing),
                )
            )
        elif not any(d.flow_down for d in own):
            out.append(
                Template(
                    "RG305",
                    f"{{model}} declares `{shown}`, which carries the use restrictions of `{g.id}` (inherited from "
                    f"{{upstream}}) but not the duty to pass them on",
                    f"use `{g.id}`, or add a clause requiring recipients to impose the restrictions on theirs",
                    shown,
                    g.id,
                    g.section(ObligationKind.FLOW_DOWN) or None,
                )
            )
    # NOTE: licences that apply together permit commercial use only if every one of them does.
    if g.non_commercial and all(d.commercial is True for d in declared):
        out.append(
            Template(
                "RG304",
                f"{{model}} declares `{shown}`, which permits commercial use, but `{g.id}` (inherited from "
                f"{{upstream}}) is non-commercial",
                f"declare `{g.id}` (or a licence as restrictive) and say in the card that commercial use is "
                "not allowed",
                shown,
                g.id,
                g.clauses({"non-commercial"}) or None,
                ("non-commercial",),
            )
        )
    if g.unsettled and not g.binds and not g.categories <= carried:
        missing = sorted(g.categories - carried)
        out.append(
            Template(
                "RG312",
                f"`{g.id}` (inherited from {{upstream}}) restricts use ({_ticks(missing)}) without saying whether "
                f"derivatives are bound; {{model}} declares `{shown}`, which does not carry them",
                "carry the restrictions in the derivative's licence to be safe, or get legal advice on the "
                "licence's reach",
                shown,
                g.id,
                g.clauses(set(missing)) or None,
                tuple(missing),
            )
        )
    return tuple(out)


@functools.cache
def inbound_templates(upstream: Licence, declared: Licence) -> tuple[Template, ...]:
    """RG317: the derivative's licence forbids further restrictions and counts an upstream term as one.

    The upstream here is a licence that binds nothing downstream (a permissive one: its own
    conflicts are :func:`edge_templates`'), whose terms still come with the code taken from it.
    GPL-2.0 and LGPL-2.1 are the classic case: the FSF reads Apache-2.0's patent-termination
    term as a further restriction that their sections 6 and 10 forbid.
    """
    g, d = terms_of(upstream), terms_of(declared)
    if g.id == d.id or g.binds or not d.rejects or d.id in g.same_licence or g.id in d.accepts:
        return ()
    # NOTE: an exception may let a duty be set aside towards some licences (LLVM's towards GPL-2.0:
    # railguard.expression.exceptions marks it with `waived_for`).
    clashing = [o for o in upstream.obligations if o.kind.value in d.rejects and d.id not in o.param("waived_for", ())]
    if not clashing:
        return ()
    kinds = ", ".join(dict.fromkeys(o.kind.value for o in clashing))
    sections = ", ".join(dict.fromkeys(o.section for o in clashing))
    own_clause = ", ".join(
        dict.fromkeys(
            o.section
            for o in declared.obligations_of(ObligationKind.NO_FURTHER_RESTRICTIONS)
            if set(o.param("rejects", ())) & {c.kind.value for c in clashing}
        )
    )
    return (
        Template(
            "RG317",
            f"{{model}} declares `{d.id}`, which forbids further restrictions (section {own_clause}), but "
            f"`{g.id}` (via {{upstream}}) adds one: its {kinds} term (section {sections})",
            f"release the derivative under a licence that accepts `{g.id}`'s terms (GPL-3.0 accepts "
            "Apache-2.0's), or obtain the upstream under other terms",
            d.id,
            g.id,
            f"{g.id} {sections}; {d.id} {own_clause}",
        ),
    )


def refusals(upstream: tuple[Licence, ...], derivative: tuple[Licence, ...]) -> tuple[Template, ...]:
    """RG317 for licences taken together upstream against licences declared together downstream."""
    found = [t for up in upstream for down in derivative for t in inbound_templates(up, down)]
    return tuple(dict.fromkeys(found))


def inbound_choice(
    upstream: tuple[tuple[Licence, ...], ...], derivative: tuple[tuple[Licence, ...], ...]
) -> tuple[Template, ...]:
    """RG317 between two declarations that may offer choices (``A OR B``, ``-or-later``).

    The one decision ``compat`` (:mod:`railguard.expression.edge`) and ``lineage`` share: what
    the derivative's own licence refuses only removes that pairing of choices. The edge fails
    (every RG317) only when no upstream choice can go into any derivative choice; when some
    pairing works but others do not, one RG350 note says which choices remain.
    """
    pairs = [(up, down, refusals(up, down)) for up in upstream for down in derivative]
    if not any(found for _, _, found in pairs):
        return ()
    working = [(up, down) for up, down, found in pairs if not found]
    if not working:
        return tuple(dict.fromkeys(t for _, _, found in pairs for t in found))
    ups = list(dict.fromkeys(up for up, _ in working))
    downs = list(dict.fromkeys(down for _, down in working))
    codes = ", ".join(sorted({t.code for _, _, found in pairs for t in found}))
    parts: list[str] = []
    if len(downs) < len(derivative):
        refused = [d for d in derivative if d not in downs]
        parts.append(
            f"{{model}} can take the terms of {{upstream}} only under {_alts(downs)} of the choices it offers; "
            f"{_alts(refused)} cannot ({codes})"
        )
    if len(ups) < len(upstream):
        refused = [u for u in upstream if u not in ups]
        parts.append(
            f"{{model}} can take {{upstream}} only under its choice {_alts(ups)}; {_alts(refused)} would not go "
            f"into the derivative's licence ({codes})"
        )
    if not parts:
        # NOTE: each choice works with some other one (crosswise): say which pairings work.
        parts.append(
            "{model} can take {upstream} only in these pairings of choices: "
            + ", ".join(f"{_alts([u])} into {_alts([d])}" for u, d in working)
            + f" ({codes})"
        )
    return (
        Template(
            "RG350",
            "; ".join(parts),
            f"state that the derivative is licensed under {_alts(downs)} and that the upstream is used under "
            f"{_alts(ups)}; the other choices cannot be exercised together",
            " AND ".join(lic.id for lic in downs[0]),
            " AND ".join(lic.id for lic in ups[0]),
            None,
        ),
    )


def _alts(choices: list[tuple[Licence, ...]] | tuple[tuple[Licence, ...], ...]) -> str:
    return ", ".join(f"`{' AND '.join(lic.id for lic in choice)}`" for choice in choices)


def irreconcilable(governing: tuple[Terms, ...]) -> tuple[Template, ...]:
    """RG303: a no-further-restrictions licence and a use-restricting one both bind a model.

    Only for licences imposed on the model together: by its ancestors, or declared together by the
    model itself (``A AND B``, a list). A model that declares a copyleft licence while inheriting a
    restricting one has chosen the wrong licence (RG301, RG302), which re-declaring fixes.
    """
    # NOTE: only a licence that also keeps derivatives under itself (GPL, CC BY-SA) carries its
    # ban on further restrictions into the derivative; CC BY and BY-NC let adapters license their
    # adaptations on their own terms (4.0 s. 3(b)), so their clause reaches only the original.
    strict = [t for t in governing if t.no_further and t.requires_same]
    restricting = [t for t in governing if t.binds and (t.categories - {"non-commercial"}) and not t.no_further]
    out: list[Template] = []
    for a in strict:
        for b in restricting:
            out.append(
                Template(
                    "RG303",
                    f"{{model}} is bound by `{a.id}`, which forbids further restrictions, and by `{b.id}`, which "
                    f"imposes use restrictions: no licence can satisfy both",
                    "remove one of the parents, or obtain other terms from one licensor",
                    None,
                    a.id,
                    "; ".join(
                        p
                        for p in (
                            a.section(ObligationKind.NO_FURTHER_RESTRICTIONS),
                            b.section(ObligationKind.FLOW_DOWN),
                        )
                        if p
                    )
                    or None,
                )
            )
    return tuple(out)


def named_after(model_name: str, prefix: str) -> bool:
    """Whether a model's name (after the org) begins with a naming duty's prefix."""
    return naming_key(model_name).startswith(prefix_key(prefix))


def naming_key(model_name: str) -> str:
    """A model's name as naming duties read it: after the org, lower case, hyphens as spaces."""
    return model_name[model_name.rfind("/") + 1 :].lower().replace("-", " ")


def prefix_key(prefix: str) -> str:
    """A naming duty's prefix as :func:`named_after` compares it with :func:`naming_key`."""
    return prefix.lower().replace("-", " ")


def duty_rules(inherited: Licence) -> tuple[tuple[str | None, Template], ...]:
    """RG306 templates with the name prefix that waives each (``None``: applies to every model).

    Keyed by licence only, so a lineage reads each licence once, not once per model: only the
    naming duty depends on the model, through its prefix.
    """
    out: list[tuple[str | None, Template]] = []
    for obligation in inherited.obligations:
        if obligation.kind is ObligationKind.NAMING:
            prefix = str(obligation.param("prefix", ""))
            if prefix:
                out.append(
                    (
                        prefix,
                        Template(
                            "RG306",
                            f"{{model}} is built on `{inherited.id}` (via {{upstream}}), whose derivatives' names "
                            f"must begin with `{prefix}`",
                            f"rename the model so that its name starts with `{prefix}`",
                            inherited.id,
                            inherited.id,
                            obligation.section,
                        ),
                    )
                )
        elif obligation.kind is ObligationKind.DISPLAY_NOTICE and obligation.param("text"):
            out.append(
                (
                    None,
                    Template(
                        "RG306",
                        f"{{model}} is built on `{inherited.id}` (via {{upstream}}), which requires showing "
                        f"`{obligation.param('text')}` with it",
                        "show the notice on the model card, website or product documentation",
                        inherited.id,
                        inherited.id,
                        obligation.section,
                    ),
                )
            )
        elif _reported_as_duty(inherited, obligation):
            # NOTE: a vendor's prescribed Notice line (Llama 2, Gemma, Stability AI): the same duty
            # `lint` checks against the card (RG413).
            out.append(
                (
                    None,
                    Template(
                        "RG306",
                        f"{{model}} is built on `{inherited.id}` (via {{upstream}}), whose copies must carry the "
                        f"notice `{obligation.param('text')}`",
                        "ship a `NOTICE` file with that text beside the model (or quote it in the card)",
                        inherited.id,
                        inherited.id,
                        obligation.section,
                    ),
                )
            )
        elif obligation.kind is ObligationKind.CONDUCT and obligation.summary:
            # NOTE: a conduct duty binds whoever uses the licensed model; the engine asks for these
            # templates only where the licence's terms reach the derivative (or may: unsettled), so
            # the derivative's users owe it as well (register before commercial use, disclose dangers).
            out.append(
                (
                    None,
                    Template(
                        "RG306",
                        f"{{model}} is built on `{inherited.id}` (via {{upstream}}), which requires: "
                        f"{obligation.summary.rstrip('. ')}",
                        "make sure whoever uses or distributes the derivative can meet the duty; say so in the card",
                        inherited.id,
                        inherited.id,
                        obligation.section,
                    ),
                )
            )
        elif obligation.kind is ObligationKind.SCALE_LIMIT:
            limits = [f"{k.replace('_', ' ')} {v:,}" for k, v in obligation.params]
            out.append(
                (
                    None,
                    Template(
                        "RG306",
                        f"{{model}} is built on `{inherited.id}` (via {{upstream}}), which needs a separate licence "
                        f"above {' or '.join(limits) or 'a scale threshold'}",
                        "confirm the deployer stays under the threshold or holds the separate licence",
                        inherited.id,
                        inherited.id,
                        obligation.section,
                    ),
                )
            )
    # NOTE: RG307 of a licence that binds derivatives: a duty of every model it governs, like the
    # RG306 duties above (a grandchild of a RAIL model owes the copy too, and a merge of four
    # Llama 2 models owes it once).
    copy = _copy_template(inherited, f"{{model}} is built on `{inherited.id}` (via {{upstream}})")
    if copy is not None:
        out.append((None, copy))
    return tuple(out)


def _reported_as_duty(licence: Licence, obligation: Obligation) -> bool:
    """Whether :func:`duty_rules` reports this obligation as RG306 (a vendor's prescribed Notice line)."""
    return (
        obligation.kind is ObligationKind.ATTRIBUTION
        and bool(obligation.param("text"))
        and licence.family is Family.VENDOR
    )


def notice_template(parent_licence: Licence) -> Template | None:
    """RG307 for a parent whose licence does not bind derivatives: its licence-copy and notice duties.

    A licence that binds derivatives (or whose reach is unsettled) passes these duties down with its
    other terms: :func:`duty_rules` states them once per governing licence, not once per parent edge.
    """
    terms = terms_of(parent_licence)
    if terms.binds or terms.unsettled:
        return None
    return _copy_template(parent_licence, f"{{model}} is built on {{upstream}} under `{parent_licence.id}`")


def _copy_template(licence: Licence, opening: str) -> Template | None:
    """RG307: ``licence``'s licence-copy and attribution duties (those RG306 does not already report)."""
    terms = terms_of(licence)
    if terms.no_derivatives:
        # NOTE: no adapted material may be shared at all (RG328): a duty to ship notices with it is moot.
        return None
    # NOTE: a binding or unsettled licence's prescribed Notice line reaches derivatives as RG306
    # (duty_rules): it is not repeated here.
    reported = terms.binds or terms.unsettled
    notices = [
        o
        for o in licence.obligations
        if o.kind in (ObligationKind.ATTRIBUTION, ObligationKind.LICENCE_COPY)
        and not (reported and _reported_as_duty(licence, o))
    ]
    if not notices:
        return None
    kinds = {o.kind for o in notices}
    owed = []
    if ObligationKind.LICENCE_COPY in kinds:
        owed.append("recipients must get a copy of its licence")
    if ObligationKind.ATTRIBUTION in kinds:
        owed.append("its copyright and attribution notices must be kept")
    sections = ", ".join(dict.fromkeys(o.section for o in notices))
    return Template(
        "RG307",
        f"{opening}: {' and '.join(owed)}",
        f"ship the `{licence.id}` text and upstream notices with the model",
        licence.id,
        licence.id,
        sections or None,
    )


def check_edge(upstream: Licence, derivative: Licence) -> tuple[Finding, ...]:
    """Findings for one derivation edge: a work under ``upstream`` released under ``derivative``."""
    # NOTE: no RG303 here: a derivative's own licence that clashes with the upstream's is the wrong
    # choice of licence (RG301, RG302), not a conflict between licences imposed together.
    findings = [t.stamp(None, None) for t in edge_templates(upstream, derivative)]
    findings.extend(t.stamp(None, None) for t in inbound_templates(upstream, derivative))
    return tuple(sorted(findings, key=Finding.sort_key))
