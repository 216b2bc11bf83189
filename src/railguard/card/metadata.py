"""The one reader of a model's licence metadata: a card's front matter or a lineage table record.

``lineage``, ``lint``, ``permits``, ``audit`` and the tests all read ``license``, ``license_name``,
``license_link``, ``base_model``, ``base_model_relation`` and ``datasets`` here, so that they never disagree
about what a model declares. What real metadata holds, and how it is read:

* ``license: mit``: one licence (names are kept as written, stripped; resolving them is the
  catalogue's job). ``licence`` is read where ``license`` is absent (the contract allows both).
* ``license: [apache-2.0, mit]`` (the Hub accepts a list): ambiguous (a dual licence, or parts under
  different licences), so it is read conservatively both ways (:class:`Declared` ``listed``) and a
  note says so; a list of one is that licence.
* ``license: other`` / ``unknown`` (any case or spacing) with ``license_name``: the name is the
  licence. Without a name nothing is declared, and a note says why.
* ``license_name`` with no ``license``: the name is the licence.
* ``license`` and ``license_name`` naming *different* licences (``license: mit`` with
  ``license_name: deepseek``): both are read as binding (``A AND B``) and a note says so; a name
  that is no licence railguard knows is reported and ``license`` is read.

Reading notes are values (:class:`Note`) with the finding code the lineage reports them under;
the linter places them with the positions of :func:`read_card_metadata`.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from railguard.card.vocabulary import RELATIONS, UNDECLARED
from railguard.model.declared import Declared

if TYPE_CHECKING:
    from railguard.card.reader import ModelCard

#: Spellings of a relation seen in real cards, by the relation they mean.
_RELATION_SPELLINGS = {
    "fine-tune": "finetune",
    "fine_tune": "finetune",
    "finetuned": "finetune",
    "fine-tuned": "finetune",
    "fine tune": "finetune",
    "quantised": "quantized",
    "quantization": "quantized",
    "quantisation": "quantized",
    "quant": "quantized",
    "quantize": "quantized",
    "adapters": "adapter",
    "lora": "adapter",
    "peft": "adapter",
    "merged": "merge",
    "merges": "merge",
}

#: Resolves a licence name to its catalogue id (``None``: not a licence railguard knows).
Resolve = Callable[[str], "str | None"]


class Note(NamedTuple):
    """Something the reader had to decide about a record, to be reported.

    Attributes:
        code: the finding code the lineage reports it under.
        message: one sentence about the record (the model is named by whoever reports it).
        hint: what to do about it.
        key: the metadata key it concerns (where the linter places it).
        licence: the licence it concerns, when it is about one.
    """

    code: str
    message: str
    hint: str
    key: str
    licence: str | None = None


class LicenceFields(NamedTuple):
    """What a record declares as its licence.

    Attributes:
        licence: the licence as one string: the name when one licence is declared, the text of
            ``declared`` otherwise (``[apache-2.0, mit]``), ``None`` when nothing is.
        declared: the declaration in normal form, when it is more than one name (``None``
            otherwise: ``licence`` says it all, which is the common case and costs nothing).
        name: ``license_name`` as written (stripped), if any.
        key: the key the licence was read from (``license`` or ``licence``).
        notes: what the reader had to decide.
    """

    licence: str | None
    declared: Declared | None
    name: str | None
    key: str
    notes: tuple[Note, ...] = ()

    def as_declared(self) -> Declared:
        """The declaration in normal form (empty when nothing is declared)."""
        if self.declared is not None:
            return self.declared
        return Declared.single(self.licence) if self.licence else Declared(())


class CardMetadata(NamedTuple):
    """Everything lineage, lint and permits read from a card's front matter or a record.

    Attributes:
        licence: see :class:`LicenceFields`.
        declared: the declared licence in normal form (empty when nothing is declared).
        base_models: the models it was built from, as written (stripped, in order).
        relation: ``base_model_relation`` as one of :data:`RELATIONS` (``None``: absent or unknown).
        relation_text: ``base_model_relation`` as written (stripped).
        licence_name, licence_link: ``license_name`` and ``license_link`` as written (stripped).
        licence_key: the key the licence was read from (``license`` or ``licence``).
        notes: what the reader had to decide, to be reported.
        positions: for a card, key -> (line, column) of its value, for the keys above that it has.
    """

    licence: str | None
    declared: Declared
    base_models: tuple[str, ...]
    relation: str | None
    relation_text: str | None
    licence_name: str | None
    licence_link: str | None
    licence_key: str
    notes: tuple[Note, ...]
    positions: Mapping[str, tuple[int, int]]


def catalogue_id(name: str) -> str | None:
    """The catalogue id a licence name resolves to (the default ``resolve``); loads the catalogue on first use."""
    from railguard.catalogue import load_catalogue

    licence = load_catalogue().find(name)
    return licence.id if licence is not None else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (bool, int, float)):
        return str(value).lower() if isinstance(value, bool) else str(value)
    return None


def _is_undeclared(name: str) -> bool:
    return name.strip().lower() in UNDECLARED


#: Text that may be more than one plain licence name: an SPDX expression (operators, parentheses),
#: ``+`` / ``-or-later``, a ``LicenseRef-``, SPDX's NONE / NOASSERTION. Anything else is kept as
#: written, without loading the expression reader.
_EXPRESSION_HINT = re.compile(r"[\s()+]|licenseref-|-or-later|-plus\b|-with-|^(?:none|noassertion)$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def reading(text: str, key: str = "license") -> tuple[Declared, tuple[Note, ...]]:
    """One written licence text in normal form: a name as written, or an SPDX expression read.

    Expressions are read by :mod:`railguard.expression.parser` (names become catalogue ids, a
    choice or a conjunction a :class:`Declared` of several), whose notes are kept for the record.
    """
    if _EXPRESSION_HINT.search(text) is None:
        return Declared.single(text), ()
    from railguard.expression.parser import parse_licence, record_licence

    parsed = parse_licence(text)
    _, notes = record_licence(text)
    return parsed.declared, tuple(Note(n.code, n.message, n.hint, key, n.licence) for n in notes)


def _same(a: str, b: str, resolve: Resolve | None) -> bool:
    if a.strip().lower() == b.strip().lower():
        return True
    if resolve is None:
        return False
    return _normal(a, resolve) == _normal(b, resolve)


def _normal(text: str, resolve: Resolve) -> frozenset[frozenset[str]]:
    """A declaration's licences, resolved where they can be, for comparing two of them."""
    return frozenset(
        frozenset(resolve(name) or name.lower() for name in conjunction)
        for conjunction in reading(text)[0].alternatives
    )


