"""Assemble the rule model from clause units: restrictions, obligations, the commercial flag.

Each unit's sentences are read by the clause grammar (``clauses.read``). A prohibition's purpose
argument or conduct is a restriction, categorised by the lexicon from that text only; a list
item takes the modality of its lead-in ("You agree not to use the Model:", a "Prohibited Uses"
heading); an exception takes the opposite polarity of its clause; a permission's exception is a
prohibition; a duty to comply with something restricts what it names. Definitions and permitted
uses restrict nothing. Duty phrases become obligations where the sentence imposes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from railguard.model import Obligation, ObligationKind, Restriction, RestrictionKind
from railguard.parse.clauses import LEAD, Clause, Part, Phrase, Polarity, Reading, read, sentences
from railguard.parse.lexicon import Lexicon
from railguard.parse.outline import Unit, UnitKind

_SUMMARY_LIMIT = 240

#: The carrying phrases that say so outright (any restriction in the text travels with them).
_EXPLICIT_CARRY = frozenset({"ENFORCEABLE", "REQUIRE_OTHERS", "POLICY_COPY", "ENSURE_RECEIVES", "LIMITED_AS_WELL"})
#: The carrying phrases that carry restrictions only where they speak of recipients or derivatives.
_CONTEXT_CARRY = frozenset({"SUBJECT_TO", "UNDER_THIS", "SAME_TERMS", "NO_CONFLICT"})
_DOWNSTREAM = re.compile(
    r"\b(?:distribut\w*|redistribut\w*|derivative\w*|recipients?|third[- ]part(?:y|ies)|subsequent|downstream|"
    r"modifi\w*|copies)\b",
    re.IGNORECASE,
)
#: "notice requirements under this Agreement", "rights granted to you under this Licence": the phrase
#: qualifies the noun before it and carries nothing to anyone.
_QUALIFIED = re.compile(
    r"\b(?:requirements?|obligations?|rights?|licen[cs]es?|granted(?:\s+to\s+(?:you|licensee))?)\s*$", re.IGNORECASE
)
#: A permission of this act is a grant of rights: "Redistribution and use ... are permitted".
_GRANTED_ACT = re.compile(
    r"\b(?:use|copy|modify|distribut\w*|redistribut\w*|reproduce|sell|share|publish|deal\s+in|run|deploy)\b",
    re.IGNORECASE,
)
#: A use policy binds the licensee: "comply with", "adhere to", "subject to" it.
_BOUND_TO = re.compile(r"\b(?:comply|adhere|abide|subject)\b", re.IGNORECASE)
#: Who a licence's own duties and disclaimers speak of: not restrictions on the licensee.
_LICENSOR = re.compile(
    r"^(?:.*\b)?(?:licensors?|we|us|the\s+authors?|copyright\s+holders?|contributors?|in\s+no\s+event)\s*$",
    re.IGNORECASE,
)
_BY_PARTY = re.compile(r"^\s*by\s+(?:any|an?|the)\b", re.IGNORECASE)
#: The duty markers that limit a passive use to a purpose ("shall be used for ..."); "will be
#: used" is more often the future tense.
_LIMITING = frozenset({"SHALL", "MUST"})
#: An object that is not the licensed work: "may not use any name or mark of the Licensor".
_NOT_THE_WORK = re.compile(
    r"\b(?:names?|(?:trade|service)\s*marks?|marks?|logos?|trade\s+names?|patents?)\b", re.IGNORECASE
)
#: A purpose that points back at restrictions stated elsewhere: "for the specified restricted uses".
_REFERS_BACK = re.compile(
    r"\b(?:restricted|prohibited)\s+uses?\b|\brestrictions?\b|\bthis\s+(?:licen[cs]e|agreement|policy)\b|\bset\s+forth\b"
    r"|\b(?:clause|section|paragraph)\s+(?:above|below|\d)|\babove\b",
    re.IGNORECASE,
)
#: A clause that ends on a dangling "to", "for" or "from": its list follows ("... any third party to").
_DANGLING = re.compile(r"\b(?:to|for|from)\s*:?\s*$", re.IGNORECASE)
_ONLY = re.compile(r"\b(?:only|solely|exclusively)\b", re.IGNORECASE)
#: "commercial" on its own (not in "non-commercial"): a grant that names it is not limited to research.
_COMMERCIAL = re.compile(r"(?<!non-)(?<!non)(?<!non\s)\bcommercial", re.IGNORECASE)
#: A lead-in to a list of ways to report or get in touch, not of rules.
_NOT_A_RULE = re.compile(r"\b(?:report\w*|contact\w*|questions?|feedback|e-?mail)\b", re.IGNORECASE)
#: A lead-in that states a condition: "If you distribute the Materials ...:".
_CONDITION = re.compile(
    r"^\W*(?:if|when|where|whenever)\s+(?:you|licensee|the\s+licensee|a\s+licensee)\b", re.IGNORECASE
)
#: A lead-in that announces prohibitions without a prohibition verb of its own.
_RESTRICTION_LIST = re.compile(
    r"\b(?:following|these|below)\s+(?:[\w-]+\s+){0,2}(?:restrictions|prohibitions|prohibited\s+(?:uses|activities))\b"
    r"|\bnot\s+to\s*:?\s*$|\bprohibited\s+uses?\s+include\b",
    re.IGNORECASE,
)

_OBLIGATION_OF: dict[str, ObligationKind] = {
    "NO_FURTHER": ObligationKind.NO_FURTHER_RESTRICTIONS,
    "ATTRIBUTION": ObligationKind.ATTRIBUTION,
    "STATE_CHANGES": ObligationKind.STATE_CHANGES,
    "SOURCE": ObligationKind.SOURCE_DISCLOSURE,
    "PATENT_TERMINATION": ObligationKind.PATENT_RETALIATION,
    "LATEST_VERSION": ObligationKind.USE_LATEST_VERSION,
    "NAMING": ObligationKind.NAMING,
    "DISPLAY_NOTICE": ObligationKind.DISPLAY_NOTICE,
    "LICENCE_COPY": ObligationKind.LICENCE_COPY,
}

#: Duties whose phrase may quote what they ask for: the obligation, and the parameter the quote fills.
_QUOTED_PARAM: dict[str, tuple[ObligationKind, str]] = {
    "NAMING": (ObligationKind.NAMING, "prefix"),
    "DISPLAY_NOTICE": (ObligationKind.DISPLAY_NOTICE, "text"),
}


def _carries(reading: Reading, phrase: Phrase, binding: set[int], text: str) -> bool:
    """Whether a carrying phrase ("as an enforceable provision", "under this Agreement") passes restrictions on."""
    # NOTE: a carrying phrase binds only inside a clause or condition ("must be included as an
    # enforceable provision", "except pursuant to this Agreement"); in a grant ("Under the terms of
    # this license, Licensor grants") it carries nothing.
    if phrase.start not in binding:
        return False
    if phrase.kind in _CONTEXT_CARRY and not _DOWNSTREAM.search(text):
        return False
    return not (phrase.kind == "UNDER_THIS" and _QUALIFIED.search(reading.text, 0, phrase.start))


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the text says, before it is compared with the catalogue.

    Attributes:
        restrictions: one per category of each prohibited purpose.
        obligations: the duties the text imposes.
        commercial: commercial use permitted (True), excluded (False), not addressed (None).
        prohibitions: prohibited purposes that no category names ("for Good, not Evil").
        binding: False when the text says it does not legally bind.
    """

    restrictions: tuple[Restriction, ...]
    obligations: tuple[Obligation, ...]
    commercial: bool | None
    prohibitions: tuple[Restriction, ...] = ()
    binding: bool = True


