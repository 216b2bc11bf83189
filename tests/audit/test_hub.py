"""``audit --hub`` against a stand-in Hub on 127.0.0.1: a Hub repository's files, and datasets.

The repository it serves is built at test time from the real texts in ``../shared``; the base
models come from the recorded answers of ``tests/fixtures/hub`` (the lineage ``--hub`` tests'
machinery, whose network guard is reused here, so nothing can reach the real Hub).
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from railguard.cli import main
from tests.audit.conftest import Build, card
from tests.lineage.test_hub import RECORDED, local_network_only  # noqa: F401 (the autouse network guard)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("huggingface_hub") is None,
    reason="the `hub` extra (part of the test extra) is not installed",
)


class StandIn:
    """Serves one repository folder as a Hub model repository, recorded models and some datasets."""

    def __init__(self, repos: dict[str, Path], datasets: dict[str, str]) -> None:
        self.paths: list[str] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = unquote(urlsplit(self.path).path)
                stand_in.paths.append(path)
                status, body, kind = stand_in.answer(path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.repos, self.datasets = repos, datasets
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def answer(self, path: str) -> tuple[int, bytes, str]:
        missing = (404, json.dumps({"error": "Repository not found"}).encode(), "application/json")
        if path.startswith("/api/datasets/"):
            ident = path.removeprefix("/api/datasets/")
            if ident not in self.datasets:
                return missing
            body = {"id": ident, "cardData": {"license": self.datasets[ident]}, "tags": []}
            return 200, json.dumps(body).encode(), "application/json"
        if path.startswith("/api/models/"):
            ident = path.removeprefix("/api/models/")
            if ident in self.repos:
                folder = self.repos[ident]
                siblings = [
                    {"rfilename": p.relative_to(folder).as_posix()} for p in sorted(folder.rglob("*")) if p.is_file()
                ]
                return 200, json.dumps({"id": ident, "siblings": siblings}).encode(), "application/json"
            recorded = RECORDED / f"{ident.replace('/', '__')}.json"
            if recorded.is_file():
                data = json.loads(recorded.read_text(encoding="utf-8"))
                return data["status"], json.dumps(data["body"]).encode(), "application/json"
            return missing
        for ident, folder in self.repos.items():
            prefix = f"/{ident}/resolve/main/"
            if path.startswith(prefix) and (folder / path.removeprefix(prefix)).is_file():
                return 200, (folder / path.removeprefix(prefix)).read_bytes(), "application/octet-stream"
        return missing

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, Any]]:
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "RAILGUARD_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    state: dict[str, Any] = {}
    yield state
    if "server" in state:
        state["server"].close()


def serve(
    hub_env: dict[str, Any], monkeypatch: pytest.MonkeyPatch, repos: dict[str, Path], datasets: dict[str, str]
) -> StandIn:
    server = StandIn(repos, datasets)
    hub_env["server"] = server
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    return server


def test_audit_a_hub_repository_from_its_file_list(
    repo: Build, hub_env: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo(card("apache-2.0", "base_model: pixel-studio/sd-style"), LICENSE="llama2-community")
    (folder / "model.safetensors").write_bytes(b"\x00" * 64)
    server = serve(hub_env, monkeypatch, {"acme/remote": folder}, {})
    assert main(["audit", "acme/remote", "--hub", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    codes = {(f["code"], f["file"].rsplit("/", 1)[-1]) for f in data["findings"]}
    assert ("RG502", "LICENSE") in codes
    assert all(f["file"].startswith(server.url + "/acme/remote/blob/main/") for f in data["findings"] if f["file"])
    # the weights were listed but never fetched
    assert not any(p.endswith("model.safetensors") for p in server.paths)


def test_hub_datasets_and_base_models(
    repo: Build, hub_env: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo(
        card("mit", "base_model: pixel-studio/sd-style", "datasets: [lab/nc-set, lab/unlisted]"), LICENSE="mit"
    )
    serve(hub_env, monkeypatch, {}, {"lab/nc-set": "cc-by-nc-4.0"})
    assert main(["audit", str(folder), "--hub", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    found = {(f["code"], f["upstream"]) for f in data["findings"]}
    assert ("RG508", "lab/nc-set") in found
    assert ("RG511", "lab/unlisted") in found
    # the base model came from the stand-in Hub: its licence's text is missing from the repository
    assert any(f["code"] == "RG506" for f in data["findings"])


def test_hub_repository_that_does_not_exist_exits_2(
    hub_env: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    serve(hub_env, monkeypatch, {}, {})
    assert main(["audit", "acme/nothing", "--hub"]) == 2
    assert "did not list this repository" in capsys.readouterr().err
