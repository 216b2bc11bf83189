"""Resolve unknown base models through the Hugging Face Hub (``--hub``).

Base models that are neither in the input nor in the table of well-known models are looked up
with the Hub's model-info API (``GET {HF_ENDPOINT}/api/models/{id}``, only the card data, the tags
and the gating flag), and so are their own unknown base models, breadth first: at most
``HubOptions.max_depth`` levels above the input and ``HubOptions.max_lookups`` models in all,
each model at most once, so a loop on the Hub cannot make the walk loop. The models found become
ordinary :class:`ModelEntry` records (``hub=True``) that the engine sees like well-known models.

Nothing here raises for a Hub problem. A model the Hub does not have, or will not show, stays
unknown and its RG309 findings say why (:meth:`HubResolution.explain`); a network failure, a
timeout, a rate limit or a server error stops further lookups and is reported once (RG318).
Answers are cached on disk (:mod:`railguard.lineage.hubcache`): found models for
``HubOptions.max_age``, refusals for at most a day and only for the same credential, so logging
in takes effect at once; failures are never cached.

The HTTP side sits behind the small :class:`HubClient` protocol. :class:`HuggingFaceClient`, the
real one, imports ``huggingface_hub`` (the optional extra ``railguard[hub]``) when it is created,
never before, so other commands do not pay for it.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar
from urllib.parse import unquote

from railguard.card.vocabulary import RELATIONS
from railguard.errors import OptionalDependencyError
from railguard.lineage.hubcache import AnswerCache, hub_cache_dir, without_credentials
from railguard.lineage.model import ModelEntry
from railguard.model import Finding
from railguard.rules import finding

T = TypeVar("T")
DEFAULT_ENDPOINT = "https://huggingface.co"
INSTALL = "pip install 'railguard[hub]'"
DAY = 86_400.0

# What the Hub said about one model.
FOUND = "found"
NOT_FOUND = "not-found"  # no such model (HTTP 404)
DENIED = "denied"  # HTTP 401 / 403: missing, private, or the token may not see it
GATED = "gated"  # the Hub says the repository is gated for this account
ERROR = "error"  # network, timeout, rate limit, server error: the Hub did not answer
REFUSALS = (NOT_FOUND, DENIED, GATED)

# Why a base model stayed unknown, beyond the Hub's own refusals.
INVALID = "invalid"  # not a Hub model id: never looked up
UNREACHABLE = "unreachable"  # the Hub failed earlier in the run
LIMIT = "limit"  # HubOptions.max_lookups reached
DEPTH = "depth"  # more than HubOptions.max_depth levels above the input


def _key(model_id: str) -> str:
    # NOTE: the Hub treats model ids case-insensitively, and so does the engine.
    return model_id.strip().lower()


def is_hub_id(model_id: str) -> bool:
    """Whether ``model_id`` has the shape of a Hub model id (the one rule: :mod:`railguard.model.hubid`)."""
    from railguard.model.hubid import is_hub_id as hub_id_rule

    return hub_id_rule(model_id.strip())


@dataclass(frozen=True, slots=True)
class HubRecord:
    """What railguard takes from a Hub model's card data and tags."""

    licence: str | None
    licence_name: str | None = None
    licence_link: str | None = None
    base_models: tuple[str, ...] = ()
    relation: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The cache's shape of the record."""
        return {
            "licence": self.licence,
            "licence_name": self.licence_name,
            "licence_link": self.licence_link,
            "base_models": list(self.base_models),
            "relation": self.relation,
        }

    @classmethod
    def from_json(cls, data: object) -> HubRecord | None:
        """The record from the cache's shape, or ``None`` when it is not well-formed."""
        if not isinstance(data, dict):
            return None
        texts = [data.get(k) for k in ("licence", "licence_name", "licence_link", "relation")]
        bases = data.get("base_models")
        if not all(t is None or isinstance(t, str) for t in texts) or not isinstance(bases, list):
            return None
        if not all(isinstance(b, str) for b in bases):
            return None
        return cls(texts[0], texts[1], texts[2], tuple(bases), texts[3])


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = str(value).strip()
    return text or None


def _names(value: Any) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    return tuple(dict.fromkeys(t for t in (_text(v) for v in values) if t))


