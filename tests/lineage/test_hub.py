"""`--hub`: unknown base models looked up on the Hugging Face Hub, against a local recorded server.

Every test talks to an HTTP server on 127.0.0.1 that serves the answers in
``tests/fixtures/hub`` (written for these tests in the shape of the Hub's model-info answer).
An autouse guard makes any connection or name lookup outside the loopback interface fail the
test, so nothing here can reach the real Hub.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

# NOTE: before huggingface_hub is imported (it reads this once): no telemetry side requests, as
# the command line arranges for --hub.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.lineage.engine import check_lineage
from railguard.lineage.hub import (
    DENIED,
    DEPTH,
    ERROR,
    FOUND,
    INVALID,
    LIMIT,
    NOT_FOUND,
    HubAnswer,
    HubOptions,
    HubRecord,
    is_hub_id,
    parse_duration,
    record_from_metadata,
    resolve_bases,
    resolve_ids,
)
from railguard.lineage.hubcache import AnswerCache, file_name, hub_cache_dir
from railguard.lineage.known import known_models
from railguard.lineage.model import ModelEntry
from railguard.report.lineage_json import as_version_1

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("huggingface_hub") is None,
    reason="the `hub` extra (part of the test extra) is not installed",
)

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "hub"
TOKEN = "hf_test_token"
LOCAL = ("127.0.0.1", "::1", "localhost")


# --- the guard and the server ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def local_network_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any connection or name lookup that is not on the loopback interface."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and address[0] not in LOCAL:
            raise AssertionError(f"a test tried to reach {address!r}")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (*LOCAL, None, b"127.0.0.1", b"localhost"):
            raise AssertionError(f"a test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield
    endpoint = os.environ.get("HF_ENDPOINT")
    assert endpoint is None or urlsplit(endpoint).hostname in LOCAL, endpoint


class Hub:
    """A local stand-in for the Hub: recorded answers, request counts, switches for failures."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.tokens: list[str | None] = []
        self.queries: list[dict[str, list[str]]] = []
        self.paths: list[str] = []
        self.fail_with: int | None = None
        self.stall = threading.Event()  # set: answers hang until released
        self.release = threading.Event()
        self.lock = threading.Lock()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                model_id = unquote(parts.path.removeprefix("/api/models/"))
                with hub.lock:
                    hub.hits[model_id] += 1
                    hub.tokens.append(self.headers.get("Authorization"))
                    hub.paths.append(self.path)
                    hub.queries.append(parse_qs(parts.query))
                if hub.stall.is_set():
                    hub.release.wait(10)
                status, headers, body = hub.answer(model_id, self.headers.get("Authorization"))
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout tests)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def answer(self, model_id: str, authorization: str | None) -> tuple[int, dict[str, str], Any]:
        if self.fail_with is not None:
            return self.fail_with, {}, {"error": "service unavailable"}
        path = RECORDED / f"{model_id.replace('/', '__')}.json"
        if "/" not in model_id or not path.is_file():
            return (
                404,
                {"X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"},
                {"error": "Repository not found"},
            )
        recorded = json.loads(path.read_text(encoding="utf-8"))
        if authorization == f"Bearer {TOKEN}" and "with_token" in recorded:
            recorded = recorded["with_token"]
        return recorded["status"], recorded.get("headers", {}), recorded["body"]

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Hub]:
    """A recorded Hub on 127.0.0.1, HF_ENDPOINT pointing at it, a fresh cache, no token."""
    server = Hub()
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "RAILGUARD_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("RAILGUARD_HUB_MAX_AGE", raising=False)
    monkeypatch.delenv("RAILGUARD_HUB_TIMEOUT", raising=False)
    try:
        yield server
    finally:
        server.close()
    # --hub asks the Hub for model information and nothing else
    assert all(path.startswith("/api/models/") for path in server.paths), server.paths