@dataclass(frozen=True, slots=True)
class _Scope:
    """A lead-in or heading that governs the units after it.

    ``polarity`` is what its items are (prohibited, required, permitted); ``licensee`` when they
    describe who may not be a licensee.
    """

    unit: Unit
    polarity: Polarity
    licensee: bool = False
    heading: bool = False
    level: int = 0
    use: bool = False  # the lead-in prohibits a use of the work ("You agree not to use the Model:")

    def continued_by(self, unit: Unit) -> bool:
        """A paragraph indented under the list's items does not end the list."""
        lead = self.unit
        return unit.kind is UnitKind.PARAGRAPH and not self.heading and unit.indent > lead.indent and unit.indent > 0

    def governs(self, unit: Unit) -> bool:
        if self.heading:
            return unit.kind is not UnitKind.HEADING or unit.level > self.level
        if unit.kind is not UnitKind.ITEM:
            return False
        lead = self.unit
        if lead.kind is UnitKind.ITEM:
            if unit.depth > lead.depth:
                return True
            return bool(lead.section) and unit.section.startswith(lead.section + ".")
        return True


@dataclass(frozen=True, slots=True)
class _Found:
    """A prohibited text, where it is and whom it restricts.

    ``duty`` marks required conduct: only the lexicon's duty entries categorise it. ``opener``
    marks a clause that opens a list ("You agree not to use the Model to:"): its items say what is
    prohibited, so without a category of its own it is not reported as an unnamed prohibition.
    """

    text: str
    kind: RestrictionKind
    unit: Unit
    summary: str
    duty: bool = False
    opener: bool = False
    use: bool = False  # a prohibited use of the work (or a list item of one), not other conduct


