"""Which catalogue licence a parsed text is, and how it differs from it.

Evidence, strongest first:

* **wording**: the text contains a catalogue licence's published wording (``wording``
  fingerprints) and that wording explains most of the text. Only this makes an identification
  ``exact``, and only when the restrictions and the commercial flag read from the text agree
  with the catalogue entry and its flow-down duty with the reader's reading of the published
  wording (a RAIL text with one item deleted is a variant).
  A text that matches a licence's separately published use policy is that policy, not the
  licence (``document == "policy"``, never exact).
* **title**: the text's own title (front matter, its first heading or title line) names a
  catalogue licence. A name in the body ("based on the Apache License 2.0", "not released under
  the MIT License") is not a title and never counts.
* **terms**: no wording or title evidence, but the restriction categories and duties are close to
  one licence's (a nearest relative).

The score is the wording resemblance (Jaccard of shingles) where there is a reference text, and
half the resemblance of terms otherwise, so an unverified text never scores like a verified one.
"""

from __future__ import annotations

from dataclasses import dataclass

from railguard.catalogue import Catalogue, compose
from railguard.model import Licence, ObligationKind
from railguard.model.names import names_in, normalise
from railguard.parse.wording import Match, Reference, compare, shingles

#: A text contains a licence's wording when this share of the reference's shingles is in it ...
CONTAINED = 0.9
#: ... and is that licence when the reference (with its policy) explains this share of the text.
EXPLAINED = 0.85
#: Below this resemblance a wording match is only a relative ("derived from Apache-2.0").
RELATIVE = 0.2
#: A relative by terms alone needs at least this many restriction categories.
RELATIVE_TERMS = 4


@dataclass(frozen=True, slots=True)
class Edit:
    """How a copy differs from the published wording it matched, as the reader reads both.

    Attributes:
        added: categories the copy restricts that neither the published wording nor the
            catalogue entry does.
        dropped: categories the reader finds in the published wording and not in the copy
            (those a referenced use policy supplies excepted).
        duty: the copy has (True) or lacks (False) a flow-down duty the published wording
            lacks or has; ``None``: the same.
        novel: restriction clauses of the copy that the published wording lacks.
    """

    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    duty: bool | None = None
    novel: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.dropped or self.novel) or self.duty is not None


@dataclass(frozen=True, slots=True)
class Identification:
    """The nearest catalogue licence and how the text differs from it.

    Attributes:
        licence: the nearest catalogue licence (``None`` when nothing is close).
        exact: the text has the licence's wording and the same restriction categories,
            flow-down and commercial flag.
        score: similarity in [0, 1] (see the module docstring).
        added: categories the text restricts that the catalogue entry does not.
        dropped: categories the catalogue entry restricts that the text does not.
        by_reference: categories that come from a policy the text incorporates by reference
            (an acceptable use policy published separately), so are not missing from it.
        novel: restriction clauses of the text that the licence's published wording lacks (an
            added prohibition in a copy of the licence's text).
        basis: what the identification rests on: ``wording`` (the text is that licence's text,
            perhaps edited), ``title`` (it names itself so), ``relative`` (it shares part of the
            licence's wording, as a derived licence does), ``terms`` (similar restrictions only),
            or ``""``.
        document: ``licence``, or ``policy`` when the text is the licence's use policy alone.
        edit: how the text differs from the published wording it matched (basis ``wording``,
            where the fingerprint records the reader's reading of that wording), else ``None``.
            ``exact`` compares the text with the catalogue entry; ``edit`` with the published
            text, so a reader/catalogue gap (a restriction the reader cannot see in the published
            wording, a later version's clause the entry records) is not taken for an edit.
    """

    licence: Licence | None
    exact: bool
    score: float
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    by_reference: tuple[str, ...] = ()
    basis: str = ""
    document: str = "licence"
    novel: tuple[str, ...] = ()
    edit: Edit | None = None

    @property
    def as_published(self) -> bool:
        """The text is a licence's published wording with nothing the reader can tell changed:
        exact, or matched by wording with an empty :attr:`edit`."""
        if self.exact:
            return True
        return self.basis == "wording" and self.document == "licence" and self.edit is not None and not self.edit


