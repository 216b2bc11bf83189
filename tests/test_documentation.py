"""The docs stay complete and true: every option, format and environment variable documented,
every link resolving, every catalogue data file described, the release the README names consistent.

Data-driven over the click commands, the source tree and ``licences/``, so an option, a format, a
variable or a data file added later fails here until the docs say what it is. The commands the
docs show are run by ``tests/hardening/test_doc_commands.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from railguard import __version__
from railguard.cli import COMMANDS, cli
from tests.hardening.readme import doc_files

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _command(name: str) -> click.Command:
    found = cli.get_command(click.Context(cli), name)
    assert found is not None
    return found


def _section(text: str, heading: str) -> str:
    """The text under ``heading`` (a level-2 heading) up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match is not None, f"no section `## {heading}`"
    return match.group(1)


def test_readme_is_short() -> None:
    # The README says what railguard is and how to start; the manual is docs/.
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"the README has {len(lines)} lines; move detail to docs/"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_documented(name: str) -> None:
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    documented = _section(text, name) + _section(text, "Options most commands share")
    for param in _command(name).params:
        if isinstance(param, click.Option) and param.name != "help":
            long = max(param.opts, key=len)
            assert f"`{long}" in documented, f"docs/commands.md does not document `railguard {name} {long}`"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_format_is_documented(name: str) -> None:
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and f"`{name}`" in line.split("|")[1]]
    assert rows, f"docs/formats.md's table has no row for `{name}`"
    for param in _command(name).params:
        if param.name == "output_format" and isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                assert f"`{choice}`" in rows[0], f"docs/formats.md: `{name} --format {choice}` is not listed"
                family = choice.rstrip("0123456789")  # spdx3 is described with spdx
                heading = re.search(rf"^#+ .*\b{re.escape(family)}\b", text, flags=re.MULTILINE | re.IGNORECASE)
                assert heading, f"docs/formats.md has no section on `{choice}`"


def _environment_variables() -> set[str]:
    found: set[str] = set()
    pattern = re.compile(r"[\"']((?:RAILGUARD|HF|XDG|SOURCE_DATE|GITHUB)_[A-Z_]+)[\"']")
    for path in (ROOT / "src" / "railguard").rglob("*.py"):
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return {name for name in found if not name.startswith("RAILGUARD_TEST_")}


def test_every_environment_variable_is_documented() -> None:
    names = _environment_variables()
    assert {"RAILGUARD_CACHE_DIR", "RAILGUARD_NO_CACHE"} <= names
    table = _section((DOCS / "configuration.md").read_text(encoding="utf-8"), "Environment variables")
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert not missing, f"docs/configuration.md's table of environment variables lacks {missing}"


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    return {_anchor(m.group(1)) for m in re.finditer(r"^#+ (.+)$", text, flags=re.MULTILINE)}


PAGES = [*doc_files(), ROOT / "CHANGELOG.md"]

#: Pages another branch of the same issue writes; a link to one is expected to fail until it lands.
#: NOTE: drop an entry once its page is on main.
PENDING: dict[str, str] = {}


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_link_resolves(page: Path) -> None:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    waiting: list[str] = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path_part, _, anchor = target.partition("#")
        path = (page.parent / path_part).resolve() if path_part else page
        pending = PENDING.get(path.relative_to(ROOT).as_posix()) if path.is_relative_to(ROOT) else None
        if pending is not None and not path.exists():
            waiting.append(f"{path.relative_to(ROOT)}, {pending}")
            continue
        assert path.exists(), f"{page.relative_to(ROOT)}: the link `{target}` names no file"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{page.relative_to(ROOT)}: `{target}` names no heading"
    if waiting:
        pytest.xfail(f"{page.relative_to(ROOT)} links to {waiting[0]}")


def test_anchor_rule() -> None:
    assert _anchor("Looking models up on the Hub (`--hub`)") == "looking-models-up-on-the-hub---hub"
    assert _anchor("RG301 missing-inherited-restriction") == "rg301-missing-inherited-restriction"


def test_every_catalogue_data_file_is_described() -> None:
    text = (ROOT / "licences" / "README.md").read_text(encoding="utf-8")
    headings = [m.group(1) for m in re.finditer(r"^#+ (.+)$", text, flags=re.MULTILINE)]
    for path in sorted((ROOT / "licences").glob("_*")):
        assert any(f"`{path.name}`" in h for h in headings), f"licences/README.md has no section on {path.name}"


_RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", flags=re.MULTILINE)


def test_the_release_the_readme_names_is_the_newest_in_the_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = _RELEASE.findall(changelog)
    assert releases, "CHANGELOG.md has no `## [X.Y.Z] - YYYY-MM-DD` release"
    newest = releases[0][0]
    assert changelog.index("## [Unreleased]") < changelog.index(f"## [{newest}]")
    assert f"[{newest}]: " in changelog, "the release heading has no link reference"
    # The version an installation reports is the release, or a development version after it.
    assert __version__ == newest or ".dev" in __version__, (__version__, newest)
    for page in (ROOT / "README.md", DOCS / "configuration.md"):
        text = page.read_text(encoding="utf-8")
        revs = set(re.findall(r"rev: (\S+)", text)) | set(re.findall(r"railguard@(\S+?)'", text))
        assert revs == {f"v{newest}"}, f"{page.relative_to(ROOT)} names {sorted(revs)}, not v{newest}"


