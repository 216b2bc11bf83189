"""RG501-RG517 and the card's RG3xx: a repository's files against what its card declares and what its
ancestors require.

What the ancestors require comes from the lineage engine through the linter's view of the card
(:class:`railguard.lint.context.CardContext`): the same governing licences that ``lint`` and
``lineage`` report, so the three commands agree on what binds a model. A licence the card's own
organisation granted (Qwen's instruct model from Qwen's base model) binds it to nothing, as in
``lint``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from railguard.audit.repository import Repository, covers
from railguard.audit.texts import Reading, edit_text, fold, has_wording
from railguard.model import Finding, Licence, ObligationKind
from railguard.rules import finding


def _ticks(items: Any) -> str:
    return ", ".join(f"`{i}`" for i in items)


def _at(
    repo: Repository, code: str, message: str, hint: str, place: tuple[str, int | None, int | None], **fields: Any
) -> Finding:
    file, line, col = place
    return finding(code, message, hint=hint, file=file, line=line, col=col, model=repo.model_id, **fields)


def _sections(licence: Licence, kind: ObligationKind) -> str | None:
    return ", ".join(dict.fromkeys(o.section for o in licence.obligations_of(kind))) or None


def check(repo: Repository) -> Iterator[Finding]:
    """Every finding about one repository, in check order."""
    yield from card_lineage(repo)
    yield from declared_unknown(repo)
    yield from licence_files(repo)
    yield from copyright_notice(repo)
    yield from upstream(repo)
    yield from code_headers(repo)
    from railguard.audit.datasets import check_datasets

    yield from check_datasets(repo)


# --- RG3xx: what lint reports about the card --------------------------------------------------------


def card_lineage(repo: Repository) -> Iterator[Finding]:
    """The card's RG3xx findings, exactly as ``railguard lint`` reports them for the same card.

    A repository's card is linted by ``lint`` (pre-commit) and its lineage checked by ``lineage``;
    the audit reports their verdicts on the licence itself (a conflict with a base model, RG301-RG305
    and RG312; an unknown base model, RG309; how the declaration was read, RG311, RG321, RG322) so
    that the three commands agree. The card-writing findings (RG4xx) stay ``lint``'s own: those
    about the repository's files would repeat the RG5xx findings here (RG413 and RG505 for a
    missing notice), the others are about prose, not about what the repository ships. RG410 is
    the exception: a ``base_model`` that is no Hub id (``m\u0435ta-llama/...`` with a Cyrillic
    letter, a URL) is checked against nothing, so without it the audit would pass the lineage in
    silence.
    """
    ctx = repo.context
    if ctx is None:
        return
    from railguard.lint.checks import CHECKS

    for lint_check in CHECKS:
        for found in lint_check(ctx):
            if found.code.startswith("RG3") or found.code in LINEAGE_CARD_CODES:
                yield found


#: The card-writing codes the audit reports as its own: a base model whose lineage cannot be checked.
LINEAGE_CARD_CODES = frozenset({"RG410"})


# --- RG515 -----------------------------------------------------------------------------------------


def declared_unknown(repo: Repository) -> Iterator[Finding]:
    """RG515: no card, a card that cannot be read, no licence declared, or one the catalogue lacks."""
    card = repo.card
    hint = "add a model card whose `license:` the catalogue knows (`railguard licences` lists them)"
    if card is None:
        why = "has no model card (README.md)"
    elif card.problem is not None:
        why = f"has a model card whose front matter cannot be read ({card.problem.message})"
    elif repo.declared.empty:
        why, hint = _no_licence(repo, hint)
    elif not repo.declared_licences:
        why = f"declares {_ticks(repo.unknown_names)}, which the catalogue does not know"
        hint = "use a catalogue id or alias (`railguard licences`), or `license: other` with a known `license_name`"
    else:
        return
    yield _at(
        repo,
        "RG515",
        f"`{repo.model_id}` {why}, so its licence files cannot be checked against a declared licence",
        hint,
        repo.card_place(),
    )


def _no_licence(repo: Repository, hint: str) -> tuple[str, str]:
    """Why (and the hint) a card declares no licence: nothing, or a placeholder value without a name."""
    from railguard.card.vocabulary import UNDECLARED

    for key in ("license", "licence"):
        value = repo.meta.get(key)
        if isinstance(value, str) and value.strip().lower() in UNDECLARED:
            # NOTE: `other` says the licence is not one of the Hub's ids; without `license_name`
            # it does not say which one it is (not that there is none).
            return (
                f"has a model card with `{key}: {value.strip().lower()}` and no `license_name` naming the licence",
                "name the licence in `license_name` (a catalogue id or alias: `railguard licences`)",
            )
    return "has a model card that declares no licence", hint


# --- RG501-RG503, RG514 ----------------------------------------------------------------------------


def _wanted(repo: Repository) -> tuple[Licence, ...]:
    """The declared licences whose text the repository must hold: every one, or the best choice of an OR."""
    declared = repo.declared
    if len(declared.alternatives) <= 1 or declared.listed:
        return repo.declared_licences
    best: tuple[Licence, ...] | None = None
    for conjunction in declared.alternatives:
        licences = tuple(lic for name in conjunction if (lic := repo.run.lint.licence(name)) is not None)
        missing = tuple(lic for lic in licences if repo.ships(lic) is None)
        if not missing:
            return ()
        if best is None or len(missing) < len(best):
            best = missing
    return best or ()


def _stands_for(repo: Repository, reading: Reading) -> bool:
    """Whether an identified licence or policy file is accounted for: a declared, inherited or code licence."""
    found = reading.licence or reading.policy_of
    if found is None:
        return True
    if any(covers(d, found) for d in repo.declared_licences):
        return True
    ctx = repo.context
    if ctx is not None and any(covers(i, found) for i in ctx.inherited):
        return True
    return any(found.id == ident for h in repo.headers for ident, _, _ in h.licences)


def licence_files(repo: Repository) -> Iterator[Finding]:
    """RG501 (text missing), RG502 (another licence), RG503 (edited), RG514 (unknown), RG516 (unverified)."""
    for name, reading in repo.readings.items():
        if reading.problem is not None:
            yield _at(
                repo,
                "RG514",
                f"the licence file `{reading.shown}` {reading.problem}, so railguard cannot read which licence it "
                "holds",
                "ship the licence as text (`LICENSE` or `LICENSE.md`), or check the file by hand",
                (reading.name, None, None),
            )
        elif name in repo.licence_names and reading.identity in ("relative", "unknown") and not reading.stub:
            nearest = reading.nearest
            why = f": {reading.evidence()}" if nearest is not None else ""
            declared = nearest is not None and any(covers(d, nearest) for d in repo.declared_licences)
            yield _at(
                repo,
                "RG514",
                f"the licence file `{reading.shown}` is no licence text railguard knows{why}",
                "check by hand which licence the file holds"
                + (
                    f"; if it is a licence of its own, declare it as `license: other` with a `license_name` "
                    f"rather than `{nearest.id}`"
                    if declared and nearest is not None
                    else ""
                ),
                (reading.name, 1, None),
                licence=nearest.id if nearest is not None else None,
            )
    if not repo.declared_licences:
        return
    shipped_other = [r for r in repo.licence_readings if not r.stub and not _stands_for(repo, r)]
    for licence in _wanted(repo):
        text = repo.ships(licence)
        if text is not None:
            yield from _as_shipped(repo, licence, text)
            continue
        if shipped_other:
            for other in shipped_other:
                found = other.licence or other.policy_of
                assert found is not None
                what = f"the use policy of `{found.id}`" if other.licence is None else f"`{found.id}`"
                yield _at(
                    repo,
                    "RG502",
                    f"the licence file `{other.shown}` is {what} ({other.evidence()}), but the card declares "
                    f"`{licence.id}`",
                    f"declare `{found.id}` for the model, or replace the file with the text of `{licence.id}`",
                    (other.name, 1, None),
                    licence=licence.id,
                    upstream=found.id,
                )
            continue
        if repo.unidentified or not licence.has(ObligationKind.LICENCE_COPY) or repo.links_to(licence):
            # NOTE: a licence file railguard cannot identify may well be this licence (RG514 says so);
            # some licences take a link to them in place of their text (the catalogue's `link`).
            continue
        stubs = [_base(r.shown) for r in repo.licence_readings if r.stub]
        policies = [
            _base(r.shown) for r in repo.licence_readings if r.policy_of is not None and covers(licence, r.policy_of)
        ]
        only = (
            f" (`{policies[0]}` is only its use policy, not the licence)"
            if policies
            else f" (`{stubs[0]}` is only a stub to replace with it)"
            if stubs
            else ""
        )
        yield _at(
            repo,
            "RG501",
            f"`{repo.model_id}` declares `{licence.id}`, whose text must go with every copy, and the repository "
            f"has no file with it{only}",
            f"add the `{licence.id}` text as `LICENSE` (`railguard audit --fix` writes it, or a stub to complete)",
            repo.card_place(),
            licence=licence.id,
            clause=_sections(licence, ObligationKind.LICENCE_COPY),
        )


def _base(name: str) -> str:
    return name.replace(os.sep, "/").rsplit("/", 1)[-1]


def _as_shipped(repo: Repository, licence: Licence, text: Reading) -> Iterator[Finding]:
    """RG503 for an edited copy of the declared licence, RG516 for one whose wording is not the published text."""
    found = text.parsed.identification if text.parsed is not None else None
    shipped = text.licence
    if found is None or shipped is None or text.identity == "published":
        return
    if text.identity == "edited":
        edit = found.edit
        changed = (edit.added + edit.dropped) if edit is not None else (found.added + found.dropped)
        yield _at(
            repo,
            "RG503",
            f"the licence file `{text.shown}` is the published `{shipped.id}` text, edited: {edit_text(found)}; "
            f"the card declares `{licence.id}` as published",
            "restore the published text, or declare the file as its own licence (`license: other` with a "
            "`license_name` and `license_link` to the file)",
            (text.name, 1, None),
            licence=licence.id,
            clause=_clauses(shipped, changed),
            categories=changed,
        )
        return
    if has_wording(shipped.id):
        differs = f"; its terms differ: {edit_text(found)}" if found.added or found.dropped else ""
        yield _at(
            repo,
            "RG516",
            f"the licence file `{text.shown}` names itself `{shipped.id}`, but its wording matches the published "
            f"`{shipped.id}` text only at {found.score:.2f}, so it is another version or an edited copy{differs}",
            f"ship the published `{shipped.id}` text, or, if the file is the version that applies, check its terms "
            "by hand and suppress this finding",
            (text.name, 1, None),
            licence=licence.id,
            clause=_clauses(shipped, found.added + found.dropped),
            categories=found.added + found.dropped,
        )
        return
    assert text.parsed is not None
    from railguard.parse.findings import check_parsed

    # NOTE: no published wording to compare: the terms the text states against the catalogue's.
    for variant in check_parsed(text.parsed):
        if variant.code == "RG101":
            yield _at(
                repo,
                "RG503",
                f"{variant.message}; the card declares `{licence.id}` as published",
                variant.hint or "",
                (text.name, 1, None),
                licence=licence.id,
                clause=_clauses(shipped, variant.categories),
                categories=variant.categories,
            )


def _clauses(licence: Licence, categories: tuple[str, ...]) -> str | None:
    """The licence's sections behind some restriction categories (as the catalogue cites them)."""
    if not categories:
        return None
    from railguard.lineage.terms import terms_of

    return terms_of(licence).clauses(set(categories)) or None


