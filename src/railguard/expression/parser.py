"""The text that names a licence, read into :class:`~railguard.model.declared.Declared`.

Wherever a licence is named (a command-line argument, a manifest or table record, a card's
``license_name``, an SPDX or CycloneDX document) the text may be one catalogue id or alias, or an
SPDX licence expression. :func:`parse_licence` reads either:

* a name the catalogue knows resolves at once (``mit``, ``Apache-2.0``, a Hub id, a ScanCode key),
  without importing the expression library, so that naming a licence stays cheap;
* ``LicenseRef-scancode-<key>`` resolves like the ScanCode key;
* ``<id>-or-later``, ``<id>+`` (and ScanCode's ``-plus`` keys) become a choice of that version and
  every later one in the catalogue (:mod:`railguard.expression.versions`);
* ``A AND B``, ``A OR B``, parentheses and ``<licence> WITH <exception>`` are parsed with
  license-expression (the maintained SPDX expression library) and brought into Declared's normal
  form, an OR of ANDs; an exception railguard knows becomes a composed licence
  (:mod:`railguard.expression.exceptions`), one it does not know is a warning.

Resolved names are catalogue ids; a name railguard does not know is kept as written, so the
lineage engine can report it (RG308) in the user's words. SPDX writes its operators in capitals;
``and`` / ``or`` / ``with`` in lower case are read as operators only when every name around them
is known (``Terms and Conditions`` stays one unknown name).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from railguard.model.declared import Declared
from railguard.model.names import normalise

if TYPE_CHECKING:
    from railguard.catalogue import Catalogue
    from railguard.expression.exceptions import LicenceException

__all__ = ["MAX_ALTERNATIVES", "Note", "Parsed", "parse_licence"]

#: More choices than this is not a licence anyone wrote: an expression such as twenty
#: ``(A OR B)`` joined by AND would otherwise expand to a million alternatives.
MAX_ALTERNATIVES = 64
#: Longer text is not a licence expression (the longest SPDX ids are under 60 characters).
MAX_LENGTH = 2000
_SPECIAL = frozenset({"noassertion", "none"})
# NOTE: an operator stands between spaces (or parentheses): `GPL-2.0-or-later` holds none.
_OPERATOR = re.compile(r"(?<![^\s()])(?:AND|OR|WITH)(?![^\s()])|[()]")
_ANY_OPERATOR = re.compile(r"(?i)(?<![^\s()])(?:and|or|with)(?![^\s()])|[()]")
_OR_LATER_WORDS = re.compile(r"(?i)\s+or\s+(?:any\s+)?later(?:\s+versions?)?\b")
_LICENSEREF_SCANCODE = re.compile(r"(?i)^licenseref-scancode-")


@dataclass(frozen=True, slots=True)
class Note:
    """Something to report about how an expression was read (an unknown exception, a condition)."""

    code: str
    message: str
    hint: str
    licence: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a licence text declares.

    Attributes:
        declared: the normal form; names are catalogue ids, or the user's words when unknown.
        notes: findings about the reading (RG351-RG353, RG355), for the caller to report with a place.
        error: why the text is not a licence expression (it uses operators but cannot be
            parsed); ``declared`` then holds the whole text as one unknown name.
    """

    declared: Declared
    notes: tuple[Note, ...] = ()
    error: str | None = None

    @property
    def unknown(self) -> tuple[str, ...]:
        """The names in ``declared`` that no catalogue licence answers to."""
        from railguard.catalogue import load_catalogue

        catalogue = load_catalogue()
        return tuple(name for name in self.declared.names if catalogue.find(name) is None)


def record_licence(text: str) -> tuple[str, tuple[Note, ...]]:
    """The licence name a lineage record should carry for ``text``, and what to report about it.

    One licence (however written: ``LicenseRef-scancode-<key>``, ``GPL-3.0-or-later``, a licence
    ``WITH`` an exception) becomes its catalogue id; a choice or a conjunction keeps the text, for
    the engine's reading of :class:`Declared`; a text with broken expression syntax is RG354.
    """
    parsed = parse_licence(text)
    notes = parsed.notes
    if parsed.error is not None:
        notes += (
            Note(
                "RG354",
                f"`{text}` is not a valid licence expression ({parsed.error}); it is read as one unknown licence",
                "write a valid SPDX expression: operators in capitals between licence ids, parentheses balanced",
                text,
            ),
        )
    if parsed.declared.is_single:
        return parsed.declared.names[0], notes
    return text, notes


