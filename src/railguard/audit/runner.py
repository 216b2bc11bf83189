"""Audit one repository or a tree of them: read, check, suppress, fix, summarise."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from railguard.audit.files import LocalSource, RepoSource, card_name
from railguard.audit.repository import Repository
from railguard.errors import InputError
from railguard.lint.context import RunContext
from railguard.lint.files import SKIPPED_DIRS as _SKIPPED_DIRS
from railguard.model import Finding, Licence

if TYPE_CHECKING:
    from railguard.card.reader import ModelCard
    from railguard.lineage.model import ModelEntry
    from railguard.settings import LintConfig


class LineageRun(RunContext):
    """The linter's run context, with models looked up on the Hub added to the well-known ones."""

    def __init__(
        self, use_known_models: bool = True, disk_siblings: bool = True, arguments: Sequence[str] = ()
    ) -> None:
        super().__init__(use_known_models, arguments)
        self.extra: dict[str, ModelEntry] = {}
        self.disk_siblings = disk_siblings

    @functools.cached_property
    def known(self) -> Mapping[str, ModelEntry]:
        """Well-known models, and those found on the Hub."""
        base: Mapping[str, ModelEntry] = {}
        if self.use_known_models:
            from railguard.lint.tables import known_models_cached

            base = known_models_cached()
        return {**base, **self.extra} if self.extra else base

    def sibling(self, model_id: str, root: str) -> ModelCard | None:
        """A card of this run; on disk only for repositories on disk (a Hub card has no folder here)."""
        if self.disk_siblings:
            return super().sibling(model_id, root)
        found = self.cards.get(model_id.lower())
        return found.card if found is not None else None


class AuditRun:
    """What the repositories of one run share: the lineage context, Hub answers, the other repositories."""

    def __init__(
        self, use_known_models: bool = True, disk_siblings: bool = True, arguments: Sequence[str] = ()
    ) -> None:
        self.lint = LineageRun(use_known_models, disk_siblings, arguments)
        #: dataset licences read from the Hub (``--hub``), by lower-case id; ``None``: not found.
        self.dataset_licences: dict[str, Licence | None] = {}
        #: the repositories of this run by lower-case model id, whose files an upstream check may read.
        self.sources: dict[str, RepoSource] = {}

    def upstream_notices(self, repo: Repository) -> list[tuple[str, str, str]]:
        """(base model, file, text) of the NOTICE files of the repository's base models at hand."""
        from railguard.audit.files import MAX_FILES, is_notice_name, read_text
        from railguard.audit.repository import MAX_NOTICE_BYTES

        ctx = repo.context
        if ctx is None:
            return []
        out: list[tuple[str, str, str]] = []
        for base in ctx.base_models:
            source = self.sources.get(base.lower())
            if source is None or source is repo.source or ctx.own_work(base):
                continue
            for name in source.files()[:MAX_FILES]:
                if is_notice_name(name):
                    text, _ = read_text(source, name, MAX_NOTICE_BYTES)
                    if text:
                        out.append((base, source.display(name), text))
        return out


@dataclass(frozen=True, slots=True)
class RepositoryReport:
    """What was found in one repository.

    Attributes:
        path: the repository, as given (a folder, or a Hub address).
        model: the model id.
        declared: the licence the card declares, as written (``None``: none).
        files: one entry per licence, policy and notice file: what it was read as.
        datasets: (id, licence id or ``None``, where the licence came from).
        licence_text: the repository ships the text of (one of) its declared licences.
        copyright: it shows a filled-in copyright notice somewhere.
        upstream_duties: its ancestors (models or datasets) ask it to carry notices or licences.
        upstream_notices: it carries every notice and licence text they ask for.
        findings: its findings, sorted.
        fixes: what ``--fix`` did.
    """

    path: str
    model: str
    declared: str | None
    files: tuple[dict[str, Any], ...]
    datasets: tuple[tuple[str, str | None, str], ...]
    licence_text: bool
    copyright: bool
    upstream_duties: bool
    upstream_notices: bool
    findings: tuple[Finding, ...]
    fixes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of ``repositories[]``."""
        return {
            "path": self.path,
            "model": self.model,
            "declared": self.declared,
            "files": list(self.files),
            "datasets": [{"id": i, "licence": lic, "source": origin} for i, lic, origin in self.datasets],
            "licence_text": self.licence_text,
            "copyright": self.copyright,
            "upstream_duties": self.upstream_duties,
            "upstream_notices": self.upstream_notices,
            "fixes": list(self.fixes),
        }


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Every repository's report and every finding of the run, in a stable order."""

    repositories: tuple[RepositoryReport, ...]
    findings: tuple[Finding, ...]
    extra: tuple[Finding, ...] = field(default=())


