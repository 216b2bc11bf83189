"""The Hugging Face Hub's words for model-card metadata that railguard reads (one place for each).

Facts kept in step with the Hub (https://huggingface.co/docs/hub/model-cards); no imports, so the
linter's cold start can use them at no cost.
"""

from __future__ import annotations

#: Every value the Hub accepts for ``base_model_relation``.
RELATIONS: tuple[str, ...] = ("adapter", "merge", "quantized", "finetune")

#: ``license`` values that declare no particular licence.
UNDECLARED = frozenset({"other", "unknown"})

#: File names the Hub and the pre-commit hook treat as model cards, the Hub's own first.
CARD_NAMES: tuple[str, ...] = ("README.md", "MODEL_CARD.md", "modelcard.md")
