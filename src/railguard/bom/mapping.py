"""The one table between railguard's lineage model and BOM vocabularies: licences and derivation kinds.

Licences: a catalogue licence is written as its SPDX id when SPDX lists it, else as ScanCode's
``LicenseRef-scancode-<key>`` when ScanCode has it (the form scanners write), else as
``LicenseRef-<catalogue id>``; a name railguard does not know as ``LicenseRef-`` plus the name
made safe. Every ``LicenseRef-`` comes with its name and, for catalogue licences, railguard's own
summary and the licence's address (never its text). Reading maps each of those forms back.

Derivation kinds (``base_model_relation``) and the relationship each format has for them:

============  ======================  =============================  ==================================
relation      SPDX 2.3                SPDX 3.0                       CycloneDX
============  ======================  =============================  ==================================
finetune      model DESCENDANT_OF     model descendantOf base        pedigree.ancestors, and the
              base                                                   property railguard:relation
merge         DESCENDANT_OF each      descendantOf each base         (the same, one ancestor a base)
adapter       model PATCH_FOR base    base patchedBy model
quantized     model GENERATED_FROM    base hasVariant model
              base
============  ======================  =============================  ==================================

The relationship's comment (SPDX) or the ``railguard:relation`` property (CycloneDX) names the kind
as well, so a document railguard wrote reads back exactly; a document from another tool is read
by the relationship type alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.model.names import normalise

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue
    from railguard.model import Licence
    from railguard.model.declared import Declared

RELATIONS = ("finetune", "adapter", "quantized", "merge")
#: Where railguard writes, and reads back, that a model came from its table of well-known models
#: (SPDX ``sourceInfo``, CycloneDX property ``railguard:source``): read back, such a model is
#: resolved from the table again, as in the run that wrote the document.
KNOWN_SOURCE = "railguard: well-known model"
#: Where railguard writes that a model declared a list under ``license:``, written as the AND of
#: its items (SPDX 2.3: the package's ``licenseComments``; SPDX 3: the licence expression's
#: ``comment``; CycloneDX: the property ``railguard:license_list``): read back, the expression is
#: the list again (:func:`read_licence`), with the same findings. Other tools read ``A AND B``.
LISTED_NOTE = (
    "railguard: the model declares a list under `license:`; every item applies: each must honour what "
    "the ancestors require, and all bind derivatives"
)
LISTED_PROPERTY = "railguard:license_list"
#: The comment or property value that names railguard's kind on a written relationship.
RELATION_NOTE = "railguard base_model_relation: "
RELATION_PROPERTY = "railguard:base_model_relation"

#: A model's training data (its ``datasets``). SPDX 2.3 has no relationship for it: railguard writes
#: ``<model> OTHER <dataset>`` with this comment (the spec's way to name a relationship it lacks), and
#: reads such a relationship back; SPDX 3 has ``trainedOn``, CycloneDX the model card's datasets.
TRAINED_NOTE = "railguard: trainedOn (the model was trained on this dataset)"
#: The comment of a dataset's package (SPDX 2.3 has no dataset package of its own).
DATASET_NOTE = (
    "A dataset (railguard lineage) that a model names under `datasets`; railguard takes its licence "
    "from its table of well-known datasets, so none is written here."
)


def is_trained_on(note: str | None) -> bool:
    """Whether a relationship's comment is railguard's mark of a model's training data (:data:`TRAINED_NOTE`)."""
    return bool(note) and str(note).strip().startswith(TRAINED_NOTE[: TRAINED_NOTE.index("(")].strip())


#: SPDX 2.3 relationship type for each kind, written as `<model> TYPE <base>`.
SPDX2_WRITE = {
    "finetune": "DESCENDANT_OF",
    "merge": "DESCENDANT_OF",
    "adapter": "PATCH_FOR",
    "quantized": "GENERATED_FROM",
}
#: SPDX 2.3 relationship types read as derivations: type -> (kind or None, True when the base is the
#: relationship's *target*, False when it is the source).
SPDX2_READ: dict[str, tuple[str | None, bool]] = {
    "DESCENDANT_OF": (None, True),
    "ANCESTOR_OF": (None, False),
    "VARIANT_OF": (None, True),
    "PATCH_FOR": ("adapter", True),
    "PATCH_APPLIED": ("adapter", False),
    "GENERATED_FROM": ("quantized", True),
    "GENERATES": ("quantized", False),
}
#: SPDX 2.3 relationship types that only structure the document (nothing to map, nothing lost).
SPDX2_STRUCTURE = frozenset({"DESCRIBES", "DESCRIBED_BY"})