#: Codes whose findings mean an upstream duty is not met in the files.
UPSTREAM_CODES = frozenset({"RG505", "RG506", "RG507", "RG512"})


def _file_rows(repo: Repository) -> tuple[dict[str, Any], ...]:
    rows: list[dict[str, Any]] = []
    for name, reading in repo.readings.items():
        found = reading.parsed.identification if reading.parsed is not None else None
        rows.append(
            {
                "path": reading.name,
                "role": "licence" if name in repo.licence_names else "policy",
                "identity": ("stub" if reading.stub else reading.identity) or None,
                "licence": reading.licence.id if reading.licence is not None else None,
                "nearest": reading.nearest.id if reading.nearest is not None else None,
                "score": found.score if found is not None else None,
                "problem": reading.problem,
            }
        )
    for name in repo.notice_texts:
        rows.append(
            {
                "path": repo.source.display(name),
                "role": "notice",
                "identity": None,
                "licence": None,
                "nearest": None,
                "score": None,
                "problem": None,
            }
        )
    return tuple(rows)


def _suppress(repo: Repository, findings: list[Finding]) -> list[Finding]:
    """Inline suppressions of the audit's codes (RG3xx, RG410, RG5xx) in the card; an unused one is RG001."""
    card = repo.card
    if card is None or card.problem is not None or "railguard" not in card.text.lower():
        return findings
    from railguard.audit.checks import LINEAGE_CARD_CODES
    from railguard.lint.suppress import inline_suppressions
    from railguard.rules import finding

    wanted = {
        s.code: s
        for s in inline_suppressions(card)
        if s.code is not None and (s.code.startswith(("RG3", "RG5")) or s.code in LINEAGE_CARD_CODES)
    }
    if not wanted:
        return findings
    kept = [f for f in findings if f.code not in wanted]
    used = {f.code for f in findings}
    for code, s in wanted.items():
        if code not in used:
            kept.append(
                finding(
                    "RG001",
                    f"`railguard: ignore {s.text}` suppresses nothing in this repository's audit",
                    hint="remove the suppression",
                    file=card.path,
                    line=s.line,
                    col=s.col,
                    model=repo.model_id,
                )
            )
    return kept


def audit_repository(repo: Repository, fix: bool = False) -> RepositoryReport:
    """Check one repository (after applying ``--fix`` when asked)."""
    from railguard.audit.checks import check

    fixes: tuple[str, ...] = ()
    findings = list(check(repo))
    if fix:
        from railguard.audit.fix import fix_repository

        fixes = fix_repository(repo, findings)
        if fixes:
            repo = Repository(repo.source.fresh(), repo.run, repo.model_id)
            findings = list(check(repo))
    findings = _suppress(repo, findings)
    findings.sort(key=Finding.sort_key)
    codes = {f.code for f in findings}
    duties = bool((repo.context is not None and any(True for _ in _duties(repo))) or codes & UPSTREAM_CODES)
    licence_text = any(repo.ships(lic) is not None for lic in repo.declared_licences) or (
        not repo.declared_licences and any(r.parsed is not None for r in repo.licence_readings)
    )
    return RepositoryReport(
        repo.source.label,
        repo.model_id,
        str(repo.declared) if not repo.declared.empty else None,
        _file_rows(repo),
        tuple((i, lic.id if lic is not None else None, origin) for i, lic, origin in _datasets(repo)),
        licence_text,
        bool(repo.copyright_lines),
        duties,
        duties and not codes & UPSTREAM_CODES,
        tuple(findings),
        fixes,
    )