def record_from_metadata(card: Mapping[str, Any] | None, tags: Iterable[Any] | None) -> HubRecord:
    """The licence and base models of a Hub model, from its card data, else from its tags.

    The card data's ``license`` (``other`` with a ``license_name`` reads as that name, as in a
    lineage input), ``license_link``, ``base_model`` (a string or a list) and
    ``base_model_relation``; where the card data has no licence or base model, the Hub's
    ``license:ID`` and ``base_model:[RELATION:]ID`` tags.
    """
    card = card or {}
    tag_licences: list[str] = []
    tag_bases: list[str] = []
    tag_relation: str | None = None
    for tag in tags or ():
        if not isinstance(tag, str):
            continue
        if tag.startswith("license:"):
            tag_licences.append(tag.removeprefix("license:"))
        elif tag.startswith("base_model:"):
            rest = tag.removeprefix("base_model:")
            head, _, tail = rest.partition(":")
            if tail and head in RELATIONS:
                tag_relation = tag_relation or head
                rest = tail
            if rest and rest not in tag_bases:
                tag_bases.append(rest)
    licences = _names(card.get("license")) or tuple(t for t in tag_licences if t)
    # NOTE: several licences (rare) are kept together, so the catalogue reports them as unknown
    # rather than railguard picking one.
    licence = ", ".join(licences) or None
    name = _text(card.get("license_name"))
    if licence is not None and licence.lower() == "other" and name:
        licence = name
    bases = _names(card.get("base_model")) or tuple(tag_bases)
    relation = _text(card.get("base_model_relation"))
    if relation is None and bases:
        relation = tag_relation
    return HubRecord(licence, name, _text(card.get("license_link")), bases, relation)


@dataclass(frozen=True, slots=True)
class HubAnswer:
    """One answer of the Hub about one model.

    Attributes:
        status: ``found``, ``not-found``, ``denied``, ``gated`` or ``error``.
        record: what the model declares, when found.
        detail: a short reason for anything but ``found`` (``HTTP 404``, ``timed out after 10 s``).
    """

    status: str
    record: HubRecord | None = None
    detail: str = ""


class HubClient(Protocol):
    """The HTTP side of ``--hub``; tests inject their own."""

    @property
    def endpoint(self) -> str:
        """The Hub's base address (``HF_ENDPOINT``) without credentials; shown, and part of cache keys."""

    def credential(self) -> str | None:
        """A digest that changes with the token in use (``None`` when anonymous); never the token."""

    def fetch(self, model_id: str) -> HubAnswer:
        """The Hub's answer about ``model_id``; any failure is an ``error`` answer, not an exception."""