# --- RG504 -----------------------------------------------------------------------------------------


def _needs_copyright(licence: Licence) -> bool:
    """A licence whose attribution duty is to keep copyright notices (not a fixed notice text)."""
    return any(not o.param("text") for o in licence.obligations_of(ObligationKind.ATTRIBUTION))


def copyright_notice(repo: Repository) -> Iterator[Finding]:
    """RG504: the declared licence keeps copyright notices, and the repository shows none."""
    needing = [lic for lic in repo.declared_licences if _needs_copyright(lic)]
    if not needing or repo.copyright_lines:
        return
    place = repo.card_place()
    for reading in repo.licence_readings:
        # NOTE: a template's own blank sits at its top (MIT, BSD); Apache's is in its closing appendix.
        blank = next((b for b in reading.notices.blanks if b[0] - reading.body_start <= 15), None)
        if blank is not None:
            place = (reading.name, blank[0], None)
            detail = f"; `{reading.shown}` line {blank[0]} is the template's blank `{blank[1]}`"
            break
    else:
        detail = ""
    licence = needing[0]
    yield _at(
        repo,
        "RG504",
        f"`{licence.id}` asks for copyright notices to be kept, and `{repo.model_id}` shows none (no copyright line "
        f"in its licence, NOTICE, card or code){detail}",
        "add a line such as `Copyright (c) 2025 Your Name` to the licence file or a NOTICE file",
        place,
        licence=licence.id,
        clause=_sections(licence, ObligationKind.ATTRIBUTION),
    )