def _known(text: str, resolve: Resolve) -> bool:
    """Whether some licence a text names is one railguard knows."""
    return any(resolve(name) is not None for name in reading(text)[0].names)


#: Readings of a lone licence id, by (value as written, key); bounded, for tables of junk names.
_ONE: dict[tuple[str, str], LicenceFields] = {}
_ONE_MAX = 4096


def licence_fields(record: Mapping[str, Any], resolve: Resolve | None = catalogue_id) -> LicenceFields:
    """Read the licence a record declares (see the module documentation).

    Args:
        record: a card's front matter or a table record.
        resolve: names -> catalogue ids, to tell whether ``license`` and ``license_name`` name the
            same licence (asked only when a record has both); with ``None``, names that differ are
            taken to be different licences.
    """
    get = record.get
    key = "license"
    value = get("license")
    if value is None and "license" not in record:
        other = get("licence")
        if other is not None:
            key, value = "licence", other
    name_value = get("license_name")
    if name_value is None:
        name_value = get("licence_name")
    if name_value is None and type(value) is str:
        known = _lone_reading(record, key, value, resolve)
        if known is not None:
            return known
    name = _text(name_value) if not isinstance(name_value, list) else None
    if name is not None and _is_undeclared(name):
        name = None
    notes: list[Note] = []
    names, undeclared = _items(key, value, notes)
    written = set(names)
    listed = isinstance(value, list) and len(names) + (name is not None and undeclared is not None) > 1
    joined = False
    if name is not None:
        joined = _add_name(key, names, name, undeclared is not None, resolve, notes)
    elif undeclared is not None and not names:
        notes.append(
            Note(
                "RG308",
                f"`{key}: {undeclared}` has no `license_name`, so the licence cannot be identified",
                "add `license_name` with the licence's id (a catalogue id or alias)",
                key,
            )
        )
    if listed and len(names) > 1:
        notes.append(
            Note(
                "RG321",
                f"`{key}` is a list ({_shown(names)}), which may mean a choice or parts under different "
                "licences; every item is checked against the ancestors and all of them bind derivatives",
                "make the intent explicit with an SPDX expression in `license_name` (`license: other`, "
                f"`license_name: {' OR '.join(names)}` for a choice, `{' AND '.join(names)}` when all apply)",
                key,
            )
        )
    if not names:
        return LicenceFields(None, None, name, key, tuple(notes))
    link = get("license_link")
    if isinstance(link, str) and resolve is not None:
        notes.extend(_link_notes(link, names, resolve))
    read = [reading(n, key if n in written else "license_name") for n in names]
    for _, about in read:
        notes.extend(about)
    parts = [declared for declared, _ in read]
    if len(parts) == 1 and parts[0].empty:
        return LicenceFields(None, None, name, key, tuple(notes))
    declared = _combined(parts, listed, joined)
    if declared.is_single:
        return LicenceFields(sys.intern(declared.names[0]), None, name, key, tuple(notes))
    return LicenceFields(str(declared), declared, name, key, tuple(notes))


