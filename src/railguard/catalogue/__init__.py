"""The licence catalogue: validated data files under ``licences/``."""

from railguard.catalogue.loader import Catalogue, compose, load_catalogue
from railguard.model.names import normalise

__all__ = ["Catalogue", "compose", "load_catalogue", "normalise"]