# --- RG505-RG507 -----------------------------------------------------------------------------------


def binding_ancestors(repo: Repository) -> tuple[tuple[Licence, str], ...]:
    """(licence, where from) for every licence the ancestors hand on, but the organisation's own grants."""
    ctx = repo.context
    if ctx is None or not ctx.inherited:
        return ()
    out: list[tuple[Licence, str]] = []
    for licence in ctx.inherited:
        origins = ctx.origins(licence.id)
        if origins and all(ctx.own_work(origin) for origin in origins):
            continue  # the licensor's own derivative is bound by nothing it granted itself
        via = ", ".join(f"`{o}`" for o in origins) or ", ".join(f"`{b}`" for b in ctx.base_models)
        out.append((licence, via))
    return tuple(out)


_BLANK = re.compile(r"\[[^\]]*\]")


def _core(text: str, words: int = 8) -> str:
    """The folded first words of a notice, its ``[placeholders]`` left out."""
    return fold(" ".join(_BLANK.sub(" ", text).split()[:words]))


def required_notices(repo: Repository) -> Iterator[tuple[Licence, str, str, str, str | None]]:
    """(licence, via, kind, text, clause) of every notice the ancestors require, and whether it is carried."""
    for licence, via in binding_ancestors(repo):
        for obligation in licence.obligations:
            text = obligation.param("text")
            if not text:
                continue
            if obligation.kind is ObligationKind.ATTRIBUTION:
                yield licence, via, "notice", str(text), obligation.section
            elif obligation.kind is ObligationKind.DISPLAY_NOTICE:
                yield licence, via, "display", str(text), obligation.section


