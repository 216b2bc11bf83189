"""Compiled Lark parsers for the grammars in ``grammar/``, with no cache anyone else can write.

``compiled("clause", lexer=FastLexer)`` returns the LALR(1) parser of ``grammar/clause.lark``.
An installed railguard has every grammar compiled at build time into the package
(``_data/grammars/<name>.marshal``, written by the build hook with :func:`write_package_files`):
Lark's own serialised tables as marshal data, used only when they were built by the same Lark
version from the same grammar texts with the same options. Otherwise (a source checkout, or Lark
upgraded since the build) the grammar is compiled in the process. Lark's ``cache=`` option is never
used: it unpickles a file from a writable folder before checking it (issue 11).

Options that change the compiled tables (``start``, ``maybe_placeholders``, ``keep_all_tokens``,
...) are the grammar's *shape*; the build compiles the shape :data:`PREBUILT_SHAPE`, which every
grammar of railguard uses. The lexer (a name such as ``"contextual"`` or a :class:`lark.lexer.Lexer`
subclass), ``propagate_positions``, ``transformer``, ``postlex`` and the other options Lark applies
when it loads a parser are free: the tables do not depend on them.
"""

from __future__ import annotations

import marshal
import os
import re
from binascii import crc32
from typing import TYPE_CHECKING, Any

from railguard.resources import built_file, data_dir

if TYPE_CHECKING:
    from lark import Lark

#: Bumped whenever the stored form changes.
FORMAT = 1
#: The options every grammar is compiled with at build time.
PREBUILT_SHAPE: dict[str, Any] = {"parser": "lalr", "maybe_placeholders": False}
#: Options Lark applies when it loads serialised tables (Lark's ``_LOAD_ALLOWED_OPTIONS``), plus
#: the lexer, which :func:`_load` sets itself.
RUNTIME_OPTIONS = frozenset(
    {
        "lexer",
        "postlex",
        "transformer",
        "lexer_callbacks",
        "use_bytes",
        "debug",
        "g_regex_flags",
        "regex",
        "propagate_positions",
        "tree_class",
        "_plugins",
    }
)
_MAGIC = b"RGLARK\x00\x01"
#: A grammar with a ``start`` rule is one to parse with; the others are there to be imported.
_START = re.compile(r"^[ \t]*[?!]?start[ \t]*(?:\.[ \t]*-?\d+[ \t]*)?:", re.MULTILINE)


def _sources() -> list[tuple[str, str]]:
    folder = data_dir("grammar")
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8")) for entry in folder.iterdir() if entry.name.endswith(".lark")
    )


def _shape(options: dict[str, Any]) -> list[tuple[str, Any]]:
    shape = {**PREBUILT_SHAPE, **{k: v for k, v in options.items() if k not in RUNTIME_OPTIONS}}
    return sorted(shape.items())


def _build(name: str, options: dict[str, Any]) -> Lark:
    from lark import Lark

    folder = data_dir("grammar")
    text = (folder / f"{name}.lark").read_text(encoding="utf-8")
    return Lark(
        text, **{**PREBUILT_SHAPE, **options}, source_path=str(folder / f"{name}.lark"), import_paths=[str(folder)]
    )


def _load(name: str, options: dict[str, Any]) -> Lark | None:
    data = built_file(f"grammars/{name}.marshal")
    if data is None or data[:8] != _MAGIC or int.from_bytes(data[8:12], "big") != crc32(data[12:]):
        return None
    import lark

    try:
        stored = marshal.loads(data[12:])  # noqa: S302 - the installed package's own file, never a cache
        if (
            stored["format"] != FORMAT
            or stored["lark"] != lark.__version__
            or stored["shape"] != _shape(options)
            or stored["sources"] != _sources()
        ):
            return None
        tables, memo = stored["data"], stored["memo"]
        lexer = options.get("lexer", "contextual")
        # NOTE: the tables were compiled with the basic lexer; the lexer is built from the
        # terminals when the parser is loaded, so any lexer can be put in its place.
        tables["options"]["lexer"] = lexer
        tables["parser"]["lexer_conf"]["lexer_type"] = lexer
        loaded: Lark = lark.Lark._load_from_dict(  # type: ignore[no-untyped-call]
            tables, memo, **{k: v for k, v in options.items() if k in RUNTIME_OPTIONS and k != "lexer"}
        )
    except Exception:
        # NOTE: Lark's serialised form is its own; a Lark of the same version that still cannot
        # read it (a patched copy) means compiling, not failing.
        return None
    return loaded


def compiled(name: str, **options: Any) -> Lark:
    """The LALR(1) parser of ``grammar/<name>.lark`` with ``options`` (see the module docstring).

    Not cached here: callers keep their parser (``functools.cache``).

    Raises:
        lark.exceptions.GrammarError: the grammar (in a checkout) does not compile.
        ResourceError: the grammar folder is missing.
    """
    loaded = _load(name, options) if _shape(options) == _shape({}) else None
    return loaded if loaded is not None else _build(name, options)


def _marshallable(value: Any) -> Any:
    # NOTE: some Lark versions keep Tokens (str subclasses) as rule names; marshal takes only the
    # exact built-in types, and the loaded tables need nothing more.
    if isinstance(value, dict):
        return {_marshallable(k): _marshallable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_marshallable(v) for v in value)
    if isinstance(value, str) and type(value) is not str:
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and type(value) is not int:
        return int(value)
    return value


def write_package_files(out: str) -> list[str]:
    """Compile every grammar with :data:`PREBUILT_SHAPE` into ``out/grammars``; the files' names.

    Run by the build hook (``hatch_build.py``).
    """
    import lark
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    sources = _sources()
    written: list[str] = []
    os.makedirs(os.path.join(out, "grammars"), exist_ok=True)
    for file_name, text in sources:
        if _START.search(text) is None:
            continue  # a grammar other grammars %import, not one to parse with
        name = file_name.removesuffix(".lark")
        parser = _build(name, {"lexer": "basic"})
        tables, memo = _marshallable(parser.memo_serialize([TerminalDef, Rule]))
        payload = marshal.dumps(
            {
                "format": FORMAT,
                "lark": lark.__version__,
                "shape": _shape({}),
                "sources": sources,
                "data": tables,
                "memo": memo,
            }
        )
        target = f"grammars/{name}.marshal"
        with open(os.path.join(out, target), "wb") as handle:
            handle.write(_MAGIC + crc32(payload).to_bytes(4, "big") + payload)
        written.append(target)
    return written
