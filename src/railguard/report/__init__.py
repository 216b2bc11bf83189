"""Renderers: turn model values into text and JSON. No click here."""
