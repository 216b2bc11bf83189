"""Load the licence catalogue from the packaged ``licences/`` folder, once per process."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from railguard.errors import LicenceDataError, UnknownLicenceError
from railguard.lazyre import lazy
from railguard.model import Licence, ObligationKind
from railguard.model.names import normalise
from railguard.resources import data_dir

if TYPE_CHECKING:
    from railguard.model import Category

CATEGORIES_FILE = "_categories.yaml"
#: Names that compose Hippocratic 3.0 from its core and modules, e.g. ``HL3-CL-ECO-MIL``.
_HL3_NAME = lazy(r"^(?:hl3|hl-3\.0|hippocratic-3\.0|hippocratic-license-3\.0)((?:-[a-z0-9]+)+)$")
HL3_CORE = "hippocratic-3.0"
#: SPDX's prefix of a licence it does not list (and ScanCode's, inside it).
_REF_PREFIX = lazy(r"^licenseref-(?:scancode-)?")
_OBLIGATION_KINDS = frozenset(kind.value for kind in ObligationKind)


class Catalogue:
    """Every known licence, by id, with a name index covering all aliases (treat as immutable).

    Attributes:
        licences: licence id -> licence, sorted by id.
        categories: restriction category slug -> category.
        index: every normalised name (id, alias, SPDX, ScanCode, Hub id) -> licence id.
    """

    # NOTE: a plain class, not a dataclass: creating a dataclass costs about a millisecond at
    # import, a noticeable share of every cold command (as for railguard.card.reader.ModelCard).
    __slots__ = ("categories", "index", "licences")

    def __init__(
        self, licences: Mapping[str, Licence], categories: Mapping[str, Category], index: Mapping[str, str]
    ) -> None:
        self.licences = licences
        self.categories = categories
        self.index = index

    def __repr__(self) -> str:
        return f"Catalogue({len(self.licences)} licences)"

    def __iter__(self) -> Iterator[Licence]:
        return iter(self.licences.values())

    def __len__(self) -> int:
        return len(self.licences)

    def find(self, name: str) -> Licence | None:
        """Resolve an id, alias, SPDX id, Hub id, ``LicenseRef-scancode-<key>``, a licence ``WITH`` an exception
        railguard knows, or a composed HL3 name; ``None`` if unknown."""
        key = normalise(name)
        ident = self.index.get(key)
        if ident is not None:
            return self.licences[ident]
        if key.startswith("licenseref-scancode-"):
            # NOTE: the SPDX form of a ScanCode key (what ScanCode writes in SPDX documents).
            return self.find(key[len("licenseref-scancode-") :])
        if "-with-" in key:
            # NOTE: a licence with an SPDX exception (`gpl-2.0 WITH classpath-exception-2.0`);
            # imported only here, so naming a plain licence never reads the exceptions file.
            from railguard.expression.exceptions import compose_with

            return compose_with(self, key)
        return self._compose_hl3(key)

    def get(self, name: str) -> Licence:
        """Like :meth:`find` but raise with suggestions.

        Raises:
            UnknownLicenceError: nothing in the catalogue answers to ``name``.
        """
        licence = self.find(name)
        if licence is None:
            raise UnknownLicenceError(name, self.suggest(name))
        return licence

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Catalogue ids whose names are closest to ``name``, best first."""
        import difflib  # only needed for "did you mean": keep it off the start-up path

        # NOTE: SPDX's `LicenseRef-` prefix is no part of the name, and a looser cut-off offered
        # names that merely share a version number or the word "licence".
        key = _REF_PREFIX.sub("", normalise(name))
        matches = difflib.get_close_matches(key, list(self.index), n=limit * 3, cutoff=0.8)
        ids: dict[str, None] = {}
        for match in matches:
            ids.setdefault(self.index[match], None)
        return tuple(ids)[:limit]

    def modules_of(self, core: str) -> dict[str, Licence]:
        """The composable modules of a core licence, by upper-case code."""
        return {
            lic.module.code: lic for lic in self.licences.values() if lic.module is not None and lic.module.of == core
        }

    def _compose_hl3(self, key: str) -> Licence | None:
        match = _HL3_NAME.match(key)
        if match is None or HL3_CORE not in self.licences:
            return None
        core = self.licences[HL3_CORE]
        modules = self.modules_of(HL3_CORE)
        codes: list[str] = []
        for part in match.group(1).strip("-").split("-"):
            code = part.upper()
            if code == "CORE":
                continue
            if code == "FULL":
                codes.extend(core.full_modules)
            elif code in modules:
                codes.append(code)
            else:
                return None
        return compose(core, [modules[c] for c in sorted(set(codes))])


