"""Exit codes: the contract scripts rely on (see README "Exit codes")."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a railguard process returns."""

    #: The command did its job and found nothing at or above ``--fail-on``.
    OK = 0
    #: The command did its job and found something: an error finding, a conflict, not permitted.
    FINDINGS = 1
    #: The command could not do its job: usage error, unreadable input, internal error.
    ERROR = 2
    #: Interrupted with Ctrl-C.
    INTERRUPTED = 130


EXIT_CODES_HELP = """\b
Exit codes:
    0  done, nothing found (compatible, permitted)
    1  done, findings at or above --fail-on (conflict, not permitted)
    2  could not run: usage error, unreadable input, unknown licence, internal error
       (--exit-zero never hides it; --debug shows an internal error's traceback)
  130  interrupted (Ctrl-C)
"""
