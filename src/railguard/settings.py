"""Project configuration: ``[tool.railguard]`` in ``pyproject.toml``.

```toml
[tool.railguard]
ignore = ["RG414", "vendor-notice-missing"]   # codes or rule names, never reported

cards = ["models/**/README.md"]              # READMEs that are model cards even without front matter

[tool.railguard.severity]                     # per-code severity overrides
RG412 = "error"
RG411 = "info"
```

**Which file.** :func:`project_settings` is the one place that decides: ``--config PATH`` when
given, else the nearest ``pyproject.toml`` with a ``[tool.railguard]`` table from the current
folder upward, stopping at the top of the git repository. Outside any repository the search
stops at the user's home folder (the home folder's own file still counts), and outside the home
folder it looks only in the current folder: a ``pyproject.toml`` somebody left in ``/tmp`` must
not hide the findings of every folder below it. The file that applied is part of the result
(``LintConfig.path``), and the commands say it.

A configuration that cannot be used (not TOML, a wrong type, an unknown code or key) stops the
run with exit 2 and the file and line: silently ignoring a typo in ``ignore`` would report what
the user asked to hide, or hide what they did not.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from railguard.errors import InputError
from railguard.model import Severity
from railguard.rules import RULES

if TYPE_CHECKING:
    from pathlib import Path

#: Keys of ``[tool.railguard]`` and what they hold.
KNOWN_KEYS = {
    "ignore": "a list of codes or rule names",
    "severity": "a table of code = severity",
    "cards": "a list of path patterns of READMEs that are model cards",
}


class LintConfig(NamedTuple):
    """What ``[tool.railguard]`` asks for.

    Attributes:
        path: the ``pyproject.toml`` it came from (``None``: defaults).
        ignore: codes never reported, each with the line of the file that names it.
        severity: per-code severity overrides.
        cards: path patterns (relative to the file's folder) of READMEs that are model cards.
    """

    path: str | None = None
    ignore: Mapping[str, int] = MappingProxyType({})
    severity: Mapping[str, Severity] = MappingProxyType({})
    cards: tuple[str, ...] = ()

    @property
    def folder(self) -> str | None:
        """The folder the settings file is in (``cards`` patterns are relative to it)."""
        return os.path.dirname(os.path.realpath(self.path)) if self.path is not None else None


def search_folders(start: str) -> list[str]:
    """The folders searched for settings, nearest first (see the module docstring)."""
    from railguard.folders import ancestors, is_repository_root

    folders = list(ancestors(start))
    for index, folder in enumerate(folders):
        if is_repository_root(folder):
            return folders[: index + 1]
    home = _home()
    if home is not None and home in folders:
        return folders[: folders.index(home) + 1]
    return folders[:1]


def _home() -> str | None:
    """The user's home folder, resolved; ``None`` when unknown or the file-system root."""
    home = os.path.expanduser("~")
    if home == "~" or not os.path.isabs(home):
        return None
    home = os.path.realpath(home)
    return None if os.path.dirname(home) == home else home


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.railguard]`` table, searched from ``start`` (default: here).

    The search is bounded as the module docstring says.
    """
    # NOTE: searched with os.path: pathlib (about 4 ms of a cold lint) only once one is found.
    for candidate in search_folders(os.path.realpath(os.getcwd() if start is None else os.fspath(start))):
        pyproject = os.path.join(candidate, "pyproject.toml")
        if os.path.isfile(pyproject):
            try:
                with open(pyproject, encoding="utf-8", errors="replace") as handle:
                    text = handle.read(1_000_000)
            except OSError:
                text = ""
            if re.search(r"^\s*\[\s*tool\s*\.\s*railguard\s*[\].]", text, re.MULTILINE):
                from pathlib import Path

                return Path(pyproject)
    return None


def project_settings(explicit: str | os.PathLike[str] | None = None, start: str | None = None) -> LintConfig:
    """The ``[tool.railguard]`` settings that apply: ``explicit`` if given, else :func:`find_config`'s.

    The library entry point for every command that honours the settings (``ignore``, ``severity``);
    apply them to findings with :func:`railguard.lint.suppress.apply_config`.

    Raises:
        InputError: the settings file cannot be read or is invalid.
    """
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found is not None else LintConfig()


def _code(value: Any, path: str, line: int, where: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a code such as `RG401`, got {value!r}", path=path, line=line)
    wanted = value.strip()
    if wanted.upper() in RULES:
        return wanted.upper()
    for code, rule in RULES.items():
        if rule.name == wanted.lower():
            return code
    raise InputError(f"{where}: unknown code or rule name `{value}`", path=path, line=line)


def _line_of(text: str, pattern: str) -> int:
    found = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def load_config(path: str | os.PathLike[str]) -> LintConfig:
    """Read ``[tool.railguard]`` from a ``pyproject.toml``.

    Raises:
        InputError: the file cannot be read, is not TOML, or the table is invalid.
    """
    import tomllib
    from pathlib import Path

    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read: {exc}", path=name) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise InputError(f"not valid TOML: {exc}", path=name, line=int(found.group(1)) if found else None) from None
    table = data.get("tool", {}).get("railguard", {})
    table_line = _line_of(text, r"^\s*\[\s*tool\s*\.\s*railguard\s*[\].]")
    if not isinstance(table, dict):
        raise InputError("`tool.railguard` must be a table", path=name, line=table_line)
    for key in table:
        if key not in KNOWN_KEYS:
            known = ", ".join(f"`{k}` ({v})" for k, v in KNOWN_KEYS.items())
            line = _line_of(text, rf"^\s*{re.escape(key)}\s*=")
            raise InputError(f"unknown key `tool.railguard.{key}`; known keys: {known}", path=name, line=line)
    ignore: dict[str, int] = {}
    raw_ignore = table.get("ignore", [])
    ignore_line = _line_of(text, r"^\s*ignore\s*=") if "ignore" in table else table_line
    if not isinstance(raw_ignore, list):
        raise InputError("`tool.railguard.ignore` must be a list of codes", path=name, line=ignore_line)
    for value in raw_ignore:
        code = _code(value, name, ignore_line, "`tool.railguard.ignore`")
        line = _line_of(text, rf"""["']{re.escape(str(value))}["']""") if isinstance(value, str) else ignore_line
        ignore.setdefault(code, line)
    severity: dict[str, Severity] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        line = _line_of(text, r"^\s*severity\s*=")
        raise InputError("`tool.railguard.severity` must be a table of code = severity", path=name, line=line)
    for key, value in raw_severity.items():
        line = _line_of(text, rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        code = _code(key, name, line, "`tool.railguard.severity`")
        try:
            severity[code] = Severity(str(value).lower())
        except ValueError:
            raise InputError(
                f"`tool.railguard.severity.{key}`: expected error, warning or info, got {value!r}", path=name, line=line
            ) from None
    cards = table.get("cards", [])
    if not isinstance(cards, list) or not all(isinstance(c, str) and c.strip() for c in cards):
        line = _line_of(text, r"^\s*cards\s*=")
        raise InputError("`tool.railguard.cards` must be a list of path patterns", path=name, line=line)
    return LintConfig(name, ignore, severity, tuple(c.strip() for c in cards))