def _lone_reading(record: Mapping[str, Any], key: str, value: str, resolve: Resolve | None) -> LicenceFields | None:
    """The kept reading of a lone licence id with no name (with its RG329 note), or ``None``."""
    # NOTE: the common case of a table of millions (one id, no name): the same few ids recur, so
    # their reading is kept (a dict lookup instead of building a tuple for every record).
    known = _lone_id(value, key)
    if known is None:
        return None
    link = record.get("license_link")
    if link is None or resolve is None:
        return known
    linked = _link_notes(link, [known.licence or value], resolve) if isinstance(link, str) else []
    return known._replace(notes=known.notes + tuple(linked)) if linked else known


def _link_notes(link: str, names: list[str], resolve: Resolve) -> list[Note]:
    """RG329 when ``license_link`` is exactly the catalogue address of a licence the card does not declare.

    Evidence, never a substitution: the file behind an address can change (a repository's
    LICENSE re-pointed to another licence), so the card's authors are asked which is true.
    """
    linked = linked_licences(link) if "://" in link else frozenset()
    if not linked:
        return []
    declared = {resolve(part) or part.lower() for item in names for part in reading(item)[0].names}
    if declared & linked:
        return []
    others = ", ".join(f"`{i}`" for i in sorted(linked))
    return [
        Note(
            "RG329",
            f"`license_link` is the catalogue's address of {others}, but the card declares {_shown(names)}; "
            "which one applies is not settled",
            "check which licence the linked text is now and declare that one (or point `license_link` at "
            "the declared licence's text)",
            "license_link",
            sorted(linked)[0],
        )
    ]


def linked_licences(link: str) -> frozenset[str]:
    """The catalogue licences whose ``url`` is exactly ``link`` (scheme, ``www.`` and a trailing slash aside)."""
    return _urls().get(_address(link), frozenset())


def _address(url: str) -> str:
    text = url.strip().lower()
    for scheme in ("https://", "http://"):
        text = text.removeprefix(scheme)
    return text.removeprefix("www.").rstrip("/")


@functools.cache
def _urls() -> dict[str, frozenset[str]]:
    from railguard.catalogue import load_catalogue

    found: dict[str, set[str]] = {}
    for licence in load_catalogue():
        if licence.url:
            found.setdefault(_address(licence.url), set()).add(licence.id)
    return {address: frozenset(ids) for address, ids in found.items()}


def _lone_id(value: str, key: str) -> LicenceFields | None:
    """The reading of a lone id with no name (kept for the ids that recur), or None for an undeclared one."""
    known = _ONE.get((value, key))
    if known is not None:
        return known
    text = value.strip()
    if not text or text.lower() in UNDECLARED:
        return None
    known = _one(sys.intern(text), key)
    if len(_ONE) < _ONE_MAX:
        _ONE[(value, key)] = known
    return known


def _items(key: str, value: Any, notes: list[Note]) -> tuple[list[str], str | None]:
    """The names ``key`` lists (each once, in order) and the first undeclared word (``other``, ...) among them."""
    names: list[str] = []
    undeclared: str | None = None
    for item in value if isinstance(value, list) else [value]:
        found = _text(item)
        if found is None:
            if item is not None and not (isinstance(item, str) and not item.strip()):
                notes.append(_not_an_id(key, item))
        elif _is_undeclared(found):
            undeclared = undeclared or found
        else:
            names.append(found)
    return list(dict.fromkeys(names)), undeclared


def _add_name(
    key: str, names: list[str], name: str, undeclared: bool, resolve: Resolve | None, notes: list[Note]
) -> bool:
    """Read ``license_name`` beside ``key``'s names (extended in place); True when both bind (``A AND B``)."""
    if not names:
        names.append(name)
        return False
    if any(_same(n, name, resolve) for n in names):
        return False
    if undeclared:
        # `[mit, other]` with a name: the name is the item `other` stands for.
        names.append(name)
        return False
    if resolve is not None and not _known(name, resolve):
        notes.append(
            Note(
                "RG322",
                f"`license_name` is `{name}`, which is no licence railguard knows, beside `{key}`: "
                f"{_shown(names)}; only `{key}` is read",
                f"drop `license_name`, or set `{key}: other` with `license_name` naming the licence",
                "license_name",
            )
        )
        return False
    notes.append(
        Note(
            "RG322",
            f"`{key}` says {_shown(names)} but `license_name` names `{name}`; both are read as binding",
            f"declare the terms that apply: `{key}: other` with `license_name: "
            f"{' AND '.join([*names, name])}` if all of them do, or drop the one that does not",
            "license_name",
        )
    )
    names.append(name)
    return True


