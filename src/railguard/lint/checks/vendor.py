"""RG412-RG414: vendor duties visible in the card, and "open source" claims for restricted models."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from railguard.lazyre import lazy
from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.model import Family, Finding, Licence, Obligation, ObligationKind

_NOT_ALNUM = lazy(r"[^0-9a-z]+")
# NOTE: `[ \t]` rather than `\s`: a claim is one sentence on one line, and `\s` would join "the
# licence." at the end of one paragraph to "This model ..." at the start of the next.
_CLAIM = lazy(
    r"\b(?:this|the|our)[ \t]+(?:[\w.-]+[ \t]+){0,3}?(?:model|llm|checkpoint|weights)s?[ \t]+(?:is|are)[ \t]+"
    r"(?:fully[ \t]+|truly[ \t]+|completely[ \t]+|100%[ \t]+)?open[ \t-]?sourced?\b"
    r"|\b(?:our|this)[ \t]+(?:fully[ \t]+|truly[ \t]+|completely[ \t]+)?open[ \t-]?source[ \t]+"
    r"(?:[\w.-]+[ \t]+){0,3}?(?:model|llm|checkpoint)\b"
    r"|(?P<subject>[\w.-]+)[ \t]+is[ \t]+an?[ \t]+(?:fully[ \t]+|truly[ \t]+|completely[ \t]+)?open[ \t-]?source"
    r"[ \t]+(?:[\w.-]+[ \t]+){0,3}?(?:model|llm)\b"
    r"|\bwe[ \t]+(?:have[ \t]+)?open[ \t-]?sourc(?:e|ed|ing)[ \t]+(?:this|the|our)[ \t]+(?:[\w.-]+[ \t]+){0,2}?"
    r"(?:model|weights|checkpoint)",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lower case with everything but letters and digits removed, for finding a notice in any layout."""
    return _NOT_ALNUM.sub("", text.casefold())


def _keeps_upstream_name(ctx: CardContext, obligation: Obligation) -> bool:
    name = fold(ctx.name)
    # NOTE: the accepted starts come from the catalogue (`prefix` and the licensor's own `forms`).
    starts = (str(obligation.param("prefix")), *(str(form) for form in obligation.param("forms") or ()))
    if any(name.startswith(fold(start)) for start in starts):
        return True
    # NOTE: a quantization or re-upload that keeps its base model's own name (`Meta-Llama-3.1-8B-
    # Instruct-GGUF`) carries the name the licensor chose.
    return any(name.startswith(fold(base.rsplit("/", 1)[-1])) for base in ctx.base_models)


#: How much of each NOTICE or licence file beside a card is searched for a required notice.
NOTICE_HEAD_CHARS = 100_000


def _notice_files(folder: str) -> str:
    texts: list[str] = []
    try:
        # NOTE: the Llama and Gemma licence texts quote the notice they require, so a repository that
        # ships the licence file beside the card shows the notice too.
        candidates = sorted(
            path
            for name in os.listdir(folder)
            if name.lower().startswith(("notice", "licen", "use_policy"))
            and os.path.isfile(path := os.path.join(folder, name))
        )
    except OSError:
        return ""
    for path in candidates[:8]:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                # NOTE: only the head is read: notices open a licence file, and a file of any size
                # (a 1.5 GB `LICENSE` took 3 GB of memory when read whole) must cost the same.
                texts.append(handle.read(NOTICE_HEAD_CHARS))
        except OSError:
            continue
    return "\n".join(texts)


def _folded_notices(key: tuple[str, str]) -> str:
    return fold(_notice_files(key[1]))


def _core(text: str, words: int = 8) -> str:
    return fold(" ".join(text.split()[:words]))


def check(ctx: CardContext) -> Iterator[Finding]:
    """Naming and notice duties of inherited vendor licences; open-source claims."""
    if ctx.card.problem is not None:
        return
    yield from _duties(ctx)
    yield from _open_source(ctx)