@dataclass
class _State:
    found: list[_Found] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    carry: list[tuple[str, Obligation]] = field(default_factory=list)
    limits: list[Unit] = field(default_factory=list)
    commercial_ok: bool = False
    grants: bool = False
    prohibits: bool = False
    not_binding: bool = False


def _summary(text: str) -> str:
    text = " ".join(text.replace(LEAD, " ").split())
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1].rstrip() + "…"


_CLOSING = ")]”\"’'"


def _slice(reading: Reading, span: tuple[int, int] | None) -> str:
    """The text of ``span``, with the closing brackets and quotes right after it."""
    if not span:
        return ""
    text = reading.text
    end = span[1]
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return text[span[0] : end]


def _subject(reading: Reading, parts: tuple[Clause | Part, ...], index: int) -> str:
    """The loose words right before part ``index`` (the party, or a passive clause's subject)."""
    if index > 0:
        previous = parts[index - 1]
        if isinstance(previous, Part) and previous.kind == "loose":
            return reading.text[previous.start : previous.end]
    return ""


_NOT_BINDING = re.compile(
    r"\b(?:not\s+a\s+legal\s+amendment|not\s+enforceable\s+through|does\s+not\s+legally\s+bind|is\s+a\s+community\s+norm|"
    r"non-?binding)\b",
    re.IGNORECASE,
)


