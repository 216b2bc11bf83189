"""Read a lineage input: a YAML manifest, a JSONL or CSV table, or a directory of model cards.

Problems with the input as a whole (not YAML, wrong shape, missing columns, unreadable) stop the
run with exit 2 and the file and line. A single bad record of a table is a finding (RG313) and
the rest is read; a table of millions of models should not fail on one line.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from railguard import safeyaml
from railguard.bulk import no_cycle_collection
from railguard.errors import InputError
from railguard.lineage.model import ModelEntry, new_entry
from railguard.model import Finding, Licence
from railguard.readfile import HEAD_BYTES, read_input
from railguard.rules import finding

RELATIONS = ("adapter", "merge", "quantized", "finetune")


@dataclass
class Loaded:
    """The models read from an input, with findings about bad records and parsed licence files."""

    entries: list[ModelEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    licences: dict[str, Licence] = field(default_factory=dict)
    #: the datasets a record names (``datasets:``), by model id; only records that name some.
    datasets: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _bad(loaded: Loaded, path: str, line: int | None, problem: str) -> None:
    loaded.findings.append(
        finding("RG313", problem, hint="fix or remove the record; the rest of the input was read", file=path, line=line)
    )


def _bases(value: Any, separator: str | None = None) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        if not separator:
            value = value.strip()
            return (value,) if value else ()
        return tuple(p.strip() for p in value.split(separator) if p.strip())
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return (str(value),)


def add_record(
    record: dict[str, Any], path: str, line: int | None, base: Path, loaded: Loaded, separator: str | None = None
) -> None:
    """Add one model record (a manifest item, a table row, a card's front matter) to ``loaded``."""
    get = record.get
    model_id = get("id")
    if not isinstance(model_id, str) or not model_id.strip():
        _bad(loaded, path, line, f"record in `{path}` has no model `id`")
        return
    if "\n" in model_id.strip() or "\r" in model_id.strip():
        # NOTE: most often a CSV quote left open, which swallows the rows after it into one field.
        _bad(loaded, path, line, f"record in `{path}` has a model `id` that spans lines (an unclosed quote?)")
        return
    licence = get("license")
    if licence is None:
        licence = get("licence")
    licence_file = get("licence_file") or get("license_file")
    if licence_file:
        try:
            licence = _licence_file(base / str(licence_file), loaded)
        except InputError as exc:
            raise InputError(f"the `licence_file` of `{model_id.strip()}`: {exc}", path=path, line=line) from None
    name = get("license_name")
    if name is None:
        name = get("licence_name")
    if isinstance(licence, str) and isinstance(name, str) and licence.strip().lower() == "other":
        licence = name
    if isinstance(licence, str) and licence.strip():
        licence = _expression(licence.strip(), model_id.strip(), path, line, loaded)
    relation = get("base_model_relation")
    bases = get("base_model")
    datasets = get("datasets")
    if datasets:
        from railguard.audit.datasets import dataset_ids

        named = dataset_ids({"datasets": datasets})
        if named:
            loaded.datasets.setdefault(model_id.strip(), named)
    loaded.entries.append(
        new_entry(
            model_id.strip(),
            _text(licence),
            _bases(bases, separator) if bases else (),
            _text(relation),
            path,
            line,
            name if isinstance(name, str) else None,
        )
    )


#: Licence text -> (the name a record carries, notes): the few distinct licences of a table, read once.
_EXPRESSIONS: dict[str, tuple[str, tuple[Any, ...]]] = {}


def _expression(text: str, model_id: str, path: str, line: int | None, loaded: Loaded) -> str:
    """A record's licence read as an SPDX expression (railguard.expression.parser.record_licence)."""
    found = _EXPRESSIONS.get(text)
    if found is None:
        from railguard.expression.parser import record_licence

        found = _EXPRESSIONS[text] = record_licence(text)
    name, notes = found
    for note in notes:
        loaded.findings.append(
            finding(note.code, note.message, hint=note.hint, file=path, line=line, model=model_id, licence=note.licence)
        )
    return name


def _text(value: Any) -> str | None:
    # NOTE: the same few licence ids and relations recur millions of times in a Hub-sized table.
    if value is None or value == "":
        return None
    return sys.intern(str(value).strip())


def _licence_file(path: Path, loaded: Loaded) -> str:
    """Parse a licence text named by a manifest; return a name the engine resolves."""
    from railguard.parse import parse_file

    licence = parse_file(path).to_licence()
    if licence.id.startswith("file:"):
        loaded.licences[licence.id] = licence
    return licence.id


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
    decode = _decoder()
    where, folder = str(path), path.parent  # NOTE: once, not per line of a table of millions
    for number, raw in enumerate(_read(path).splitlines(), start=1):
        if not raw or raw.isspace():
            continue
        try:
            record = decode(raw)
        except json.JSONDecodeError as exc:
            _bad(loaded, str(path), number, f"line {number} of `{path}` is not JSON: {exc.msg}")
            continue
        except RecursionError:
            _bad(loaded, str(path), number, f"line {number} of `{path}` is nested too deeply to be a model record")
            continue
        if not isinstance(record, dict):
            _bad(loaded, str(path), number, f"line {number} of `{path}` is not a JSON object")
            continue
        add_record(record, where, number, folder, loaded)


def _decoder() -> Callable[[str], Any]:
    """``json.JSONDecoder().decode``, faster on the usual line: one value, nothing around it."""
    decoder = json.JSONDecoder()
    scan, decode = decoder.scan_once, decoder.decode  # type: ignore[attr-defined]

    def fast(raw: str) -> Any:
        try:
            value, end = scan(raw, 0)
        except (StopIteration, ValueError):
            return decode(raw)  # the decoder's own error
        return value if end == len(raw) else decode(raw)

    return fast


def _csv(path: Path, loaded: Loaded) -> None:
    reader = csv.DictReader(io.StringIO(_read(path), newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    if "id" not in columns:
        raise InputError(
            f"the CSV header has no `id` column (found: {', '.join(columns) or 'nothing'})", path=str(path), line=1
        )
    if "license" not in columns and "licence" not in columns:
        raise InputError("the CSV header has no `license` column", path=str(path), line=1)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # NOTE: e.g. a field over csv.field_size_limit(); the reader resumes at the next line.
            line = reader.line_num + 1
            _bad(loaded, str(path), line, f"row at line {line} of `{path}` cannot be read: {exc}")
            continue
        line = reader.line_num
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
    from railguard.lineage.cards import read_card

    cards = sorted(folder.glob("*/*/README.md"))
    if not cards:
        # NOTE: an empty result would read as "no conflicts"; a directory in another layout is an
        # input problem, not a clean graph.
        flat = sum(1 for _ in folder.glob("*.md"))
        seen = f" (it has {flat} Markdown files at the top, which are not read)" if flat else ""
        raise InputError(f"has no model cards laid out as <org>/<name>/README.md{seen}", path=str(folder))
    for card in cards:
        model_id = "/".join(card.relative_to(folder).parts[:2])
        record, problem, line = read_card(card)
        if problem is not None:
            _bad(loaded, str(card), line, problem)
            continue
        record["id"] = model_id
        add_record(record, str(card), 1, card.parent, loaded)


def load_lineage(path: str | Path) -> Loaded:
    """Read any supported lineage input.

    Raises:
        InputError: the input cannot be read as a whole.
    """
    with no_cycle_collection():
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
        add_record(record, where, None, path.parent, loaded)
    for message, hint in found.unmapped:
        loaded.findings.append(finding("RG360", message, hint=hint, file=where))
    return True


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