def notice_carried(repo: Repository, kind: str, text: str) -> bool:
    """Whether a required notice is in the repository: the card or a NOTICE file, and for an
    attribution notice also a licence file (Llama's and Gemma's texts quote their own notice)."""
    key = _core(text)
    if not key:
        return True
    if key in repo.card_folded or key in repo.notices_folded:
        return True
    return kind == "notice" and key in repo.licences_folded


def upstream(repo: Repository) -> Iterator[Finding]:
    """RG505 (notice), RG506 (licence text) and RG507 (use restrictions) that ancestors require."""
    ancestors = binding_ancestors(repo)
    if not ancestors:
        return
    place = repo.card_place("base_model")
    for licence, via, kind, text, clause in required_notices(repo):
        if notice_carried(repo, kind, text):
            continue
        where = "a NOTICE file shipped with every copy" if kind == "notice" else "the card or a NOTICE file"
        yield _at(
            repo,
            "RG505",
            f"`{repo.model_id}` is built on `{licence.id}` (via {via}), which requires the notice `{text}` in "
            f"{where}, and the repository does not carry it",
            "add the notice to a `NOTICE` file (`railguard audit --fix` appends it)"
            + ("; show it in the card too" if kind == "display" else ""),
            place,
            licence=licence.id,
            clause=clause,
        )
    yield from _upstream_notice_files(repo, place)
    declared = {lic.id for lic in repo.declared_licences}
    any_file = bool(repo.licence_readings) or bool(repo.policy_names)
    for licence, via in ancestors:
        if licence.id in declared:
            continue  # its text is the repository's own licence (RG501 and RG503 say whether it is there)
        missing_text = licence.has(ObligationKind.LICENCE_COPY) and repo.ships(licence) is None
        if missing_text and not repo.unidentified and not repo.links_to(licence):
            yield _at(
                repo,
                "RG506",
                f"`{repo.model_id}` is built on `{licence.id}` (via {via}), whose text must go with derivatives, "
                f"and the repository does not ship it",
                f"add the `{licence.id}` text as its own file (e.g. `LICENSE-{licence.id}`) beside the model's licence",
                place,
                licence=licence.id,
                upstream=via.split(", ")[0].strip("`"),
                clause=_sections(licence, ObligationKind.LICENCE_COPY),
            )
            continue
        if not (licence.has(ObligationKind.FLOW_DOWN) and licence.categories and any_file):
            continue
        carried: set[str] = set()
        for reading in repo.readings.values():
            carried |= reading.categories
        missing = sorted(licence.categories - carried - {"non-commercial"})
        if not missing:
            continue
        from railguard.lineage.terms import terms_of

        terms = terms_of(licence)
        clause = "; ".join(p for p in (terms.clauses(set(missing)), terms.section(ObligationKind.FLOW_DOWN)) if p)
        yield _at(
            repo,
            "RG507",
            f"`{repo.model_id}` is built on `{licence.id}` (via {via}), whose use restrictions must pass to every "
            f"user, and its licence files lack {len(missing)} of them: {_ticks(missing)}",
            f"ship the `{licence.id}` text, or a licence that carries all of its use restrictions and the duty to "
            "pass them on",
            place,
            licence=licence.id,
            clause=clause or None,
            categories=tuple(missing),
        )