#: SPDX 3.0 relationship type for each kind, and whether the model is its `from` (else the base is).
SPDX3_WRITE: dict[str | None, tuple[str, bool]] = {
    None: ("descendantOf", True),
    "finetune": ("descendantOf", True),
    "merge": ("descendantOf", True),
    "adapter": ("patchedBy", False),
    "quantized": ("hasVariant", False),
}
SPDX3_READ: dict[str, tuple[str | None, bool]] = {
    "descendantOf": (None, True),
    "ancestorOf": (None, False),
    "patchedBy": ("adapter", False),
    "hasVariant": ("quantized", False),
    "generates": ("quantized", False),
}

_SAFE = re.compile(r"[^A-Za-z0-9.-]+")
_LICENSEREF = re.compile(r"(?i)^licenseref-")
#: A ``LicenseRef-`` in an expression, possibly of another document (``DocumentRef-x:LicenseRef-y``).
_REF = re.compile(r"(?i)(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+")
#: The tokens of an expression that matter for its structure: parentheses and operators.
_TOKEN = re.compile(r"[()]|(?<![^\s()])(?:AND|OR)(?![^\s()])")


@dataclass
class LicenceRefs:
    """The ``LicenseRef-`` identifiers a document needs, each with what it stands for.

    ``folder`` is the input's folder: a licence file is named relative to it (never by the
    writer's absolute path).
    """

    #: ref -> (name, text written for it, address or None)
    refs: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    folder: str | None = None


def licence_id(licence: Licence, refs: LicenceRefs) -> str:
    """The SPDX form of one catalogue licence (see the module documentation)."""
    if licence.spdx:
        return licence.spdx
    if licence.scancode:
        ref = f"LicenseRef-scancode-{licence.scancode}"
    else:
        ref = "LicenseRef-" + _SAFE.sub("-", licence.id.replace("+", "-plus")).strip("-")
    if ref not in refs.refs:
        text = (
            f"{licence.name}, published at {licence.url}. Summary by railguard (not the licence text): "
            f"{licence.summary}"
        )
        refs.refs[ref] = (licence.name, text, licence.url)
    return ref


#: How much of a licence file a document carries (a licence text is far shorter).
_FILE_TEXT_MAX = 1 << 20
#: The ``LicenseRef-`` of a licence given as a file: ``LicenseRef-file-<file name>-<sha256 of its text, 12>``.
FILE_REF_PREFIX = "LicenseRef-file-"
#: The text written for a licence file that could not be read when writing (read back, it is no licence text).
UNREAD_FILE = "A licence given as the file `{}`, which could not be read when writing."


def _file_ref(path: str, refs: LicenceRefs) -> str:
    """A licence given as a file (``file:<path>``): named by the file's name and a hash of its text.

    The local path never goes into the document (it names the writer's folders and differs per
    machine); the text goes in as the extracted text, so that a reader has the licence itself
    (:func:`is_file_ref`, read back like a ``licence_file``).
    """
    import hashlib
    from pathlib import PurePath

    from railguard.errors import InputError
    from railguard.readfile import read_input

    try:
        data = read_input(Path(path), "a licence text", _FILE_TEXT_MAX)[:_FILE_TEXT_MAX]
        text = data.decode("utf-8-sig", errors="replace")
    except InputError:
        data, text = path.encode("utf-8", "surrogatepass"), ""
    stem = _SAFE.sub("-", PurePath(path).name).strip("-") or "licence"
    ref = f"{FILE_REF_PREFIX}{stem}-{hashlib.sha256(data).hexdigest()[:12]}"
    name = public_path(path, refs.folder)
    refs.refs.setdefault(ref, (name, text or UNREAD_FILE.format(name), None))
    return ref


def is_file_ref(ref: str) -> bool:
    """Whether ``ref`` names a licence given as a file (what :func:`_file_ref` writes)."""
    return ref.startswith(FILE_REF_PREFIX)


