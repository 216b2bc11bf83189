"""RG415: the licence section of the body names another licence than the front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from railguard.lazyre import lazy
from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.model import Finding

LICENCE_TITLE = lazy(r"licen[cs]", re.IGNORECASE)
#: Prose that points at the declared licence without naming it: "subject to the Model License",
#: "see the LICENSE file", "the license agreement".
_POINTER = lazy(
    r"\bmodel[ -]licen[cs]e\b|\blicen[cs]e[ -]agreement\b|\blicen[cs]e[ -]file\b|\(\.?/?LICEN[CS]E[^)]*\)", re.I
)


def refers_to_declared(ctx: CardContext, text: str) -> bool:
    """Whether a licence section refers to the declared licence by a short name, link or pointer."""
    from railguard.lint.tables import url_key

    declared = ctx.declared
    assert declared is not None
    lowered = text.casefold()
    names = {declared.id, *declared.names}
    raw = ctx.meta.get("license_name")
    if isinstance(raw, str):
        names.add(raw)
    for name in names:
        if re.search(rf"(?<![\w.-]){re.escape(name.casefold())}(?![\w]|[.-]\w)", lowered):
            return True
    link = ctx.meta.get("license_link")
    if isinstance(link, str) and link.strip() and url_key(link) in lowered:
        return True
    if declared.url and url_key(declared.url) in lowered:
        return True
    return bool(_POINTER.search(text))


def check(ctx: CardContext) -> Iterator[Finding]:
    """A licence section that names licences, none of them the declared one (or one of its family)."""
    declared = ctx.declared
    if ctx.card.problem is not None or declared is None:
        return
    sections = [s for s in ctx.card.sections if LICENCE_TITLE.search(s.title)]
    if not sections:
        return
    from railguard.lint.tables import licences_named, name_table

    table = name_table()
    accepted = {declared.id, *declared.components}
    for section in sections:
        text = ctx.card.section_text(section)
        named = licences_named(text)
        if not named or accepted & set(named) or refers_to_declared(ctx, text):
            continue
        # a family name (`Creative Commons BY-NC`, `OpenRAIL`) agrees with any member of the family
        if any(i in table.ambiguous and table.families.get(i) == declared.family.value for i in named):
            continue
        if declared.ambiguous and any(table.families.get(i) == declared.family.value for i in named):
            continue
        others = ", ".join(f"`{i}`" for i in sorted(named, key=named.__getitem__))
        yield at(
            ctx,
            "RG415",
            f"the licence section `{section.title}` names {others}, but the front matter declares `{declared.id}`",
            "make them agree: correct `license` in the front matter or the licence section",
            (section.line, 1),
            licence=declared.id,
        )
