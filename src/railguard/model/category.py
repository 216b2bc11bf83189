"""Restriction categories: the vocabulary of what licences restrict.

A module of its own, imported only by what reads the categories (the catalogue's loader and
``explain``): creating a dataclass costs about a millisecond, a noticeable share of a cold
``railguard lint`` that never needs one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    """A restriction category (a slug such as ``military``) with its meaning."""

    slug: str
    title: str
    description: str
