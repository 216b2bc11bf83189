"""Run railguard invocations in a fresh process and record what each printed (for the subprocess tests).

    python tests/hardening/driver.py PLAN.json RESULTS.json

PLAN is ``{"workdir": ..., "invocations": [[argv...], ...], "repeat": 2}``; each invocation is
run ``repeat`` times through :func:`railguard.cli.main` in ``workdir``, with stdout and stderr
captured as bytes, exactly as the console script would write them. RESULTS is a list of
``{"argv", "runs": [{"code", "out", "err"}]}`` (outputs as latin-1 strings of the bytes).

With ``RAILGUARD_TEST_BLOCK_NETWORK=LOGFILE`` set, every socket creation, connection and name
lookup raises and is logged to LOGFILE first, so the test sees an attempt even if the code
swallowed the exception.

With ``RAILGUARD_TEST_NO_PASSWD=1`` set, the user id has no passwd entry (``pwd.getpwuid`` raises
``KeyError``, as for a container started with an arbitrary ``--user``); unset ``HOME`` as well to
leave the process without a home directory.
"""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from typing import Any


def block_network(log: str) -> None:
    """Make every way out of the process fail, and log the attempt."""
    import socket

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"{what} {args[:2]!r}\n")
            raise OSError(f"network access blocked by the test: {what}")

        return refused

    class BlockedSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            refuse("socket")(*args)

    socket.socket = BlockedSocket  # type: ignore[misc]
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "socketpair"):
        setattr(socket, name, refuse(name))


def run(argv: list[str]) -> dict[str, Any]:
    from railguard.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    out_text = io.TextIOWrapper(out, encoding="utf-8", errors="backslashreplace", write_through=True)
    err_text = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    with redirect_stdout(out_text), redirect_stderr(err_text):
        code = main(argv)
    return {"code": int(code), "out": out.getvalue().decode("latin-1"), "err": err.getvalue().decode("latin-1")}


def run_plan(
    workdir: str | os.PathLike[str], invocations: list[list[str]], repeat: int, env: dict[str, str], files: str
) -> list[dict[str, Any]]:
    """Run this driver in a new process (``env``), its plan and results as ``files``-plan/-results.json.

    Raises:
        AssertionError: the driver itself failed.
    """
    import subprocess

    plan, results = f"{files}-plan.json", f"{files}-results.json"
    with open(plan, "w", encoding="utf-8") as handle:
        json.dump({"workdir": os.fspath(workdir), "invocations": invocations, "repeat": repeat}, handle)
    proc = subprocess.run(
        [sys.executable, __file__, plan, results], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert proc.returncode == 0, proc.stderr
    with open(results, encoding="utf-8") as handle:
        found: list[dict[str, Any]] = json.load(handle)
    return found


def main() -> int:
    plan_path, results_path = sys.argv[1:3]
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    if os.environ.get("RAILGUARD_TEST_NO_PASSWD"):
        import pwd

        def no_entry(uid: int) -> Any:
            raise KeyError(f"getpwuid(): uid not found: {uid}")

        pwd.getpwuid = no_entry
    log = os.environ.get("RAILGUARD_TEST_BLOCK_NETWORK")
    if log:
        block_network(log)
    os.chdir(plan["workdir"])
    results = [{"argv": argv, "runs": [run(argv) for _ in range(plan["repeat"])]} for argv in plan["invocations"]]
    with open(results_path, "w", encoding="utf-8") as handle:
        json.dump(results, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