class _Unreadable(Exception):
    """The text uses expression syntax but is not a valid expression."""


def parse_licence(text: str) -> Parsed:
    """Read a licence name or SPDX expression (see the module documentation)."""
    return _parse(text.strip())


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> Parsed:
    from railguard.catalogue import load_catalogue

    if not text or text.casefold() in _SPECIAL:
        # NOTE: SPDX's NOASSERTION / NONE say that no licence is declared; the engine reports a
        # missing licence the same way as an empty field.
        return Parsed(Declared(()))
    catalogue = load_catalogue()
    if normalise(text) in catalogue.index and _from_later(text) is None:
        # NOTE: the common case, a name the catalogue lists: no expression library, no copy.
        return Parsed(Declared.single(text))
    reader = _Reader(catalogue)
    if _ANY_OPERATOR.search(text) is None:
        return Parsed(Declared(reader.symbol(text), False, text), tuple(reader.notes))
    if len(text) > MAX_LENGTH:
        return Parsed(Declared.single(text), error=f"longer than {MAX_LENGTH} characters")
    strict = _OPERATOR.search(text) is not None
    spelled = _OR_LATER_WORDS.sub("+", text)
    try:
        alternatives = reader.expression(spelled)
    except _Unreadable as exc:
        if not strict:
            return Parsed(Declared.single(text))
        return Parsed(Declared.single(text), error=str(exc))
    if not strict and reader.unknown:
        # NOTE: lower-case `and` / `or` between words railguard does not know is more likely a
        # licence's name ("Terms and Conditions") than an expression.
        return Parsed(Declared.single(text))
    return Parsed(Declared(alternatives, False, text), tuple(reader.notes))


def _from_later(text: str) -> str | None:
    from railguard.expression.versions import or_later_base

    return or_later_base(_LICENSEREF_SCANCODE.sub("", text))