def _combined(parts: list[Declared], listed: bool, joined: bool) -> Declared:
    """One declaration from the parts read: the only one, a list's items, or ``A AND B``."""
    if len(parts) == 1:
        return parts[0]
    parts = [part for part in parts if not part.empty]
    if not listed:
        # NOTE: several names that are not a list come only from `license` and `license_name` both binding.
        assert joined
        return _conjunction(parts)
    if all(part.is_single for part in parts):
        return Declared.from_list(tuple(dict.fromkeys(part.names[0] for part in parts)))
    alternatives = tuple(dict.fromkeys(c for part in parts for c in part.alternatives))
    return Declared(alternatives, True, "[" + ", ".join(map(str, parts)) + "]")


def _conjunction(parts: list[Declared]) -> Declared:
    """Declarations that all bind (``A AND B``): every combination of their alternatives."""
    alternatives: list[tuple[str, ...]] = [()]
    for part in parts:
        alternatives = [tuple(dict.fromkeys((*mine, *theirs))) for mine in alternatives for theirs in part.alternatives]
    text = " AND ".join(str(p) if len(p.alternatives) == 1 else f"({p})" for p in parts)
    return Declared(tuple(dict.fromkeys(alternatives)), False, text)


def _one(text: str, key: str) -> LicenceFields:
    """The reading of a lone licence text (a name, or an expression)."""
    declared, notes = reading(text, key)
    if declared.empty:
        return LicenceFields(None, None, None, key, notes)
    if declared.is_single:
        return LicenceFields(sys.intern(declared.names[0]), None, None, key, notes)
    return LicenceFields(str(declared), declared, None, key, notes)


def _shown(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _not_an_id(key: str, value: Any) -> Note:
    kind = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else "not text"
    return Note(
        "RG327",
        f"a `{key}` value is {kind}, not a licence id, so it is not read",
        f"write the licence id as text (`{key}: apache-2.0`)",
        key,
    )


def base_models(record: Mapping[str, Any], separator: str | None = None) -> tuple[str, ...]:
    """``base_model`` as a tuple of ids: a string, a list, or for CSV a ``separator``-joined string."""
    value = record.get("base_model")
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        if not separator:
            value = value.strip()
            return (value,) if value else ()
        return tuple(p.strip() for p in value.split(separator) if p.strip())
    if isinstance(value, list):
        return tuple(
            dict.fromkeys(
                str(v).strip() for v in value if v is not None and not isinstance(v, (dict, list)) and str(v).strip()
            )
        )
    if isinstance(value, dict):
        return ()
    return (str(value),)


def relation(record: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """``base_model_relation`` as one of :data:`RELATIONS` (or ``None``), and as written."""
    value = record.get("base_model_relation")
    if value is None:
        return _NO_RELATION
    if type(value) is str:
        exact = _EXACT.get(value)
        if exact is not None:
            return exact
    text = _text(value)
    if text is None:
        return None, None
    key = text.lower()
    if key in RELATIONS:
        return key, text
    return _RELATION_SPELLINGS.get(key), text


_NO_RELATION: tuple[None, None] = (None, None)
_EXACT = {name: (name, name) for name in RELATIONS}


def link(record: Mapping[str, Any]) -> str | None:
    """``license_link`` (or ``licence_link``) as written, stripped."""
    value = record.get("license_link")
    if value is None:
        value = record.get("licence_link")
    return value.strip() or None if isinstance(value, str) else None


def datasets(record: Mapping[str, Any]) -> tuple[str, ...]:
    """``datasets`` (the data the model was trained or tuned on): one id or a list, ids that are
    text, stripped, in order, each once."""
    value = record.get("datasets")
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))


def read_metadata(
    record: Mapping[str, Any], resolve: Resolve | None = None, separator: str | None = None
) -> CardMetadata:
    """Everything a card's front matter or a table record declares (see the module documentation)."""
    fields = licence_fields(record, resolve)
    known, written = relation(record)
    return CardMetadata(
        fields.licence,
        fields.as_declared(),
        base_models(record, separator),
        known,
        written,
        fields.name,
        link(record),
        fields.key,
        fields.notes,
        {},
    )


_POSITIONED = (
    "license",
    "licence",
    "license_name",
    "licence_name",
    "license_link",
    "base_model",
    "base_model_relation",
)


def read_card_metadata(card: ModelCard, resolve: Resolve | None = catalogue_id) -> CardMetadata:
    """:func:`read_metadata` of a card's front matter, with the position of each value it read."""
    found = read_metadata(card.meta, resolve)
    positions = {key: card.value_position(key) for key in _POSITIONED if key in card.meta}
    return found._replace(positions=positions)
