"""What a licence passes down to derivatives: the semantics the lineage engine applies.

A licence *binds derivatives* when it says its terms reach them: a flow-down duty (RAIL,
Hippocratic, vendor licences whose agreement and use policy travel with every copy), a
same-licence duty (copyleft, share-alike, vendor agreements that derivatives stay under), or a
non-commercial grant (non-commercial and research-only terms cover adaptations). Permissive
licences bind nothing downstream beyond notices.
"""

from __future__ import annotations

from dataclasses import dataclass

from railguard.model import Licence, ObligationKind, Restriction


@dataclass(frozen=True, slots=True)
class Terms:
    """The downstream-relevant reading of one licence (computed once per licence)."""

    licence: Licence
    binds: bool
    flow_down: bool
    same_licence: tuple[str, ...]  # ids allowed for derivatives besides the licence itself; () = any
    requires_same: bool
    no_further: bool
    non_commercial: bool
    restrictions: tuple[Restriction, ...]
    categories: frozenset[str]
    unsettled: bool
    #: obligation kinds that, imposed by an upstream licence, count as further restrictions here.
    rejects: frozenset[str] = frozenset()
    #: upstream licences whose rejected terms this licence takes anyway (they allow relicensing).
    accepts: frozenset[str] = frozenset()

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
    for obligation in same:
        compatible.extend(obligation.param("compatible", ()))
    non_commercial = licence.commercial is False
    categories = frozenset(r.category for r in licence.restrictions)
    binds = flow or bool(same) or non_commercial
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
    )
