"""RG411: a flow-down or vendor licence whose use terms the card never passes on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from railguard.lazyre import lazy
from railguard.lint.checks._util import at
from railguard.lint.context import CardContext
from railguard.model import Finding, Licence, ObligationKind

#: Headings under which cards state their terms.
TERMS_TITLE = lazy(r"licen[cs]|terms|polic(y|ies)|restrict|permitted use|prohibited", re.I)
#: Prose that points users at use terms even without a heading.
_TERMS_PHRASE = lazy(
    r"acceptable[ -]use[ -]polic|prohibited[ -]use[ -]polic|use[ -]based restrictions|\blicen[cs]e[ -]agreement\b"
    r"|\((?:\./)?(?:LICEN[CS]E|USE_POLICY)[^)]*\)",
    re.I,
)


def needs_terms(licence: Licence) -> bool:
    """Whether a licence's use terms must reach users: a flow-down duty or an acceptable-use policy."""
    return licence.has(ObligationKind.FLOW_DOWN) or licence.has(ObligationKind.ACCEPTABLE_USE_POLICY)


def passes_terms_on(ctx: CardContext, licence: Licence) -> bool:
    """Whether the card gives users a way to the licence's use terms."""
    from railguard.lint.tables import licences_named, url_key

    link = ctx.meta.get("license_link")
    if isinstance(link, str) and link.strip():
        return True
    # NOTE: a gated repository makes every user accept the terms before downloading.
    if any(str(key).startswith("extra_gated") for key in ctx.meta):
        return True
    if any(TERMS_TITLE.search(s.title) for s in ctx.card.sections):
        return True
    body = ctx.card.body
    if _TERMS_PHRASE.search(body):
        return True
    folded = body.lower()
    urls = [licence.url] + [str(o.param("url")) for o in licence.obligations_of(ObligationKind.ACCEPTABLE_USE_POLICY)]
    if any(url and url_key(url) in folded for url in urls):
        return True
    return licence.id in licences_named(body)


def check(ctx: CardContext) -> Iterator[Finding]:
    """A card under a flow-down or vendor licence with no licence section, link or mention of its terms."""
    declared = ctx.declared
    if ctx.card.problem is not None or declared is None or not needs_terms(declared):
        return
    if passes_terms_on(ctx, declared):
        return
    sections = [o.section for o in declared.obligations if o.kind is ObligationKind.FLOW_DOWN]
    sections += [o.section for o in declared.obligations if o.kind is ObligationKind.ACCEPTABLE_USE_POLICY]
    policy = declared.obligations_of(ObligationKind.ACCEPTABLE_USE_POLICY)
    what = f"its {policy[0].param('document') or 'acceptable use policy'}" if policy else "its use restrictions"
    yield at(
        ctx,
        "RG411",
        f"`{declared.id}` binds users of `{ctx.model_id}` to {what}, but the card has no licence section, "
        "link or mention that passes them on",
        "add a `## License` section naming the licence and linking its text"
        + (f" and the policy ({policy[0].param('url')})" if policy and policy[0].param("url") else "")
        + ", or set `license_link`",
        ctx.card.value_position("license"),
        licence=declared.id,
        clause=", ".join(dict.fromkeys(sections)) or None,
    )
