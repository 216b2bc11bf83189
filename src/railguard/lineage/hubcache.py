"""On-disk cache of Hugging Face Hub answers for ``--hub``: one small JSON file per model.

Files live in ``<railguard cache dir>/hub/`` (nothing when ``RAILGUARD_NO_CACHE`` is set), read and
written through :mod:`railguard.cache` (a folder of the user's only, mode 0700, no symbolic link
followed). A file is named after the model id, made safe for any file system, plus a digest of the
Hub address and the id, so two endpoints (``HF_ENDPOINT``) never share answers and no id can name
a path outside the folder. The address is the one without credentials: a password in
``HF_ENDPOINT`` never reaches a cache file. Whether an answer is still fresh is the caller's
decision (``age`` is returned); a file that cannot be read, is not JSON or belongs to another
endpoint or id is ignored, and a file that cannot be written only costs a request next time.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from typing import Any

from railguard import cache

#: Bumped when the stored shape changes; files of another format are ignored.
FORMAT = 1
#: Hub answers are a few hundred bytes; anything much larger is not ours.
MAX_FILE_BYTES = 256 * 1024


def hub_cache_dir() -> str | None:
    """``<cache dir>/hub``, or ``None`` when caching is off or the folder cannot be used safely."""
    return cache.folder("hub")


def without_credentials(url: str) -> str:
    """``url`` without the ``user:password@`` part of its address (a proxy's or a mirror's login).

    >>> without_credentials("https://ci:s3cret@hub.example.org:8443/mirror")
    'https://hub.example.org:8443/mirror'
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    authority, slash, path = rest.partition("/")
    host = authority.rpartition("@")[2]
    return f"{scheme}{sep}{host}{slash}{path}"


def file_name(endpoint: str, model_id: str) -> str:
    """A safe, stable file name for the answer about ``model_id`` from ``endpoint``."""
    key = model_id.strip().lower()
    slug = re.sub(r"[^a-z0-9._-]+", "_", key).strip("._-")[:64] or "model"
    digest = hashlib.sha256(f"{endpoint}\0{key}".encode()).hexdigest()[:16]
    return f"{slug}.{digest}.json"


class AnswerCache:
    """Answers from one Hub endpoint, by model id (case-insensitive, as the Hub treats ids)."""

    def __init__(
        self, folder: str | os.PathLike[str] | None, endpoint: str, now: Callable[[], float] = time.time
    ) -> None:
        self.folder = None if folder is None else os.fspath(folder)
        self.endpoint = without_credentials(endpoint)
        self.now = now

    def load(self, model_id: str) -> tuple[float, dict[str, Any]] | None:
        """``(age in seconds, stored payload)``, or ``None`` when there is no usable file."""
        if self.folder is None:
            return None
        data = cache.read_json(self.folder, file_name(self.endpoint, model_id), MAX_FILE_BYTES)
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
        cache.write_json(self.folder, file_name(self.endpoint, model_id), body)
