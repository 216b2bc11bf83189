"""Build hook: the wheel carries the catalogue snapshot and the compiled grammars (issue 11).

The catalogue and the grammars of a release never change, so they are read, validated and
compiled once, here, instead of in every command or in a per-user cache that others could write.
They are made by the package's own code (``railguard.catalogue.snapshot`` and
``railguard.grammars``) in a separate process that imports it from ``src/`` and reads the YAML
(``RAILGUARD_NO_CACHE``: nothing from the builder's own cache enters a wheel). An editable install
makes nothing: it reads ``licences/`` and ``grammar/`` directly, so it sees every edit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from railguard.catalogue.snapshot import write_package_files as catalogue
from railguard.grammars import write_package_files as grammars
print("\\n".join(catalogue(sys.argv[2]) + grammars(sys.argv[2])))
"""


class RailguardBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Adds ``railguard/_data/catalogue.marshal`` and ``railguard/_data/grammars/*.marshal``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._out = tempfile.mkdtemp(prefix="railguard-build-")
        env = {**os.environ, "RAILGUARD_NO_CACHE": "1"}
        result = subprocess.run(
            # NOTE: no -E: pip's isolated build environment reaches its packages through PYTHONPATH.
            [sys.executable, "-c", _SCRIPT, os.path.join(self.root, "src"), self._out],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"building the catalogue snapshot and grammars failed:\n{result.stderr}")
        for name in result.stdout.split():
            build_data["force_include"][os.path.join(self._out, name)] = f"railguard/_data/{name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
