"""Hippocratic 3.0's composable modules (``HL3-CL-ECO-...``).

A module of its own, imported only when a module licence is read: creating a dataclass costs
about a millisecond, a noticeable share of a cold ``railguard lint`` that never needs one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Module:
    """Marks a licence as a composable module of a core licence (Hippocratic 3.0)."""

    of: str
    code: str