def _exists_in_tree(reference: str) -> bool:
    """A path the docs name (``parse/outline.py``, ``tests/bench/bench_lint.py``) exists in the checkout."""
    return any((base / reference).exists() for base in (ROOT, ROOT / "src" / "railguard", ROOT / "src"))


def _module_exists(dotted: str) -> bool:
    """``railguard.a.b`` is a module, or an attribute of one (``railguard.grammars.compiled``)."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        target: object = module
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_code_the_docs_name_exists(page: Path) -> None:
    # Docs that name a module, a function or a file go stale when code moves: they must move too.
    text = page.read_text(encoding="utf-8")
    for reference in re.findall(r"`([\w./-]+\.(?:py|lark|yaml|json|toml))`", text):
        placeholder = re.search(r"[A-Z]{4,}|<", reference)  # `railguard/schemas/COMMAND.schema.json`
        if "/" in reference and not reference.startswith("../") and not placeholder:
            assert _exists_in_tree(reference), f"{page.relative_to(ROOT)} names `{reference}`, which does not exist"
    for dotted in re.findall(r"`(railguard(?:\.\w+)+)", text):
        assert _module_exists(dotted), f"{page.relative_to(ROOT)} names `{dotted}`, which does not exist"


def test_the_catalogue_schema_is_described() -> None:
    # licences/README.md is how a contributor writes a licence file: every family, grant,
    # obligation kind and top-level key the schema accepts must be in it.
    from railguard.catalogue.schema import LICENCE_KEYS
    from railguard.model import OBLIGATION_PARAMS, Family, Grant, ObligationKind

    text = (ROOT / "licences" / "README.md").read_text(encoding="utf-8")
    for value in [*Family, *Grant, *ObligationKind]:
        assert f"`{value.value}`" in text, f"licences/README.md does not describe `{value.value}`"
    for key in LICENCE_KEYS:
        assert re.search(rf"^{key}:", text, flags=re.MULTILINE), f"licences/README.md's schema lacks `{key}:`"
    for params in OBLIGATION_PARAMS.values():
        for name in params:
            assert f"`{name}`" in text, f"licences/README.md does not describe the parameter `{name}`"


#: A card whose only findings are vendor duties (warnings): the Llama notices are missing.
_WARNINGS_ONLY = (
    "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Llama-3.1-helper\n\n"
    "## License\n\nLlama 3.1 Community License.\n"
)


def _hook_advice(page: Path) -> tuple[dict[str, object], list[str]]:
    """The ``railguard-lint`` hook a page shows with ``verbose`` (every YAML block checked against
    pre-commit's own schema), and the ``args`` the page offers for failing on warnings (in that
    block, or inline as `args: [...]`)."""
    import textwrap

    import yaml

    cfgv = pytest.importorskip("cfgv")
    clientlib = pytest.importorskip("pre_commit.clientlib")
    text = page.read_text(encoding="utf-8")
    blocks = [
        b for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL) if re.search(r"id: railguard-lint\s", b)
    ]
    assert blocks, f"{page.name} shows no railguard-lint hook"
    hooks = []
    for block in blocks:
        loaded = yaml.safe_load(textwrap.dedent(block))
        config = loaded if isinstance(loaded, dict) else {"repos": [{"repo": "stand-in", "rev": "v0", "hooks": loaded}]}
        cfgv.validate(config, clientlib.CONFIG_SCHEMA)
        hooks += [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "railguard-lint"]
    advised = [h for h in hooks if "verbose" in h]
    assert advised, f"{page.name} does not show `verbose: true` for the railguard-lint hook"
    hook = advised[0]
    inline = re.search(r"`args: (\[[^`]*\])`", text)
    args = hook.get("args") or (yaml.safe_load(inline.group(1)) if inline else [])
    return hook, [str(a) for a in args]


@pytest.mark.parametrize("page", [ROOT / "README.md", DOCS / "configuration.md"], ids=lambda p: p.name)
def test_the_hook_advice_for_warnings_does_what_it_says(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 15: `verbose: true` shows the vendor duties of a hook that passes; `--fail-on warning`
    # refuses the commit on them. The hook runs `railguard lint` (.pre-commit-hooks.yaml).
    from railguard.cli import main

    hook, args = _hook_advice(page)
    assert hook.get("verbose") is True
    assert args == ["--fail-on", "warning"]
    card = tmp_path / "acme" / "Llama-3.1-helper" / "README.md"
    card.parent.mkdir(parents=True)
    card.write_text(_WARNINGS_ONLY, encoding="utf-8")
    assert main(["lint", str(card)]) == 0  # the hook passes ...
    out, err = capsys.readouterr()
    assert "RG413 [warning]" in out + err  # ... and what verbose shows holds the duties
    assert "[error]" not in out + err
    assert main(["lint", *args, str(card)]) == 1
