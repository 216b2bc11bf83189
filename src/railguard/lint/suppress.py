"""Suppressions: ``<!-- railguard: ignore RG4xx -->`` in a card, ``ignore`` in ``[tool.railguard]``.

An inline suppression holds for the whole card: the comment can sit anywhere in the body, or as a
YAML comment ``# railguard: ignore RG405`` in the front matter. Only a real HTML comment counts:
one shown in a fenced code block or in inline code (a card, or a README, that documents the
syntax) is text, not a suppression, and suppresses nothing. Codes or rule names may be listed,
separated by spaces or commas. A suppression that suppresses nothing is reported as RG001, at its
line: once the problem is fixed a stale comment would hide the next one. For ``ignore`` in the
configuration the same report is ``info`` only, because a run over some of a project's cards
(pre-commit passes only the changed ones) cannot tell that a project-wide ignore is stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

from railguard.card.reader import ModelCard
from railguard.lazyre import lazy
from railguard.model import Finding, Severity
from railguard.rules import RULES, finding
from railguard.settings import LintConfig

_SUPPRESSION = lazy(r"<!--\s*railguard\s*:\s*ignore\b(.*?)-->", re.IGNORECASE | re.DOTALL)
#: What the body scan stops at: the start of an HTML comment, or a run of backticks.
_MARK = lazy(r"<!--|`+")
_YAML = lazy(r"#\s*railguard\s*:\s*ignore\b(.*)$", re.IGNORECASE)
_NAMES = {rule.name: code for code, rule in RULES.items()}


class Suppression(NamedTuple):
    """One code named by one comment."""

    code: str | None  # None: the comment named something that is no rule
    text: str
    line: int
    col: int


def _codes(raw: str, line: int, col: int) -> list[Suppression]:
    words = [w for w in re.split(r"[\s,]+", raw.strip()) if w]
    if not words:
        return [Suppression(None, "", line, col)]
    out = []
    for word in words:
        code = word.upper() if word.upper() in RULES else _NAMES.get(word.lower())
        out.append(Suppression(code, word, line, col))
    return out


def inline_suppressions(card: ModelCard) -> list[Suppression]:
    """Every code named by a suppression comment in the card."""
    found: list[Suppression] = []
    text = card.text
    if "railguard" not in text.lower():
        return found
    if card.front_matter is not None:
        first, last = card.front_matter
        for number in range(first + 1, last):
            match = _YAML.search(card.lines[number - 1])
            if match is not None:
                found.extend(_codes(match.group(1), number, match.start() + 1))
    prose = card.prose  # the body with fenced code blocks blanked out, lines kept
    for start, end in html_comments(prose):
        match = _SUPPRESSION.compiled.fullmatch(prose, start, end)
        if match is not None:
            line, col = card.body_position(start)
            found.extend(_codes(match.group(1), line, col))
    return found


def html_comments(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the HTML comments in Markdown ``text``, code spans excluded.

    As in CommonMark, whichever opens first wins: a `` ` `` run opens a code span when a run of
    the same length closes it (then a ``<!--`` inside is text), and ``<!--`` opens a comment
    that ends at the next ``-->`` (then backticks inside are the comment's).
    """
    out: list[tuple[int, int]] = []
    position = 0
    #: backtick-run lengths with no closing run after some position: never searched for again
    unclosed: set[int] = set()
    while True:
        mark = _MARK.search(text, position)
        if mark is None:
            return out
        if mark.group(0) == "<!--":
            close = text.find("-->", mark.end())
            if close == -1:
                return out
            out.append((mark.start(), close + 3))
            position = close + 3
            continue
        ticks = mark.group(0)
        closing = None if len(ticks) in unclosed else re.compile(rf"(?<!`){ticks}(?!`)").search(text, mark.end())
        if closing is None:
            unclosed.add(len(ticks))
        position = closing.end() if closing is not None else mark.end()


def apply_inline(card: ModelCard, findings: Iterable[Finding], model: str | None = None) -> list[Finding]:
    """Drop findings the card suppresses; add RG001 for suppressions that matched nothing."""
    suppressions = inline_suppressions(card)
    kept = list(findings)
    if not suppressions:
        return kept
    wanted = {s.code for s in suppressions if s.code is not None}
    used = {f.code for f in kept if f.code in wanted}
    kept = [f for f in kept if f.code not in wanted]
    for s in suppressions:
        if s.code is None:
            message = (
                f"`railguard: ignore` names `{s.text}`, which is no railguard code or rule name"
                if s.text
                else "`railguard: ignore` names no code"
            )
            kept.append(
                finding("RG001", message, hint="name codes such as `RG412`", file=card.path, line=s.line, col=s.col)
            )
        elif s.code not in used and s.code != "RG001":
            kept.append(
                finding(
                    "RG001",
                    f"`railguard: ignore {s.text}` suppresses nothing in this card",
                    hint="remove the suppression",
                    file=card.path,
                    line=s.line,
                    col=s.col,
                    model=model,
                )
            )
    return kept


def apply_config(config: LintConfig, findings: Iterable[Finding]) -> tuple[list[Finding], set[str]]:
    """Apply severity overrides and project-wide ignores; also return the ignored codes that matched."""
    out: list[Finding] = []
    used: set[str] = set()
    for item in findings:
        if item.code in config.ignore:
            used.add(item.code)
            continue
        severity = config.severity.get(item.code)
        out.append(replace(item, severity=severity) if severity is not None and severity is not item.severity else item)
    return out, used


def unused_config_ignores(config: LintConfig, used: set[str]) -> list[Finding]:
    """RG001 (info) for each configured ignore that matched nothing in this run."""
    out = []
    for code, line in config.ignore.items():
        if code in used or code == "RG001":
            continue
        out.append(
            replace(
                finding(
                    "RG001",
                    f"`{code}` is ignored in `[tool.railguard]` but no linted card has it",
                    hint="remove it from `ignore` if no card in the project needs it",
                    file=config.path,
                    line=line,
                    col=1,
                ),
                severity=Severity.INFO,
            )
        )
    return out
