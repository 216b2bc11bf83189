"""One model repository as the audit sees it: its card, licence files, notices, code and datasets.

Facts are worked out once, on first use, so each check asks for what it needs and a repository
whose checks never need the licence reader (no licence file) never loads its grammars.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from railguard.audit.files import (
    CODE_HEAD_BYTES,
    MAX_CODE_FILES,
    RepoSource,
    card_name,
    is_code_name,
    is_licence_name,
    is_notice_name,
    is_policy_name,
    linked_file,
    read_text,
)
from railguard.audit.texts import IDENTITIES, Reading, copyright_notices, fold, read_licence
from railguard.errors import InputError
from railguard.model.declared import Declared

if TYPE_CHECKING:
    from railguard.audit.headers import Header
    from railguard.audit.runner import AuditRun
    from railguard.card.reader import ModelCard
    from railguard.lint.context import CardContext
    from railguard.model import Licence

#: A web address in a text (markdown links and angle brackets end it), the scheme left out.
_ADDRESS = re.compile(r"https?://([^\s<>()\[\]\"'`|]+)", re.IGNORECASE)

#: A notice or card text is read up to this size (a NOTICE file of a large project is a few kB).
MAX_NOTICE_BYTES = 1024 * 1024


class Repository:
    """What the checks may ask about one repository (computed once, on demand)."""

    def __init__(self, source: RepoSource, run: AuditRun, model_id: str | None = None) -> None:
        self.source = source
        self.run = run
        self._model_id = model_id

    # --- the card ---------------------------------------------------------------------------------

    @functools.cached_property
    def files(self) -> tuple[str, ...]:
        """Every file of the repository (bounded; see :mod:`railguard.audit.files`)."""
        return self.source.files()

    @functools.cached_property
    def card_file(self) -> str | None:
        """The model card's name below the top, if there is one."""
        return card_name(self.files)

    @functools.cached_property
    def card(self) -> ModelCard | None:
        """The model card, read (``None`` when there is none or it cannot be opened)."""
        if self.card_file is None:
            return None
        return self.source.read_card(self.card_file)

    @property
    def meta(self) -> dict[str, Any]:
        """The card's front matter (empty without a readable one)."""
        card = self.card
        return card.meta if card is not None and card.problem is None else {}

    @functools.cached_property
    def model_id(self) -> str:
        """The model the repository holds."""
        if self._model_id:
            return self._model_id
        card = self.card
        if card is not None:
            from railguard.lint.context import model_id_for

            return model_id_for(card.path, card.meta, self.run.lint.root_of)
        return os.path.basename(os.path.realpath(self.source.label)) or self.source.label

    @functools.cached_property
    def declared(self) -> Declared:
        """What the card declares as the model's licence (read by the one card reader)."""
        from railguard.card.metadata import licence_fields

        return licence_fields(self.meta).as_declared()

    @functools.cached_property
    def datasets(self) -> tuple[str, ...]:
        """The datasets the card names (read by the one card reader)."""
        from railguard.card.metadata import datasets

        return datasets(self.meta)

    @functools.cached_property
    def declared_licences(self) -> tuple[Licence, ...]:
        """The declared licences the catalogue knows, in the order written."""
        found = (self.run.lint.licence(name) for name in self.declared.names)
        return tuple(dict.fromkeys(lic for lic in found if lic is not None))

    @functools.cached_property
    def unknown_names(self) -> tuple[str, ...]:
        """Declared licence names the catalogue does not know."""
        return tuple(name for name in self.declared.names if self.run.lint.licence(name) is None)

    def card_place(self, key: str = "license") -> tuple[str, int | None, int | None]:
        """(file, line, column) of a front-matter key's value, or the repository when there is no card."""
        card = self.card
        if card is None or self.card_file is None:
            return self.source.label, None, None
        line, col = card.value_position(key) if card.problem is None else (card.problem.line, card.problem.col)
        return self.source.display(self.card_file), line, col

    @functools.cached_property
    def context(self) -> CardContext | None:
        """The linter's view of the card: its lineage through the engine (``None`` without a usable card)."""
        card = self.card
        if card is None or card.problem is not None:
            return None
        from railguard.lint.context import CardContext

        return CardContext(card, self.run.lint, self.model_id)

    # --- licence files, notices, code -------------------------------------------------------------

    @functools.cached_property
    def licence_names(self) -> tuple[str, ...]:
        """The licence files: named as licences, or named by the card's ``license_link``."""
        names = [name for name in self.files if is_licence_name(name)]
        from railguard.card.metadata import link

        linked = linked_file(link(self.meta), self.files)
        if linked is not None and linked not in names and linked != self.card_file:
            names.append(linked)
        return tuple(names)

    @functools.cached_property
    def policy_names(self) -> tuple[str, ...]:
        """The use-policy files (``USE_POLICY.md``), unless already licence files."""
        return tuple(n for n in self.files if is_policy_name(n) and n not in self.licence_names)

    @functools.cached_property
    def readings(self) -> dict[str, Reading]:
        """Every licence and policy file, read."""
        from railguard.parse.source import MAX_BYTES

        out: dict[str, Reading] = {}
        for name in (*self.licence_names, *self.policy_names):
            text, problem = read_text(self.source, name, MAX_BYTES)
            shown = self.source.display(name)
            reading = Reading(shown, problem) if text is None else read_licence(shown, text)
            out[name] = replace(reading, path=name)
        return out

    @property
    def licence_readings(self) -> tuple[Reading, ...]:
        """The licence files' readings (policy files left out)."""
        return tuple(self.readings[name] for name in self.licence_names)

    @functools.cached_property
    def notice_texts(self) -> dict[str, str]:
        """Every ``NOTICE`` file's text that could be read."""
        out: dict[str, str] = {}
        for name in self.files:
            if is_notice_name(name):
                text, _ = read_text(self.source, name, MAX_NOTICE_BYTES)
                if text is not None:
                    out[name] = text
        return out

    @functools.cached_property
    def headers(self) -> tuple[Header, ...]:
        """The licence headers of the code files (the first :data:`MAX_CODE_FILES`)."""
        from railguard.audit.headers import read_header

        out = []
        for name in [n for n in self.files if is_code_name(n)][:MAX_CODE_FILES]:
            try:
                data = self.source.read(name, CODE_HEAD_BYTES)
            except (InputError, OSError):  # an unreadable code file only loses its header
                continue
            text = data[:CODE_HEAD_BYTES].decode("utf-8", errors="replace")
            header = read_header(self.source.display(name), text, self.run.lint.catalogue)
            if header.licences or header.notices.lines:
                out.append(header)
        return tuple(out)

    # --- what the files show ----------------------------------------------------------------------

    def ships(self, licence: Licence) -> Reading | None:
        """A licence file holding ``licence``'s text: its published wording (first), edited, or titled so."""
        found = [
            r for r in self.licence_readings if not r.stub and r.licence is not None and covers(licence, r.licence)
        ]
        return min(found, key=lambda r: IDENTITIES.index(r.identity), default=None)

    @property
    def unidentified(self) -> tuple[Reading, ...]:
        """Licence files that could hold any licence: unreadable, or no catalogue licence's text or policy."""
        return tuple(r for r in self.licence_readings if not r.stub and r.licence is None and r.policy_of is None)

    @functools.cached_property
    def card_folded(self) -> str:
        """The card's text, folded."""
        card = self.card
        return fold(card.text) if card is not None else ""

    @functools.cached_property
    def notices_folded(self) -> str:
        """Every NOTICE file's text, folded."""
        return fold("\n".join(self.notice_texts.values()))

    @functools.cached_property
    def licences_folded(self) -> str:
        """Every licence and policy file's text, folded."""
        return "".join(r.folded for r in self.readings.values())

    @functools.cached_property
    def addresses(self) -> frozenset[str]:
        """Every web address the card (with its ``license_link``) and NOTICE files show.

        Lower case, without the scheme, a leading ``www.`` or a trailing slash, as the catalogue's
        ``licence-copy`` ``link`` parameter writes them.
        """
        card = self.card
        texts = [card.text if card is not None else "", *self.notice_texts.values()]
        link = self.meta.get("license_link")
        if isinstance(link, str):
            texts.append(link)
        found = set()
        for text in texts:
            for match in _ADDRESS.finditer(text):
                address = match.group(1).lower().rstrip(".,;:").rstrip("/")
                found.add(address.removeprefix("www."))
        return frozenset(found)

    def links_to(self, licence: Licence) -> bool:
        """Whether the card or a NOTICE file links the licence where a link meets its licence-copy duty."""
        from railguard.model import ObligationKind

        for obligation in licence.obligations:
            if obligation.kind is ObligationKind.LICENCE_COPY:
                for prefix in obligation.param("link") or ():
                    wanted = str(prefix).lower().rstrip("/")
                    if any(a == wanted or a.startswith((wanted + "/", wanted + "#")) for a in self.addresses):
                        return True
        return False

    @functools.cached_property
    def copyright_lines(self) -> tuple[tuple[str, int, str], ...]:
        """(file, line, text) of every filled-in copyright notice anywhere the audit reads."""
        out: list[tuple[str, int, str]] = []
        for reading in self.readings.values():
            out.extend((reading.name, line, text) for line, text in reading.notices.lines)
        for name, text in self.notice_texts.items():
            out.extend((self.source.display(name), line, t) for line, t in copyright_notices(text).lines)
        card = self.card
        if card is not None and self.card_file is not None:
            out.extend((self.source.display(self.card_file), line, t) for line, t in copyright_notices(card.text).lines)
        for header in self.headers:
            out.extend((header.name, line, text) for line, text in header.notices.lines)
        return tuple(out)


def covers(wanted: Licence, found: Licence) -> bool:
    """Whether a text identified as ``found`` is a text of ``wanted`` (a family id takes any member)."""
    # NOTE: an ambiguous id (`gpl`) names a family; its members are listed in the catalogue.
    return wanted.id == found.id or found.id in wanted.members