def _duties(repo: Repository) -> Iterable[object]:
    """Whatever the ancestors ask the repository to carry (notices, licence texts, restrictions)."""
    from railguard.audit.checks import binding_ancestors, required_notices
    from railguard.model import ObligationKind

    yield from required_notices(repo)
    for licence, _ in binding_ancestors(repo):
        if licence.has(ObligationKind.LICENCE_COPY) or licence.has(ObligationKind.FLOW_DOWN):
            yield licence
    yield from repo.run.upstream_notices(repo)


def _datasets(repo: Repository) -> tuple[tuple[str, Licence | None, str], ...]:
    from railguard.audit.datasets import resolve

    ids = repo.datasets
    return resolve(ids, repo.run.dataset_licences) if ids else ()


def find_repositories(root: str) -> list[str]:
    """Every folder at or below ``root`` that holds a model card, sorted."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        if card_name(files) is not None:
            found.append(folder)
    return found


def audit_paths(
    path: str,
    *,
    recursive: bool = False,
    config: LintConfig | None = None,
    use_known_models: bool = True,
    fix: bool = False,
    hub: Any = None,
) -> AuditReport:
    """Audit the repository at ``path`` (or, with ``recursive``, every repository below it).

    Raises:
        InputError: ``path`` is not a folder, or (recursive) holds no model card.
    """
    if not os.path.isdir(path):
        raise InputError("no such file or directory" if not os.path.exists(path) else "is not a directory", path=path)
    # NOTE: the folder named is the repository (or the tree) and, outside git, its root: the
    # model id and the siblings found do not depend on where the command is typed.
    run = AuditRun(use_known_models, arguments=(path,))
    if recursive:
        folders = find_repositories(path)
        if not folders:
            raise InputError("is a directory with no model repository (no README.md) in it or below it", path=path)
        top = os.path.realpath(path)
        resolved = [os.path.realpath(f) for f in folders]
        repos = []
        for folder, real in zip(folders, resolved, strict=True):
            inner = [r for r in resolved if r != real and r.startswith(real + os.sep)]
            repos.append(Repository(LocalSource(folder, inner), run, _tree_id(top, real)))
    else:
        repos = [Repository(LocalSource(path), run)]
    return run_repositories(repos, run, config, fix, hub)


def _tree_id(top: str, folder: str) -> str | None:
    """``org/name`` from a repository's folders below the tree's top (the top itself: its own name)."""
    parts = [p for p in folder[len(top) :].split(os.sep) if p] if folder.startswith(top) else []
    return "/".join(parts[-2:]) if parts else None


def run_repositories(
    repos: Sequence[Repository], run: AuditRun, config: LintConfig | None, fix: bool, hub: Any
) -> AuditReport:
    for repo in repos:
        card = repo.card
        if card is not None and card.problem is None:
            from railguard.lint.context import CardContext

            run.lint.add(CardContext(card, run.lint, repo.model_id))
        run.sources[repo.model_id.lower()] = repo.source
    extra: list[Finding] = []
    if hub is not None:
        extra.extend(hub.prepare(repos, run))
    reports = [audit_repository(repo, fix) for repo in repos]
    everything = [f for r in reports for f in r.findings] + extra
    if config is not None and (config.ignore or config.severity):
        from railguard.lint.suppress import apply_config, unused_config_ignores

        everything, used = apply_config(config, everything)
        # NOTE: the settings also serve `lint`; only an ignored RG5xx code can be known unused here.
        used |= {code for code in config.ignore if not code.startswith("RG5")}
        everything.extend(unused_config_ignores(config, used))
    everything.sort(key=Finding.sort_key)
    return AuditReport(tuple(reports), tuple(everything), tuple(extra))
