"""RG409 and RG410: ``base_model_relation`` and ``base_model`` values the Hub cannot use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from railguard.lazyre import lazy
from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.lint.hubids import RELATIONS
from railguard.model import Finding
from railguard.model.hubid import is_hub_id, lookalike, named, non_ascii

_HUB_URL = lazy(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/(?!datasets/|spaces/)([\w.-]+/[\w.-]+)", re.I)

_RELATION_SPELLINGS = {
    "finetune": ("fine-tune", "fine_tune", "finetuned", "fine-tuned", "finetuning", "fine-tuning", "sft", "ft"),
    "quantized": ("quantised", "quantization", "quantisation", "quant", "gguf", "awq", "gptq"),
    "adapter": ("lora", "peft", "qlora", "adapters"),
    "merge": ("merged", "merging", "mergekit"),
}


def plausible_model_id(value: str) -> bool:
    """Whether ``value`` can be a Hub model id (``org/name``, or a bare name): :mod:`railguard.model.hubid`."""
    return is_hub_id(value)


def _relation_for(value: str) -> str | None:
    key = value.strip().lower()
    for relation, spellings in _RELATION_SPELLINGS.items():
        if key == relation or key in spellings:
            return relation
    return None


def check(ctx: CardContext) -> Iterator[Finding]:
    """``base_model_relation`` is one of the Hub's four; every ``base_model`` is a model id."""
    if ctx.card.problem is not None:
        return
    meta = ctx.meta
    if "base_model_relation" in meta:
        relation = meta["base_model_relation"]
        if not (isinstance(relation, str) and relation in RELATIONS):
            close = _relation_for(relation) if isinstance(relation, str) else None
            yield at(
                ctx,
                "RG409",
                f"`base_model_relation` is `{relation}`, not one of {', '.join(f'`{r}`' for r in RELATIONS)}",
                f"write `base_model_relation: {close}`"
                if close
                else "use one of the four values, or remove the key and let the Hub infer the relation",
                ctx.card.value_position("base_model_relation"),
            )
    if "base_model" not in meta:
        return
    value = meta["base_model"]
    where = ctx.card.value_position("base_model")
    items: list[Any] = value if isinstance(value, list) else [value]
    if value is None or value == [] or value == "":
        yield at(ctx, "RG410", "`base_model` is empty", "name the base model as `org/name`, or remove the key", where)
        return
    for item in items:
        problem = _problem(item)
        if problem is not None:
            message, hint = problem
            yield at(ctx, "RG410", message, hint, where)


def _problem(item: Any) -> tuple[str, str] | None:
    if not isinstance(item, str):
        return f"`base_model` holds {type(item).__name__} `{item!r:.60}`, not a model id", "write `org/name`"
    value = item.strip()
    if plausible_model_id(value):
        return None
    odd = non_ascii(value)
    if odd is not None:
        meant = lookalike(value)
        return (
            f"`base_model` `{value}` holds {named(odd)}, but Hub model ids "
            "are ASCII: letters, digits, `-`, `_` and `.`",
            f"write `{meant}`" if meant else "retype the id in ASCII letters",
        )
    url = _HUB_URL.match(value)
    if url is not None:
        return f"`base_model` `{value}` is a URL, not a model id", f"write `{url.group(1)}`"
    if value.startswith(("/", "./", "../", "~")) or "\\" in value or re.match(r"^[a-z]:", value, re.I):
        return (
            f"`base_model` `{value}` is a local path, not a Hub model id",
            "name the model the weights came from on the Hub (`org/name`)",
        )
    return f"`base_model` `{value}` is not a Hub model id (`org/name`)", "write the base model as `org/name`"