def manifest(tmp_path: Path, *models: dict[str, Any]) -> str:
    path = tmp_path / "lineage.json"
    path.with_suffix(".jsonl").write_text("".join(json.dumps(m) + "\n" for m in models), encoding="utf-8")
    return str(path.with_suffix(".jsonl"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


PIXEL = {"id": "acme/pixel-art", "license": "mit", "base_model": "pixel-studio/sd-style"}


# --- reading the Hub's answers --------------------------------------------------------------------


def test_card_data_first_then_tags() -> None:
    record = record_from_metadata(
        {"license": "other", "license_name": "llama3.1", "license_link": "LICENSE", "base_model": ["a/b", "c/d"]},
        ["license:other", "base_model:merge:a/b"],
    )
    assert record == HubRecord("llama3.1", "llama3.1", "LICENSE", ("a/b", "c/d"), "merge")
    from_tags = record_from_metadata(None, ["license:mit", "base_model:x/y", "base_model:adapter:x/y", 7])
    assert from_tags == HubRecord("mit", None, None, ("x/y",), "adapter")
    several = record_from_metadata({"license": ["mit", "apache-2.0"], "base_model_relation": "finetune"}, [])
    assert several.licence == "mit, apache-2.0"
    assert several.relation == "finetune"
    assert record_from_metadata({"license": {"odd": 1}, "base_model": ""}, None) == HubRecord(None)


def test_only_hub_shaped_ids_are_looked_up() -> None:
    assert is_hub_id("pixel-studio/sd-style")
    assert is_hub_id("gpt2")
    for bad in ("./checkpoints/run-3", "a/b/c", "https://huggingface.co/a/b", "a--b/c", "x/../y", "", "ünï/còde"):
        assert not is_hub_id(bad), bad


def test_durations() -> None:
    assert parse_duration("7d") == 7 * 86400
    assert parse_duration("1.5h") == 5400
    assert parse_duration("45") == 45
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("soon")


# --- resolving ------------------------------------------------------------------------------------


def test_a_two_deep_unknown_chain_is_resolved(hub: Hub) -> None:
    entries = [ModelEntry("acme/pixel-art", "mit", ("pixel-studio/sd-style",), file="in.yaml", line=1)]
    known = known_models()
    resolution = resolve_bases(entries, known)
    assert sorted(resolution.entries) == ["pixel-studio/sd-base", "pixel-studio/sd-style"]
    style = resolution.entries["pixel-studio/sd-style"]
    assert (style.licence, style.base_models, style.relation, style.hub) == (
        "creativeml-openrail-m",
        ("pixel-studio/sd-base",),
        "finetune",
        True,
    )
    assert style.file == f"{hub.url}/pixel-studio/sd-style"
    assert resolution.entries["pixel-studio/sd-base"].licence == "creativeml-openrail-m"  # from the tags
    assert (resolution.requests, resolution.cached, resolution.failures, resolution.findings) == (2, 0, {}, ())
    assert all(query["expand"] == ["cardData", "tags", "gated"] for query in hub.queries)
    result = check_lineage(entries, load_catalogue(), {**known, **resolution.entries})
    codes = {(f.code, f.model) for f in result.findings}
    assert ("RG301", "acme/pixel-art") in codes
    flags = {m.id: (m.hub, m.known) for m in result.models}
    assert flags == {
        "acme/pixel-art": (False, False),
        "pixel-studio/sd-base": (True, False),
        "pixel-studio/sd-style": (True, False),
    }


def test_the_walk_stops_at_well_known_models_and_at_the_input(hub: Hub) -> None:
    entries = [
        ModelEntry("acme/chat", "llama3.1", ("text-lab/chat-8b",)),
        ModelEntry("acme/q", "mit", ("tag-only/quant",)),
        ModelEntry("pixel-studio/sd-base", "creativeml-openrail-m"),
    ]
    resolution = resolve_bases(entries, known_models())
    assert sorted(resolution.entries) == ["tag-only/quant", "text-lab/chat-8b"]
    assert resolution.entries["text-lab/chat-8b"].licence == "llama3.1"  # `other` with its license_name
    assert resolution.entries["tag-only/quant"].relation == "quantized"
    assert set(hub.hits) == {"text-lab/chat-8b", "tag-only/quant"}


def test_a_loop_on_the_hub_is_walked_once(hub: Hub) -> None:
    entries = [ModelEntry("acme/x", "apache-2.0", ("loop-org/a",))]
    resolution = resolve_bases(entries, {})
    assert sorted(resolution.entries) == ["loop-org/a", "loop-org/b"]
    assert hub.hits == Counter({"loop-org/a": 1, "loop-org/b": 1})
    result = check_lineage(entries, load_catalogue(), resolution.entries)
    assert "RG310" in {f.code for f in result.findings}


def test_depth_and_lookup_limits(hub: Hub) -> None:
    entries = [ModelEntry("acme/pixel-art", "mit", ("pixel-studio/sd-style",))]
    shallow = resolve_bases(entries, {}, options=HubOptions(max_depth=1))
    assert list(shallow.entries) == ["pixel-studio/sd-style"]
    assert shallow.failures["pixel-studio/sd-base"].kind == DEPTH
    assert [f.code for f in shallow.findings] == ["RG318"]
    assert shallow.findings[0].message == "Hub lookups stop 1 level above the input; 1 base model was not looked up"
    few = resolve_bases(entries, {}, options=HubOptions(max_lookups=1))
    assert few.failures["pixel-studio/sd-base"].kind == LIMIT
    assert "limit of 1 Hub lookups" in few.findings[0].message
    assert few.lookups == 1


def test_a_renamed_model_is_followed(hub: Hub) -> None:
    resolution = resolve_ids(["old-name/renamed"])
    entry = resolution.entries["old-name/renamed"]
    assert (entry.id, entry.licence) == ("old-name/renamed", "creativeml-openrail-m")  # as the input names it
    assert hub.hits == Counter({"old-name/renamed": 1, "pixel-studio/sd-base": 1})


def test_ids_that_are_not_hub_ids_are_not_looked_up(hub: Hub) -> None:
    resolution = resolve_ids(["./checkpoints/run-3"])
    assert resolution.failures["./checkpoints/run-3"].kind == INVALID
    assert not hub.hits
    assert resolution.findings == ()


def test_an_injected_client_that_raises_does_not_crash(tmp_path: Path) -> None:
    class Exploding:
        endpoint = "http://127.0.0.1:9"

        def credential(self) -> str | None:
            return None

        def fetch(self, model_id: str) -> HubAnswer:
            raise RuntimeError("boom")

    cache = AnswerCache(tmp_path, Exploding.endpoint)
    resolution = resolve_ids(["a/b", "c/d"], client=Exploding(), cache=cache)
    assert resolution.entries == {}
    assert resolution.error == "RuntimeError: boom"
    assert [f.code for f in resolution.findings] == ["RG318"]
    assert not list(tmp_path.iterdir())  # failures are never cached


def test_an_injected_client_serves_a_whole_graph(tmp_path: Path) -> None:
    answers = {
        "org/a": HubAnswer(FOUND, HubRecord("mit", base_models=("org/b",))),
        "org/b": HubAnswer(FOUND, HubRecord("apache-2.0")),
    }

    class Fake:
        endpoint = "http://127.0.0.1:9"

        def __init__(self) -> None:
            self.asked: list[str] = []

        def credential(self) -> str | None:
            return None

        def fetch(self, model_id: str) -> HubAnswer:
            self.asked.append(model_id)
            return answers.get(model_id.lower(), HubAnswer(NOT_FOUND, detail="HTTP 404"))

    client = Fake()
    resolution = resolve_ids(["org/A", "org/missing"], client=client, cache=AnswerCache(None, client.endpoint))
    assert resolution.entries["org/a"].id == "org/A"  # kept as the input spells it
    assert resolution.failures == {"org/missing": resolution.failures["org/missing"]}
    assert resolution.failures["org/missing"].kind == NOT_FOUND
    assert sorted(client.asked) == ["org/A", "org/b", "org/missing"]


# --- failures -------------------------------------------------------------------------------------


def test_a_model_the_hub_does_not_have(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = manifest(tmp_path, {"id": "acme/x", "license": "mit", "base_model": "nobody/missing"})
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 0
    (rg309,) = [f for f in as_version_1(json.loads(out))["findings"] if f["code"] == "RG309"]
    assert "the Hugging Face Hub has no model of that id (HTTP 404)" in rg309["message"]
    assert rg309["model"] == "acme/x"
    assert rg309["upstream"] == "nobody/missing"
    # the refusal is cached: a second run asks nothing
    run(capsys, "lineage", path, "--hub", "--format", "json")
    assert hub.hits["nobody/missing"] == 1


def test_a_gated_model(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = manifest(tmp_path, {"id": "acme/x", "license": "mit", "base_model": "gated-org/locked"})
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 0
    (rg309,) = [f for f in as_version_1(json.loads(out))["findings"] if f["code"] == "RG309"]
    assert "gated on the Hugging Face Hub and this account has no access (HTTP 403)" in rg309["message"]
    assert "HF_TOKEN" in rg309["hint"]
    assert "huggingface-cli login" in rg309["hint"]


def test_a_private_model_shows_with_a_token(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = manifest(tmp_path, {"id": "acme/x", "license": "mit", "base_model": "private-org/hidden"})
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 0
    (rg309,) = [f for f in as_version_1(json.loads(out))["findings"] if f["code"] == "RG309"]
    assert "did not show it (HTTP 401)" in rg309["message"]
    assert "HF_TOKEN" in rg309["hint"]
    assert hub.tokens == [None]
    # logging in makes the cached refusal irrelevant: the model is asked for again, with the token
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert hub.tokens[-1] == f"Bearer {TOKEN}"
    assert code == 1  # now known: cc-by-nc-4.0 under an MIT derivative
    data = as_version_1(json.loads(out))
    assert {f["code"] for f in data["findings"]} >= {"RG304"}
    assert TOKEN not in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "cache" / "hub").iterdir())


def test_a_server_error_is_reported_once_and_not_cached(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = manifest(
        tmp_path,
        {"id": "acme/x", "license": "mit", "base_model": ["pixel-studio/sd-style", "text-lab/chat-8b"]},
    )
    hub.fail_with = 503
    code, out, err = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 0
    findings = as_version_1(json.loads(out))["findings"]
    (rg318,) = [f for f in findings if f["code"] == "RG318"]
    assert hub.url in rg318["message"]
    assert "HTTP 503" in rg318["message"]
    rg309 = [f for f in findings if f["code"] == "RG309"]
    assert len(rg309) == 2
    assert all("could not be reached" in f["message"] for f in rg309)
    assert err == ""
    hub.fail_with = None
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 1
    assert not [f for f in as_version_1(json.loads(out))["findings"] if f["code"] in ("RG309", "RG318")]


def test_one_failing_model_stops_the_walk(hub: Hub) -> None:
    entries = [ModelEntry("acme/x", "mit", ("broken-org/flaky",))]
    resolution = resolve_bases(entries, {}, options=HubOptions(workers=1))
    assert resolution.error == "HTTP 500"
    assert [f.code for f in resolution.findings] == ["RG318"]


def test_a_timeout(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = manifest(tmp_path, PIXEL)
    monkeypatch.setenv("RAILGUARD_HUB_TIMEOUT", "0.3")
    hub.stall.set()
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    hub.release.set()
    assert code == 0
    (rg318,) = [f for f in as_version_1(json.loads(out))["findings"] if f["code"] == "RG318"]
    assert "no answer within 0.3 s" in rg318["message"]
    assert hub.hits["pixel-studio/sd-style"] == 1
    assert "pixel-studio/sd-base" not in hub.hits


def test_a_bad_timeout_setting(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAILGUARD_HUB_TIMEOUT", "soon")
    code, out, err = run(capsys, "lineage", manifest(tmp_path, PIXEL), "--hub")
    assert (code, out) == (2, "")
    assert "RAILGUARD_HUB_TIMEOUT must be a number of seconds above 0, not `soon`" in err
    code, _, _ = run(capsys, "lineage", manifest(tmp_path, PIXEL))  # read only under --hub
    assert code == 0


def test_nobody_listening(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    code, out, _ = run(capsys, "lineage", manifest(tmp_path, PIXEL), "--hub")
    assert code == 0
    assert "RG318" in out
    assert "could not be reached" in out


def test_offline_mode_uses_the_cache_only(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = manifest(tmp_path, PIXEL)
    run(capsys, "lineage", path, "--hub")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 1
    assert not [f for f in as_version_1(json.loads(out))["findings"] if f["code"] == "RG318"]
    path = manifest(tmp_path, {"id": "acme/y", "license": "mit", "base_model": "text-lab/chat-8b"})
    _, out, _ = run(capsys, "lineage", path, "--hub")
    assert "offline mode (HF_HUB_OFFLINE is set)" in out
    assert "text-lab/chat-8b" not in hub.hits


def test_a_hub_licence_the_catalogue_does_not_know(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = manifest(tmp_path, {"id": "acme/x", "license": "mit", "base_model": "text-lab/odd-terms"})
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 0
    (rg308,) = [f for f in as_version_1(json.loads(out))["findings"] if f["code"] == "RG308"]
    assert rg308["model"] == "text-lab/odd-terms"
    assert rg308["licence"] == "text-lab-house-terms"
    assert rg308["file"] == f"{hub.url}/text-lab/odd-terms"
    assert rg308["hint"].startswith("add `text-lab/odd-terms` to the input with a catalogue licence id")
    assert rg308["hint"].endswith("its Hub card links the licence at https://example.org/text-lab/terms")


# --- the cache ------------------------------------------------------------------------------------


def test_cached_answers_are_reused(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = manifest(tmp_path, PIXEL)
    first = run(capsys, "lineage", path, "--hub", "--format", "json")
    second = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert first == second
    assert hub.hits == Counter({"pixel-studio/sd-style": 1, "pixel-studio/sd-base": 1})
    files = sorted(p.name for p in (tmp_path / "cache" / "hub").iterdir())
    assert files == sorted(file_name(hub.url, m) for m in ("pixel-studio/sd-style", "pixel-studio/sd-base"))
    _, _, err = run(capsys, "lineage", path, "--hub")
    assert "2 models from the Hub (2 cached, 0 requests)" in err


def test_cache_expiry(hub: Hub, tmp_path: Path) -> None:
    now = [1_000_000.0]
    cache = AnswerCache(tmp_path, hub.url, now=lambda: now[0])
    options = HubOptions(max_age=100.0, refusal_max_age=10.0)
    resolve_ids(["pixel-studio/sd-base", "nobody/missing"], options=options, cache=cache)
    now[0] += 9
    resolve_ids(["pixel-studio/sd-base", "nobody/missing"], options=options, cache=cache)
    assert hub.hits == Counter({"pixel-studio/sd-base": 1, "nobody/missing": 1})
    now[0] += 2  # refusals are stale after 10 s, answers after 100 s
    resolve_ids(["pixel-studio/sd-base", "nobody/missing"], options=options, cache=cache)
    assert hub.hits == Counter({"pixel-studio/sd-base": 1, "nobody/missing": 2})
    now[0] += 100
    resolve_ids(["pixel-studio/sd-base"], options=options, cache=cache)
    assert hub.hits["pixel-studio/sd-base"] == 2
    now[0] -= 1000  # a clock that went back never makes an answer fresh for longer
    resolve_ids(["pixel-studio/sd-base"], options=options, cache=cache)
    assert hub.hits["pixel-studio/sd-base"] == 3


def test_max_age_option_and_environment(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = manifest(tmp_path, {"id": "acme/x", "license": "mit", "base_model": "pixel-studio/sd-base"})
    run(capsys, "lineage", path, "--hub")
    run(capsys, "lineage", path, "--hub", "--hub-max-age", "0")
    assert hub.hits["pixel-studio/sd-base"] == 2
    monkeypatch.setenv("RAILGUARD_HUB_MAX_AGE", "0s")
    run(capsys, "lineage", path, "--hub")
    assert hub.hits["pixel-studio/sd-base"] == 3
    code, _, err = run(capsys, "lineage", path, "--hub", "--hub-max-age", "a week")
    assert code == 2
    assert "not a duration" in err


def test_no_cache(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAILGUARD_NO_CACHE", "1")
    assert hub_cache_dir() is None
    path = manifest(tmp_path, {"id": "acme/x", "license": "mit", "base_model": "pixel-studio/sd-base"})
    run(capsys, "lineage", path, "--hub")
    run(capsys, "lineage", path, "--hub")
    assert hub.hits["pixel-studio/sd-base"] == 2
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"format": 1, "endpoint": "elsewhere", "id": "pixel-studio/sd-base", "stored": 1e12, "answer": {}}',
        b'{"format": 1, "endpoint": "@", "id": "pixel-studio/sd-base", "stored": 1e12, '
        b'"answer": {"status": "found", "record": {"licence": 3}}}',
        b"x" * 300_000,
    ],
)
def test_a_corrupt_cache_file_is_ignored(hub: Hub, tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "cache" / "hub"
    folder.mkdir(parents=True)
    target = folder / file_name(hub.url, "pixel-studio/sd-base")
    target.write_bytes(content.replace(b'"@"', json.dumps(hub.url).encode()))
    resolution = resolve_ids(["pixel-studio/sd-base"])
    assert resolution.entries["pixel-studio/sd-base"].licence == "creativeml-openrail-m"
    assert hub.hits["pixel-studio/sd-base"] == 1
    assert json.loads(target.read_text(encoding="utf-8"))["answer"]["status"] == "found"


def test_cache_files_are_safely_named() -> None:
    name = file_name("http://127.0.0.1:1", "../../etc/Passwd")
    assert "/" not in name
    assert name.startswith("etc_passwd.")
    assert file_name("a", "Org/Model") == file_name("a", "org/model")
    assert file_name("a", "org/model") != file_name("b", "org/model")


# --- the command line -----------------------------------------------------------------------------


def test_lineage_end_to_end(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = manifest(tmp_path, PIXEL)
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "json")
    assert code == 1
    data = as_version_1(json.loads(out))
    models = {m["id"]: m for m in data["models"]}
    assert models["pixel-studio/sd-style"]["hub_model"] is True
    assert models["pixel-studio/sd-style"]["known_model"] is False
    assert models["acme/pixel-art"]["hub_model"] is False
    assert models["acme/pixel-art"]["governing_licences"] == ["creativeml-openrail-m", "mit"]
    (rg301,) = [f for f in data["findings"] if f["code"] == "RG301"]
    assert rg301["model"] == "acme/pixel-art"
    assert not [f for f in data["findings"] if f["code"] in ("RG309", "RG318")]
    code, out, err = run(capsys, "lineage", path, "--hub", "--verbose")
    assert "pixel-studio/sd-style  (creativeml-openrail-m) [from the Hub]" in out
    assert "3 models:" in err
    code, out, _ = run(capsys, "lineage", path, "--hub", "--format", "mermaid")
    assert "class m1,m2 known" in out


def test_without_hub_unknown_stays_unknown(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lineage", manifest(tmp_path, PIXEL), "--format", "json")
    assert code == 0
    assert [f["code"] for f in as_version_1(json.loads(out))["findings"]] == ["RG309"]
    assert not hub.hits


def test_lookup_limit_on_the_command_line(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lineage", manifest(tmp_path, PIXEL), "--hub", "--hub-max-lookups", "1")
    assert code == 1
    assert "RG318 [warning] the limit of 1 Hub lookups was reached; 1 base model was not looked up" in out
    assert "the limit of 1 Hub lookups was reached (RG318)" in out
    assert hub.hits == Counter({"pixel-studio/sd-style": 1})


def test_permits_within_a_lineage(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = manifest(tmp_path, PIXEL)
    args = ("permits", "acme/pixel-art", "--use", "medical-advice", "--lineage", path, "--format", "json")
    code, out, _ = run(capsys, *args)
    assert code == 1  # the unknown ancestor: RG316, never a guess
    assert [f["code"] for f in as_version_1(json.loads(out))["findings"]] == ["RG316"]
    code, out, _ = run(capsys, *args, "--hub")
    assert code == 1
    data = as_version_1(json.loads(out))
    assert data["governing_licences"] == ["creativeml-openrail-m", "mit"]
    assert [(f["code"], f["licence"]) for f in data["findings"]] == [("RG314", "creativeml-openrail-m")]


def test_permits_a_bare_hub_model(hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "permits", "pixel-studio/sd-style", "--use", "medical-advice", "--hub")
    assert code == 1
    assert "RG314" in out
    assert "creativeml-openrail-m" in out
    code, _, _ = run(capsys, "permits", "pixel-studio/sd-style", "--use", "military", "--hub")
    assert code == 0
    code, out, err = run(capsys, "permits", "nobody/missing", "--use", "military", "--hub")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "has no model of that id (HTTP 404)" in err
    code, _, err = run(capsys, "permits", "pixel-studio/sd-style", "--use", "military")
    assert code == 2
    assert "is not a licence, a file or a well-known model" in err
    assert "--hub" in err


def test_permits_when_the_hub_is_down(hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    hub.fail_with = 502
    code, _, err = run(capsys, "permits", "pixel-studio/sd-style", "--use", "military", "--hub")
    assert code == 2
    assert f"the Hugging Face Hub at `{hub.url}` could not be reached (HTTP 502)" in err


def test_missing_huggingface_hub(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "huggingface_hub", None)  # import fails as if not installed
    path = manifest(tmp_path, PIXEL)
    for args in (("lineage", path, "--hub"), ("permits", "pixel-studio/sd-style", "--use", "military", "--hub")):
        code, out, err = run(capsys, *args)
        assert code == 2
        assert out == ""
        assert err == "railguard: error: --hub needs the huggingface_hub package: pip install 'railguard[hub]'\n"
    assert not hub.hits
    code, _, _ = run(capsys, "lineage", path)  # everything else works without it
    assert code == 0


def test_other_commands_never_import_huggingface_hub_or_open_a_socket(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "lineage.yaml"
    probe = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n"
        "    raise SystemExit('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from railguard.cli import main\n"
        f"main(['lineage', {str(example)!r}, '--format', 'json'])\n"
        "main(['permits', 'meta-llama/Llama-3.1-8B', '--use', 'weapons'])\n"
        "print('IMPORTED' if 'huggingface_hub' in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    env["RAILGUARD_CACHE_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("CLEAN"), result.stderr


def test_statuses_are_what_the_cache_stores(hub: Hub) -> None:
    resolution = resolve_ids(["private-org/hidden", "nobody/missing"])
    assert {k: f.kind for k, f in resolution.failures.items()} == {
        "private-org/hidden": DENIED,
        "nobody/missing": NOT_FOUND,
    }
    assert ERROR not in {f.kind for f in resolution.failures.values()}