_POLICY_SECTION = ("AUP", "PUP", "Policy", "Exhibit")


def _from_policy(licence: Licence) -> frozenset[str]:
    """Categories the licence restricts only through its separately published use policy."""
    inside = {r.category for r in licence.restrictions if not r.section.startswith(_POLICY_SECTION)}
    return frozenset(r.category for r in licence.restrictions if r.category not in inside)


_INDEXES: dict[int, tuple[Catalogue, tuple[tuple[str, tuple[str, ...]], ...]]] = {}


def _title_names(catalogue: Catalogue) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every catalogue name of three characters or more (normalised), longest first, with its ids."""
    cached = _INDEXES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    owners: dict[str, list[str]] = {}
    for licence in catalogue:
        for name in {normalise(n) for n in (licence.name, licence.id, *licence.names)}:
            if len(name) >= 3:
                owners.setdefault(name, []).append(licence.id)
    pairs = tuple((k, tuple(v)) for k, v in sorted(owners.items(), key=lambda kv: (-len(kv[0]), kv[0])))
    _INDEXES[id(catalogue)] = (catalogue, pairs)
    return pairs


def _policy_titled(title: str, catalogue: Catalogue) -> Licence | None:
    """The licence whose use policy ``title`` names, by the policy's name in the catalogue.

    The name is the ``document`` of the licence's ``acceptable-use-policy`` duty; it counts only
    when it names the licence itself ("Meta Llama 3 Acceptable Use Policy", not "Exhibit A,
    Acceptable Use Policy") and only one licence's policy has it.
    """
    if not title:
        return None
    text = f"-{normalise(title)}-"
    found = {licence.id: licence for name, licence in _policy_names(catalogue) if name in text}
    return next(iter(found.values())) if len(found) == 1 else None


def _policy_names(catalogue: Catalogue) -> tuple[tuple[str, Licence], ...]:
    """(``-normalised-policy-name-``, licence) for every use policy whose name names its licence."""
    cached = _POLICY_NAMES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    out: list[tuple[str, Licence]] = []
    for licence in catalogue:
        for obligation in licence.obligations_of(ObligationKind.ACCEPTABLE_USE_POLICY):
            document = obligation.param("document")
            if isinstance(document, str) and licence.id in named_in_title(document, catalogue):
                out.append((f"-{normalise(document)}-", licence))
    _POLICY_NAMES[id(catalogue)] = (catalogue, tuple(out))
    return tuple(out)


_POLICY_NAMES: dict[int, tuple[Catalogue, tuple[tuple[str, Licence], ...]]] = {}


def named_in_title(title: str, catalogue: Catalogue) -> tuple[str, ...]:
    """The catalogue licences a title names, in title order (:func:`railguard.model.names.names_in`).

    Every catalogue name counts, short ones too: a licence text's title names licences, while
    prose (``lint``'s :func:`railguard.lint.tables.licences_named`) needs names that are not words."""
    if not title:
        return ()
    found = names_in(title, _title_names(catalogue))
    return tuple(sorted(found, key=found.__getitem__))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class Terms:
    """What the text was read to say, for comparison with catalogue entries."""

    categories: frozenset[str]
    flow_down: bool
    commercial: bool | None
    references_policy: bool = False


def _differences(
    licence: Licence, terms: Terms, reference: Reference | None = None
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """(added, dropped, by_reference, same duties and commercial flag) against ``licence``.

    With the ``reference`` wording the text matched, the flow-down duty is compared with the
    reader's reading of that wording: the text and the published wording say the same thing,
    whatever the catalogue records (the catalogue's facts then govern, the text being its copy).
    """
    by_reference = _from_policy(licence) - terms.categories if terms.references_policy else frozenset()
    added = tuple(sorted(terms.categories - licence.categories))
    dropped = tuple(sorted(licence.categories - terms.categories - by_reference))
    flows = licence.obligations_of(ObligationKind.FLOW_DOWN)
    # NOTE: a flow-down that the catalogue cites from the separately published policy reaches the
    # text's recipients through the incorporation, as its restrictions do.
    flow_by_reference = terms.references_policy and any(o.section.startswith(_POLICY_SECTION) for o in flows)
    # NOTE: a text that grants nothing (a module, a policy) says nothing about commerce.
    if reference is not None and reference.flow_down is not None:
        same_flow = terms.flow_down == reference.flow_down
    else:
        same_flow = terms.flow_down == bool(flows) or (flow_by_reference and not terms.flow_down)
    same = same_flow and (
        terms.commercial == licence.commercial or licence.commercial is None or terms.commercial is None
    )
    return added, dropped, tuple(sorted(by_reference)), same


def _edit(
    licence: Licence, terms: Terms, reference: Reference, by_reference: frozenset[str], novel: tuple[str, ...]
) -> Edit | None:
    """How the text differs from the ``reference`` wording (``None``: the reference has no reading)."""
    if reference.categories is None:
        return None
    added = tuple(sorted(terms.categories - reference.categories - licence.categories))
    dropped = tuple(sorted(reference.categories - terms.categories - by_reference))
    duty = None
    if reference.flow_down is not None and terms.flow_down != reference.flow_down:
        duty = terms.flow_down
    return Edit(added, dropped, duty, novel)


def _terms_score(licence: Licence, terms: Terms) -> float:
    rules = _jaccard(terms.categories, licence.categories)
    same_flow = 1.0 if terms.flow_down == licence.has(ObligationKind.FLOW_DOWN) else 0.0
    same_commercial = 1.0 if terms.commercial == licence.commercial else 0.0
    return 0.8 * rules + 0.1 * same_flow + 0.1 * same_commercial


def _core(licence: Licence) -> str:
    """The catalogue id a licence is named by (a composition: its core's)."""
    return licence.components[0] if licence.components else licence.id


def _candidates(catalogue: Catalogue) -> list[Licence]:
    """Every catalogue licence, plus each composable core with all of its modules."""
    cached = _CANDIDATES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    found = list(catalogue)
    for licence in catalogue:
        modules = catalogue.modules_of(licence.id) if licence.full_modules else {}
        chosen = [modules[code] for code in sorted(set(licence.full_modules)) if code in modules]
        if chosen:
            found.append(compose(licence, chosen))
    _CANDIDATES[id(catalogue)] = (catalogue, found)
    return found


_CANDIDATES: dict[int, tuple[Catalogue, list[Licence]]] = {}


def _by_wording(text: frozenset[int], references: tuple[Reference, ...]) -> tuple[Match | None, Match | None, float]:
    """The best licence-text match, the best policy match, and how much of the text the best
    licence's documents (text and policy) explain together."""
    best: Match | None = None
    policy: Match | None = None
    for reference in references:
        match = compare(text, reference)
        if reference.role == "licence":
            if best is None or (match.containment, match.resemblance) > (best.containment, best.resemblance):
                best = match
        elif policy is None or (match.containment, match.resemblance) > (policy.containment, policy.resemblance):
            policy = match
    explained = 0.0
    if best is not None:
        explained = best.coverage
        for reference in references:
            if reference.licence == best.reference.licence and reference.role == "policy":
                explained = min(1.0, explained + compare(text, reference).coverage)
    return best, policy, explained


def _novel(clauses: tuple[str, ...], reference: Reference) -> tuple[str, ...]:
    """The clauses whose wording is mostly absent from ``reference`` (where the sample can tell)."""
    out: list[str] = []
    for clause in clauses:
        sampled = [h for h in shingles(clause) if h % reference.modulus == 0]
        if len(sampled) >= 2 and sum(1 for h in sampled if h in reference.sample) < len(sampled) / 2:
            out.append(clause)
    return tuple(dict.fromkeys(out))


def identify(
    text: frozenset[int],
    title: str,
    terms: Terms,
    catalogue: Catalogue,
    references: tuple[Reference, ...] = (),
    clauses: tuple[str, ...] = (),
) -> Identification:
    """Find the catalogue licence nearest to a parsed text.

    Args:
        text: the shingle hashes of the text's readable body (``wording.shingles``).
        title: the text's own title (front matter title, first heading or title line).
        terms: the restrictions, flow-down duty and commercial flag read from the text.
        catalogue: the licences to compare with.
        references: the wording fingerprints of catalogue licences.
        clauses: the sentences that state the text's restrictions, to find any added to a copy
            of a licence's wording ("The Software shall be used for Good, not Evil.").
    """
    best, policy, explained = _by_wording(text, references)
    if best is not None and best.containment >= CONTAINED and explained >= EXPLAINED:
        licence = catalogue.find(best.reference.licence)
        if licence is not None:
            added, dropped, by_reference, same = _differences(licence, terms, best.reference)
            novel = _novel(clauses, best.reference)
            exact = not added and not dropped and same and not novel
            edit = _edit(licence, terms, best.reference, frozenset(by_reference), novel)
            return Identification(
                licence,
                exact,
                round(best.resemblance, 3),
                added,
                dropped,
                by_reference,
                "wording",
                "licence",
                novel,
                edit,
            )
    if policy is not None and policy.containment >= CONTAINED and policy.coverage >= EXPLAINED:
        licence = catalogue.find(policy.reference.licence)
        if licence is not None:
            # A use policy on its own is not the licence that incorporates it.
            return Identification(licence, False, round(policy.resemblance, 3), basis="wording", document="policy")
    by_title = _policy_titled(title, catalogue)
    if by_title is not None:
        # NOTE: the title is the name a licence gives its separately published use policy (and
        # that name names the licence): the policy, whose wording may differ from a fingerprint.
        return Identification(
            by_title, False, round(0.5 * _terms_score(by_title, terms), 3), basis="title", document="policy"
        )
    named = named_in_title(title, catalogue)
    candidates = [c for c in _candidates(catalogue) if not c.ambiguous]
    titled = [c for c in candidates if _core(c) in named]
    if titled:
        # The licence the title names first; a core and its full composition by their terms.
        licence = max(titled, key=lambda c: (-named.index(_core(c)), _terms_score(c, terms), c.id))
        added, dropped, by_reference, _same = _differences(licence, terms)
        if best is not None and best.reference.licence == licence.id:
            score = best.resemblance
        else:
            score = 0.5 * _terms_score(licence, terms)
        return Identification(licence, False, round(score, 3), added, dropped, by_reference, "title")
    if best is not None and best.resemblance >= RELATIVE:
        licence = catalogue.find(best.reference.licence)
        if licence is not None:
            added, dropped, by_reference, _same = _differences(licence, terms)
            return Identification(licence, False, round(best.resemblance, 3), added, dropped, by_reference, "relative")
    if len(terms.categories) >= RELATIVE_TERMS:
        # NOTE: one or two shared categories say little about kinship; a relative by terms needs
        # several (a RAIL-style list, a vendor policy).
        scored = [(c, _jaccard(terms.categories, c.categories)) for c in candidates]
        relative, similarity = max(scored, key=lambda pair: (pair[1], pair[0].id), default=(None, 0.0))
        if relative is not None and similarity >= 0.8:
            added, dropped, by_reference, _same = _differences(relative, terms)
            score = 0.5 * _terms_score(relative, terms)
            return Identification(relative, False, round(score, 3), added, dropped, by_reference, "terms")
    return Identification(None, False, 0.0)
