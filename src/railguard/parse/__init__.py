"""Read a licence text into the rule model.

``parse_text`` runs the pipeline (:mod:`railguard.parse.pipeline`): decode (``source``), the structure
grammar (``structure``), numbering, labels, definitions and list repair (``outline``), the clause grammar
on every sentence (``clauses``, over ``lexer``), restrictions, obligations and the commercial flag
(``extract``, with categories from ``lexicon``), and comparison with the catalogue (``identify``, with
wording fingerprints from ``wording``). :mod:`railguard.parse.findings` reports the RG1xx findings,
documented in :mod:`railguard.parse.rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railguard.parse.pipeline import ParsedLicence, parse_file, parse_source, parse_text

__all__ = ["ParsedLicence", "parse_file", "parse_source", "parse_text"]


def __getattr__(name: str) -> Any:
    # NOTE: imported on first use, as for railguard.lint: the registry reads railguard.parse.rules on
    # every cold command, which must not load the grammars, the lexicon and the catalogue with it.
    if name in __all__:
        from railguard.parse import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'railguard.parse' has no attribute {name!r}")