class HuggingFaceClient:
    """:class:`HubClient` on ``huggingface_hub`` (``HF_ENDPOINT``, ``HF_TOKEN``, stored logins).

    Raises:
        OptionalDependencyError: ``huggingface_hub`` is not installed.
    """

    def __init__(self, endpoint: str | None = None, timeout: float = 10.0) -> None:
        try:
            import huggingface_hub
        except ImportError:
            raise OptionalDependencyError(f"--hub needs the huggingface_hub package: {INSTALL}") from None
        from railguard import __version__

        # NOTE: read HF_ENDPOINT now, not when huggingface_hub was imported (its constant is fixed then).
        self._address = (endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
        # NOTE: requests go to the address as given (it may carry a proxy's or a mirror's
        # `user:password@`); everything shown or stored uses it without them.
        self._endpoint = without_credentials(self._address)
        userinfo = self._address.partition("://")[2].partition("/")[0].rpartition("@")[0]
        password = userinfo.partition(":")[2]
        self._secrets = tuple(dict.fromkeys(s for s in (userinfo, password, unquote(password)) if s))
        self.timeout = timeout
        self._hub = huggingface_hub
        try:
            from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError
        except ImportError:  # huggingface_hub before 0.25 keeps them in utils only
            from huggingface_hub.utils import (  # type: ignore[attr-defined]
                GatedRepoError,
                HfHubHTTPError,
                RepositoryNotFoundError,
            )
        self._gated, self._not_found, self._http = GatedRepoError, RepositoryNotFoundError, HfHubHTTPError
        self._api = huggingface_hub.HfApi(endpoint=self._address, library_name="railguard", library_version=__version__)

    @property
    def endpoint(self) -> str:
        return self._endpoint

    def credential(self) -> str | None:
        try:
            token = self._hub.get_token()
        except Exception:
            token = None
        # NOTE: a login in HF_ENDPOINT may change what the Hub shows, like a token.
        secret = "\0".join(s for s in (token, *self._secrets[:1]) if s)
        if not secret:
            return None
        return hashlib.sha256(f"railguard-hub\0{secret}".encode()).hexdigest()[:16]

    def fetch(self, model_id: str) -> HubAnswer:
        answer = self._fetch(model_id)
        detail = answer.detail
        for secret in self._secrets:
            detail = detail.replace(secret, "***")
        return answer if detail == answer.detail else replace(answer, detail=detail)

    def _fetch(self, model_id: str) -> HubAnswer:
        if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "on", "yes", "true"):
            return HubAnswer(ERROR, detail="offline mode (HF_HUB_OFFLINE is set)")
        try:
            info = self._api.model_info(model_id, expand=["cardData", "tags", "gated"], timeout=self.timeout)
        except self._gated as exc:
            return HubAnswer(GATED, detail=_http(exc))
        except self._not_found as exc:
            status = _status(exc)
            return HubAnswer(NOT_FOUND if status == 404 else DENIED, detail=_http(exc))
        except self._http as exc:
            status = _status(exc)
            if status in (401, 403):
                return HubAnswer(DENIED, detail=_http(exc))
            if status == 404:
                return HubAnswer(NOT_FOUND, detail=_http(exc))
            return HubAnswer(ERROR, detail=_http(exc))
        except Exception as exc:
            # NOTE: transport errors differ between huggingface_hub versions (requests, httpx);
            # every one of them means the Hub did not answer.
            return HubAnswer(ERROR, detail=_network(exc, self.timeout))
        card: Any = info.card_data
        data = card.to_dict() if hasattr(card, "to_dict") else card
        return HubAnswer(FOUND, record_from_metadata(data if isinstance(data, dict) else None, info.tags))


def _status(exc: Exception) -> int | None:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def _http(exc: Exception) -> str:
    status = _status(exc)
    return f"HTTP {status}" if status is not None else type(exc).__name__


def _network(exc: BaseException, timeout: float) -> str:
    name = type(exc).__name__
    if "timeout" in name.lower() or isinstance(exc, TimeoutError):
        return f"no answer within {timeout:g} s"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{name}: {text}"[:200] if text else name


