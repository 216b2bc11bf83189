"""``audit --fix``: the safe part of the repairs, and nothing that could damage a user's file.

* Notice lines the ancestors require (RG505) are appended to the repository's ``NOTICE`` file,
  or a new ``NOTICE`` is written. An existing file keeps every byte it had, its line ends and its
  byte-order mark; a ``NOTICE`` that is not a regular file or not UTF-8 text is left alone.
* A missing licence text (RG501, RG506) is written as a new file, never over an existing one: from
  an installed package that ships the SPDX licence texts (the ``spdx`` distribution's
  ``spdx/data/<SPDX-ID>.txt``), where one is installed and the licence has an SPDX id; otherwise a
  stub that names the licence and its canonical address, marked so that the audit still reports
  the text as missing until someone replaces it. railguard itself carries no licence text.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence

from railguard.audit.repository import Repository
from railguard.audit.texts import STUB_MARK, fold
from railguard.model import Finding, Licence

#: Installed distributions that ship SPDX licence texts: (import name, folder in it, file name pattern).
TEXT_PROVIDERS: tuple[tuple[str, str, str], ...] = (("spdx", "data", "{spdx}.txt"),)


def spdx_text(licence: Licence) -> tuple[str, str] | None:
    """The licence's SPDX text from an installed provider, and which provider, or ``None``."""
    if not licence.spdx:
        return None
    for package, folder, pattern in TEXT_PROVIDERS:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            path = os.path.join(location, folder, pattern.format(spdx=licence.spdx))
            if os.path.isfile(path) and not os.path.islink(path):
                try:
                    with open(path, encoding="utf-8") as handle:
                        return handle.read(), package
                except (OSError, UnicodeDecodeError):
                    continue
    return None


def stub(licence: Licence) -> str:
    """A placeholder naming the licence and where its text is published."""
    return (
        f"{licence.name}\n\n"
        f"This repository is licensed under the {licence.name} (`{licence.id}`"
        + (f", SPDX `{licence.spdx}`" if licence.spdx else "")
        + f").\nThe licence text is published at {licence.url}\n\n"
        f"{STUB_MARK}: replace this file with the full text of the licence; the licence requires its text to\n"
        "accompany every copy, and this stub is not that text.\n"
    )


def _write_new(folder: str, name: str, text: str) -> bool:
    """Write a new file; ``False`` when one exists (it is never replaced)."""
    try:
        with open(os.path.join(folder, name), "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def _licence_name(repo: Repository, licence: Licence, own: bool) -> str:
    taken = {n.lower() for n in repo.files}
    for candidate in (("LICENSE",) if own else ()) + (f"LICENSE-{licence.id}", f"LICENSE-{licence.id}.txt"):
        if candidate.lower() not in taken:
            return candidate
    return ""


def _append_notice(folder: str, existing: str | None, lines: Sequence[str]) -> bool:
    """Append ``lines`` to the NOTICE file (or write a new ``NOTICE``), keeping what is there byte for byte."""
    if existing is None:
        return _write_new(folder, "NOTICE", "\n".join(lines) + "\n")
    path = os.path.join(folder, existing)
    if os.path.islink(path) or not os.path.isfile(path):
        return False
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # not UTF-8: appending could corrupt it
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    addition = ("" if not text or text.endswith(("\n", "\r")) else newline) + newline.join(lines) + newline
    with open(path, "ab") as handle:
        handle.write(addition.encode("utf-8"))
    return True


def fix_repository(repo: Repository, findings: Sequence[Finding]) -> tuple[str, ...]:
    """Apply the safe fixes for ``findings``; one line describing each change."""
    from railguard.audit.checks import notice_carried, required_notices
    from railguard.audit.files import LocalSource

    if not isinstance(repo.source, LocalSource):
        return ()
    folder = repo.source.folder
    changes: list[str] = []
    codes = {f.code for f in findings}
    if "RG505" in codes:
        lines: list[str] = []
        for _licence, _via, kind, text, _clause in required_notices(repo):
            if not notice_carried(repo, kind, text) and text not in lines:
                lines.append(text)
        for _base, _name, text in repo.run.upstream_notices(repo):
            for line in (raw.strip() for raw in text.splitlines()):
                if len(fold(line)) >= 4 and fold(line) not in repo.notices_folded and line not in lines:
                    lines.append(line)
        existing = sorted(repo.notice_texts, key=lambda n: (n.upper() != "NOTICE", n))
        target = existing[0] if existing else None
        if lines and _append_notice(folder, target, lines):
            changes.append(f"added {len(lines)} notice line(s) to `{target or 'NOTICE'}`")
    wanted: dict[str, tuple[Licence, bool]] = {}
    for item in findings:
        if item.code in ("RG501", "RG506") and item.licence:
            licence = repo.run.lint.licence(item.licence)
            if licence is not None:
                wanted.setdefault(licence.id, (licence, item.code == "RG501"))
    for licence, own in wanted.values():
        name = _licence_name(repo, licence, own)
        if not name:
            continue
        provided = spdx_text(licence)
        text = provided[0] if provided else stub(licence)
        if _write_new(folder, name, text):
            how = f"the SPDX text from the installed `{provided[1]}` package" if provided else "a stub to complete"
            changes.append(f"wrote `{name}`: {how} (`{licence.id}`)")
    return tuple(changes)