def _origin(ctx: CardContext) -> str:
    return ", ".join(f"`{b}`" for b in ctx.base_models)


def _duties(ctx: CardContext) -> Iterator[Finding]:
    if not ctx.inherited:
        return
    card_text: str | None = None
    notices: str | None = None
    where = ctx.card.value_position("base_model")
    for licence in ctx.inherited:
        origins = ctx.origins(licence.id)
        if origins and all(ctx.own_work(origin) for origin in origins):
            continue  # the licensor's own derivative owes itself no notice
        for obligation in licence.obligations:
            if obligation.kind is ObligationKind.NAMING and obligation.param("prefix"):
                prefix = str(obligation.param("prefix"))
                example = prefix.replace(" ", "-") + "-" + ctx.name
                if not _keeps_upstream_name(ctx, obligation):
                    yield at(
                        ctx,
                        "RG412",
                        f"`{ctx.model_id}` is built on `{licence.id}` (via {_origin(ctx)}), whose derivatives' names "
                        f"must begin with `{prefix}`",
                        f"rename the model so that its name starts with `{prefix}` (e.g. `{example}`)",
                        where,
                        licence=licence.id,
                        clause=obligation.section,
                    )
            elif obligation.kind is ObligationKind.DISPLAY_NOTICE and obligation.param("text"):
                text = str(obligation.param("text"))
                card_text = card_text if card_text is not None else fold(ctx.card.text)
                if fold(text) not in card_text:
                    yield at(
                        ctx,
                        "RG413",
                        f"`{ctx.model_id}` is built on `{licence.id}` (via {_origin(ctx)}), which requires showing "
                        f"`{text}` with it, and the card does not",
                        f"add `{text}` to the card, e.g. in its licence section",
                        where,
                        licence=licence.id,
                        clause=obligation.section,
                    )
            elif (
                obligation.kind is ObligationKind.ATTRIBUTION
                and obligation.param("text")
                and licence.family is Family.VENDOR
            ):
                text = str(obligation.param("text"))
                card_text = card_text if card_text is not None else fold(ctx.card.text)
                if _core(text) in card_text:
                    continue
                notices = notices if notices is not None else ctx.run.memo(("notices", ctx.folder), _folded_notices)
                if _core(text) in notices:
                    continue
                yield at(
                    ctx,
                    "RG413",
                    f"`{ctx.model_id}` is built on `{licence.id}` (via {_origin(ctx)}), whose copies must carry the "
                    f"notice `{text}`, and neither the card nor a NOTICE or licence file beside it has it",
                    "add a `NOTICE` file with that text to the repository (or quote it in the card)",
                    where,
                    licence=licence.id,
                    clause=obligation.section,
                )


def _about_this_model(ctx: CardContext, subject: str | None) -> bool:
    """Whether "X is an open-source model" is said of this model (not of a model it cites)."""
    if subject is None:
        return True
    key = fold(subject)
    return key in ("it", "this") or (len(key) >= 3 and key in fold(ctx.model_id))


def restricts_use(licence: Licence) -> bool:
    """Whether a licence restricts fields of use (so the model it covers is not open source)."""
    return bool(licence.restrictions) or licence.commercial is False


def _open_source(ctx: CardContext) -> Iterator[Finding]:
    restricting = [lic for lic in ctx.governing if restricts_use(lic)]
    if not restricting:
        return
    prose = ctx.card.prose
    if "source" not in prose.lower():  # most cards never say it: skip compiling the pattern
        return
    claim = next((m for m in _CLAIM.finditer(prose) if _about_this_model(ctx, m.group("subject"))), None)
    if claim is None:
        return
    licence = restricting[0]
    yield at(
        ctx,
        "RG414",
        f"the card calls the model open source, but `{licence.id}` restricts how it may be used",
        "say `open-weight` or `openly available under " + licence.id + "` instead",
        ctx.card.body_position(claim.start()),
        licence=licence.id,
    )
