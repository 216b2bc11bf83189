"""A progress line on stderr while a large input is read, checked and written.

Shown only when stderr is a terminal and the input is large (a table of a few hundred thousand
models takes seconds), so that pipes, CI logs and small runs stay quiet; ``--quiet`` turns it off.
The line is rewritten in place (``\\r``) twice a second with the phase and the time spent, and
erased when the command is done.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

#: Inputs at least this large (bytes) get a progress line: about 80,000 models of a JSONL table.
LARGE = 10 * 1024 * 1024


def _size(path: str) -> int:
    try:
        if os.path.isdir(path):
            return sum(1 for _ in os.scandir(path)) * 4096
        return os.path.getsize(path)
    except OSError:
        return 0


class Progress:
    """The line and the thread that keeps it current."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.phase = ""
        self.start = self.since = time.monotonic()
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="railguard-progress", daemon=True)

    def step(self, phase: str) -> None:
        """Start a new phase."""
        with self.lock:
            self.phase, self.since = phase, time.monotonic()
        self._show()

    def _show(self) -> None:
        with self.lock:
            now = time.monotonic()
            line = f"railguard: {self.label}: {self.phase}... {now - self.since:.0f} s (total {now - self.start:.0f} s)"
            self.stream.write("\r\x1b[K" + line)
            self.stream.flush()

    def _run(self) -> None:
        while not self.done.wait(0.5):
            self._show()

    def close(self) -> None:
        """Stop and erase the line (once)."""
        if self.done.is_set():
            return
        self.done.set()
        if self.thread.is_alive():
            self.thread.join()
        self.stream.write("\r\x1b[K")
        self.stream.flush()


class Steps:
    """What a command calls: ``steps(phase)`` at each phase; ``steps.close()`` before it prints to the terminal."""

    def __init__(self, line: Progress | None = None) -> None:
        self.line = line

    def __call__(self, phase: str) -> None:
        if self.line is not None and not self.line.done.is_set():
            self.line.step(phase)

    def close(self) -> None:
        """Erase the line for good (the output or a summary is about to reach the terminal)."""
        if self.line is not None:
            self.line.close()


def _is_tty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(callable(isatty) and isatty())


@contextmanager
def progress(path: str, *, quiet: bool = False, stream: TextIO | None = None) -> Iterator[Steps]:
    """Steps that show a progress line for a large input when stderr is a terminal, else do nothing."""
    err = stream if stream is not None else sys.stderr
    if quiet or not _is_tty(err) or _size(path) < LARGE:
        yield Steps()
        return
    from railguard.report.escape import printable

    line = Progress(err, printable(os.path.basename(path.rstrip("/")) or path))
    line.thread.start()
    try:
        yield Steps(line)
    finally:
        line.close()


def stdout_is_terminal() -> bool:
    """Whether what a command prints goes to a terminal (then no progress line may share it)."""
    return _is_tty(sys.stdout)
