"""Read a licence text into the rule model.

``parse_text`` runs the pipeline (:mod:`railguard.parse.pipeline`): decode (``source``), the structure
grammar (``structure``), numbering, labels, definitions and list repair (``outline``), the clause grammar
on every sentence (``clauses``, over ``lexer``), restrictions, obligations and the commercial flag
(``extract``, with categories from ``lexicon``), and comparison with the catalogue (``identify``, with
wording fingerprints from ``wording``). :mod:`railguard.parse.findings` reports the RG1xx findings,
documented in :mod:`railguard.parse.rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.lazyexports import lazy_exports

if TYPE_CHECKING:
    from railguard.parse.pipeline import ParsedLicence, parse_file, parse_source, parse_text

__all__ = ["ParsedLicence", "parse_file", "parse_source", "parse_text"]


__getattr__ = lazy_exports(__name__, "railguard.parse.pipeline", __all__)