def carried_text(ref: str, text: str | None) -> str | None:
    """The licence text a document carries for a licence file's ``ref``, or ``None`` (another ref, no
    text, or railguard's note that the file could not be read when writing)."""
    if not is_file_ref(ref) or not text or not text.strip():
        return None
    if text.startswith(UNREAD_FILE[: UNREAD_FILE.index("`")]) and text.rstrip().endswith(UNREAD_FILE[-40:]):
        return None
    return text


def public_path(path: str, folder: str | None) -> str:
    """A licence file's path as a document may show it: relative to the input's folder when it lies
    there, else its file name alone (never an absolute or a ``..`` path)."""
    import os
    from pathlib import PurePath

    if folder is not None:
        try:
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
        except ValueError:  # another drive (Windows)
            relative = ""
        if relative and not os.path.isabs(relative) and not relative.startswith(".."):
            return PurePath(relative).as_posix()
    return PurePath(path).name


def public_name(name: str, folder: str | None = None) -> str:
    """A licence name as a document may show it: a licence file by :func:`public_path`."""
    if name.startswith("file:"):
        return "file:" + public_path(name[len("file:") :], folder)
    return name


def public_text(text: str, names: tuple[str, ...], folder: str | None) -> str:
    """``text`` (a finding's message) with every licence file among ``names`` named by :func:`public_name`."""
    paths = {n[len("file:") :] for n in names if n.startswith("file:")}
    for path in sorted(paths, key=len, reverse=True):
        if path and path in text:
            text = text.replace(path, public_path(path, folder))
    return text


def unknown_id(name: str, refs: LicenceRefs) -> str:
    """The SPDX form of a licence name railguard does not know."""
    if name.startswith("file:"):
        return _file_ref(name[len("file:") :], refs)
    if _LICENSEREF.match(name) and not _SAFE.search(name):
        ref = name
    else:
        ref = "LicenseRef-" + (_SAFE.sub("-", name).strip("-") or "unnamed")
    refs.refs.setdefault(
        ref, (name, f"A licence declared as `{name}`; railguard's catalogue does not describe it.", None)
    )
    return ref


@dataclass(frozen=True, slots=True)
class Expression:
    """A declared licence as SPDX writes it.

    Attributes:
        text: the SPDX expression.
        listed: the model declared a list under ``license:`` (``[apache-2.0, mit]``): every item
            applies, so the items are joined by ``AND``, and the document marks the expression
            (:data:`LISTED_NOTE`, :data:`LISTED_PROPERTY`) so that railguard reads the list back.
    """

    text: str
    listed: bool = False


def spdx_expression(
    licence: str | None, declared: Declared | None, catalogue: Catalogue, refs: LicenceRefs
) -> Expression | None:
    """A model's declared licence as an SPDX expression; ``None`` when it declares none.

    ``declared`` is the declaration in normal form when the model names more than one licence,
    else ``licence`` (an id, an alias, an expression) is read.
    """
    if declared is None:
        if not licence:
            return None
        from railguard.expression.parser import parse_licence

        declared = parse_licence(licence).declared
    if declared.empty:
        return None

    def conjunction(names: tuple[str, ...], nested: bool) -> str:
        ids = []
        for name in names:
            found = catalogue.find(name)
            ids.append(licence_id(found, refs) if found is not None else unknown_id(name, refs))
        joined = " AND ".join(ids)
        return f"({joined})" if nested and len(ids) > 1 else joined

    nested = len(declared.alternatives) > 1
    if declared.listed:
        # NOTE: a list's items all apply (both ways, see railguard.model.declared): they are the
        # operands of one AND, each item (a conjunction of its own) in parentheses.
        return Expression(" AND ".join(conjunction(c, nested) for c in declared.alternatives), nested)
    return Expression(" OR ".join(conjunction(c, nested) for c in declared.alternatives))


