"""``audit --fix``: notice lines appended, licence files written, nothing of the user's damaged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from railguard.audit import audit_paths
from tests.audit.conftest import Build, card

LLAMA2_NOTICE = "Llama 2 is licensed under the LLAMA 2 Community License"


def test_fix_appends_notice_keeping_bytes_and_writes_a_marked_stub(repo: Build) -> None:
    folder = repo(card("mit", "base_model: meta-llama/Llama-2-7b-hf"), NOTICE="to be replaced")
    original = b"\xef\xbb\xbfThird-party notices\r\nfoo"
    (folder / "NOTICE").write_bytes(original)
    report = audit_paths(str(folder), fix=True)
    fixes = report.repositories[0].fixes
    assert any("NOTICE" in f for f in fixes)
    assert any("`LICENSE`" in f for f in fixes)
    data = (folder / "NOTICE").read_bytes()
    assert data.startswith(original + b"\r\n")
    assert LLAMA2_NOTICE.encode() in data
    assert data.endswith(b"\r\n")
    # the stub names the licence and its address, and the audit still says the text is missing
    stub = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "https://opensource.org/license/mit" in stub
    after = audit_paths(str(folder))
    assert "RG505" not in {f.code for f in after.findings}
    assert any(f.code == "RG501" and "stub" in f.message for f in after.findings)


def test_fix_never_overwrites_and_leaves_a_non_utf8_notice_alone(repo: Build) -> None:
    folder = repo(card("mit", "base_model: meta-llama/Llama-2-7b-hf"), NOTICE="to be replaced")
    (folder / "NOTICE").write_bytes(b"caf\xe9\n")
    (folder / "LICENSE-llama2").write_text("my own words\n", encoding="utf-8")
    audit_paths(str(folder), fix=True)
    assert (folder / "NOTICE").read_bytes() == b"caf\xe9\n"
    assert (folder / "LICENSE-llama2").read_text(encoding="utf-8") == "my own words\n"


def test_fix_takes_the_spdx_text_from_an_installed_provider(
    repo: Build, shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a stand-in for the `spdx` distribution (spdx/data/<ID>.txt), built from the real MIT text
    site = tmp_path / "site"
    (site / "spdx" / "data").mkdir(parents=True)
    (site / "spdx" / "__init__.py").write_text("", encoding="utf-8")
    text = (shared / "licences" / "mit.txt").read_text(encoding="utf-8")
    (site / "spdx" / "data" / "MIT.txt").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    sys.modules.pop("spdx", None)
    folder = repo(card("mit"), NOTICE="Copyright 2025 Acme Labs\n")
    report = audit_paths(str(folder), fix=True)
    assert any("installed `spdx` package" in f for f in report.repositories[0].fixes)
    assert (folder / "LICENSE").read_text(encoding="utf-8") == text
    assert audit_paths(str(folder)).findings == ()
