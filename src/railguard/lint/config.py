"""Project configuration: ``[tool.railguard]`` in ``pyproject.toml``.

```toml
[tool.railguard]
ignore = ["RG414", "vendor-notice-missing"]   # codes or rule names, never reported

[tool.railguard.severity]                     # per-code severity overrides
RG412 = "error"
RG411 = "info"
```

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
KNOWN_KEYS = {"ignore": "a list of codes or rule names", "severity": "a table of code = severity"}


class LintConfig(NamedTuple):
    """What ``[tool.railguard]`` asks for.

    Attributes:
        path: the ``pyproject.toml`` it came from (``None``: defaults).
        ignore: codes never reported, each with the line of the file that names it.
        severity: per-code severity overrides.
    """

    path: str | None = None
    ignore: Mapping[str, int] = MappingProxyType({})
    severity: Mapping[str, Severity] = MappingProxyType({})


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.railguard]`` table, from ``start`` upward.

    The search stops at the top of a git repository, so a project never picks up the settings of
    an unrelated directory above it.
    """
    # NOTE: searched with os.path: pathlib (about 4 ms of a cold lint) only once one is found.
    from railguard.lint.folders import ancestors, is_repository_root

    for candidate in ancestors(os.path.realpath(os.getcwd() if start is None else start)):
        pyproject = os.path.join(candidate, "pyproject.toml")
        if os.path.isfile(pyproject):
            try:
                with open(pyproject, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                text = ""
            if re.search(r"^\s*\[\s*tool\s*\.\s*railguard\s*[\].]", text, re.MULTILINE):
                from pathlib import Path

                return Path(pyproject)
        if is_repository_root(candidate):
            return None
    return None


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


def load_config(path: str | Path) -> LintConfig:
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
    return LintConfig(name, ignore, severity)