def _upstream_notice_files(repo: Repository, place: tuple[str, int | None, int | None]) -> Iterator[Finding]:
    """RG505 for lines of an upstream repository's NOTICE file (when its files are at hand) not carried."""
    for base, name, text in repo.run.upstream_notices(repo):
        missing = [line for line in _notice_lines(text) if fold(line) not in repo.notices_folded]
        if not missing:
            continue
        shown = "; ".join(f"`{line}`" for line in missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        yield _at(
            repo,
            "RG505",
            f"`{repo.model_id}` is built on `{base}`, whose `{name}` holds attribution notices that derivatives must "
            f"carry, and the repository's NOTICE lacks {len(missing)} line(s): {shown}",
            "copy the upstream NOTICE lines into a `NOTICE` file (`railguard audit --fix` appends them)",
            place,
            upstream=base,
        )


def _notice_lines(text: str) -> list[str]:
    """The lines of a NOTICE file worth carrying (not blank, not rulers)."""
    return [line.strip() for line in text.splitlines() if len(fold(line)) >= 4]


# --- RG513 -----------------------------------------------------------------------------------------


def code_headers(repo: Repository) -> Iterator[Finding]:
    """RG513: a code header names a licence whose text the repository does not ship (once per licence)."""
    reported: set[str] = set()
    if any(r.parsed is None for r in repo.licence_readings):
        return
    for header in repo.headers:
        licences = [(repo.run.lint.licence(ident), line, written) for ident, line, written in header.licences]
        present = [lic for lic, _, _ in licences if lic is not None and repo.ships(lic) is not None]
        if header.choice and present:
            continue
        for licence, line, written in licences:
            if licence is None or licence.id in reported or not licence.has(ObligationKind.LICENCE_COPY):
                continue
            if repo.ships(licence) is not None:
                continue
            reported.add(licence.id)
            others = sum(1 for h in repo.headers if any(i == licence.id for i, _, _ in h.licences)) - 1
            more = f" (and {others} other file{'s' if others != 1 else ''})" if others > 0 else ""
            yield _at(
                repo,
                "RG513",
                f"`{header.name}`{more} is under `{licence.id}` by its header (`{written}`), whose text must go with "
                "every copy, and the repository does not ship it",
                f"add the `{licence.id}` text as its own file (e.g. `LICENSE-CODE`)",
                (header.name, line, None),
                licence=licence.id,
                clause=_sections(licence, ObligationKind.LICENCE_COPY),
            )
