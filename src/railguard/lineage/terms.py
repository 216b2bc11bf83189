"""What a licence passes down to derivatives: the semantics the lineage engine applies.

A licence *binds derivatives* when it says its terms reach them: a flow-down duty (RAIL,
Hippocratic, vendor licences whose agreement and use policy travel with every copy), a
same-licence duty (copyleft, share-alike, vendor agreements that derivatives stay under), a
non-commercial grant (non-commercial and research-only terms cover adaptations), or a ban on sharing
adaptations at all (no-derivatives). Permissive
licences bind nothing downstream beyond notices.
"""

from __future__ import annotations

from railguard.model import Licence, ObligationKind, Restriction


class Terms:
    """The downstream-relevant reading of one licence (computed once per licence; treat as immutable).

    Attributes:
        licence: the licence read.
        binds: its terms reach derivatives (flow-down, same-licence or non-commercial).
        flow_down: it requires passing its use restrictions on.
        same_licence: ids allowed for derivatives besides the licence itself (``()``: any).
        requires_same: derivatives must stay under it (or one of ``same_licence``).
        same_scope: what the same-licence duty covers: ``distribution`` (the licensed material keeps
            its terms wherever it goes, inside a derivative too, beside any terms the derivative
            adds) or ``derivatives`` (the derivative as a whole takes this licence).
        no_further: it forbids further restrictions.
        non_commercial: it forbids commercial use.
        restrictions: its use restrictions.
        categories: the categories of those restrictions.
        unsettled: use restrictions with no word on derivatives.
        no_derivatives: adapted material may not be shared at all (CC BY-ND and its relatives).
        rejects: obligation kinds that, imposed by an upstream licence, count as further
            restrictions here.
        accepts: upstream licences whose rejected terms this licence takes anyway (they allow
            relicensing).
    """

    # NOTE: a plain class, not a dataclass: creating a dataclass costs about a millisecond at
    # import, a noticeable share of a cold `railguard lint` (as for railguard.card.reader.ModelCard).
    __slots__ = (
        "accepts",
        "binds",
        "categories",
        "flow_down",
        "licence",
        "no_derivatives",
        "no_further",
        "non_commercial",
        "rejects",
        "requires_same",
        "restrictions",
        "same_licence",
        "same_scope",
        "unsettled",
    )

    def __init__(
        self,
        licence: Licence,
        binds: bool,
        flow_down: bool,
        same_licence: tuple[str, ...],
        requires_same: bool,
        no_further: bool,
        non_commercial: bool,
        restrictions: tuple[Restriction, ...],
        categories: frozenset[str],
        unsettled: bool,
        rejects: frozenset[str] = frozenset(),
        accepts: frozenset[str] = frozenset(),
        same_scope: str = "derivatives",
        no_derivatives: bool = False,
    ) -> None:
        self.licence = licence
        self.binds = binds
        self.flow_down = flow_down
        self.same_licence = same_licence
        self.requires_same = requires_same
        self.no_further = no_further
        self.non_commercial = non_commercial
        self.restrictions = restrictions
        self.categories = categories
        self.unsettled = unsettled
        self.rejects = rejects
        self.accepts = accepts
        self.same_scope = same_scope
        self.no_derivatives = no_derivatives

    def __repr__(self) -> str:
        return f"Terms({self.licence.id!r}, binds={self.binds}, flow_down={self.flow_down})"

    @property
    def id(self) -> str:
        """The licence id."""
        return self.licence.id

    def clauses(self, categories: frozenset[str] | set[str]) -> str:
        """The sections behind the given categories, in licence order, de-duplicated."""
        sections: dict[str, None] = {}
        for restriction in self.restrictions:
            if restriction.category in categories:
                sections.setdefault(restriction.section, None)
        return ", ".join(sections)

    def section(self, kind: ObligationKind) -> str:
        """The sections of the licence's obligations of ``kind``."""
        return ", ".join(dict.fromkeys(o.section for o in self.licence.obligations_of(kind)))


def terms_of(licence: Licence) -> Terms:
    """Read a licence's downstream terms."""
    flow = licence.has(ObligationKind.FLOW_DOWN)
    same = licence.obligations_of(ObligationKind.SAME_LICENCE)
    compatible: list[str] = []
    scopes: set[str] = set()
    for obligation in same:
        compatible.extend(obligation.param("compatible", ()))
        scopes.add(str(obligation.param("scope", "derivatives")))
    non_commercial = licence.commercial is False
    categories = frozenset(r.category for r in licence.restrictions)
    no_derivatives = licence.has(ObligationKind.NO_DERIVATIVES)
    # NOTE: a no-derivatives licence reaches every derivative too: none may be shared.
    binds = flow or bool(same) or non_commercial or no_derivatives
    no_further = licence.obligations_of(ObligationKind.NO_FURTHER_RESTRICTIONS)
    rejects = frozenset(kind for o in no_further for kind in o.param("rejects", ()))
    accepts = frozenset(name for o in no_further for name in o.param("accepts", ()))
    return Terms(
        licence=licence,
        binds=binds,
        flow_down=flow,
        same_licence=tuple(dict.fromkeys(compatible)),
        requires_same=bool(same),
        no_further=licence.has(ObligationKind.NO_FURTHER_RESTRICTIONS),
        non_commercial=non_commercial,
        restrictions=licence.restrictions,
        categories=categories,
        # NOTE: use restrictions with no word on derivatives: whether they bind a derivative's
        # users is for a court to say, so railguard warns instead of guessing.
        unsettled=bool(categories - {"non-commercial"}) and not flow and not same,
        rejects=rejects,
        accepts=accepts,
        # NOTE: a licence with both scopes binds the whole derivative: the stricter reading.
        same_scope="derivatives" if "derivatives" in scopes or not scopes else "distribution",
        no_derivatives=no_derivatives,
    )