@dataclass(frozen=True, slots=True)
class HubOptions:
    """Bounds of a ``--hub`` walk.

    Attributes:
        max_lookups: models looked up in one run (from the cache or the network alike, so the
            result does not depend on what is cached).
        max_depth: levels above the input (the input's own unknown base models are level 1).
        max_age: seconds a found model's answer is reused from the cache.
        refusal_max_age: seconds a refusal (404, 401, 403, gated) is reused; never more than max_age.
        timeout: seconds to wait for one answer.
        workers: lookups in flight at once.
    """

    max_lookups: int = 100
    max_depth: int = 8
    max_age: float = 7 * DAY
    refusal_max_age: float = DAY
    timeout: float = 10.0
    workers: int = 4


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a base model stayed unknown under ``--hub``."""

    kind: str
    detail: str = ""


@dataclass(frozen=True)
class HubResolution:
    """The outcome of a ``--hub`` walk.

    Attributes:
        entries: the models found, by lower-case id, ready to join the well-known models.
        findings: run-level findings (RG318), at most one per cause.
        failures: why each base model that was wanted stayed unknown, by lower-case id.
        lookups: models looked up (cache or network); requests: network requests made;
        cached: answers taken from the cache.
        links: the licence link of each model found whose card gives one, by lower-case id.
        error: the first network failure, when there was one.
    """

    endpoint: str
    options: HubOptions
    entries: dict[str, ModelEntry] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    failures: dict[str, Failure] = field(default_factory=dict)
    lookups: int = 0
    requests: int = 0
    cached: int = 0
    links: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    def summary(self) -> str:
        """``3 models from the Hub (2 cached, 1 request), 1 not found``."""
        found = len(self.entries)
        text = f"{found} model{'' if found == 1 else 's'} from the Hub ({self.cached} cached, {self.requests} "
        text += f"request{'' if self.requests == 1 else 's'})"
        missing = len(self.failures)
        return text + (f", {missing} not resolved" if missing else "")

    def reason(self, base: str) -> str | None:
        """Why ``base`` stayed unknown, as a clause for a message, or ``None`` if it did not."""
        failure = self.failures.get(_key(base))
        if failure is None:
            return None
        detail = f" ({failure.detail})" if failure.detail else ""
        return {
            NOT_FOUND: f"the Hugging Face Hub has no model of that id{detail}",
            DENIED: "the Hugging Face Hub did not show it"
            f"{detail}: it does not exist, or it is private or gated and needs a token with access",
            GATED: f"it is gated on the Hugging Face Hub and this account has no access{detail}",
            INVALID: "it is not a Hugging Face Hub model id, so it was not looked up",
            UNREACHABLE: "it was not looked up because the Hugging Face Hub could not be reached (RG318)",
            LIMIT: f"it was not looked up: the limit of {self.options.max_lookups} Hub lookups was reached (RG318)",
            DEPTH: f"it was not looked up: it is more than {_levels(self.options.max_depth)} above the input (RG318)",
        }.get(failure.kind, failure.kind)

    def hint(self, base: str) -> str:
        """What to do about ``base`` staying unknown."""
        failure = self.failures.get(_key(base))
        kind = failure.kind if failure else ""
        if kind in (DENIED, GATED):
            return (
                "if you have access, set `HF_TOKEN` or run `huggingface-cli login` (request access on "
                f"the model's page first if it is gated); or add `{base}` with its licence to the input"
            )
        if kind == NOT_FOUND:
            return f"check the id; a private or local model must be added with its licence to the input (`{base}`)"
        if kind == LIMIT:
            return f"raise --hub-max-lookups, or add `{base}` with its licence to the input"
        if kind == UNREACHABLE:
            return f"run again when the Hub can be reached, or add `{base}` with its licence to the input"
        return f"add `{base}` with its licence to the input"

    def explain(self, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """``findings`` with the Hub's side told, plus the run-level findings, sorted.

        Each RG309 about a base model the Hub could not supply says why; each RG308 about a Hub
        model whose licence is unknown says how to override it, with its card's licence link.
        """
        out: list[Finding] = list(self.findings)
        for item in findings:
            if item.code == "RG309" and item.upstream is not None:
                reason = self.reason(item.upstream)
                if reason is not None:
                    model = item.model or "?"
                    item = replace(
                        item,
                        message=f"base model `{item.upstream}` of `{model}` is not in the input nor a well-known "
                        f"model, and {reason}; its licence is unknown",
                        hint=self.hint(item.upstream),
                    )
            elif item.code == "RG308" and item.model is not None and _key(item.model) in self.entries:
                # NOTE: a Hub card cannot be edited from here; the input can override it.
                link = self.links.get(_key(item.model))
                item = replace(
                    item,
                    hint=f"add `{item.model}` to the input with a catalogue licence id, or `licence_file` pointing "
                    "at its licence text" + (f"; its Hub card links the licence at {link}" if link else ""),
                )
            out.append(item)
        out.sort(key=Finding.sort_key)
        return tuple(out)


class _Walk:
    """State of one breadth-first walk up the Hub."""

    def __init__(self, client: HubClient, options: HubOptions, cache: AnswerCache) -> None:
        self.client = client
        self.options = options
        self.cache = cache
        self.credential = client.credential()
        self.stop = threading.Event()
        self.error: str | None = None
        self.requests = 0
        self.cached = 0
        self.lock = threading.Lock()

    def from_cache(self, model_id: str) -> HubAnswer | None:
        found = self.cache.load(model_id)
        if found is None:
            return None
        age, payload = found
        status = payload.get("status")
        if status == FOUND:
            limit = self.options.max_age
        elif status in REFUSALS:
            # NOTE: a refusal holds only for the credential that got it: after `huggingface-cli
            # login` or a new HF_TOKEN the model is asked for again.
            if payload.get("credential") != self.credential:
                return None
            limit = min(self.options.refusal_max_age, self.options.max_age)
        else:
            return None
        if not 0 <= age < limit:
            return None
        detail = payload.get("detail")
        detail = detail if isinstance(detail, str) else ""
        if status != FOUND:
            return HubAnswer(str(status), detail=detail)
        record = HubRecord.from_json(payload.get("record"))
        return None if record is None else HubAnswer(FOUND, record)

    def fetch(self, model_id: str) -> HubAnswer | None:
        """The network's answer, or ``None`` when the walk was stopped before asking."""
        if self.stop.is_set():
            return None
        with self.lock:
            self.requests += 1
        try:
            answer = bounded(lambda: self.client.fetch(model_id), self.options.timeout)
        except Exception as exc:  # an injected client that raises still must not crash the run
            answer = HubAnswer(ERROR, detail=_network(exc, self.options.timeout))
        if answer.status == ERROR:
            with self.lock:
                if self.error is None:
                    self.error = answer.detail or "no answer"
            self.stop.set()
            return answer
        payload: dict[str, Any] = {"status": answer.status, "detail": answer.detail}
        if answer.record is not None:
            payload["record"] = answer.record.to_json()
        if answer.status in REFUSALS:
            payload["credential"] = self.credential
        self.cache.store(model_id, payload)
        return answer

    def answers(self, model_ids: Sequence[str]) -> dict[str, HubAnswer | None]:
        """Answers for one level: cached ones first, the rest from the network, a few at a time."""
        out: dict[str, HubAnswer | None] = {}
        pending: list[str] = []
        for model_id in model_ids:
            answer = self.from_cache(model_id)
            if answer is None:
                pending.append(model_id)
            else:
                self.cached += 1
                out[model_id] = answer
        workers = max(1, min(self.options.workers, len(pending)))
        if workers == 1:
            for model_id in pending:
                out[model_id] = self.fetch(model_id)
            return out
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="railguard-hub")
        try:
            for model_id, answer in zip(pending, pool.map(self.fetch, pending), strict=True):
                out[model_id] = answer
        except BaseException:
            # NOTE: on Ctrl-C, lookups still queued must not start.
            self.stop.set()
            raise
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        return out


