"""``python -m railguard``."""

from railguard.cli import run

run()
