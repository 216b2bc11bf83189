"""Hugging Face model cards: a README.md with YAML front matter, read with positions."""

from railguard.card.reader import CardProblem, ModelCard, Section, parse_card, read_card_file

__all__ = ["CardProblem", "ModelCard", "Section", "parse_card", "read_card_file"]
