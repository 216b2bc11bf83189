"""Whether a ``README.md`` without front matter is a model card at all.

A code repository has READMEs everywhere (``docs/README.md``, ``src/pkg/README.md``) and the
pre-commit hook sees each one a commit touches. A README with front matter, and any file named
``MODEL_CARD.md`` or ``modelcard.md``, is a card. A README without front matter is a card only
when it looks like one:

* it has model-card metadata written as YAML lines (``license:``, ``base_model:``,
  ``pipeline_tag:``, ``library_name:``, ``model-index:``) before its first heading or in its first
  lines: a card whose ``---`` was lost;
* its headings follow the model-card template (two or more of "Model Details", "Model
  Description", "Intended Uses", "Training Data", "Training Procedure", "Bias, Risks, and
  Limitations", "Out-of-Scope Use", "Evaluation Results", ... or a title "Model Card for X");
* or its path matches a ``cards`` pattern of ``[tool.railguard]``.

Anything else is skipped without a finding (``--strict`` lints every README as a card, as
before). A skipped file is named in the summary, so nothing is skipped silently.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from railguard.card.reader import ModelCard
from railguard.lazyre import lazy

#: Metadata keys that only a model card's front matter has.
_METADATA = lazy(
    r"^(?:license|licence|base_model|base_model_relation|pipeline_tag|library_name|model-index|license_name"
    r"|license_link)[ \t]*:",
    re.IGNORECASE,
)
#: Section titles of the Hub's model-card template (and of the older "Model Cards for Model
#: Reporting"), and those model publishers add that a code project's README does not have.
_TEMPLATE = lazy(
    r"^(?:model (?:details|description|sources|architecture|summary|overview|type|card authors|card contact)"
    r"|intended uses?(?: (?:&|and) limitations)?|(?:direct|downstream|out-of-scope) uses?"
    r"|bias(?:es)?,? risks,? (?:and|&) limitations|(?:risks|bias|biases) (?:and|&) limitations"
    r"|limitations and bias(?:es)?"
    r"|training (?:details|data|procedure|hyperparameters|results)|training and evaluation data"
    r"|evaluation (?:results|data|metrics)|testing data,? factors,? (?:and|&) metrics"
    r"|environmental impact|technical specifications|compute infrastructure|framework versions"
    r"|how to get started with the model|ethical considerations|caveats and recommendations"
    r"|prompt (?:format|template)s?|provided files|merge (?:details|method)|models merged"
    r"|quanti[sz]ations?(?: methods)?|quanti[sz]ed models|trigger words|example outputs"
    r"|(?:\[)?open llm leaderboard evaluation results)\b",
    re.IGNORECASE,
)
#: What may come before a heading's words: numbering ("2. Model Summary"), emphasis, emoji.
_TITLE_PREFIX = lazy(r"^[\W\d_]*(?:\d+(?:\.\d+)*\.?\s*)?")
_TITLE = lazy(r"^model card(?: (?:for|of)\b|\s*[:\-]|$)", re.IGNORECASE)
#: How many lines at the top may hold metadata lines of a card that lost its ``---``.
_HEAD_LINES = 30


def _metadata_lines(card: ModelCard) -> int:
    count = 0
    for line in card.lines[:_HEAD_LINES]:
        if line.lstrip().startswith("#"):
            break
        if _METADATA.match(line):
            count += 1
    return count


def looks_like_a_card(card: ModelCard) -> bool:
    """Whether a README without front matter reads as a model card (see the module docstring)."""
    if _metadata_lines(card):
        return True
    titles = [_TITLE_PREFIX.sub("", section.title).strip(" *_`") for section in card.sections]
    if any(_TITLE.match(title) for title in titles):
        return True
    return len({m.group(0).lower() for t in titles if (m := _TEMPLATE.match(t)) is not None}) >= 2


def configured_card(path: str, patterns: Sequence[str], root: str | None) -> bool:
    """Whether ``path`` matches a ``cards`` pattern.

    Patterns are globs relative to ``root`` (the settings file's folder), ``/``-separated, as in
    ``.gitignore``: ``*`` stays within a folder, ``**`` crosses folders
    (``models/**/README.md``).
    """
    if not patterns:
        return False
    from railguard.lint.files import glob_regex

    relative = os.path.relpath(os.path.realpath(path), root) if root is not None else path
    relative = relative.replace(os.sep, "/")
    return any(glob_regex(pattern).fullmatch(relative) for pattern in patterns)
