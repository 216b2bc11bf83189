"""``--fix``: the few edits that cannot change what a card means, applied to its front matter only.

* ``license: Apache-2.0`` -> ``license: apache-2.0``: an id that differs from a Hub id only in
  case and separators (RG405).
* ``license: deepseek`` (a catalogue licence the Hub does not list) -> ``license: other`` with
  ``license_name: deepseek-license`` and the licence's ``license_link`` (RG405).
* ``license: other`` with a recognised ``license_name`` and no link: add the catalogue's
  ``license_link`` (RG407); with a recognised ``license_link`` and no name: add ``license_name``
  (RG406).

Only a ``license`` written as a plain one-line value is rewritten; anything else (a list, a
multi-line value, a YAML anchor) is left to the author. The body is never touched, and the file
keeps its line ends and byte-order mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from railguard.card.reader import ModelCard, parse_card
from railguard.lint.checks.licence import licence_value, safe_case_fix
from railguard.lint.context import RunContext
from railguard.lint.hubids import HUB_LICENCE_IDS

_SIMPLE = re.compile(r"^(?P<key>license\s*:\s*)(?P<q>['\"]?)(?P<value>[^'\"#\n]*?)(?P=q)(?P<rest>\s*(?:#.*)?)$")


@dataclass(frozen=True, slots=True)
class Fixed:
    """The card after the fixes, and one line describing each fix."""

    card: ModelCard
    changes: tuple[str, ...]

    def render(self) -> bytes:
        """The file's new bytes, with its original line ends and BOM."""
        text = self.card.text.replace("\n", self.card.newline) if self.card.newline != "\n" else self.card.text
        return (b"\xef\xbb\xbf" if self.card.bom else b"") + text.encode("utf-8")


def _yaml_value(value: str) -> str:
    # NOTE: URLs and ids are plain scalars unless they contain YAML indicators.
    if re.search(r"[:#]\s|^[\s\-?:,\[\]{}#&*!|>'\"%@`]|\s$", value) or value in ("", "null", "true", "false"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def fix_card(card: ModelCard, run: RunContext) -> Fixed:
    """Apply every safe fix to ``card``; ``changes`` is empty when there was nothing to do."""
    if card.problem is not None or card.front_matter is None:
        return Fixed(card, ())
    key, value = licence_value(card.meta)
    if key != "license" or not isinstance(value, str) or "license" not in card.keys:
        return Fixed(card, ())
    lines = list(card.lines)
    line_no = card.keys["license"][0]
    match = _SIMPLE.match(lines[line_no - 1])
    changes: list[str] = []
    inserts: list[str] = []
    stripped = value.strip()
    meta = card.meta
    has_name = isinstance(meta.get("license_name"), str) and bool(meta["license_name"].strip())
    has_link = isinstance(meta.get("license_link"), str) and bool(meta["license_link"].strip())
    if match is not None and match.group("value").strip() == stripped and stripped not in HUB_LICENCE_IDS:
        licence = run.licence(stripped)
        if licence is not None and licence.hub in HUB_LICENCE_IDS and safe_case_fix(stripped, licence.hub):
            lines[line_no - 1] = f"{match.group('key')}{licence.hub}{match.group('rest')}"
            changes.append(f"`license: {stripped}` -> `license: {licence.hub}`")
        elif licence is not None and licence.hub not in HUB_LICENCE_IDS and not has_name:
            lines[line_no - 1] = f"{match.group('key')}other{match.group('rest')}"
            inserts.append(f"license_name: {_yaml_value(licence.id)}")
            changes.append(f"`license: {stripped}` -> `license: other` with `license_name: {licence.id}`")
            if not has_link and licence.url:
                inserts.append(f"license_link: {_yaml_value(licence.url)}")
                changes.append(f"added `license_link: {licence.url}`")
    elif stripped.lower() == "other":
        name = meta.get("license_name") if has_name else None
        licence = run.licence(str(name)) if name else None
        if licence is not None and not has_link and licence.url:
            inserts.append(f"license_link: {_yaml_value(licence.url)}")
            changes.append(f"added `license_link: {licence.url}` for `{name}`")
        elif not has_name and has_link:
            from railguard.lint.tables import name_table, url_key

            known = name_table().urls.get(url_key(str(meta["license_link"])))
            if known is not None:
                inserts.append(f"license_name: {known}")
                changes.append(f"added `license_name: {known}` for the linked licence")
    if not changes:
        return Fixed(card, ())
    if inserts:
        after = max(card.keys.get(k, (0, 0))[0] for k in ("license", "license_name", "license_link"))
        after = _end_of_value(card, after)
        lines[after:after] = inserts
    fixed = parse_card("\n".join(lines), card.path, newline=card.newline, bom=card.bom)
    return Fixed(fixed, tuple(changes))


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
