"""Lint a set of model cards: find them, read them, apply fixes, run every check, apply suppressions."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from railguard.card.reader import MAX_CARD_BYTES, ModelCard, parse_card, read_card_bytes
from railguard.errors import InputError
from railguard.lint.checks import CHECKS
from railguard.lint.context import CardContext, RunContext, base_models_of, declared_licence_name
from railguard.lint.hubids import CARD_NAMES
from railguard.model import Finding
from railguard.settings import LintConfig

#: ``--fix`` modes: write the fixed cards, or only show what would change.
FIX_WRITE = "write"
FIX_DIFF = "diff"


class CardReport(NamedTuple):
    """What was found in one card."""

    path: str
    model: str
    licence: str | None
    base_models: tuple[str, ...]
    findings: tuple[Finding, ...]
    fixes: tuple[str, ...] = ()
    #: with ``--fix --diff``: the unified diff of what the fixes would change.
    diff: str = ""


class LintReport(NamedTuple):
    """Every card's report, and every finding of the run in a stable order.

    Attributes:
        cards: one report a linted card.
        findings: every finding, sorted.
        skipped: READMEs that were not linted because they are not model cards.
        settings: the settings file that applied, if one did.
    """

    cards: tuple[CardReport, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[str, ...] = ()
    settings: str | None = None


class Stdin(NamedTuple):
    """A card read from standard input (``-``), and the file name it stands for."""

    data: bytes
    name: str = "README.md"


def collect(paths: Iterable[str]) -> list[str]:
    """The card files to lint: files as given, directories searched for card names.

    A directory is searched the way git sees it: in a git repository, the files git lists
    (tracked, and untracked but not ignored); elsewhere, every file no ``.gitignore`` ignores.

    Raises:
        InputError: a path does not exist, or is a directory without cards (checked before
            anything is linted).
    """
    out: list[str] = []
    wanted = {n.lower() for n in CARD_NAMES}
    for path in paths:
        if os.path.isdir(path):
            from railguard.folders import repository_root
            from railguard.lint.files import project_files

            in_repository = repository_root(os.path.realpath(path)) is not None
            found = [f for f in project_files(path, in_repository) if os.path.basename(f).lower() in wanted]
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
    run = RunContext(use_known_models, (path,))
    ctx = CardContext(card, run)
    run.add(ctx)
    return sorted(lint_card(ctx), key=Finding.sort_key)


def _skipped(card: ModelCard, config: LintConfig, strict: bool, run: RunContext) -> bool:
    """Whether ``card`` is a README that is no model card (see :mod:`railguard.lint.detect`)."""
    if strict or card.problem is None or card.problem.kind != "missing":
        return False
    if os.path.basename(card.path).lower() != "readme.md":
        return False
    from railguard.lint.detect import configured_card, looks_like_a_card

    if configured_card(card.path, config.cards, config.folder):
        return False
    return not looks_like_a_card(card)


def _read(path: str) -> bytes:
    from railguard.readfile import read_input

    return read_input(path, "a model card", MAX_CARD_BYTES)


class _Source(NamedTuple):
    """A card, the bytes it was read from, and whether they are a file's (or standard input's)."""

    card: ModelCard
    data: bytes
    on_disk: bool


def _sources(paths: Sequence[str], stdin: Stdin | None) -> list[_Source]:
    """Every card to lint with the bytes it was read from (standard input first when ``-`` is given)."""
    files = collect([p for p in paths if p != "-"])
    sources: list[_Source] = []
    if "-" in paths:
        if stdin is None:
            raise InputError("stands for standard input, and none was given", path="-")
        sources.append(_Source(read_card_bytes(stdin.data[: MAX_CARD_BYTES + 1], stdin.name), stdin.data, False))
    for path in files:
        data = _read(path)
        sources.append(_Source(read_card_bytes(data, path), data, True))
    return sources


def lint_paths(
    paths: Sequence[str],
    config: LintConfig | None = None,
    *,
    use_known_models: bool = True,
    fix: bool | str = False,
    strict: bool = False,
    stdin: Stdin | None = None,
) -> LintReport:
    """Lint the cards at ``paths`` (files, directories searched for cards, ``-`` for ``stdin``).

    Args:
        paths: what to lint.
        config: the ``[tool.railguard]`` settings (:func:`railguard.settings.project_settings`).
        use_known_models: resolve base models through the table of well-known models.
        fix: ``True`` or ``"write"`` to apply the safe fixes to the files, ``"diff"`` to only
            show them (``CardReport.diff``); a card from standard input is never written.
        strict: lint every README as a model card, whether or not it looks like one.
        stdin: the card that ``-`` stands for.

    Raises:
        InputError: a path does not exist or cannot be read.
    """
    config = config or LintConfig()
    mode = FIX_WRITE if fix is True else fix or None
    run = RunContext(use_known_models, paths)
    contexts: list[tuple[CardContext, tuple[str, ...], str, Finding | None]] = []
    skipped: list[str] = []
    for source in _sources(paths, stdin):
        if _skipped(source.card, config, strict, run):
            skipped.append(source.card.path)
            continue
        card: ModelCard = source.card
        changes: tuple[str, ...] = ()
        diff, refused = "", None
        if mode is not None:
            from railguard.lint.fix import apply_fix

            card, changes, diff, refused = apply_fix(
                source.card, source.data, run, write=mode == FIX_WRITE and source.on_disk
            )
        ctx = CardContext(card, run)
        run.add(ctx)
        contexts.append((ctx, changes, diff, refused))
    reports: list[CardReport] = []
    everything: list[Finding] = []
    used: set[str] = set()
    for ctx, changes, diff, refused in contexts:
        found = lint_card(ctx)
        if refused is not None:
            found.append(refused)
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
                diff,
            )
        )
    if config.ignore:
        from railguard.lint.suppress import unused_config_ignores

        everything.extend(unused_config_ignores(config, used))
    findings = tuple(sorted(everything, key=Finding.sort_key))
    return LintReport(tuple(reports), findings, tuple(skipped), config.path)
