"""railguard: reads responsible-AI licences and checks what model derivatives inherit.

The library API works without the command line::

    from railguard import load_catalogue
    licence = load_catalogue().get("creativeml-openrail-m")
"""

from __future__ import annotations

__version__ = "0.1.0.dev0"

from railguard.catalogue import Catalogue, load_catalogue

__all__ = ["Catalogue", "__version__", "load_catalogue"]
