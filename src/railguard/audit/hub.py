"""``audit --hub``: base models and datasets looked up on the Hugging Face Hub, and Hub repositories audited.

Three kinds of request, and no other:

* ``GET {HF_ENDPOINT}/api/models/{id}`` for unknown base models, through the lineage engine's Hub
  walk (:mod:`railguard.lineage.hub`: bounded, cached, failures reported as RG318);
* ``GET {HF_ENDPOINT}/api/datasets/{id}`` for datasets the table does not list (card data and
  tags only, for the ``license``);
* for a Hub repository given instead of a folder, ``GET /api/models/{id}`` with its file list,
  then ``GET /{id}/resolve/main/{file}`` for the card, licence, notice and code files only,
  each read up to the size the audit reads from disk.

Nothing here raises for a Hub problem: a dataset the Hub does not answer for stays unknown (RG511),
and a repository that cannot be listed exits 2 with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from railguard.errors import InputError, OptionalDependencyError
from railguard.lineage.hub import INSTALL, HubOptions, bounded, is_hub_id
from railguard.lineage.hubcache import without_credentials
from railguard.model import Finding, Licence

if TYPE_CHECKING:
    from railguard.audit.repository import Repository
    from railguard.audit.runner import AuditReport, AuditRun
    from railguard.card.reader import ModelCard
    from railguard.settings import LintConfig


class HubAccess:
    """The Hub endpoint, credentials and bounds of one run.

    Raises:
        OptionalDependencyError: ``huggingface_hub`` is not installed.
    """

    def __init__(self, options: HubOptions) -> None:
        try:
            import huggingface_hub
        except ImportError:
            raise OptionalDependencyError(f"--hub needs the huggingface_hub package: {INSTALL}") from None
        from railguard import __version__

        self.options = options
        # NOTE: requests go to HF_ENDPOINT as given; what is shown leaves out any `user:password@`.
        self._address = (os.environ.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")
        self.endpoint = without_credentials(self._address)
        self._hub = huggingface_hub
        self.api = huggingface_hub.HfApi(endpoint=self._address, library_name="railguard", library_version=__version__)
        self._version = __version__
        self.requests = 0

    def headers(self) -> dict[str, str]:
        """The request headers huggingface_hub would send (user agent, the token when there is one)."""
        from huggingface_hub.utils._headers import build_hf_headers

        return dict(build_hf_headers(library_name="railguard", library_version=self._version))

    def dataset_licence(self, dataset: str) -> Licence | None:
        """The catalogue licence a Hub dataset's card (or ``license:`` tag) declares, or ``None``."""
        from railguard.catalogue import load_catalogue
        from railguard.lineage.hub import record_from_metadata

        if not is_hub_id(dataset):
            return None
        self.requests += 1
        try:
            info = bounded(
                lambda: self.api.dataset_info(dataset, expand=["cardData", "tags"], timeout=self.options.timeout),
                self.options.timeout,
            )
        except Exception:  # any Hub failure leaves the dataset unknown: RG511 says so
            return None
        card: Any = info.card_data
        data = card.to_dict() if hasattr(card, "to_dict") else card
        record = record_from_metadata(data if isinstance(data, dict) else None, info.tags)
        return load_catalogue().find(record.licence) if record.licence else None

    def prepare(self, repos: Sequence[Repository], run: AuditRun) -> list[Finding]:
        """Look up unknown base models and datasets for every repository; the run-level findings."""
        from railguard.audit.datasets import known_datasets
        from railguard.lineage.hub import resolve_bases

        entries = [repo.context.entry() for repo in repos if repo.context is not None]
        findings: list[Finding] = []
        if entries:
            resolution = resolve_bases(entries, run.lint.known, options=self.options)
            run.lint.extra.update(resolution.entries)
            run.lint.__dict__.pop("known", None)
            findings.extend(resolution.findings)
        table = known_datasets()
        wanted = sorted({d.lower(): d for repo in repos for d in repo.datasets}.items())
        for key, dataset in wanted[: self.options.max_lookups]:
            if key not in table:
                run.dataset_licences[key] = self.dataset_licence(dataset)
        return findings

    def list_files(self, repo_id: str) -> tuple[str, ...]:
        """The files of a Hub model repository.

        Raises:
            InputError: the Hub does not show the repository, or cannot be reached.
        """
        self.requests += 1
        try:
            info = bounded(
                lambda: self.api.model_info(repo_id, expand=["siblings"], timeout=self.options.timeout),
                self.options.timeout,
            )
        except Exception as exc:  # every failure stops this one job: exit 2 with the reason
            status = getattr(getattr(exc, "response", None), "status_code", None)
            reason = f"HTTP {status}" if status else type(exc).__name__
            raise InputError(
                f"the Hugging Face Hub at {self.endpoint} did not list this repository ({reason}); check the id, "
                "and set HF_TOKEN for a private or gated one",
                path=repo_id,
            ) from None
        return tuple(sorted(s.rfilename for s in (info.siblings or ()) if isinstance(s.rfilename, str)))

    def read(self, repo_id: str, name: str, limit: int) -> bytes:
        """At most ``limit + 1`` bytes of one file of a Hub repository.

        Raises:
            InputError: the file cannot be fetched.
        """
        import urllib.error
        import urllib.request

        tail = f"/{quote(repo_id)}/resolve/main/{quote(name)}"
        url = f"{self.endpoint}{tail}"
        if not url.startswith(("https://", "http://")):
            raise InputError("is not on an http(s) Hub endpoint", path=url)
        self.requests += 1
        request = urllib.request.Request(self._address + tail, headers=self.headers())  # noqa: S310 (http(s) only)

        def fetch() -> bytes:
            with urllib.request.urlopen(request, timeout=self.options.timeout) as answer:  # noqa: S310
                data: bytes = answer.read(limit + 1)
                return data

        try:
            return bounded(fetch, self.options.timeout)
        except urllib.error.HTTPError as exc:
            raise InputError(f"could not be fetched from the Hub (HTTP {exc.code})", path=url) from None
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            raise InputError(f"could not be fetched from the Hub ({type(exc).__name__})", path=url) from None


