"""RG404-RG408 and RG311: the card's own licence metadata."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from railguard.lazyre import lazy
from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.lint.hubids import HUB_LICENCE_IDS
from railguard.model import Finding, Licence
from railguard.model.names import normalise


def licence_value(meta: dict[str, Any]) -> tuple[str, Any]:
    """The key the card uses for its licence (``license``, or ``licence`` as the contract allows) and its value."""
    from railguard.card.metadata import licence_fields

    key = licence_fields(meta).key
    return key, meta.get(key)


def hub_suggestion(ctx: CardContext, value: str) -> tuple[Licence | None, str | None]:
    """The catalogue licence ``value`` names, and the Hub id to write instead (``None``: use ``other``)."""
    licence = ctx.run.licence(value)
    if licence is None:
        return None, None
    return licence, licence.hub if licence.hub in HUB_LICENCE_IDS else None


def safe_case_fix(value: str, hub: str) -> bool:
    """Whether ``value`` differs from ``hub`` only in case and separators (so ``--fix`` may rewrite it)."""
    return normalise(value) == normalise(hub)


def check(ctx: CardContext) -> Iterator[Finding]:
    """The licence keys: present, a Hub id, ``other`` completed, the linked file present."""
    meta = ctx.meta
    if ctx.card.problem is not None:
        return
    key, value = licence_value(meta)
    where = ctx.card.value_position(key)
    if value is None or (isinstance(value, str) and not value.strip()) or value == []:
        yield at(
            ctx,
            "RG404",
            f"`{ctx.model_id}` declares no licence",
            "add `license:` with a Hub licence id (e.g. `license: apache-2.0`), or `license: other` with "
            "`license_name` and `license_link`",
            ctx.card.position(key),
        )
        return
    values = value if isinstance(value, list) else [value]
    for item in values:
        if not isinstance(item, str):
            yield at(
                ctx,
                "RG405",
                f"`{key}` is {_describe(item)}, not a licence id",
                "write one Hub licence id as a string, e.g. `license: apache-2.0`",
                where,
            )
            continue
        yield from _check_id(ctx, key, item.strip(), where)
    if isinstance(value, str) and value.strip().lower() == "other":
        yield from _check_other(ctx)
    yield from _check_link(ctx)
    yield from _reading_notes(ctx)
    declared = ctx.declared
    if declared is not None and declared.ambiguous:
        yield at(
            ctx,
            "RG311",
            f"`{ctx.model_id}` declares `{declared.id}`, which names a family of licences; it is read conservatively",
            "declare the exact licence id",
            where,
            licence=declared.id,
        )


def _reading_notes(ctx: CardContext) -> Iterator[Finding]:
    """What the card reader had to decide about the licence fields (a list, disagreeing fields)."""
    from railguard.card.metadata import licence_fields

    for note in licence_fields(ctx.meta).notes:
        if note.code in ("RG321", "RG322", "RG329"):
            yield at(ctx, note.code, f"`{ctx.model_id}`: {note.message}", note.hint, ctx.card.value_position(note.key))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean `{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _check_id(ctx: CardContext, key: str, value: str, where: tuple[int, int]) -> Iterator[Finding]:
    if key == "licence":
        yield at(
            ctx,
            "RG405",
            "the licence is under the key `licence`, which the Hub does not read",
            f"rename the key to `license` (`license: {value}`)",
            ctx.card.position(key),
        )
    if value == "unknown":
        yield at(
            ctx,
            "RG404",
            f"`{ctx.model_id}` declares its licence as `unknown`",
            "declare the licence: a Hub licence id, or `license: other` with `license_name` and `license_link`",
            where,
        )
        return
    if value in HUB_LICENCE_IDS:
        return
    licence, hub = hub_suggestion(ctx, value)
    if hub is not None:
        fixable = safe_case_fix(value, hub)
        yield at(
            ctx,
            "RG405",
            f"`{value}` is not a Hub licence id; the Hub id of that licence is `{hub}`",
            f"write `license: {hub}`" + (" (`railguard lint --fix` does it)" if fixable else ""),
            where,
            licence=hub,
        )
        return
    if licence is not None:
        link = f" and `license_link: {licence.url}`" if licence.url else ""
        yield at(
            ctx,
            "RG405",
            f"`{value}` is not a Hub licence id: it names `{licence.id}`, which the Hub does not list",
            f"write `license: other` with `license_name: {licence.id}`{link} (`railguard lint --fix` does it)",
            where,
            licence=licence.id,
        )
        return
    close = [ctx.run.catalogue.licences[i].hub or i for i in ctx.run.catalogue.suggest(value)]
    suggestion = f"did you mean {', '.join(f'`{c}`' for c in dict.fromkeys(close))}? " if close else ""
    yield at(
        ctx,
        "RG405",
        f"`{value}` is not a Hub licence id, nor a licence railguard knows",
        f"{suggestion}use a Hub licence id, or `license: other` with `license_name` and `license_link`",
        where,
    )


def _check_other(ctx: CardContext) -> Iterator[Finding]:
    meta = ctx.meta
    name = meta.get("license_name")
    link = meta.get("license_link")
    where = ctx.card.value_position("license")
    if not (isinstance(name, str) and name.strip()):
        from railguard.lint.tables import name_table, url_key

        known = name_table().urls.get(url_key(link)) if isinstance(link, str) else None
        hint = (
            f"add `license_name: {known}` (the licence at `license_link`; `railguard lint --fix` does it)"
            if known
            else "add `license_name:` with a short id for the licence (a catalogue id such as `qwen` is recognised)"
        )
        yield at(
            ctx, "RG406", "`license: other` has no `license_name`, so the licence cannot be identified", hint, where
        )
    if not (isinstance(link, str) and link.strip()):
        declared = ctx.declared
        hint = (
            f"add `license_link: {declared.url}` (`railguard lint --fix` does it), or link the licence file "
            "in the repository"
            if declared is not None and declared.url
            else "add `license_link:` pointing at the licence file in the repository (`LICENSE`) or its URL"
        )
        yield at(
            ctx,
            "RG407",
            "`license: other` has no `license_link`, so readers cannot find the licence text",
            hint,
            where,
            licence=declared.id if declared is not None else None,
        )


_SCHEME = lazy(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _check_link(ctx: CardContext) -> Iterator[Finding]:
    link = ctx.meta.get("license_link")
    if not isinstance(link, str) or not link.strip():
        return
    target = link.strip()
    if _SCHEME.match(target) or target.startswith(("#", "//")):
        return
    relative = target.split("#", 1)[0].split("?", 1)[0]
    if not relative:
        return
    if "%" in relative:
        # NOTE: only then: urllib.parse costs a cold lint more than the rest of this check.
        from urllib.parse import unquote

        relative = unquote(relative)
    base = ctx.root if relative.startswith("/") else ctx.folder
    if os.path.exists(os.path.join(base, relative.lstrip("/"))):
        return
    try:
        names = os.listdir(ctx.folder)
    except OSError:
        names = []
    near = sorted(name for name in names if name.lower().startswith(("licen", "copying", "notice")))
    hint = (
        f"the folder has {', '.join(f'`{n}`' for n in near)}; link one of them"
        if near
        else "add the file, or correct the link"
    )
    yield at(
        ctx,
        "RG408",
        f"`license_link` names `{target}`, which is not in the repository",
        hint,
        ctx.card.value_position("license_link"),
    )
