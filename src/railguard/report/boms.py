"""``lineage --format spdx``, ``spdx3`` and ``cyclonedx``: the registry's entries for the bills of
materials (the writers are :mod:`railguard.report.spdx` and :mod:`railguard.report.cyclonedx`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from railguard.lineage.model import LineageResult
    from railguard.report.registry import Options


def write_spdx2(result: LineageResult, out: TextIO, options: Options) -> None:
    """SPDX 2.3 JSON."""
    from railguard.report.spdx import lineage_spdx2

    out.write(lineage_spdx2(result, options.source or ""))


def write_spdx3(result: LineageResult, out: TextIO, options: Options) -> None:
    """SPDX 3.0.1 JSON-LD with the AI profile."""
    from railguard.report.spdx import lineage_spdx3

    out.write(lineage_spdx3(result, options.source or ""))


def write_cyclonedx(result: LineageResult, out: TextIO, options: Options) -> None:
    """A CycloneDX 1.6 JSON BOM."""
    from railguard.report.cyclonedx import lineage_cyclonedx

    out.write(lineage_cyclonedx(result, options.source or ""))
