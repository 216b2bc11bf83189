"""Validate one catalogue file and build its :class:`~railguard.model.Licence`.

Validation reports every problem in a file at once, each as ``file:line: at key.path: problem``
in the spirit of cfgv, so a contributor fixes a file in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from railguard.catalogue.yamlfile import LineDict, LineList
from railguard.model import (
    OBLIGATION_PARAMS,
    Category,
    Family,
    Grant,
    Licence,
    Module,
    Obligation,
    ObligationKind,
    Restriction,
    RestrictionKind,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9.+_-]*$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MODULE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*$")
#: Restriction and obligation summaries are one line; a paragraph means text was pasted in.
MAX_SUMMARY = 300
MAX_LICENCE_SUMMARY = 500

LICENCE_KEYS = {
    "id": True,
    "name": True,
    "family": True,
    "url": True,
    "summary": True,
    "commercial": True,
    "grants": True,
    "version": False,
    "spdx": False,
    "scancode": False,
    "hub": False,
    "aliases": False,
    "osi_approved": False,
    "ambiguous": False,
    "reading": False,
    "members": False,
    "restrictions": False,
    "obligations": False,
    "module": False,
    "full_modules": False,
    "notes": False,
    "vocabulary": False,
}
RESTRICTION_KEYS = {"category": True, "kind": True, "section": True, "summary": True}
OBLIGATION_KEYS = {"kind": True, "section": True, "summary": True, "params": False}
MODULE_KEYS = {"of": True, "code": True}

E = TypeVar("E", bound=Enum)


@dataclass
class Checker:
    """Collects problems for one file while walking its data."""

    path: str
    problems: list[str] = field(default_factory=list)

    def fail(self, line: int, where: str, message: str) -> None:
        location = f"{self.path}:{line}" if line else self.path
        self.problems.append(f"{location}: at {where}: {message}" if where else f"{location}: {message}")

    def keys(self, data: LineDict, spec: Mapping[str, bool], where: str) -> None:
        for key, line in data.duplicates:
            self.fail(line, _join(where, str(key)), "key given twice")
        for key in data:
            if key not in spec:
                known = ", ".join(sorted(spec))
                self.fail(
                    data.lines.get(key, data.line), _join(where, str(key)), f"unknown key (expected one of {known})"
                )
        for key, required in spec.items():
            if required and key not in data:
                self.fail(data.line, _join(where, key), "required key is missing")

    def string(self, data: LineDict, key: str, where: str, *, required: bool, limit: int | None = None) -> str | None:
        if key not in data or (data[key] is None and not required):
            return None
        value = data[key]
        line = data.lines.get(key, data.line)
        if isinstance(value, bool) or not isinstance(value, str):
            hint = ' (quote it, e.g. "1.0")' if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
            self.fail(line, _join(where, key), f"expected a string, got {_kind(value)}{hint}")
            return None
        if not value.strip():
            self.fail(line, _join(where, key), "must not be empty")
            return None
        if limit is not None and len(value) > limit:
            self.fail(line, _join(where, key), f"longer than {limit} characters; summarise in one line")
        return value.strip()

    def boolean(self, data: LineDict, key: str, where: str, *, nullable: bool = False) -> bool | None:
        if key not in data:
            return None
        value = data[key]
        if value is None and nullable:
            return None
        if not isinstance(value, bool):
            expected = "true, false or null" if nullable else "true or false"
            self.fail(data.lines.get(key, data.line), _join(where, key), f"expected {expected}, got {_kind(value)}")
            return None
        return value

    def enum(self, enum: type[E], value: Any, line: int, where: str) -> E | None:
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            self.fail(line, where, f"expected one of {choices}, got {value!r}")
            return None

    def mapping(self, value: Any, line: int, where: str) -> LineDict | None:
        if not isinstance(value, LineDict):
            self.fail(line, where, f"expected a mapping, got {_kind(value)}")
            return None
        return value

    def sequence(self, data: LineDict, key: str, where: str) -> LineList:
        if key not in data or data[key] is None:
            return LineList()
        value = data[key]
        if not isinstance(value, LineList):
            self.fail(data.lines.get(key, data.line), _join(where, key), f"expected a list, got {_kind(value)}")
            return LineList()
        return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _items(seq: LineList) -> Iterable[tuple[int, Any, int]]:
    for index, item in enumerate(seq):
        yield index, item, seq.lines[index] if index < len(seq.lines) else seq.line


def parse_categories(top: LineDict, check: Checker) -> dict[str, Category]:
    """The categories of ``_categories.yaml`` by slug (its top-level keys already checked); problems go to ``check``."""
    categories: dict[str, Category] = {}
    body = check.mapping(top.get("categories"), top.lines.get("categories", 1), "categories")
    if body is None:
        return categories
    for slug, entry in body.items():
        where = f"categories.{slug}"
        line = body.lines.get(slug, body.line)
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            check.fail(line, where, "a category slug is lower-case words joined by hyphens")
            continue
        item = check.mapping(entry, line, where)
        if item is None:
            continue
        check.keys(item, {"title": True, "description": True}, where)
        title = check.string(item, "title", where, required=True)
        description = check.string(item, "description", where, required=True, limit=MAX_LICENCE_SUMMARY)
        if title and description:
            categories[slug] = Category(slug, title, description)
    return categories


def parse_licence(
    data: Any, path: str, stem: str, categories: Mapping[str, Category]
) -> tuple[Licence | None, list[str]]:
    """Validate one licence mapping; return the licence (``None`` if invalid) and the problems."""
    check = Checker(path)
    top = check.mapping(data, 1, "")
    if top is None:
        return None, check.problems
    check.keys(top, LICENCE_KEYS, "")

    ident = check.string(top, "id", "", required=True)
    if ident is not None:
        if not ID_RE.match(ident):
            check.fail(top.lines["id"], "id", "must be lower case letters, digits and . + _ -")
        elif ident != stem:
            check.fail(top.lines["id"], "id", f"must equal the file name `{stem}`")
    name = check.string(top, "name", "", required=True)
    url = check.string(top, "url", "", required=True)
    if url is not None and not url.startswith(("https://", "http://")):
        check.fail(top.lines["url"], "url", "expected an http(s) address")
    summary = check.string(top, "summary", "", required=True, limit=MAX_LICENCE_SUMMARY)
    family = None
    if "family" in top:
        family = check.enum(Family, top["family"], top.lines["family"], "family")
    commercial = check.boolean(top, "commercial", "", nullable=True)

    grants = _grants(check, top)
    aliases = _aliases(check, top)

    ambiguous, reading, members = _ambiguity(check, top)

    restrictions = _restrictions(check, top, categories)
    obligations = _obligations(check, top)
    module = _module(check, top)
    full_modules = _full_modules(check, top)

    vocabulary = _vocabulary(check, top, categories)

    licence: Licence | None = None
    if not check.problems and ident and name and url and summary and family is not None:
        licence = Licence(
            id=ident,
            name=name,
            family=family,
            url=url,
            summary=summary,
            commercial=commercial,
            grants=tuple(grants),
            restrictions=tuple(restrictions),
            obligations=tuple(obligations),
            version=check.string(top, "version", "", required=False),
            aliases=tuple(aliases),
            spdx=check.string(top, "spdx", "", required=False),
            scancode=check.string(top, "scancode", "", required=False),
            hub=check.string(top, "hub", "", required=False),
            osi_approved=check.boolean(top, "osi_approved", "") or False,
            ambiguous=ambiguous,
            reading=reading,
            members=tuple(members),
            module=module,
            full_modules=tuple(full_modules),
            notes=check.string(top, "notes", "", required=False, limit=4000),
            vocabulary=vocabulary,
        )
    else:
        for key in ("version", "spdx", "scancode", "hub"):
            check.string(top, key, "", required=False)
        check.boolean(top, "osi_approved", "")
        check.string(top, "notes", "", required=False, limit=4000)
    return (licence if not check.problems else None), check.problems


def _grants(check: Checker, top: LineDict) -> list[Grant]:
    grants: list[Grant] = []
    for index, value, line in _items(check.sequence(top, "grants", "")):
        grant = check.enum(Grant, value, line, f"grants[{index}]")
        if grant is not None:
            if grant in grants:
                check.fail(line, f"grants[{index}]", f"`{grant.value}` listed twice")
            grants.append(grant)
    return grants


def _aliases(check: Checker, top: LineDict) -> list[str]:
    aliases: list[str] = []
    for index, value, line in _items(check.sequence(top, "aliases", "")):
        if not isinstance(value, str) or not value.strip():
            check.fail(line, f"aliases[{index}]", f"expected a non-empty string, got {_kind(value)}")
        else:
            aliases.append(value.strip())
    return aliases


def _ambiguity(check: Checker, top: LineDict) -> tuple[bool, str | None, list[str]]:
    """``ambiguous``, the ``reading`` it needs and the family ``members`` it may name."""
    ambiguous = check.boolean(top, "ambiguous", "") or False
    reading = check.string(top, "reading", "", required=False, limit=1500)
    if ambiguous and not reading:
        check.fail(top.line, "reading", "an ambiguous id needs the conservative `reading` we apply")
    members = _matching(check, top, "members", ID_RE, "a catalogue licence id")
    if members and not ambiguous:
        check.fail(top.lines["members"], "members", "only an ambiguous id (`ambiguous: true`) names a family's members")
    return ambiguous, reading, members


def _full_modules(check: Checker, top: LineDict) -> list[str]:
    return _matching(check, top, "full_modules", MODULE_CODE_RE, "an upper-case module code")


def _matching(check: Checker, top: LineDict, key: str, pattern: re.Pattern[str], expected: str) -> list[str]:
    """The list ``key`` of strings that each match ``pattern``, none given twice."""
    found: list[str] = []
    for index, value, line in _items(check.sequence(top, key, "")):
        if not isinstance(value, str) or not pattern.match(value):
            check.fail(line, f"{key}[{index}]", f"expected {expected}")
        elif value in found:
            check.fail(line, f"{key}[{index}]", f"`{value}` listed twice")
        else:
            found.append(value)
    return found


def _vocabulary(check: Checker, top: LineDict, categories: Mapping[str, Category]) -> tuple[tuple[str, str], ...]:
    """``vocabulary: {category: [pattern, ...]}``: words that name a category in this licence only."""
    import re

    if "vocabulary" not in top or top["vocabulary"] is None:
        return ()
    line = top.lines.get("vocabulary", top.line)
    body = check.mapping(top["vocabulary"], line, "vocabulary")
    if body is None:
        return ()
    pairs: list[tuple[str, str]] = []
    for category, patterns in body.items():
        where = f"vocabulary.{category}"
        cline = body.lines.get(category, line)
        if category not in categories:
            check.fail(cline, where, f"unknown category `{category}`{_closest(str(category), categories)}")
            continue
        if not isinstance(patterns, LineList) or not all(isinstance(p, str) and p.strip() for p in patterns):
            check.fail(cline, where, "expected a list of regular expressions")
            continue
        for index, pattern in enumerate(patterns):
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                check.fail(cline, f"{where}[{index}]", f"not a valid regular expression: {exc}")
                continue
            pairs.append((str(category), pattern))
    return tuple(pairs)


def _entries(check: Checker, top: LineDict, key: str, spec: Mapping[str, bool]) -> Iterator[tuple[str, LineDict]]:
    """(where, entry) for each mapping of the list ``key``, its keys checked against ``spec``."""
    for index, value, line in _items(check.sequence(top, key, "")):
        where = f"{key}[{index}]"
        item = check.mapping(value, line, where)
        if item is not None:
            check.keys(item, spec, where)
            yield where, item


def _entry_kind(check: Checker, item: LineDict, enum: type[E], where: str) -> E | None:
    """An entry's ``kind`` (``None``, with the problem noted, when it is missing or not one of ``enum``)."""
    if "kind" not in item:
        return None
    return check.enum(enum, item.get("kind"), item.lines.get("kind", item.line), f"{where}.kind")


