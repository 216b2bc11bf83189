"""Lint a set of model cards: read them, run every check, apply fixes and suppressions."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from railguard.card.reader import ModelCard, parse_card, read_card_file
from railguard.errors import InputError
from railguard.lint.checks import CHECKS
from railguard.lint.config import LintConfig
from railguard.lint.context import CardContext, RunContext, base_models_of, declared_licence_name, model_id_for
from railguard.lint.hubids import CARD_NAMES
from railguard.model import Finding

#: Folders never searched when a directory is given: tools' own trees, not model repositories.
_SKIPPED_DIRS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})


class CardReport(NamedTuple):
    """What was found in one card."""

    path: str
    model: str
    licence: str | None
    base_models: tuple[str, ...]
    findings: tuple[Finding, ...]
    fixes: tuple[str, ...] = ()


class LintReport(NamedTuple):
    """Every card's report, and every finding of the run in a stable order."""

    cards: tuple[CardReport, ...]
    findings: tuple[Finding, ...]


def collect(paths: Iterable[str]) -> list[str]:
    """The card files to lint: files as given, directories searched for card names.

    Raises:
        InputError: a path does not exist, or is a directory without cards (checked before
            anything is linted).
    """
    out: list[str] = []
    wanted = {n.lower() for n in CARD_NAMES}
    for path in paths:
        if os.path.isdir(path):
            found: list[str] = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
                found.extend(os.path.join(folder, f) for f in sorted(files) if f.lower() in wanted)
            if not found:
                # NOTE: an empty result would read as "no problems"; a folder without cards is an
                # input mistake (the wrong folder, or cards under other names), so it stops the run.
                names = ", ".join(CARD_NAMES)
                raise InputError(f"is a directory with no model cards ({names}) in it or below it", path=path)
            out.extend(found)
        elif os.path.exists(path):
            out.append(path)
        else:
            raise InputError("no such file", path=path)
    return list(dict.fromkeys(out))


def lint_card(ctx: CardContext) -> list[Finding]:
    """Every check's findings for one card, its own suppressions applied."""
    findings = [f for check in CHECKS for f in check(ctx)]
    if "railguard" not in ctx.card.text.lower():
        return findings
    from railguard.lint.suppress import apply_inline

    return apply_inline(ctx.card, findings, ctx.model_id)


def lint_text(text: str, path: str = "README.md", *, use_known_models: bool = True) -> list[Finding]:
    """Lint one card given as text (the library entry point for a card that is not on disk)."""
    card = parse_card(text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff"), path)
    ctx = CardContext(card, RunContext(use_known_models))
    return sorted(lint_card(ctx), key=Finding.sort_key)


def lint_paths(
    paths: Sequence[str],
    config: LintConfig | None = None,
    *,
    use_known_models: bool = True,
    fix: bool = False,
) -> LintReport:
    """Lint the cards at ``paths`` (files, or directories searched for cards).

    Raises:
        InputError: a path does not exist or cannot be read.
    """
    config = config or LintConfig()
    files = collect(paths)
    cards: list[ModelCard] = [read_card_file(path) for path in files]
    run = RunContext(use_known_models)
    contexts: list[CardContext] = []
    for card in cards:
        ctx = CardContext(card, run)
        contexts.append(ctx)
        if card.problem is None:
            run.add_run_card(ctx.model_id, card)
    reports: list[CardReport] = []
    everything: list[Finding] = []
    used: set[str] = set()
    for ctx in contexts:
        changes: tuple[str, ...] = ()
        if fix:
            from railguard.lint.fix import fix_card

            fixed = fix_card(ctx.card, run)
            if fixed.changes:
                try:
                    with open(ctx.card.path, "wb") as out:
                        out.write(fixed.render())
                except OSError as exc:
                    raise InputError(f"cannot be written: {exc.strerror or exc}", path=ctx.card.path) from None
                changes = fixed.changes
                ctx = CardContext(fixed.card, run, model_id_for(fixed.card.path, fixed.card.meta))
        found = lint_card(ctx)
        if config.ignore or config.severity:
            from railguard.lint.suppress import apply_config

            found, matched = apply_config(config, found)
            used |= matched
        found.sort(key=Finding.sort_key)
        everything.extend(found)
        reports.append(
            CardReport(
                ctx.card.path,
                ctx.model_id,
                ctx.declared.id if ctx.declared is not None else declared_licence_name(ctx.meta),
                base_models_of(ctx.meta),
                tuple(found),
                changes,
            )
        )
    if config.ignore:
        from railguard.lint.suppress import unused_config_ignores

        everything.extend(unused_config_ignores(config, used))
    return LintReport(tuple(reports), tuple(sorted(everything, key=Finding.sort_key)))
