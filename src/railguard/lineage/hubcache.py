"""On-disk cache of Hugging Face Hub answers for ``--hub``: one small JSON file per model.

Files live in ``<railguard cache dir>/hub/`` (nothing when ``RAILGUARD_NO_CACHE`` is set). A file
is named after the model id, made safe for any file system, plus a digest of the Hub address and
the id, so two endpoints (``HF_ENDPOINT``) never share answers and no id can name a path outside
the folder. Whether an answer is still fresh is the caller's decision (``age`` is returned); a
file that cannot be read, is not JSON or belongs to another endpoint or id is ignored, and a file
that cannot be written only costs a request next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from railguard.cache import cache_dir

#: Bumped when the stored shape changes; files of another format are ignored.
FORMAT = 1
#: Hub answers are a few hundred bytes; anything much larger is not ours.
MAX_FILE_BYTES = 256 * 1024


def hub_cache_dir() -> Path | None:
    """``<cache dir>/hub``, or ``None`` when caching is off (``RAILGUARD_NO_CACHE``)."""
    base = cache_dir()
    return None if base is None else base / "hub"


def file_name(endpoint: str, model_id: str) -> str:
    """A safe, stable file name for the answer about ``model_id`` from ``endpoint``."""
    key = model_id.strip().lower()
    slug = re.sub(r"[^a-z0-9._-]+", "_", key).strip("._-")[:64] or "model"
    digest = hashlib.sha256(f"{endpoint}\0{key}".encode()).hexdigest()[:16]
    return f"{slug}.{digest}.json"


class AnswerCache:
    """Answers from one Hub endpoint, by model id (case-insensitive, as the Hub treats ids)."""

    def __init__(self, folder: Path | None, endpoint: str, now: Callable[[], float] = time.time) -> None:
        self.folder = folder
        self.endpoint = endpoint
        self.now = now

    def load(self, model_id: str) -> tuple[float, dict[str, Any]] | None:
        """``(age in seconds, stored payload)``, or ``None`` when there is no usable file."""
        if self.folder is None:
            return None
        path = self.folder / file_name(self.endpoint, model_id)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                return None
            data = json.loads(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        stored = data.get("stored")
        payload = data.get("answer")
        if (
            data.get("endpoint") != self.endpoint
            or data.get("id") != model_id.strip().lower()
            or not isinstance(stored, int | float)
            or isinstance(stored, bool)
            or not isinstance(payload, dict)
        ):
            return None
        return self.now() - float(stored), payload

    def store(self, model_id: str, payload: dict[str, Any]) -> None:
        """Write ``payload`` as the current answer about ``model_id``; failures are ignored."""
        if self.folder is None:
            return
        body = {
            "format": FORMAT,
            "endpoint": self.endpoint,
            "id": model_id.strip().lower(),
            "stored": self.now(),
            "answer": payload,
        }
        temporary: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # NOTE: write a temporary file and rename it, so a concurrent run never reads half a file.
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.folder, delete=False, suffix=".tmp"
            ) as out:
                temporary = out.name
                json.dump(body, out, sort_keys=True)
            os.replace(temporary, self.folder / file_name(self.endpoint, model_id))
        except OSError:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