def _restrictions(check: Checker, top: LineDict, categories: Mapping[str, Category]) -> list[Restriction]:
    result: list[Restriction] = []
    for where, item in _entries(check, top, "restrictions", RESTRICTION_KEYS):
        category = check.string(item, "category", where, required=True)
        if category is not None and category not in categories:
            check.fail(
                item.lines["category"],
                f"{where}.category",
                f"unknown category `{category}`{_closest(category, categories)}",
            )
        kind = _entry_kind(check, item, RestrictionKind, where)
        section = check.string(item, "section", where, required=True)
        summary = check.string(item, "summary", where, required=True, limit=MAX_SUMMARY)
        if category and kind and section and summary:
            result.append(Restriction(category, kind, section, summary))
    return result


def _obligations(check: Checker, top: LineDict) -> list[Obligation]:
    result: list[Obligation] = []
    for where, item in _entries(check, top, "obligations", OBLIGATION_KEYS):
        kind = _entry_kind(check, item, ObligationKind, where)
        section = check.string(item, "section", where, required=True)
        summary = check.string(item, "summary", where, required=True, limit=MAX_SUMMARY)
        params = _params(check, item, kind, where)
        if kind and section and summary and params is not None:
            result.append(Obligation(kind, section, summary, params))
    return result


def _params(
    check: Checker, item: LineDict, kind: ObligationKind | None, where: str
) -> tuple[tuple[str, Any], ...] | None:
    if "params" not in item or item["params"] is None:
        return ()
    line = item.lines.get("params", item.line)
    params = check.mapping(item["params"], line, f"{where}.params")
    if params is None or kind is None:
        return None
    allowed = OBLIGATION_PARAMS.get(kind, {})
    pairs: list[tuple[str, Any]] = []
    ok = True
    for key, value in params.items():
        pline = params.lines.get(key, line)
        if key not in allowed:
            names = ", ".join(sorted(allowed)) or "none"
            check.fail(pline, f"{where}.params.{key}", f"`{kind.value}` takes no parameter `{key}` (allowed: {names})")
            ok = False
            continue
        expected = allowed[key]
        if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
            check.fail(pline, f"{where}.params.{key}", f"expected {_type_name(expected)}, got {_kind(value)}")
            ok = False
            continue
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                check.fail(pline, f"{where}.params.{key}", "expected a list of strings")
                ok = False
                continue
            value = tuple(value)
        pairs.append((key, value))
    return tuple(sorted(pairs)) if ok else None


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", bool: "true or false", list: "a list"}
    if isinstance(expected, tuple):
        return " or ".join(names.get(t, t.__name__) for t in expected)
    return names.get(expected, expected.__name__)


def _closest(value: str, choices: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean `{match[0]}`?)" if match else ""


def _module(check: Checker, top: LineDict) -> Module | None:
    if "module" not in top:
        return None
    item = check.mapping(top["module"], top.lines["module"], "module")
    if item is None:
        return None
    check.keys(item, MODULE_KEYS, "module")
    of = check.string(item, "of", "module", required=True)
    code = check.string(item, "code", "module", required=True)
    if code is not None and not MODULE_CODE_RE.match(code):
        check.fail(item.lines["code"], "module.code", "expected an upper-case module code such as MIL")
        return None
    return Module(of, code) if of and code else None