def bounded(call: Callable[[], T], timeout: float) -> T:
    """``call()``, bounded as a whole by ``timeout`` seconds.

    The HTTP libraries' timeouts bound each connect and each read, so a server that sends a byte
    now and then can hold one request for minutes (one lookup took 127 s under a 3 s timeout).
    The call runs in a daemon thread that is left behind when it overruns: it cannot delay the
    run or its exit.

    Raises:
        TimeoutError: ``call`` had not returned after ``timeout`` seconds.
        Exception: whatever ``call`` raised.
    """
    box: list[tuple[bool, Any]] = []

    def work() -> None:
        try:
            box.append((True, call()))
        except BaseException as exc:  # handed to the caller's thread
            box.append((False, exc))

    thread = threading.Thread(target=work, name="railguard-hub-request", daemon=True)
    thread.start()
    thread.join(timeout)
    if not box:
        raise TimeoutError(f"no answer within {timeout:g} s")
    done, value = box[0]
    if not done:
        raise value
    result: T = value
    return result


def resolve_ids(
    wanted: Iterable[str],
    have: Iterable[str] = (),
    client: HubClient | None = None,
    options: HubOptions | None = None,
    cache: AnswerCache | None = None,
) -> HubResolution:
    """Look ``wanted`` model ids up on the Hub, then their unknown base models, breadth first.

    Args:
        wanted: the ids to look up (level 1), in any case; ids in ``have`` are skipped.
        have: lower-case ids that are already known (the input's and the well-known models').
        client: the Hub client; by default :class:`HuggingFaceClient` (needs ``huggingface_hub``).
        options: the walk's bounds and cache ages.
        cache: where answers are kept; by default under the railguard cache directory.

    Raises:
        OptionalDependencyError: no client was given and ``huggingface_hub`` is not installed.
    """
    options = options or HubOptions()
    if client is None:
        client = HuggingFaceClient(timeout=options.timeout)
    if cache is None:
        cache = AnswerCache(hub_cache_dir(), client.endpoint)
    walk = _Walk(client, options, cache)
    known = set(have)
    spelled: dict[str, str] = {}
    for model_id in wanted:
        key = _key(model_id)
        if key and key not in known:
            spelled.setdefault(key, model_id.strip())
    seen = set(spelled)
    level = sorted(spelled)
    entries: dict[str, ModelEntry] = {}
    failures: dict[str, Failure] = {}
    links: dict[str, str] = {}
    lookups = 0
    depth = 1
    while level:
        if walk.stop.is_set():
            failures.update((key, Failure(UNREACHABLE)) for key in level)
            break
        if depth > options.max_depth:
            failures.update((key, Failure(DEPTH)) for key in level)
            break
        valid = [key for key in level if is_hub_id(spelled[key])]
        failures.update((key, Failure(INVALID)) for key in level if key not in valid)
        budget = max(0, options.max_lookups - lookups)
        failures.update((key, Failure(LIMIT)) for key in valid[budget:])
        batch = valid[:budget]
        lookups += len(batch)
        answers = walk.answers([spelled[key] for key in batch])
        following: list[str] = []
        for key in batch:
            model_id = spelled[key]
            answer = answers.get(model_id)
            if answer is None or answer.status == ERROR:
                failures[key] = Failure(UNREACHABLE)
                continue
            if answer.status != FOUND or answer.record is None:
                failures[key] = Failure(answer.status, answer.detail)
                continue
            record = answer.record
            entries[key] = ModelEntry(
                id=model_id,
                licence=record.licence,
                base_models=record.base_models,
                relation=record.relation,
                file=f"{client.endpoint}/{model_id}",
                licence_name=record.licence_name,
                hub=True,
            )
            if record.licence_link:
                links[key] = record.licence_link
            for base in record.base_models:
                base_key = _key(base)
                if base_key and base_key not in known and base_key not in seen:
                    seen.add(base_key)
                    spelled[base_key] = base.strip()
                    following.append(base_key)
        level = sorted(following)
        depth += 1
    return HubResolution(
        endpoint=client.endpoint,
        options=options,
        entries=entries,
        findings=_run_findings(client.endpoint, options, failures, walk.error),
        failures=failures,
        lookups=lookups,
        requests=walk.requests,
        cached=walk.cached,
        links=links,
        error=walk.error,
    )


