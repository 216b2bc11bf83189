"""May a model be used for a purpose, commercially or not, given every licence that governs it?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from railguard.model import Finding, Licence, RestrictionKind
from railguard.rules import finding


@dataclass(frozen=True, slots=True)
class UnknownAncestor:
    """An ancestor whose terms are unknown.

    Attributes:
        id: the model id.
        licence: its licence name when it has one railguard does not know; ``None`` when it has
            none or the model itself is nowhere to be found.
        reason: why it could not be found, when that is known (``--hub``).
        hint: what to do about it, when there is more to say than the default.
    """

    id: str
    licence: str | None = None
    reason: str | None = None
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class PermitResult:
    """The answer and the findings behind it."""

    permitted: bool
    governing: tuple[str, ...]
    findings: tuple[Finding, ...]


def _finding(
    code: str, message: str, hint: str, subject: str, licence: str | None, clause: str | None, category: str | None
) -> Finding:
    categories = (category,) if category else ()
    return finding(code, message, hint=hint, model=subject, licence=licence, clause=clause, categories=categories)


def check_permits(
    subject: str,
    governing: Sequence[Licence],
    use: str,
    commercial: bool,
    unknown: Sequence[str] = (),
    unknown_ancestors: Sequence[UnknownAncestor] = (),
) -> PermitResult:
    """Answer for ``subject`` governed by ``governing``.

    Args:
        subject: the model or licence asked about (for messages).
        governing: every licence whose terms bind the model.
        use: the restriction category of the intended use.
        commercial: whether the use is commercial.
        unknown: names of governing licences that could not be resolved.
        unknown_ancestors: ancestors whose terms are unknown.
    """
    findings: list[Finding] = []
    for licence in governing:
        hits = [r for r in licence.restrictions if r.category == use]
        if hits:
            sections = ", ".join(dict.fromkeys(r.section for r in hits))
            who = " (it excludes such licensees)" if all(r.kind is RestrictionKind.LICENSEE for r in hits) else ""
            findings.append(
                _finding(
                    "RG314",
                    f"`{licence.id}` restricts `{use}` use of `{subject}`{who}: {hits[0].summary.rstrip('.')}",
                    f"do not use `{subject}` for `{use}`, or obtain other terms from the licensor",
                    subject,
                    licence.id,
                    sections,
                    use,
                )
            )
        if commercial and licence.commercial is False:
            findings.append(
                _finding(
                    "RG315",
                    f"`{licence.id}` forbids commercial use of `{subject}`",
                    "use it non-commercially only, or obtain a commercial licence",
                    subject,
                    licence.id,
                    ", ".join(dict.fromkeys(r.section for r in licence.restrictions if r.category == "non-commercial"))
                    or None,
                    "non-commercial",
                )
            )
        elif commercial and licence.commercial is None:
            findings.append(
                _finding(
                    "RG316",
                    f"`{licence.id}` leaves open whether `{subject}` may be used commercially",
                    "establish the licensor's position before commercial use",
                    subject,
                    licence.id,
                    None,
                    "non-commercial",
                )
            )
    for name in unknown:
        findings.append(
            _finding(
                "RG316",
                f"`{subject}` is governed by `{name}`, which railguard does not know, so the use cannot be confirmed",
                "identify that licence (catalogue id or licence text) and ask again",
                subject,
                name,
                None,
                None,
            )
        )
    for ancestor in unknown_ancestors:
        what = (
            f"whose licence `{ancestor.licence}` railguard does not know"
            if ancestor.licence
            else "whose licence is unknown"
        )
        why = f"; {ancestor.reason}" if ancestor.reason else ""
        findings.append(
            finding(
                "RG316",
                f"`{subject}` descends from `{ancestor.id}`, {what}, so the use cannot be confirmed{why}",
                hint=ancestor.hint
                or f"find out the licence of `{ancestor.id}` and add it to the lineage input, then ask again",
                model=subject,
                licence=ancestor.licence,
                upstream=ancestor.id,
            )
        )
    findings.sort(key=Finding.sort_key)
    permitted = not findings
    return PermitResult(permitted, tuple(sorted(lic.id for lic in governing)), tuple(findings))
