"""Write a long output from two processes in turns, each rendering its next part while the other writes.

A lineage of millions of models writes gigabytes of JSON, and rendering it is the longest part of
the run. The parts are numbered; a forked copy of the process renders the odd ones, the process
itself the even ones, and a token passed through two pipes says whose turn it is to write. The
copy shares the results with the process (copy-on-write), so only what it touches is duplicated.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
from collections.abc import Callable

#: what a writer passes the other: "your turn", "stop: the output was closed", "stop: failed".
_TURN, _CLOSED, _FAILED = b".", b"P", b"!"


def can_fork() -> bool:
    """Whether the output may be written by two processes: fork exists, two cores, one thread."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


def write_in_turns(render: Callable[[int], bytes], count: int, fd: int) -> None:
    """Write ``render(0)``, ``render(1)``, ... ``render(count - 1)`` to ``fd`` in order, from two processes.

    Raises:
        BrokenPipeError: the reader went away.
        RuntimeError: the other process failed.
    """
    to_child_r, to_child_w = os.pipe()
    to_parent_r, to_parent_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked copy (its coverage is not collected)
        os.close(to_child_w)
        os.close(to_parent_r)
        code = 0
        try:
            _take_turns(render, count, fd, 1, to_child_r, to_parent_w)
        except BrokenPipeError:
            _send(to_parent_w, _CLOSED)
        except BaseException as exc:  # reported to the parent, which raises it
            _send(to_parent_w, _FAILED + _pickled(exc))
            code = 1
        # NOTE: no clean-up: the copy's interpreter state (buffers, atexit) belongs to the parent.
        os._exit(code)
    os.close(to_child_r)
    os.close(to_parent_w)
    try:
        _take_turns(render, count, fd, 0, to_parent_r, to_child_w)
    finally:
        os.close(to_child_w)  # an unfinished copy reads the end and stops
        os.close(to_parent_r)
        os.waitpid(pid, 0)


def _take_turns(render: Callable[[int], bytes], count: int, fd: int, first: int, wait: int, signal: int) -> None:
    for part in range(first, count, 2):
        data = render(part)
        if part:
            token = os.read(wait, 1)
            if token == _CLOSED:
                raise BrokenPipeError("the output was closed")
            if token == _FAILED:
                raise _unpickled(_read_all(wait))
            if token != _TURN:
                raise RuntimeError("the second output process stopped")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if part + 1 < count:
            _send(signal, _TURN)


def _pickled(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:
        return pickle.dumps(RuntimeError(f"the second output process failed: {type(exc).__name__}: {exc}"))


def _unpickled(data: bytes) -> BaseException:
    try:
        found = pickle.loads(data)  # noqa: S301 - written by this process's own fork
    except Exception:
        return RuntimeError("the second output process failed")
    return found if isinstance(found, BaseException) else RuntimeError("the second output process failed")


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _send(fd: int, message: bytes) -> None:
    with contextlib.suppress(OSError):  # the other process is gone: nothing to tell
        os.write(fd, message)