class _Reader:
    """One reading of one text: resolves symbols and collects notes."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.notes: list[Note] = []
        self.unknown: list[str] = []

    def note(self, note: Note) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def expression(self, text: str) -> tuple[tuple[str, ...], ...]:
        from license_expression import ExpressionError, Licensing

        licensing = _licensing()
        try:
            parsed = licensing.parse(text, validate=False, simple=False)
        except ExpressionError as exc:
            raise _Unreadable(_reason(exc)) from None
        except RecursionError:
            raise _Unreadable("nested too deeply") from None
        except IndexError:
            # NOTE: the boolean.py parser under license-expression fails this way on a group that
            # holds nothing (`()`, `mit AND ()`) instead of raising its own ParseError.
            raise _Unreadable("a pair of parentheses holds nothing") from None
        if parsed is None:
            raise _Unreadable("it is empty")
        try:
            return self.normal_form(parsed, Licensing)
        except RecursionError:
            raise _Unreadable("nested too deeply") from None

    def normal_form(self, node: Any, kind: Any) -> tuple[tuple[str, ...], ...]:
        """The OR of ANDs of one parsed node."""
        from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

        licensing = _licensing()
        if isinstance(node, LicenseWithExceptionSymbol):
            return self.with_exception(node.license_symbol.key, node.exception_symbol.key)
        if isinstance(node, LicenseSymbol):
            return self.symbol(node.key)
        parts = [self.normal_form(arg, kind) for arg in node.args]
        if isinstance(node, licensing.OR):
            return _cap(tuple(dict.fromkeys(alt for part in parts for alt in part)))
        if isinstance(node, licensing.AND):
            combined: tuple[tuple[str, ...], ...] = ((),)
            for part in parts:
                combined = _cap(tuple(dict.fromkeys(tuple(dict.fromkeys(a + b)) for a in combined for b in part)))
            return combined
        raise _Unreadable(f"`{node}` is not a licence, AND, OR or WITH")

    def symbol(self, key: str) -> tuple[tuple[str, ...], ...]:
        """One licence name: a catalogue licence, a choice of versions, or an unknown name."""
        from railguard.expression.versions import versions_of

        found = versions_of(self.catalogue, _LICENSEREF_SCANCODE.sub("", key))
        if found:
            for ident in found:
                self._composed(ident)
            return tuple((ident,) for ident in found)
        self.unknown.append(key)
        return ((key,),)

    def _composed(self, ident: str) -> None:
        """The note a licence with an exception gets, when one name spells both (SPDX's deprecated
        ``GPL-2.0-with-classpath-exception``): the same as the ``WITH`` form's."""
        from railguard.expression.exceptions import WITH, find_exception

        head, sep, tail = ident.partition(WITH)
        exception = find_exception(tail) if sep else None
        if exception is not None:
            self.note(_condition(head, exception))

    def with_exception(self, licence_key: str, exception_key: str) -> tuple[tuple[str, ...], ...]:
        """``<licence> WITH <exception>``: the exception applied to every licence it is written for."""
        from railguard.expression.exceptions import WITH, find_exception

        alternatives = self.symbol(licence_key)
        exception = find_exception(exception_key)
        if exception is None:
            self.unknown.append(exception_key)
            self.note(
                Note(
                    "RG351",
                    f"`{licence_key} WITH {exception_key}`: railguard does not know the exception "
                    f"`{exception_key}`, so `{licence_key}` is read without it",
                    "check what the exception permits; if it lifts duties railguard should know, "
                    "propose it for licences/_exceptions.yaml",
                    licence_key,
                )
            )
            return alternatives
        out: list[tuple[str, ...]] = []
        for alternative in alternatives:
            (ident,) = alternative
            if self.catalogue.find(ident) is None:
                out.append(alternative)
            elif ident in exception.applies_to:
                out.append((f"{ident}{WITH}{exception.id}",))
                self.note(_condition(ident, exception))
            else:
                out.append(alternative)
                self.note(
                    Note(
                        "RG352",
                        f"`{exception.spdx}` is written for {', '.join(f'`{a}`' for a in exception.applies_to)}, "
                        f"not `{ident}`, so `{ident}` is read without it",
                        "check the expression: the exception is probably attached to the wrong licence",
                        ident,
                    )
                )
        return tuple(dict.fromkeys(out))


def _condition(ident: str, exception: LicenceException) -> Note:
    """RG353 for an exception that changes the verdict on a condition; RG355 for one that frees only linking works."""
    from railguard.expression.exceptions import WITH

    composed = f"{ident}{WITH}{exception.id}"
    lifted = f"the {_kinds(exception.lifts)} duties of `{ident}`"
    if exception.reach == "derivatives":
        return Note(
            "RG353",
            f"`{composed}` lifts {lifted}{_towards(exception.towards)}, but only for {exception.condition}",
            f"if the derivative is not such a work, check it against `{ident}` alone",
            composed,
        )
    return Note(
        "RG355",
        f"`{composed}` lifts {lifted} only for {exception.condition}; a derivative of the work "
        "itself stays bound and is checked so",
        f"a work that only links with or uses `{ident}` in this way is not bound by those duties",
        composed,
    )


def _kinds(kinds: tuple[Any, ...]) -> str:
    names = [f"`{kind.value}`" for kind in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _towards(ids: tuple[str, ...]) -> str:
    return f" towards {', '.join(f'`{i}`' for i in ids)}" if ids else ""


def _cap(alternatives: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    if len(alternatives) > MAX_ALTERNATIVES:
        raise _Unreadable(f"it offers more than {MAX_ALTERNATIVES} alternatives")
    return alternatives


@functools.cache
def _licensing() -> Any:
    """license-expression's parser, with no licence list of its own: railguard's catalogue resolves the names."""
    from license_expression import Licensing

    return Licensing()


def _reason(exc: Exception) -> str:
    """license-expression's reason, with characters that could steer a terminal shown as escapes."""
    text = str(exc) or type(exc).__name__
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
