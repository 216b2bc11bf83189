"""``--fix``: the few edits that cannot change what a card means, applied to its front matter only.

* ``license: Apache-2.0`` -> ``license: apache-2.0``: an id that differs from a Hub id only in
  case and separators (RG405).
* ``license: deepseek`` (a catalogue licence the Hub does not list) -> ``license: other`` with
  ``license_name: deepseek-license`` and the licence's ``license_link`` (RG405).
* ``license: other`` with a recognised ``license_name`` and no link: add the catalogue's
  ``license_link`` (RG407); with a recognised ``license_link`` and no name: add ``license_name``
  (RG406).

Only a ``license`` written as a plain one-line value is rewritten; anything else (a list, a
multi-line value, a YAML anchor) is left to the author.

**The file is never damaged.** The changed front-matter lines are spliced into the file's
original bytes: every other byte stays as it was, whatever its encoding (a body in Latin-1, a
stray invalid byte), and each line keeps its own line end (one CRLF in a file of LFs stays one
CRLF). A UTF-16 card is decoded strictly and written back in UTF-16 with its byte-order mark. The
result is read back before anything is written: unless it parses to exactly the metadata intended,
the fix is refused with RG010 and the file is left alone. So is a card whose line to edit is not
valid UTF-8, or whose file changed on disk while it was linted.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from typing import Any

from railguard.card.reader import ModelCard
from railguard.lint.checks.licence import licence_value, safe_case_fix
from railguard.lint.context import RunContext
from railguard.lint.hubids import HUB_LICENCE_IDS
from railguard.model import Finding

_SIMPLE = re.compile(r"^(?P<key>license\s*:\s*)(?P<q>['\"]?)(?P<value>[^'\"#\n]*?)(?P=q)(?P<rest>\s*(?:#.*)?)$")


class Unsafe(Exception):
    """Why a fix cannot be spliced into the file safely (the fix is then refused)."""


@dataclass(frozen=True, slots=True)
class Fixed:
    """The card after the fixes, its new bytes, and one line describing each fix.

    Attributes:
        card: the card as it reads after the fixes (the original when nothing was done).
        changes: one line a fix; empty when there was nothing to do or the fix was refused.
        data: the file's new bytes (``None`` when nothing changes).
        refused: why the fixes could not be applied safely, if they could not.
    """

    card: ModelCard
    changes: tuple[str, ...] = ()
    data: bytes | None = None
    refused: str | None = None


_LINE_END = re.compile(rb"(\r\n|\r|\n)")
_TEXT_LINE_END = re.compile(r"(\r\n|\r|\n)")
_UTF16 = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def _edit(segments: list[Any], replace: dict[int, Any], after: int, inserts: list[Any]) -> list[Any]:
    """Lines and their ends (``[line, end, line, end, ..., last]``) with lines replaced and inserted."""
    out = list(segments)
    for number, new in replace.items():
        out[2 * (number - 1)] = new
    if inserts:
        end = out[2 * after - 1]  # the inserted lines take the line end of the line they follow
        added: list[Any] = []
        for line in inserts:
            added += [line, end]
        out[2 * after : 2 * after] = added
    return out


def splice(data: bytes, lines: int, replace: dict[int, str], after: int, inserts: list[str]) -> bytes:
    """``data`` with front-matter lines replaced and inserted, every other byte kept.

    ``lines`` is the number of lines the card was read as (a check that bytes and text agree);
    ``after`` is the line the ``inserts`` follow.

    Raises:
        Unsafe: the file's lines cannot be edited without changing other bytes.
    """
    codec = _UTF16.get(data[:2])
    if codec is not None:
        try:
            text = data[2:].decode(codec)
        except UnicodeDecodeError:
            raise Unsafe("the file is not valid UTF-16") from None
        parts: list[Any] = _TEXT_LINE_END.split(text)
        if len(parts) != 2 * lines - 1:
            raise Unsafe("its lines could not be matched with the text read")
        return data[:2] + "".join(_edit(parts, replace, after, inserts)).encode(codec)
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    segments: list[Any] = _LINE_END.split(data[len(bom) :])
    if len(segments) != 2 * lines - 1:
        raise Unsafe("its lines could not be matched with the text read")
    for number in replace:
        try:
            segments[2 * (number - 1)].decode("utf-8")
        except UnicodeDecodeError:
            raise Unsafe(f"line {number} is not valid UTF-8") from None
    edited = _edit(
        segments,
        {n: text.encode("utf-8") for n, text in replace.items()},
        after,
        [text.encode("utf-8") for text in inserts],
    )
    return bom + b"".join(edited)


def _yaml_value(value: str) -> str:
    # NOTE: URLs and ids are plain scalars unless they contain YAML indicators.
    if re.search(r"[:#]\s|^[\s\-?:,\[\]{}#&*!|>'\"%@`]|\s$", value) or value in ("", "null", "true", "false"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def fix_card(card: ModelCard, run: RunContext, data: bytes) -> Fixed:
    """Every safe fix of ``card`` (read from ``data``), spliced into ``data``.

    ``changes`` is empty when there was nothing to do, or when the fixes could not be applied
    safely (``refused`` then says why).
    """
    if card.problem is not None or card.front_matter is None:
        return Fixed(card)
    key, value = licence_value(card.meta)
    if key != "license" or not isinstance(value, str) or "license" not in card.keys:
        return Fixed(card)
    lines = card.lines
    line_no = card.keys["license"][0]
    match = _SIMPLE.match(lines[line_no - 1])
    changes: list[str] = []
    inserts: list[str] = []
    replace: dict[int, str] = {}
    #: the metadata the fixed file must read as
    wanted: dict[str, Any] = {}
    stripped = value.strip()
    meta = card.meta
    has_name = isinstance(meta.get("license_name"), str) and bool(meta["license_name"].strip())
    has_link = isinstance(meta.get("license_link"), str) and bool(meta["license_link"].strip())
    if match is not None and match.group("value").strip() == stripped and stripped not in HUB_LICENCE_IDS:
        licence = run.licence(stripped)
        if licence is not None and licence.hub in HUB_LICENCE_IDS and safe_case_fix(stripped, licence.hub):
            replace[line_no] = f"{match.group('key')}{licence.hub}{match.group('rest')}"
            wanted["license"] = licence.hub
            changes.append(f"`license: {stripped}` -> `license: {licence.hub}`")
        elif licence is not None and licence.hub not in HUB_LICENCE_IDS and not has_name:
            replace[line_no] = f"{match.group('key')}other{match.group('rest')}"
            wanted["license"] = "other"
            inserts.append(f"license_name: {_yaml_value(licence.id)}")
            wanted["license_name"] = licence.id
            changes.append(f"`license: {stripped}` -> `license: other` with `license_name: {licence.id}`")
            if not has_link and licence.url:
                inserts.append(f"license_link: {_yaml_value(licence.url)}")
                wanted["license_link"] = licence.url
                changes.append(f"added `license_link: {licence.url}`")
    elif stripped.lower() == "other":
        name = meta.get("license_name") if has_name else None
        licence = run.licence(str(name)) if name else None
        if licence is not None and not has_link and licence.url:
            inserts.append(f"license_link: {_yaml_value(licence.url)}")
            wanted["license_link"] = licence.url
            changes.append(f"added `license_link: {licence.url}` for `{name}`")
        elif not has_name and has_link:
            from railguard.lint.tables import name_table, url_key

            known = name_table().urls.get(url_key(str(meta["license_link"])))
            if known is not None:
                inserts.append(f"license_name: {_yaml_value(known)}")
                wanted["license_name"] = known
                changes.append(f"added `license_name: {known}` for the linked licence")
    if not changes:
        return Fixed(card)
    after = max(card.keys.get(k, (0, 0))[0] for k in ("license", "license_name", "license_link"))
    after = _end_of_value(card, after)
    return _applied(card, data, replace, after, inserts, wanted, tuple(changes))


def _applied(
    card: ModelCard,
    data: bytes,
    replace: dict[int, str],
    after: int,
    inserts: list[str],
    wanted: dict[str, Any],
    changes: tuple[str, ...],
) -> Fixed:
    """The fixes spliced into ``data`` and read back, or refused with the reason."""
    from railguard.card.reader import read_card_bytes

    try:
        new = splice(data, len(card.lines), replace, after, inserts)
    except Unsafe as exc:
        return Fixed(card, refused=str(exc))
    fixed = read_card_bytes(new, card.path)
    if fixed.problem is not None or fixed.meta != {**card.meta, **wanted}:
        return Fixed(card, refused="the edited front matter did not read back as intended")
    return Fixed(fixed, changes, new)


def _end_of_value(card: ModelCard, line: int) -> int:
    """The last line of the top-level entry starting at ``line`` (continuation lines are indented)."""
    assert card.front_matter is not None
    last = line
    for number in range(line + 1, card.front_matter[1]):
        text = card.lines[number - 1]
        if text.strip() and not text.startswith((" ", "\t")):
            break
        if text.strip():
            last = number
    return last


def apply_fix(
    card: ModelCard, data: bytes, run: RunContext, *, write: bool
) -> tuple[ModelCard, tuple[str, ...], str, Finding | None]:
    """Fix ``card`` (read from ``data``): write the file when ``write``, else only describe the change.

    Returns the card as it reads after the fixes (written or, with ``--diff``, previewed: what is
    linted is what the patch would leave), the changes made, their unified diff, and RG010 when the
    fixes had to be refused.
    """
    fixed = fix_card(card, run, data)
    if fixed.refused is not None:
        return card, (), "", _refusal(card, fixed.refused)
    if fixed.data is None:
        return card, (), "", None
    diff = unified_diff(card.path, data, fixed.data)
    if not write:
        return fixed.card, fixed.changes, diff, None
    try:
        _write(card.path, data, fixed.data)
    except Unsafe as exc:
        return card, (), "", _refusal(card, str(exc))
    return fixed.card, fixed.changes, diff, None


def _refusal(card: ModelCard, reason: str) -> Finding:
    from railguard.rules import finding

    line, col = card.value_position("license")
    return finding(
        "RG010",
        f"`--fix` left `{card.path}` unchanged: {reason}",
        hint="make the change the other findings name by hand, in an editor that keeps the file's encoding",
        file=card.path,
        line=line,
        col=col,
    )


def _write(path: str, before: bytes, after: bytes) -> None:
    """Replace the file's bytes ``before`` with ``after``, all at once.

    Raises:
        Unsafe: the file changed on disk since it was read, or cannot be written.
    """
    import shutil
    import tempfile

    target = os.path.realpath(path)  # NOTE: a symlinked card is updated, not replaced by a copy
    try:
        with open(target, "rb") as handle:
            if handle.read(len(before) + 1) != before:
                raise Unsafe("the file changed on disk while it was linted")
        handle_fd, temporary = tempfile.mkstemp(prefix=".railguard-fix-", dir=os.path.dirname(target))
        try:
            with os.fdopen(handle_fd, "wb") as out:
                out.write(after)
            shutil.copymode(target, temporary)
            # NOTE: written beside the card and renamed over it, so that an interrupted write
            # (a full disk, a killed process) never leaves half a card behind.
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise Unsafe(f"it cannot be written: {exc.strerror or exc}") from None


#: Control characters of the card's text, shown escaped in a diff (a terminal would act on them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """The unified diff between two versions of a card (``a/path`` -> ``b/path``, as git writes it).

    Bytes that are not text in the file's encoding are kept as surrogate escapes, so that writing
    the diff with ``surrogateescape`` gives back the file's own bytes; control characters are
    escaped (``\\x1b``), so printing a diff never drives the terminal.
    """
    import difflib

    codec = _UTF16.get(before[:2])

    def lines(data: bytes) -> list[str]:
        text = data[2:].decode(codec, "replace") if codec else data.decode("utf-8", "surrogateescape")
        parts = _TEXT_LINE_END.split(text)
        out = [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
        return out[:-1] if out and not out[-1] else out

    name = path.replace(os.sep, "/")
    out = difflib.unified_diff(lines(before), lines(after), f"a/{name}", f"b/{name}")
    return "".join(
        _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", line if line.endswith(("\n", "\r")) else line + "\n")
        for line in out
    )
