"""RG416: the prose says the model is built on a family whose licence passes terms down; no ``base_model``.

Only a derivation phrase directly followed by the family's name counts ("fine-tuned from Llama 2",
"trained on top of Stable Diffusion 1.5", "a merge of Gemma ..."): a card that compares itself with
Llama 2, or was trained on data Llama 2 generated, says nothing about its weights' origin.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from railguard.lazyre import lazy
from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.model import Finding, Severity

if TYPE_CHECKING:
    from railguard.lint.families import Family

#: Phrases that say where the weights came from, up to the name of what they came from.
_DERIVED = lazy(
    r"\b(?:"
    r"(?:(?:further|continued)\s+)?(?:fine[ -]?tun(?:ed|ing)|instruction[ -]tuned|(?:pre-?)?train(?:ed|ing)|"
    r"distilled|initiali[sz]ed|quanti[sz]ed|merged|adapted|converted)"
    r"(?:\s+(?:version|model|variant|checkpoint))?\s+(?:of|from|on(?:\s+top\s+of)?|upon)"
    r"|(?:based|built)\s+(?:on|upon)(?:\s+top\s+of)?|derived\s+from"
    r"|an?\s+(?:fine[ -]?tune|finetune|merge|quanti[sz]ation|lora|q?lora\s+adapter|adapter)\s+(?:of|for|on)"
    r"|fine[ -]?tuned"
    r")\s+(?:the\s+|an?\s+|original\s+)?",
    re.IGNORECASE,
)
#: What may follow the family's name when the prose is about data the family made, not weights.
_DATA = lazy(
    r"[\s-]*(?:\d+(?:\.\d+)?[bm]\s+)?(?:-?generated|outputs?|generations?|responses?|completions?|synthetic|data\b)",
    re.IGNORECASE,
)
#: A model's name as the subject of a sentence: a hyphenated name with a digit (`DeepSeek-R1-Distill-Llama-8B`).
_OTHER_MODEL = lazy(r"(?<![\w/.-])[A-Za-z][\w.]*-[\w.-]*\d[\w.-]*")
#: Where the sentence holding a phrase begins: after a full stop, a line break or a list bullet.
_SENTENCE_START = lazy(r"(?:[.!?:]\s|\n)(?!.*(?:[.!?:]\s|\n))", re.DOTALL)
#: A Hub model id written where the family's name would be.
_MODEL_ID = lazy(r"[\w.-]+/[\w.-]+")


def check(ctx: CardContext) -> Iterator[Finding]:
    """A family named as the model's origin in prose, when the front matter declares no base model."""
    if ctx.card.problem is not None or ctx.meta.get("base_model"):
        return
    prose = ctx.card.prose
    if not _DERIVED.search(prose):
        return
    from railguard.lint.families import families

    table = families()
    reported: set[str] = set()
    for match in _DERIVED.finditer(prose):
        start = match.end()
        named = _family_at(ctx, prose, start, table)
        if named is None:
            continue
        name, licence_id, example, end = named
        if licence_id in reported or _DATA.match(prose, end):
            continue
        if ctx.org and example.split("/", 1)[0].lower() == ctx.org:
            continue  # a vendor's card about its own family
        if _about_another_model(ctx, prose, match.start()):
            continue
        reported.add(licence_id)
        line, col = ctx.card.body_position(match.start())
        phrase = " ".join(prose[match.start() : end].split())
        yield at(
            ctx,
            "RG416",
            f"`{ctx.model_id}` says it is `{phrase}` ({name} models are under `{licence_id}`), but its front "
            f"matter declares no `base_model`, so what `{licence_id}` passes down is not checked"
            f"{_conflicts(ctx, licence_id)}",
            f"add `base_model: {example}` (or the exact {name} model it was built from) and `base_model_relation`; "
            "if the card only mentions it, add `<!-- railguard: ignore RG416 -->`",
            (line, col),
            licence=licence_id,
        )


def _family_at(ctx: CardContext, prose: str, start: int, table: tuple[Family, ...]) -> tuple[str, str, str, int] | None:
    """The family (name, licence, example model, end offset) named at ``start``, if any."""
    model = _MODEL_ID.match(prose, start)
    if model is not None:
        entry = ctx.run.known.get(model.group(0).rstrip(".").lower())
        if entry is not None and entry.licence is not None:
            for family in table:
                if family.licence == entry.licence:
                    return family.name, entry.licence, entry.id, model.end()
    for family in table:
        found = family.pattern.match(prose, start)
        if found is not None:
            return family.name, family.licence, family.example, found.end()
    return None


def _about_another_model(ctx: CardContext, prose: str, start: int) -> bool:
    """Whether the sentence up to ``start`` has another model as its subject.

    "DeepSeek-R1-Distill-Llama-8B is derived from Llama3.1" in DeepSeek-R1's card is about a
    sibling model, not the card's.
    """
    window = prose[max(0, start - 300) : start]
    opening = _SENTENCE_START.search(window)
    sentence = window[opening.end() :] if opening is not None else window
    own = ctx.name.lower()
    return any(m.group(0).lower().rstrip(".") != own for m in _OTHER_MODEL.finditer(sentence))


def _conflicts(ctx: CardContext, licence_id: str) -> str:
    """What the declared licence would break if the family were declared, as a clause of the message."""
    declared = ctx.declared
    inherited = ctx.run.licence(licence_id)
    if declared is None or inherited is None or declared.id == inherited.id:
        return ""
    from railguard.lineage.checks import check_edge

    codes = sorted({f.code for f in check_edge(inherited, declared) if f.severity is Severity.ERROR})
    if not codes:
        return ""
    return f"; if it is, the declared `{declared.id}` conflicts with `{licence_id}` ({', '.join(codes)})"
