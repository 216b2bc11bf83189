"""The rule model: what a licence grants, restricts and demands.

Frozen, slotted dataclasses with tuples only, so values hash, compare and can be shared between
threads and caches. No I/O here: the catalogue loader and the licence-text parser build these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from railguard.model.names import normalise

if TYPE_CHECKING:
    from railguard.model.module import Module


class Family(StrEnum):
    """Broad licence families; they drive default compatibility reasoning."""

    PERMISSIVE = "permissive"
    WEAK_COPYLEFT = "weak-copyleft"
    STRONG_COPYLEFT = "strong-copyleft"
    NETWORK_COPYLEFT = "network-copyleft"
    PUBLIC_DOMAIN = "public-domain"
    CREATIVE_COMMONS = "creative-commons"
    OPEN_DATA = "open-data"
    RAIL = "rail"
    HIPPOCRATIC = "hippocratic"
    VENDOR = "vendor"
    NON_COMMERCIAL = "non-commercial"
    PROPRIETARY_RESEARCH = "proprietary-research"


class Grant(StrEnum):
    """Rights a licence grants."""

    USE = "use"
    REPRODUCE = "reproduce"
    MODIFY = "modify"
    DISTRIBUTE = "distribute"
    SUBLICENSE = "sublicense"
    PATENT = "patent"


class RestrictionKind(StrEnum):
    """``use``: what may not be done; ``licensee``: who may not take the licence at all."""

    USE = "use"
    LICENSEE = "licensee"


class ObligationKind(StrEnum):
    """What a licensee or redistributor must do (contract: ``obligations[].kind``)."""

    FLOW_DOWN = "flow-down"
    SAME_LICENCE = "same-licence"
    NO_FURTHER_RESTRICTIONS = "no-further-restrictions"
    ATTRIBUTION = "attribution"
    LICENCE_COPY = "licence-copy"
    STATE_CHANGES = "state-changes"
    NAMING = "naming"
    DISPLAY_NOTICE = "display-notice"
    ACCEPTABLE_USE_POLICY = "acceptable-use-policy"
    SOURCE_DISCLOSURE = "source-disclosure"
    SCALE_LIMIT = "scale-limit"
    NO_ENDORSEMENT = "no-endorsement"
    PATENT_RETALIATION = "patent-retaliation"
    USE_LATEST_VERSION = "use-latest-version"
    CONDUCT = "conduct"
    NO_DERIVATIVES = "no-derivatives"


#: The parameters each obligation kind may carry, with their Python types.
OBLIGATION_PARAMS: dict[ObligationKind, dict[str, type | tuple[type, ...]]] = {
    ObligationKind.SAME_LICENCE: {"compatible": list, "scope": str},
    ObligationKind.ATTRIBUTION: {"text": str},
    # link: the addresses (scheme and `www.` left out) a link to which meets the duty, for
    # licences that accept the licence's address in place of its text;
    # document_notice, ends_at: what of a copy of the licence is the licence document's own (the
    # holders of its copyright; the line ending its terms, after which come example notices)
    ObligationKind.LICENCE_COPY: {"link": list, "document_notice": list, "ends_at": str},
    # forms: other starts of a name that carry the required one (the licensor's own `Meta Llama`)
    ObligationKind.NAMING: {"prefix": str, "forms": list},
    ObligationKind.DISPLAY_NOTICE: {"text": str},
    ObligationKind.ACCEPTABLE_USE_POLICY: {"url": str, "document": str},
    ObligationKind.SOURCE_DISCLOSURE: {"network": bool},
    ObligationKind.SCALE_LIMIT: {"monthly_active_users": int, "annual_revenue_usd": int},
    # rejects: the kinds of upstream obligation this licence counts as a further restriction it
    # forbids; accepts: upstream licences whose such terms it does not (they allow relicensing)
    ObligationKind.NO_FURTHER_RESTRICTIONS: {"rejects": list, "accepts": list},
}


@dataclass(frozen=True, slots=True)
class Restriction:
    """One use restriction.

    Attributes:
        category: the category slug.
        kind: use or licensee.
        section: where the licence says so, as a reader cites it (``Attachment A (h)``, ``3.1.4``).
        summary: in the catalogue, our one-line paraphrase; from a parsed text, the clause text.
        line: 1-based line in a parsed text; ``None`` for catalogue entries.
    """

    category: str
    kind: RestrictionKind
    section: str
    summary: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Obligation:
    """One duty, with kind-specific parameters as sorted ``(name, value)`` pairs."""

    kind: ObligationKind
    section: str
    summary: str
    params: tuple[tuple[str, Any], ...] = ()
    line: int | None = None

    def param(self, name: str, default: Any = None) -> Any:
        """Return the parameter ``name``, or ``default``."""
        for key, value in self.params:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True)
class Licence:
    """A licence and its rules.

    ``commercial`` is ``True`` when commercial use is permitted (possibly under a scale limit),
    ``False`` when the licence is non-commercial or research-only, ``None`` when it leaves the
    question open (an ambiguous family id, for instance).
    """

    id: str
    name: str
    family: Family
    url: str
    summary: str
    commercial: bool | None
    grants: tuple[Grant, ...] = ()
    restrictions: tuple[Restriction, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    version: str | None = None
    aliases: tuple[str, ...] = ()
    spdx: str | None = None
    scancode: str | None = None
    hub: str | None = None
    osi_approved: bool = False
    ambiguous: bool = False
    reading: str | None = None
    members: tuple[str, ...] = ()
    """For an ambiguous id that names a family (``gpl``), the catalogue ids of its members: a text
    of a member is a text of the family."""
    module: Module | None = None
    full_modules: tuple[str, ...] = ()
    notes: str | None = None
    components: tuple[str, ...] = field(default=(), compare=False)
    """For a composed licence (HL3 core plus modules), the catalogue ids it was built from."""
    vocabulary: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """Words that name a restriction category in this licence's own text only, as (category,
    pattern) pairs: the licence-text reader adds them once a text is recognised as this licence."""

    @property
    def categories(self) -> frozenset[str]:
        """The set of restricted categories."""
        return frozenset(r.category for r in self.restrictions)

    def obligations_of(self, kind: ObligationKind) -> tuple[Obligation, ...]:
        """The obligations of one kind, in licence order."""
        return tuple(o for o in self.obligations if o.kind is kind)

    def has(self, kind: ObligationKind) -> bool:
        """Whether the licence imposes an obligation of ``kind``."""
        return any(o.kind is kind for o in self.obligations)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this licence answers to besides its id (SPDX, ScanCode, Hub, aliases)."""
        seen: dict[str, str] = {normalise(self.id): self.id}
        for name in (self.spdx, self.scancode, self.hub, *self.aliases):
            if name and normalise(name) not in seen:
                seen[normalise(name)] = name
        return tuple(list(seen.values())[1:])
