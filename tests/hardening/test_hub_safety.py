"""Issue 11: `--hub` keeps credentials out of what it prints and stores, and its timeout bounds a whole lookup.

Everything talks to an HTTP server on 127.0.0.1 started here; nothing reaches the real Hub.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from railguard.report.lineage_json import as_version_1
from tests.hardening.helpers import run

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("huggingface_hub") is None,
    reason="the `hub` extra (part of the test extra) is not installed",
)

USER, PASSWORD = "ci-robot", "s3cr3t-Pa55"
#: A Hub model whose licence the catalogue does not know: RG308 names the model, and its file.
ODD = {
    "_id": "6650a1f0c0ffee00000000aa",
    "id": "org/odd",
    "gated": False,
    "tags": ["transformers", "license:other"],
    "cardData": {"license": "other", "license_name": "org-house-terms"},
}


class Server:
    """A stand-in Hub: ``org/odd`` found, anything else 404; with ``drip`` set, answers a byte at a time."""

    def __init__(self) -> None:
        self.drip: float | None = None
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                model_id = unquote(urlsplit(self.path).path.removeprefix("/api/models/"))
                found = model_id == ODD["id"]
                body = json.dumps(ODD if found else {"error": "Repository not found"}).encode()
                try:
                    self.send_response(200 if found else 404)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    if not found:
                        self.send_header("X-Error-Code", "RepoNotFound")
                    self.end_headers()
                    if server.drip is None:
                        self.wfile.write(body)
                        return
                    for byte in body:  # every read gets a byte well within the timeout
                        if server.stop.wait(server.drip):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                except OSError:
                    pass  # the client gave up

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Server]:
    server = Server()
    monkeypatch.setenv("HF_ENDPOINT", f"http://{USER}:{PASSWORD}@127.0.0.1:{server.port}")
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "RAILGUARD_NO_CACHE", "RAILGUARD_HUB_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    try:
        yield server
    finally:
        server.close()


def manifest(tmp_path: Path, *bases: str) -> str:
    path = tmp_path / "models.jsonl"
    path.write_text(json.dumps({"id": "acme/x", "license": "mit", "base_model": list(bases)}) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_credentials_in_hf_endpoint_are_never_shown(
    hub: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    result = run(capsys, "lineage", manifest(tmp_path, "org/odd", "org/missing"), "--hub", "--format", output_format)
    assert result.code == 0
    assert "RG308" in result.out  # the Hub model's unknown licence: a finding that names its address
    assert f"127.0.0.1:{hub.port}" in result.out + result.err
    for secret in (PASSWORD, USER):
        assert secret not in result.out + result.err


def test_credentials_in_hf_endpoint_are_never_stored(
    hub: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "lineage", manifest(tmp_path, "org/odd", "org/missing"), "--hub").code == 0
    stored = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(stored) == 2
    for path in stored:
        text = path.read_text(encoding="utf-8")
        assert PASSWORD not in text
        assert USER not in text


def test_credentials_are_not_shown_when_the_hub_cannot_be_reached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = Server()
    port = server.port
    server.close()  # nobody listens there any more
    monkeypatch.setenv("HF_ENDPOINT", f"http://{USER}:{PASSWORD}@127.0.0.1:{port}")
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    result = run(capsys, "lineage", manifest(tmp_path, "org/odd"), "--hub", "--format", "sarif")
    assert result.code == 0
    assert "RG318" in result.out
    assert PASSWORD not in result.out + result.err
    assert USER not in result.out + result.err


def test_the_timeout_bounds_the_whole_lookup(
    hub: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # NOTE: a byte every 0.2 s: no single read waits 1 s, the answer takes about 40 s in all.
    hub.drip = 0.2
    monkeypatch.setenv("RAILGUARD_HUB_TIMEOUT", "1")
    result = run(capsys, "lineage", manifest(tmp_path, "org/odd"), "--hub", "--format", "json")
    document = as_version_1(json.loads(result.out))
    assert result.code == 0
    assert [f["code"] for f in document["findings"] if f["code"] == "RG318"] == ["RG318"]
    assert "org/odd" not in {m["id"] for m in document["models"]}


def test_audit_of_a_hub_repository_shows_no_credentials(hub: Server, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "audit", "org/missing", "--hub")
    assert result.code == 2
    assert f"127.0.0.1:{hub.port}" in result.err
    assert PASSWORD not in result.out + result.err
    assert USER not in result.out + result.err


def test_the_timeout_bounds_a_whole_audit_request(
    hub: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.drip = 0.2  # org/odd's file list would take about 40 s
    monkeypatch.setenv("RAILGUARD_HUB_TIMEOUT", "1")
    result = run(capsys, "audit", "org/odd", "--hub")
    assert result.code == 2
    assert "Traceback" not in result.err