class HubSource:
    """A Hub model repository's files (see :class:`railguard.audit.files.RepoSource`)."""

    def __init__(self, repo_id: str, access: HubAccess) -> None:
        self.repo_id = repo_id
        self.access = access
        self._files: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        return f"{self.access.endpoint}/{self.repo_id}"

    def files(self) -> tuple[str, ...]:
        if self._files is None:
            self._files = self.access.list_files(self.repo_id)
        return self._files

    def read(self, name: str, limit: int) -> bytes:
        return self.access.read(self.repo_id, name, limit)

    def display(self, name: str) -> str:
        return f"{self.access.endpoint}/{self.repo_id}/blob/main/{name}"

    def read_card(self, name: str) -> ModelCard:
        from railguard.card.reader import MAX_CARD_BYTES, CardProblem, ModelCard, parse_card

        path = self.display(name)
        try:
            data = self.read(name, MAX_CARD_BYTES)
        except InputError as exc:
            return ModelCard(path, "", problem=CardProblem("unreadable", f"`{path}` {exc.detail}", 1))
        # NOTE: as the card reader decodes a file on disk: a BOM dropped, line ends normalised.
        text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
        return parse_card(text.replace("\r\n", "\n").replace("\r", "\n"), path)

    def fresh(self) -> HubSource:
        return self


def audit_hub(
    repo_id: str, access: HubAccess, config: LintConfig | None, *, use_known_models: bool = True
) -> AuditReport:
    """Audit a Hub model repository from its file list.

    Raises:
        InputError: not a Hub model id, or the Hub does not list it.
    """
    from railguard.audit.repository import Repository
    from railguard.audit.runner import AuditRun, run_repositories

    if not is_hub_id(repo_id) or "/" not in repo_id:
        raise InputError("is neither a folder nor a Hugging Face Hub model id (org/name)", path=repo_id)
    run = AuditRun(use_known_models, disk_siblings=False)
    source = HubSource(repo_id, access)
    source.files()
    return run_repositories([Repository(source, run, repo_id)], run, config, False, access)
