"""railguard: reads responsible-AI licences and checks what model derivatives inherit.

The library API works without the command line::

    from railguard import load_catalogue
    licence = load_catalogue().get("creativeml-openrail-m")
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue, load_catalogue

__all__ = ["Catalogue", "__version__", "load_catalogue"]


def __getattr__(name: str) -> Any:
    # NOTE: imported on first use, so `railguard --version` and cached runs skip the catalogue code.
    if name in ("Catalogue", "load_catalogue"):
        from railguard import catalogue

        return getattr(catalogue, name)
    raise AttributeError(f"module 'railguard' has no attribute {name!r}")