def read_licence(text: str | None, listed: bool, names: dict[str, str]) -> str | list[str] | None:
    """A licence expression read from a document, as a lineage record's ``license``.

    Each ``LicenseRef-`` becomes the catalogue licence it stands for, else the name ``names``
    gives it (the document's extracted licensing info). An expression railguard marked as a list
    (``listed``) becomes the list again, one item per operand of its top-level ``AND``, so it is
    read as the card's list was; unmarked, ``A AND B`` is a conjunction.
    """
    if not text or not text.strip():
        return None
    from railguard.catalogue import load_catalogue

    catalogue = load_catalogue()
    if listed:
        items = [resolve_refs(item, catalogue, names) for item in and_operands(text)]
        if len(items) > 1:
            # NOTE: an item the catalogue knows is named by its id, as railguard shows a list (`[apache-2.0, mit]`).
            return [found.id if (found := catalogue.find(item)) is not None else item for item in items]
    return resolve_refs(text, catalogue, names)


def resolve_refs(text: str, catalogue: Catalogue, names: dict[str, str]) -> str:
    """An expression with every ``LicenseRef-`` in it resolved (:func:`resolve_ref`)."""
    return _REF.sub(lambda m: resolve_ref(m.group(0), catalogue, names), text)


def and_operands(text: str) -> list[str]:
    """The operands of an expression's top-level ``AND``, each without its outer parentheses.

    ``A AND (B OR C)`` gives ``A`` and ``B OR C``; an expression whose top level is no ``AND``
    (``A OR B``, unbalanced parentheses) is one operand.
    """
    operands: list[str] = []
    depth, start = 0, 0
    for token in _TOKEN.finditer(text):
        word = token.group(0)
        if word == "(":
            depth += 1
        elif word == ")":
            depth -= 1
            if depth < 0:
                return [text.strip()]
        elif depth == 0 and word == "AND":
            operands.append(text[start : token.start()])
            start = token.end()
        elif depth == 0 and word == "OR":
            return [text.strip()]
    if depth != 0:
        return [text.strip()]
    operands.append(text[start:])
    return [_unwrap(operand.strip()) for operand in operands]


def _unwrap(operand: str) -> str:
    """An operand without the parentheses around all of it (``(B OR C)``; not ``(A) OR (B)``)."""
    while operand.startswith("(") and operand.endswith(")"):
        depth = 0
        for index, char in enumerate(operand):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and index < len(operand) - 1:
                return operand
        operand = operand[1:-1].strip()
    return operand


def resolve_ref(ref: str, catalogue: Catalogue, names: dict[str, str]) -> str:
    """A ``LicenseRef-`` read back: the catalogue id it stands for, else the name given for it.

    ``names`` maps each ref of the document to the name its extracted licensing info gives.
    """
    found = catalogue.find(ref)  # LicenseRef-scancode-<key>
    if found is None:
        found = catalogue.find(_LICENSEREF.sub("", ref))
    if found is None and ref in names:
        found = catalogue.find(names[ref])
    if found is not None:
        return found.id
    return names.get(ref, ref)


def is_listed(note: str | None) -> bool:
    """Whether a licence comment or property is railguard's mark of a list (:data:`LISTED_NOTE`)."""
    return bool(note) and str(note).strip().startswith(LISTED_NOTE[: LISTED_NOTE.index(";")])


def relation_from_note(note: str | None) -> str | None:
    """The kind a relationship's comment or property names (what railguard writes), if any."""
    if not note:
        return None
    text = note.strip()
    if text.startswith(RELATION_NOTE):
        text = text[len(RELATION_NOTE) :]
    value = normalise(text)
    return value if value in RELATIONS else None


def hub_purl(model_id: str) -> str | None:
    """The package URL of a Hugging Face Hub model id (``org/name``), or ``None`` for other ids."""
    org, sep, name = model_id.partition("/")
    if not sep or not org or not name or "/" in name:
        return None
    from urllib.parse import quote

    return f"pkg:huggingface/{quote(org, safe='')}/{quote(name, safe='')}"


def id_from_purl(purl: str | None) -> str | None:
    """The Hub model id of a ``pkg:huggingface/...`` package URL, or ``None``."""
    if not purl or not purl.lower().startswith("pkg:huggingface/"):
        return None
    from urllib.parse import unquote

    path = purl[len("pkg:huggingface/") :].split("@", 1)[0].split("?", 1)[0].split("#", 1)[0]
    parts = [unquote(p) for p in path.split("/") if p]
    return "/".join(parts) if len(parts) == 2 else None
