"""Shared fixtures and the hypothesis profiles (``ci`` is bounded and deterministic)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# NOTE: tests must not read or write the user's real cache; one fresh cache per test session.
os.environ.setdefault("RAILGUARD_CACHE_DIR", tempfile.mkdtemp(prefix="railguard-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The real licence texts and model cards beside the project; skip when absent."""
    if not (SHARED / "licences").is_dir():
        pytest.skip(f"needs the shared test data at {SHARED} (real licence texts and model cards), which is absent")
    return SHARED