def resolve_bases(
    entries: Sequence[ModelEntry],
    known: Mapping[str, ModelEntry],
    client: HubClient | None = None,
    options: HubOptions | None = None,
    cache: AnswerCache | None = None,
) -> HubResolution:
    """Look up every base model of ``entries`` that is neither among them nor in ``known``.

    Add ``resolution.entries`` to ``known`` for the engine, and pass its findings through
    :meth:`HubResolution.explain`. Arguments and errors as :func:`resolve_ids`.
    """
    have = {_key(entry.id) for entry in entries} | set(known)
    wanted = [base for entry in entries for base in entry.base_models if _key(base) not in have]
    return resolve_ids(wanted, have, client, options, cache)


def _levels(n: int) -> str:
    return f"{n} level{'' if n == 1 else 's'}"


def _run_findings(
    endpoint: str, options: HubOptions, failures: Mapping[str, Failure], error: str | None
) -> tuple[Finding, ...]:
    def count(kind: str) -> int:
        return sum(1 for failure in failures.values() if failure.kind == kind)

    def models(n: int) -> str:
        return f"{n} base model{'' if n == 1 else 's'} {'was' if n == 1 else 'were'} not looked up"

    out: list[Finding] = []
    if error is not None or count(UNREACHABLE):
        out.append(
            finding(
                "RG318",
                f"the Hugging Face Hub at `{endpoint}` could not be reached ({error or 'no answer'}); "
                f"{models(count(UNREACHABLE))}",
                hint="check the network, HF_ENDPOINT and any proxy, then run again (answers received are cached)",
            )
        )
    if count(LIMIT):
        out.append(
            finding(
                "RG318",
                f"the limit of {options.max_lookups} Hub lookups was reached; {models(count(LIMIT))}",
                hint="raise --hub-max-lookups, or add those base models with their licences to the input",
            )
        )
    if count(DEPTH):
        out.append(
            finding(
                "RG318",
                f"Hub lookups stop {_levels(options.max_depth)} above the input; {models(count(DEPTH))}",
                hint="add the deepest ancestors found with their licences to the input",
            )
        )
    return tuple(out)


def parse_duration(text: str) -> float:
    """Seconds in ``text``: a number with an optional unit ``s``, ``m``, ``h`` or ``d`` (``7d``, ``12h``, ``0``).

    Raises:
        ValueError: not such a duration.

    >>> parse_duration("7d"), parse_duration("90m"), parse_duration("0")
    (604800.0, 5400.0, 0.0)
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if match is None:
        raise ValueError(f"`{text}` is not a duration such as 7d, 12h, 30m or 3600s")
    factor = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": DAY}[match.group(2)]
    return float(match.group(1)) * factor
