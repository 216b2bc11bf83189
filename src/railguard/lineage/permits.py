"""May a model be used for a purpose, commercially or not, given every licence that governs it?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from railguard.model import Finding, Licence, RestrictionKind, Severity
from railguard.rules import finding

if TYPE_CHECKING:
    from railguard.lineage.engine import Settings


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
    choices: Sequence[Sequence[Licence]] = (),
    settings: Settings | None = None,
) -> PermitResult:
    """Answer for ``subject`` governed by ``governing``.

    Args:
        subject: the model or licence asked about (for messages).
        governing: every licence whose terms bind the model.
        use: the restriction category of the intended use.
        commercial: whether the use is commercial.
        unknown: names of governing licences that could not be resolved.
        unknown_ancestors: ancestors whose terms are unknown.
        choices: when the model's own licence is a choice (``A OR B``), the licences of each
            alternative: the use is permitted when it is under some alternative (RG350 names it).
        settings: the project's ``[tool.railguard]`` ignores and severity overrides; a finding
            turned into ``info`` no longer stands in the way.
    """
    options = [tuple(choice) for choice in choices] or [()]
    answers = []
    for option in options:
        found = _use_findings(subject, (*governing, *option), use, commercial)
        found.extend(_unknown_findings(subject, unknown, unknown_ancestors))
        found = _settled(found, settings)
        blocking = sum(1 for f in found if f.severity is not Severity.INFO)
        answers.append((blocking, len(found), option, found))
    blocking, _, option, findings = min(answers, key=lambda a: (a[0], a[1]))
    if len(options) > 1 and not blocking and any(a[0] for a in answers):
        label = " AND ".join(lic.id for lic in option)
        findings.extend(
            _settled(
                [
                    finding(
                        "RG350",
                        f"`{subject}` offers a choice of licences; the use is permitted if it is taken under `{label}`",
                        hint=f"take `{subject}` under `{label}` and record that choice",
                        model=subject,
                        licence=label,
                    )
                ],
                settings,
            )
        )
    findings.sort(key=Finding.sort_key)
    ids = sorted({lic.id for lic in (*governing, *option)})
    return PermitResult(blocking == 0, tuple(ids), tuple(findings))


def _settled(found: list[Finding], settings: Settings | None) -> list[Finding]:
    if settings is None or (not settings.ignore and not settings.severity):
        return found
    out = []
    for item in found:
        if item.code in settings.ignore:
            continue
        level = settings.severity.get(item.code)
        out.append(replace(item, severity=level) if level is not None else item)
    return out


def _use_findings(subject: str, governing: Sequence[Licence], use: str, commercial: bool) -> list[Finding]:
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
    return findings


def _unknown_findings(
    subject: str, unknown: Sequence[str], unknown_ancestors: Sequence[UnknownAncestor]
) -> list[Finding]:
    findings: list[Finding] = []
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
                or f"find out the licence of `{ancestor.id}` and add it to the input, then ask again",
                model=subject,
                licence=ancestor.licence,
                upstream=ancestor.id,
            )
        )
    return findings