class _Reader:
    """Walks the units once, keeping the open lead-ins and headings."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.state = _State()
        self.scopes: list[_Scope] = []
        self.context = ""  # the lead-in of the unit being read: "If you distribute ...:"
        self.use_scope = False  # the unit is an item of a list of prohibited uses

    # scopes -----------------------------------------------------------------------------------
    def _governing(self, unit: Unit) -> _Scope | None:
        """The innermost open scope that governs ``unit`` (closing those it ends)."""
        while self.scopes and not self.scopes[-1].governs(unit):
            scope = self.scopes[-1]
            if scope.continued_by(unit):
                return None  # an indented paragraph inside the list: more of it, not an item
            self.scopes.pop()
        return self.scopes[-1] if self.scopes else None

    def heading(self, unit: Unit) -> None:
        while self.scopes and self.scopes[-1].heading and self.scopes[-1].level >= unit.level:
            self.scopes.pop()
        polarity = self.lexicon.heading_polarity(unit.text)
        if polarity is None:
            reading = read(unit.text)
            if any(c.polarity is Polarity.PROHIBITED for c in reading.clauses()):
                polarity = "prohibited"
        if polarity is not None:
            self.scopes = [s for s in self.scopes if s.heading]
            self.scopes.append(_Scope(unit, Polarity(polarity), heading=True, level=unit.level))

    # units ------------------------------------------------------------------------------------
    def unit(self, unit: Unit) -> None:
        if unit.kind is UnitKind.HEADING:
            self.heading(unit)
            return
        if _NOT_BINDING.search(unit.text):
            self.state.not_binding = True
        scope = self._governing(unit)
        if not unit.operative:
            return
        polarity = scope.polarity if scope is not None else None
        licensee = scope.licensee if scope is not None else False
        # NOTE: an item's first sentence (and a labelled paragraph's, under a list heading) is
        # governed by its lead-in; a plain paragraph under a heading speaks for itself.
        itemlike = unit.kind is UnitKind.ITEM or (scope is not None and scope.heading and bool(unit.label))
        self.context = scope.unit.text if scope is not None and not scope.heading else ""
        self.use_scope = scope is not None and scope.use
        before = len(self.state.found)
        opened: _Scope | None = None
        for position, sentence in enumerate(sentences(unit.text) if unit.text else []):
            lead = position == 0 and itemlike
            reading = read(f"{LEAD} {sentence}") if lead else read(sentence)
            result = self._interpret(reading, unit, polarity if lead else None, licensee)
            if result is not None:
                opened = result
        if unit.label:
            found = self.state.found[before:]
            if found:
                # The item's own title names what its text restricts ("Fossil Fuel Divestment").
                kind = found[0].kind
                self.state.found.append(_Found(unit.label, kind, unit, found[0].summary))
            elif itemlike and polarity is Polarity.PROHIBITED and not unit.text:
                self.state.found.append(
                    _Found(unit.label, RestrictionKind.LICENSEE if licensee else RestrictionKind.USE, unit, unit.label)
                )
            if unit.text == "" and itemlike and polarity is not None:
                opened = _Scope(unit, polarity, licensee=licensee)
        if opened is not None:
            self.scopes.append(opened)

    def _interpret(self, reading: Reading, unit: Unit, lead: Polarity | None, licensee: bool) -> _Scope | None:
        """Collect what one sentence prohibits and requires; return the scope it opens, if any."""
        parts = reading.parts
        if any(isinstance(p, Part) and p.kind == "definition" for p in parts):
            return None
        state = self.state
        opened: _Scope | None = None
        previous: Polarity | None = None
        summary = _summary(reading.text)
        binding: set[int] = set()  # offsets of duty phrases that sit where they bind
        for index, part in enumerate(parts):
            if isinstance(part, Clause):
                polarity = part.polarity
                if polarity is Polarity.LEAD:
                    polarity = lead if lead is not None else Polarity.LEAD
                subject = _subject(reading, parts, index)
                previous = polarity
                if _LICENSOR.match(subject) and part.polarity is not Polarity.LEAD and part.marker != "PROHIBITS":
                    # "Licensor shall not be liable", "We may terminate": the licensor's own
                    # duties and rights; but "Licensor prohibits the use of ..." binds the licensee.
                    continue
                if polarity is not Polarity.LEAD:
                    binding.update(ph.start for ph in part.phrases)
                opened = self._clause(reading, part, polarity, subject, unit, licensee, summary) or opened
            elif part.kind == "exception":
                binding.update(ph.start for ph in part.phrases)
                self._exception(reading, index, unit, previous, summary)
            elif part.kind == "licensee":
                opened = self._licensee(reading, index, unit, lead, summary) or opened
            elif part.kind == "grant":
                state.grants = True
                text = _slice(reading, (part.start, part.end))
                only = any(ph.kind == "ONLY" for ph in part.phrases)
                # A grant "for any non-commercial purpose" is limited to it, "only" or not.
                if self.lexicon.limit_of(text) and (only or not _COMMERCIAL.search(text)):
                    state.limits.append(unit)
            elif part.kind == "loose" and lead is Polarity.PROHIBITED and index > 0:
                # "... Model (a) to any individual ...; (b) to anyone on a restricted parties list":
                # the rest of a prohibited item after a semicolon is more of what it prohibits.
                before = parts[index - 1]
                rest = _slice(reading, (part.start, part.end))
                if isinstance(before, Part) and before.kind == "semi" and len(rest.split()) >= 3:
                    kind = RestrictionKind.LICENSEE if licensee else RestrictionKind.USE
                    state.found.append(_Found(rest, kind, unit, summary))
            elif part.kind == "colon" and index == len(parts) - 1 and opened is None and lead in _RULES:
                # A list label ending with a colon inside a governed list opens its items.
                opened = _Scope(unit, lead, licensee=licensee)
        if opened is None:
            opened = self._list_lead(reading, unit, lead)
        self._phrases(reading, unit, binding)
        return opened

    def _exception(self, reading: Reading, index: int, unit: Unit, previous: Polarity | None, summary: str) -> None:
        """An exception to the clause before it ("except ...", "other than ...")."""
        parts, part = reading.parts, reading.parts[index]
        text = _slice(reading, (part.start, part.end))
        if previous is Polarity.PERMITTED and not _own_clause_follows(parts, index):
            # "You may use it for any purpose except military purposes."
            self.state.found.append(_Found(text, RestrictionKind.USE, unit, summary))
        elif _after_grant(parts, index) and "non-commercial" in self.lexicon.categorise(text):
            # "... grants you a licence ... for purposes other than commercial use"
            self.state.limits.append(unit)

    def _licensee(self, reading: Reading, index: int, unit: Unit, lead: Polarity | None, summary: str) -> _Scope | None:
        """A description of who may not be a licensee; it opens a list when a colon follows."""
        if lead in (Polarity.PERMITTED, Polarity.REQUIRED):
            return None
        parts, part = reading.parts, reading.parts[index]
        self.state.found.append(
            _Found(_slice(reading, (part.start, part.end)), RestrictionKind.LICENSEE, unit, summary)
        )
        following = parts[index + 1] if index + 1 < len(parts) else None
        if isinstance(following, Part) and following.kind == "colon":
            return _Scope(unit, Polarity.PROHIBITED, licensee=True)
        return None

    def _list_lead(self, reading: Reading, unit: Unit, lead: Polarity | None) -> _Scope | None:
        """The scope a sentence of no rule of its own opens when it ends with a colon, if any."""
        own = [c for c in reading.clauses() if c.polarity is not Polarity.LEAD]
        if own or not reading.text.rstrip().endswith(":"):
            return None
        plain = reading.text.lstrip(LEAD + " ")
        # "Prohibited uses include:", "... the following license restrictions:"
        if self.lexicon.heading_polarity(plain) == "prohibited" or _RESTRICTION_LIST.search(plain):
            return _Scope(unit, Polarity.PROHIBITED)
        if _CONDITION.match(plain):
            # "If you distribute the Materials, derivatives ...:" then what must be done.
            return _Scope(unit, Polarity.REQUIRED)
        if lead is None and unit.kind is not UnitKind.ITEM and _NOT_A_RULE.search(plain):
            # "Please report any violation through one of the following means:" under a
            # "Prohibited Uses" heading: its items are channels, not prohibitions.
            return _Scope(unit, Polarity.LEAD)
        return None

    def _clause(
        self,
        reading: Reading,
        clause: Clause,
        polarity: Polarity,
        subject: str,
        unit: Unit,
        licensee: bool,
        summary: str,
    ) -> _Scope | None:
        state = self.state
        argument = _slice(reading, clause.argument)
        if clause.predicate == "use" and (clause.passive or clause.action == "USE_OF" or not argument):
            # The object counts where it is not the licensed work: "be integrated into weapons
            # systems", "the use of threats, violence or intimidation to compel ...".
            argument = f"{_slice(reading, clause.obj)} {argument}".strip()
        if polarity is Polarity.PROHIBITED:
            return self._prohibition(reading, clause, argument, subject, unit, licensee, summary)
        if polarity is Polarity.REQUIRED:
            if clause.predicate == "compliance":
                # "You shall comply with applicable laws": what must be complied with is a rule.
                state.found.append(_Found(argument, RestrictionKind.USE, unit, summary))
            elif clause.predicate == "conduct" and self.lexicon.duty_categories(argument):
                # "Disclose to end users that responses come from a language model."
                state.found.append(_Found(argument, RestrictionKind.USE, unit, summary, duty=True))
            elif clause.predicate == "use" and clause.passive and clause.argument and clause.marker in _LIMITING:
                # "The Software shall be used for Good, not Evil": use is limited to a purpose.
                purpose = _slice(reading, clause.argument)
                if self.lexicon.limit_of(purpose) == "non-commercial":
                    state.limits.append(unit)
                else:
                    state.found.append(_Found(purpose, RestrictionKind.USE, unit, summary, use=True))
            if clause.opens_list:
                prohibits = bool(_RESTRICTION_LIST.search(reading.text))
                return _Scope(unit, Polarity.PROHIBITED if prohibits else Polarity.REQUIRED)
        elif polarity is Polarity.PERMITTED:
            if clause.predicate == "use" or _GRANTED_ACT.match(subject.strip()) or _GRANTED_ACT.match(argument):
                state.grants = True
            self._limit(clause, reading, unit)
            if clause.opens_list:
                return _Scope(unit, Polarity.PERMITTED)
        elif polarity is Polarity.LEAD and clause.opens_list and _RESTRICTION_LIST.search(reading.text):
            return _Scope(unit, Polarity.PROHIBITED)
        return None

    def _prohibition(
        self, reading: Reading, clause: Clause, argument: str, subject: str, unit: Unit, licensee: bool, summary: str
    ) -> _Scope | None:
        """Record what a prohibiting clause forbids; return the scope it opens when a list of it follows."""
        state = self.state
        state.prohibits = True
        kind = RestrictionKind.LICENSEE if licensee else RestrictionKind.USE
        if clause.passive and _BY_PARTY.match(_slice(reading, clause.obj)):
            kind = RestrictionKind.LICENSEE  # "must not be used by any organisation that:"
        text = argument
        if not text and clause.marker == "PROHIBITED" and not clause.predicate:
            text = subject  # "Commercial use is prohibited."
        opens = clause.opens_list or (
            clause.end >= len(reading.text.rstrip(" .")) - 1 and bool(_DANGLING.search(reading.text))
        )
        used = subject if clause.passive else _slice(reading, clause.obj)
        use_of_work = clause.predicate == "use" and not _NOT_THE_WORK.search(used)
        if text:
            use = (use_of_work and bool(clause.argument)) or (clause.polarity is Polarity.LEAD and self.use_scope)
            use = use and not _REFERS_BACK.search(text)
            state.found.append(_Found(text, kind, unit, summary, opener=opens, use=use))
        if opens:
            # "... or cause any third party to" followed by the list of what they may not do.
            return _Scope(unit, Polarity.PROHIBITED, licensee=kind is RestrictionKind.LICENSEE, use=use_of_work)
        return None

    def _limit(self, clause: Clause, reading: Reading, unit: Unit) -> None:
        """A permission that names its purpose with "only" limits the grant to that purpose."""
        text = reading.text[clause.start : clause.end]
        only = "ONLY" in _phrase_kinds(reading) or _ONLY.search(text)
        if only and self.lexicon.limit_of(text) == "non-commercial":
            self.state.limits.append(unit)

    def _phrases(self, reading: Reading, unit: Unit, binding: set[int]) -> None:
        state = self.state
        section, line, summary = unit.section, unit.line, _summary(reading.text)
        text = f"{self.context} {reading.text}" if self.context else reading.text
        kinds = _phrase_kinds(reading)
        params: tuple[tuple[str, Any], ...]
        for phrase in reading.phrases():
            kind = phrase.kind
            if kind == "COMMERCIAL_GRANT":
                state.commercial_ok = True
            elif kind in ("USER_LIMIT", "REVENUE_LIMIT"):
                param = "monthly_active_users" if kind == "USER_LIMIT" else "annual_revenue_usd"
                value = _amount(phrase.text)
                params = ((param, value),) if value is not None else ()
                state.obligations.append(Obligation(ObligationKind.SCALE_LIMIT, section, summary, params, line))
            elif kind == "POLICY":
                if "INCORPORATED" in kinds or _BOUND_TO.search(text):
                    state.obligations.append(
                        Obligation(ObligationKind.ACCEPTABLE_USE_POLICY, section, summary, (), line)
                    )
            elif kind in _EXPLICIT_CARRY or kind in _CONTEXT_CARRY:
                if _carries(reading, phrase, binding, text):
                    flow = Obligation(ObligationKind.FLOW_DOWN, section, summary, (), line)
                    state.carry.append(("explicit" if kind in _EXPLICIT_CARRY else "context", flow))
            elif kind in ("LICENCE_COPY", "SHARE_ALIKE"):
                self._copy(phrase, phrase.start in binding, text, unit, summary)
            elif kind in _QUOTED_PARAM:
                obligation, param = _QUOTED_PARAM[kind]
                params = ((param, phrase.quoted),) if phrase.quoted else ()
                state.obligations.append(Obligation(obligation, section, summary, params, line))
            elif kind == "GRANT_EXCLUSION":
                state.found.append(_Found(reading.text, RestrictionKind.LICENSEE, unit, summary))
            elif kind in _OBLIGATION_OF:
                state.obligations.append(Obligation(_OBLIGATION_OF[kind], section, summary, (), line))

    def _copy(self, phrase: Phrase, binding: bool, text: str, unit: Unit, summary: str) -> None:
        """A duty to pass the licence on (a copy of it, or derivatives under it) and what it carries."""
        state, section, line = self.state, unit.section, unit.line
        flow = Obligation(ObligationKind.FLOW_DOWN, section, summary, (), line)
        if phrase.kind == "LICENCE_COPY":
            if binding:
                state.obligations.append(Obligation(ObligationKind.LICENCE_COPY, section, summary, (), line))
                if _DOWNSTREAM.search(text):
                    state.carry.append(("copy", flow))
            return
        if not binding and phrase.text.lower().startswith("be "):
            return  # "is distributed under this License in the hope ...": a statement
        state.obligations.append(Obligation(ObligationKind.SAME_LICENCE, section, summary, (), line))
        if binding:
            # Derivatives under this licence's own conditions carry its use restrictions.
            state.carry.append(("copy", flow))

    # result -----------------------------------------------------------------------------------
    def result(self, vocabulary: Mapping[str, Iterable[re.Pattern[str]]] | None) -> Extraction:
        state = self.state
        restrictions: list[Restriction] = []
        uncategorised: list[Restriction] = []
        for found in state.found:
            if found.duty:
                categories = self.lexicon.duty_categories(found.text)
            else:
                categories = self.lexicon.categorise(found.text, vocabulary)
            unit = found.unit
            summary = _summary(found.summary)
            if not categories and found.use and not found.opener and len(found.text.split()) > 2:
                uncategorised.append(Restriction("", found.kind, unit.section, summary, unit.line))
            for category in categories:
                restrictions.append(Restriction(category, found.kind, unit.section, summary, unit.line))
        for unit in state.limits:
            restrictions.append(
                Restriction("non-commercial", RestrictionKind.USE, unit.section, _summary(unit.text), unit.line)
            )
        if state.commercial_ok:
            # A licence that grants commercial use beside a research grant restricts nothing commercial.
            restrictions = [r for r in restrictions if r.category != "non-commercial"]
        categorised = {r.category for r in restrictions}
        beyond_commerce = bool(categorised - {"non-commercial"})
        obligations = list(state.obligations)
        # NOTE: what a carrying phrase needs to carry: an outright one ("as an enforceable provision")
        # any prohibition; one that needs its context ("under this Agreement") a categorised
        # restriction; a copy of the licence a restriction beyond the non-commercial grant limit.
        needs = {
            "explicit": bool(restrictions) or state.prohibits,
            "context": bool(restrictions),
            "copy": beyond_commerce,
        }
        obligations += [flow for strength, flow in state.carry if needs[strength]]
        restricted_commerce = "non-commercial" in categorised
        commercial: bool | None
        if restricted_commerce:
            commercial = False
        elif state.grants or state.commercial_ok:
            commercial = True
        else:
            commercial = None
        return Extraction(
            _dedupe(restrictions),
            _dedupe(obligations),
            commercial,
            _dedupe(uncategorised),
            binding=not state.not_binding,
        )


def _marker_kinds(reading: Reading, clause: Clause) -> set[str]:
    return {ph.kind for ph in clause.phrases}


def _phrase_kinds(reading: Reading) -> set[str]:
    return {ph.kind for ph in reading.phrases()}


_RULES = frozenset({Polarity.PROHIBITED, Polarity.REQUIRED, Polarity.PERMITTED})


def _after_grant(parts: tuple[Clause | Part, ...], index: int) -> bool:
    previous = parts[index - 1] if index > 0 else None
    return isinstance(previous, Part) and previous.kind == "grant"


def _own_clause_follows(parts: tuple[Clause | Part, ...], index: int) -> bool:
    """An exception that states its own rule ("except that you agree not to ...")."""
    for part in parts[index + 1 :]:
        if isinstance(part, Clause):
            return True
        if isinstance(part, Part) and part.kind in ("semi", "colon"):
            return False
    return False


_DEFINITIONS = re.compile(
    r"^\W*(?:(?:section\s+)?\d+(?:\.\d+)*\.?\s*)?(?:definitions?|interpretation)\b\W*$", re.IGNORECASE
)


def _is_definitions_heading(text: str) -> bool:
    return bool(_DEFINITIONS.match(text.strip()))


def _is_definition(unit: Unit) -> bool:
    return not unit.operative


_NUMBER = re.compile(r"(\d[\d,.]*)\s*(million|billion|m\b)?", re.IGNORECASE)


def _amount(text: str) -> int | None:
    match = _NUMBER.search(text)
    if match is None:
        return None
    digits = match.group(1).replace(",", "")
    try:
        value = float(digits) if digits.count(".") <= 1 else float(digits.replace(".", ""))
    except ValueError:
        return None
    scale = (match.group(2) or "").lower()
    if scale in ("million", "m"):
        value *= 1_000_000
    elif scale == "billion":
        value *= 1_000_000_000
    return int(value)


def extract(
    units: tuple[Unit, ...], lexicon: Lexicon, vocabulary: Mapping[str, Iterable[re.Pattern[str]]] | None = None
) -> Extraction:
    """Read restrictions, obligations and the commercial flag out of the units.

    ``vocabulary`` adds category patterns that belong to the catalogue licence the text was
    recognised as (see ``identify``).
    """
    reader = _Reader(lexicon)
    for unit in units:
        reader.unit(unit)
    return reader.result(vocabulary)


def _dedupe(items: list) -> tuple:  # type: ignore[type-arg]
    seen: dict[object, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)


__all__ = ["Extraction", "Phrase", "extract"]
