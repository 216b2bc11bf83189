"""Read a lineage input: a YAML manifest, a JSONL or CSV table, or a directory of model cards.

Problems with the input as a whole (not YAML, wrong shape, missing columns, unreadable) stop the
run with exit 2 and the file and line. A single bad record of a table is a finding (RG313) and
the rest is read; a table of millions of models should not fail on one line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from railguard import safeyaml
from railguard.card.metadata import base_models, catalogue_id, licence_fields, relation
from railguard.errors import InputError
from railguard.lineage.model import ModelEntry, new_entry
from railguard.model import Finding, Licence
from railguard.model.declared import Declared
from railguard.readfile import HEAD_BYTES, input_lines, read_input
from railguard.rules import finding

if TYPE_CHECKING:
    from railguard.parse import ParsedLicence


@dataclass
class Loaded:
    """The models read from an input, with findings about bad records and parsed licence files."""

    entries: list[ModelEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    licences: dict[str, Licence] = field(default_factory=dict)
    #: licence files already read, by resolved path: the name the engine resolves (``None``: the
    #: file holds no licence railguard can read) and the problem reading it, if it could not be.
    licence_files: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    #: the datasets a record names (``datasets:``), by model id; only records that name some.
    datasets: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _bad(loaded: Loaded, path: str, line: int | None, problem: str, hint: str | None = None) -> None:
    loaded.findings.append(
        finding(
            "RG313",
            problem,
            hint=hint or "fix or remove the record; the rest of the input was read",
            file=path,
            line=line,
        )
    )


#: Notes of the expression reader, whose messages already say what they are about.
_EXPRESSION_CODES = frozenset(f"RG{n}" for n in range(350, 370))


def add_record(
    record: dict[str, Any],
    path: str,
    line: int | None,
    base: Path,
    loaded: Loaded,
    separator: str | None = None,
    licence_text: tuple[str, str] | None = None,
) -> None:
    """Add one model record (a manifest item, a table row, a card's front matter) to ``loaded``.

    ``licence_text`` is the (name, text) of a licence file that a bill of materials carries for the
    record: read as a ``licence_file`` is.
    """
    get = record.get
    model_id = get("id")
    if not isinstance(model_id, str) or not model_id.strip():
        _bad(loaded, path, line, f"record in `{path}` has no model `id`")
        return
    model_id = model_id.strip()
    if "\n" in model_id or "\r" in model_id:
        # NOTE: most often a CSV quote left open, which swallows the rows after it into one field.
        _bad(loaded, path, line, f"record in `{path}` has a model `id` that spans lines (an unclosed quote?)")
        return
    fields = licence_fields(record)
    licence, declared = fields.licence, fields.declared
    for note in fields.notes:
        if note.code == "RG308":
            continue  # the engine reports a model with no licence it can identify (RG308)
        loaded.findings.append(
            finding(
                note.code,
                note.message if note.code in _EXPRESSION_CODES else f"`{model_id}`: {note.message}",
                hint=note.hint,
                file=path,
                line=line,
                model=model_id,
                licence=note.licence,
            )
        )
    licence_file = get("licence_file") or get("license_file")
    if licence_text is not None:
        licence, declared = _with_licence_file(
            model_id, licence_text[0], fields.as_declared(), path, line, loaded, _licence_text(*licence_text, loaded)
        )
    elif licence_file:
        found = _licence_file(base / licence_file, loaded)
        licence, declared = _with_licence_file(
            model_id, str(licence_file), fields.as_declared(), path, line, loaded, found
        )
    known, written = relation(record)
    datasets = get("datasets")
    if datasets:
        from railguard.card.metadata import datasets as dataset_ids

        named = dataset_ids({"datasets": datasets})
        if named:
            loaded.datasets.setdefault(model_id, named)
    loaded.entries.append(
        new_entry(
            model_id,
            licence,
            base_models(record, separator),
            known or written,
            path,
            line,
            fields.name,
            declared,
        )
    )


def _with_licence_file(
    model_id: str,
    licence_file: str,
    declared: Declared,
    path: str,
    line: int | None,
    loaded: Loaded,
    found: tuple[str | None, str | None],
) -> tuple[str | None, Declared | None]:
    """The licence of a record with a ``licence_file``: the file's, and the declared one if they differ.

    ``found`` is what :func:`_licence_file` (or :func:`_licence_text`) made of the file.
    """
    name, problem = found
    if problem is not None:
        _bad(
            loaded,
            path,
            line,
            f"the `licence_file` of `{model_id}` cannot be read: {problem}",
            "fix the path or the file; the record was read without it",
        )
    if name is None:
        # NOTE: a file with no readable licence says nothing; what the record declares stands.
        if declared.empty:
            return None, None
        return str(declared), (None if declared.is_single else declared)
    if declared.empty:
        return name, None
    if declared.is_single and catalogue_id(declared.names[0]) == name:
        return name, None
    loaded.findings.append(
        finding(
            "RG323",
            f"`{model_id}` declares `{declared}` but its `licence_file` `{licence_file}` reads as "
            f"`{name}`; both are read as binding",
            hint="make `license` and the licence file say the same thing",
            file=path,
            line=line,
            model=model_id,
            licence=name,
        )
    )
    names = tuple(dict.fromkeys((*declared.names, name)))
    both = Declared.from_list(names) if declared.listed else Declared((names,), False, " AND ".join(names))
    return str(both), both


def _licence_file(path: Path, loaded: Loaded) -> tuple[str | None, str | None]:
    """Parse a licence text named by a record, once per file: the name the engine resolves, or a problem."""
    try:
        key = str(path.resolve())
    except (OSError, RuntimeError):
        key = str(path)
    found = loaded.licence_files.get(key)
    if found is not None:
        return found
    from railguard.parse import parse_file

    return _parsed(key, lambda: parse_file(path), loaded)


def _licence_text(name: str, text: str, loaded: Loaded) -> tuple[str | None, str | None]:
    """Parse the text of a licence file that a bill of materials carries (named ``name``), once per text."""
    import hashlib

    key = f"text:{name}:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}"
    found = loaded.licence_files.get(key)
    if found is not None:
        return found
    from railguard.parse import parse_text

    # NOTE: bounded as a licence file is (railguard.parse.source.MAX_BYTES): a larger or binary
    # text is a problem reported as RG313, not parsed.
    return _parsed(key, lambda: parse_text(text, name), loaded)


def _parsed(key: str, parse: Callable[[], ParsedLicence], loaded: Loaded) -> tuple[str | None, str | None]:
    """The name the engine resolves for a parsed licence text (registered in ``loaded``), or a problem."""
    from railguard.parse.findings import check_parsed

    found: tuple[str | None, str | None]
    try:
        parsed = parse()
    except InputError as exc:
        found = loaded.licence_files[key] = (None, exc.detail)
        return found
    name: str | None
    for problem in check_parsed(parsed):
        # NOTE: RG101 (a variant of a catalogue licence) and RG103 (no clause at all) change what the
        # model's licence is; RG102 (no close catalogue match) only says its own clauses are read.
        if problem.code != "RG102":
            loaded.findings.append(problem)
    if not parsed.restrictions and not parsed.obligations and parsed.identification.licence is None:
        name = None  # RG103: nothing recognised, so unknown rather than permissive
    else:
        licence = parsed.to_licence()
        if licence.id.startswith("file:"):
            loaded.licences[licence.id] = licence
        name = licence.id
    found = loaded.licence_files[key] = (name, None)
    return found


def _read(path: Path) -> str:
    data = read_input(path, "a lineage manifest or table")
    if b"\x00" in data[:HEAD_BYTES]:
        raise InputError("looks like a binary file, not a lineage manifest or table", path=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text", path=str(path), line=line) from None


def _jsonl(path: Path, loaded: Loaded) -> None:
    # NOTE: the table is streamed, line by line as bytes, which orjson reads without a decoded copy:
    # holding a table of 2,000,000 models whole (its bytes, its text and its lines) cost 0.9 GB and
    # 2.2 s of page faults (tests/bench/bench_lineage.py).
    import orjson

    loads, invalid = orjson.loads, orjson.JSONDecodeError
    where, folder = str(path), path.parent  # NOTE: once, not per line of a table of millions
    for number, raw in enumerate(input_lines(path, "a lineage manifest or table"), start=1):
        try:
            record = loads(raw)
        except invalid:
            # blank lines, and what orjson refuses (not UTF-8, a lone surrogate escape, NaN,
            # an integer past 64 bits, a real error): the json module decides and words it.
            record = _slow_line(raw, number, path, loaded)
            if record is _SKIPPED:
                continue
        if type(record) is not dict:
            _bad(loaded, where, number, f"line {number} of `{path}` is not a JSON object")
            continue
        add_record(record, where, number, folder, loaded)


#: What :func:`_slow_line` gives for a line that holds no value (blank, or reported as bad).
_SKIPPED = object()


def _slow_line(raw: bytes, number: int, path: Path, loaded: Loaded) -> Any:
    """A line orjson refused, read by the json module: its value, or :data:`_SKIPPED`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", path=str(path), line=number) from None
    if not text or text.isspace():
        return _SKIPPED
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        _bad(loaded, str(path), number, f"line {number} of `{path}` is not JSON: {exc.msg}")
    except RecursionError:
        _bad(loaded, str(path), number, f"line {number} of `{path}` is nested too deeply to be a model record")
    return _SKIPPED


class _Lines:
    """A CSV text's lines for the csv reader, noting the line a record starts on.

    The reader's ``line_num`` is the last line of a record; a quoted field can span lines, and a
    record is reported at its first (the first line it reads that is not blank, as the reader
    skips blank lines between records).
    """

    def __init__(self, text: str) -> None:
        self.lines = io.StringIO(text, newline="")
        self.number = 0
        self.first: int | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.number += 1
        if self.first is None and line.strip("\r\n"):
            self.first = self.number
        return line


def _csv(path: Path, loaded: Loaded) -> None:
    lines = _Lines(_read(path))
    reader = csv.DictReader(lines)
    columns = [c.strip() for c in reader.fieldnames or []]
    twice = sorted({c for c in columns if c and columns.count(c) > 1})
    if twice:
        # NOTE: csv.DictReader would keep the last of the columns silently; which one is meant is
        # for the user to say.
        where = "; ".join(
            f"`{c}` in columns {', '.join(str(i + 1) for i, name in enumerate(columns) if name == c)}" for c in twice
        )
        raise InputError(f"the CSV header names a column more than once: {where}", path=str(path), line=1)
    if "id" not in columns:
        raise InputError(
            f"the CSV header has no `id` column (found: {', '.join(columns) or 'nothing'})", path=str(path), line=1
        )
    if "license" not in columns and "licence" not in columns:
        raise InputError("the CSV header has no `license` column", path=str(path), line=1)
    while True:
        lines.first = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # NOTE: e.g. a field over csv.field_size_limit(); the reader resumes at the next line.
            line = reader.line_num + 1
            _bad(loaded, str(path), line, f"row at line {line} of `{path}` cannot be read: {exc}")
            continue
        line = lines.first or reader.line_num
        if None in row:
            _bad(loaded, str(path), line, f"row at line {line} of `{path}` has more fields than the header")
            continue
        record = {(k or "").strip(): v for k, v in row.items()}
        add_record(record, str(path), line, path.parent, loaded, separator=";")


def _yaml(path: Path, loaded: Loaded) -> None:
    text = _read(path)
    try:
        nodes = safeyaml.compose(text)
        data = safeyaml.construct(nodes)
    except yaml.YAMLError as exc:
        problem, line = safeyaml.describe(exc)
        raise InputError(problem, path=str(path), line=line + 1 if line is not None else None) from None
    models = data.get("models") if isinstance(data, dict) else data
    if not isinstance(models, list):
        raise InputError("expected `models:` followed by a list of models", path=str(path), line=1)
    lines = _item_lines(nodes)
    for index, record in enumerate(models):
        line = lines[index] if index < len(lines) else None
        if not isinstance(record, dict):
            raise InputError(f"model {index + 1} is not a mapping with `id` and `license`", path=str(path), line=line)
        add_record(record, str(path), line, path.parent, loaded)


def _item_lines(node: Any) -> list[int]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "models":
                node = value
                break
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []


def _cards(folder: Path, loaded: Loaded) -> None:
    from railguard.lineage.cards import find_cards, read_card

    cards = find_cards(folder)
    if not cards:
        # NOTE: an empty result would read as "no conflicts"; a directory in another layout is an
        # input problem, not a clean graph.
        flat = sum(1 for _ in folder.glob("*.md"))
        seen = f" (it has {flat} Markdown files at the top, which are not read)" if flat else ""
        raise InputError(
            f"has no model cards laid out as <org>/<name>/README.md (or MODEL_CARD.md){seen}", path=str(folder)
        )
    for model_id, card in cards:
        record, problem, line = read_card(card)
        if problem is not None:
            _bad(loaded, str(card), line, problem)
            continue
        record["id"] = model_id
        add_record(record, str(card), line or 1, card.parent, loaded)


def load_lineage(path: str | Path) -> Loaded:
    """Read any supported lineage input.

    Raises:
        InputError: the input cannot be read as a whole.
    """
    return _load(Path(path))


def _load(source: Path) -> Loaded:
    loaded = Loaded()
    if source.is_dir():
        _cards(source, loaded)
    elif not source.exists():
        raise InputError("no such file or directory", path=str(source))
    elif source.suffix.lower() in (".jsonl", ".ndjson"):
        _jsonl(source, loaded)
    elif source.suffix.lower() == ".csv":
        _csv(source, loaded)
    elif not _bom(source, loaded):
        _yaml(source, loaded)
    _skip_repeated(loaded)
    return loaded


def _bom(path: Path, loaded: Loaded) -> bool:
    """Read an SPDX or CycloneDX document (railguard.bom); ``False`` when ``path`` is not one."""
    data = read_input(path, "a lineage manifest, table or bill of materials")
    from railguard.bom.read import KNOWN, detect, read_bom

    kind = detect(path, data[:HEAD_BYTES])
    if kind is None:
        return False
    if b"\x00" in data[:HEAD_BYTES]:
        raise InputError("looks like a binary file, not a bill of materials", path=str(path))
    found = read_bom(path, data, kind)
    where = str(path)
    table = None
    for record in found.records:
        if record.get(KNOWN):
            # NOTE: railguard wrote this model from its table of well-known models: resolve it
            # from the table again (when it is still there), as the run that wrote the document did.
            from railguard.lineage.known import known_models

            table = known_models() if table is None else table
            if str(record.get("id", "")).lower() in table:
                continue
        add_record(record, where, None, path.parent, loaded, licence_text=_carried_file(record, found.texts))
    for message, hint in found.unmapped:
        loaded.findings.append(finding("RG360", message, hint=hint, file=where))
    return True


def _carried_file(record: dict[str, Any], texts: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The licence file a BOM record names by a ref whose text the document carries, taken out of
    the record's licence (in place): the (name, text) to read as its ``licence_file``, or ``None``.

    railguard writes a ``licence_file`` that disagrees with the declared licence as their ``AND``
    (or as one more item of a list): such a ref is one operand of the top-level ``AND`` (an item of
    the list), and the rest is what the record declared. A ref inside an ``OR`` or a ``WITH`` (no
    document of railguard's has one) stays, an unknown licence.
    """
    licence = record.get("license")
    if not texts or not licence:
        return None
    if isinstance(licence, list):
        ref = next((item for item in licence if item in texts), None)
        if ref is None:
            return None
        rest = [item for item in licence if item != ref]
        record["license"] = rest if len(rest) > 1 else (rest[0] if rest else None)
        return texts[ref]
    if not isinstance(licence, str):
        return None
    from railguard.bom.mapping import and_operands

    operands = and_operands(licence)
    ref = next((operand for operand in operands if operand in texts), None)
    if ref is None:
        return None
    rest = [f"({o})" if " " in o else o for o in operands if o != ref]
    record["license"] = " AND ".join(rest) or None
    return texts[ref]


def _skip_repeated(loaded: Loaded) -> None:
    """Keep the first record of each model id (ids match ignoring case); report the others."""
    entries = loaded.entries
    keys = [entry.id.lower() for entry in entries]
    if len(set(keys)) == len(keys):
        return
    first: dict[str, ModelEntry] = {}
    kept: list[ModelEntry] = []
    for key, entry in zip(keys, entries, strict=True):
        earlier = first.setdefault(key, entry)
        if earlier is entry:
            kept.append(entry)
            continue
        where = f"line {earlier.line}" if earlier.file == entry.file else f"`{earlier.file}`"
        _bad(
            loaded,
            entry.file or "",
            entry.line,
            f"model `{entry.id}` is declared again (first at {where}); this record is skipped",
        )
    loaded.entries = kept