def compose(core: Licence, modules: list[Licence]) -> Licence:
    """Build a licence from a core and its modules (Hippocratic 3.0's ``HL3-…`` names).

    The result keeps the core's identity data and adds every module's rules after the core's; it
    is non-commercial as soon as one module is.
    """
    if not modules:
        return core
    codes = [m.module.code for m in modules if m.module is not None]
    commercial: bool | None = core.commercial
    for module in modules:
        if module.commercial is False:
            commercial = False
    restrictions = core.restrictions + tuple(r for m in modules for r in m.restrictions)
    obligations = core.obligations + tuple(o for m in modules for o in m.obligations)
    return Licence(
        id="hl3-" + "-".join(code.lower() for code in codes),
        name=f"{core.name} with modules {', '.join(codes)}",
        family=core.family,
        url=core.url,
        summary=core.summary,
        commercial=commercial,
        grants=core.grants,
        restrictions=restrictions,
        obligations=obligations,
        version=core.version,
        components=(core.id, *(m.id for m in modules)),
        notes=f"Composed from {core.id} and the modules {', '.join(codes)}.",
    )


def _read(name: str) -> str:
    text: str = (data_dir("licences") / name).read_text(encoding="utf-8")
    return text


def parse_file(name: str, text: str, categories: Mapping[str, Category]) -> tuple[Licence | None, list[str]]:
    """Validate the catalogue file called ``name`` (e.g. ``mit.yaml``) whose content is ``text``."""
    # NOTE: YAML and the schema are imported here: a run served from the snapshot never needs them.
    import yaml

    from railguard.catalogue.schema import parse_licence
    from railguard.catalogue.yamlfile import load_yaml

    path = f"licences/{name}"
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [f"{path}:{line}: not valid YAML: {problem}"]
    stem = name.rsplit(".", 1)[0]
    return parse_licence(data, path, stem, categories)


def load_categories() -> dict[str, Category]:
    """Read and validate the restriction categories.

    Raises:
        LicenceDataError: the categories file is invalid.
    """
    from railguard.catalogue.datafile import read_table
    from railguard.catalogue.schema import parse_categories

    table = read_table(CATEGORIES_FILE, {"categories": True})
    categories = parse_categories(table.data, table.check)
    table.done()
    return categories


def cross_check(licences: Mapping[str, Licence]) -> tuple[dict[str, str], list[str]]:
    """Build the name index and report problems that span files (clashing names, dangling ids)."""
    index: dict[str, str] = {}
    problems: list[str] = []
    for ident in licences:
        index[normalise(ident)] = ident
    for licence in licences.values():
        for name in licence.names:
            key = normalise(name)
            owner = index.setdefault(key, licence.id)
            if owner != licence.id:
                problems.append(
                    f"licences/{licence.id}.yaml: name `{name}` also names `{owner}`; "
                    "a name must resolve to one licence"
                )
    for licence in licences.values():
        problems.extend(f"licences/{licence.id}.yaml: at {where}" for where in _dangling(licence, licences, index))
    return index, problems


def _dangling(licence: Licence, licences: Mapping[str, Licence], index: Mapping[str, str]) -> Iterator[str]:
    """Where ``licence`` names a licence, module or obligation kind the catalogue does not have."""
    if licence.module is not None and licence.module.of not in licences:
        yield f"module.of: no licence `{licence.module.of}`"
    yield from (f"members: no licence `{m}`" for m in licence.members if m not in licences)
    for obligation in licence.obligations_of(ObligationKind.SAME_LICENCE):
        at = f"obligations ({obligation.section}).params"
        yield from (
            f"{at}.compatible: no licence `{o}`"
            for o in obligation.param("compatible", ())
            if normalise(o) not in index
        )
    for obligation in licence.obligations_of(ObligationKind.NO_FURTHER_RESTRICTIONS):
        at = f"obligations ({obligation.section}).params"
        yield from (
            f"{at}.rejects: no obligation kind `{k}`"
            for k in obligation.param("rejects", ())
            if k not in _OBLIGATION_KINDS
        )
        yield from (
            f"{at}.accepts: no licence `{o}`" for o in obligation.param("accepts", ()) if normalise(o) not in index
        )
    if licence.full_modules:
        codes = {m.module.code for m in licences.values() if m.module is not None and m.module.of == licence.id}
        yield from (f"full_modules: no module `{code}`" for code in licence.full_modules if code not in codes)


@functools.cache
def load_catalogue() -> Catalogue:
    """Load and validate every catalogue file, once per process.

    An installed railguard reads the snapshot built into the package; a source checkout reads
    the YAML, through a copy in the user's cache (:mod:`railguard.catalogue.snapshot`).

    Raises:
        LicenceDataError: any file breaks the schema (every problem is listed).
    """
    from railguard.catalogue.snapshot import load

    return load(_load_catalogue)


def _load_catalogue() -> Catalogue:
    categories = load_categories()
    folder = data_dir("licences")
    names = sorted(
        entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml") and not entry.name.startswith("_")
    )
    licences: dict[str, Licence] = {}
    problems: list[str] = []
    for name in names:
        licence, found = parse_file(name, _read(name), categories)
        problems.extend(found)
        if licence is not None:
            licences[licence.id] = licence
    index, clashes = cross_check(licences)
    problems.extend(clashes)
    if problems:
        raise LicenceDataError(problems)
    return Catalogue(licences=dict(sorted(licences.items())), categories=categories, index=index)
