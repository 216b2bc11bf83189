"""The direction of imports that docs/architecture.md describes, as far as a test can hold it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "railguard"


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at module level or inside a function (relative imports resolved)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): _imports(p) for p in sorted(SRC.rglob("*.py"))}


def _importers(prefix: str) -> set[str]:
    return {
        module
        for module, imported in MODULES.items()
        if any(name == prefix or name.startswith(prefix + ".") for name in imported)
    }


def _inside(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_the_modules_are_found() -> None:
    assert "railguard.model.finding" in MODULES
    assert "railguard.cli" in MODULES


def test_model_imports_nothing_above_it() -> None:
    for module, imported in MODULES.items():
        if _inside(module, "railguard.model"):
            above = sorted(n for n in imported if n.startswith("railguard") and not _inside(n, "railguard.model"))
            assert above == [], f"{module} imports {above}"


@pytest.mark.parametrize(
    ("imported", "allowed"),
    [
        ("click", ("railguard.cli",)),
        ("railguard.cli", ("railguard.cli", "railguard.__main__")),
        ("railguard.report", ("railguard.cli", "railguard.report")),
    ],
)
def test_only_the_layer_above_imports(imported: str, allowed: tuple[str, ...]) -> None:
    outside = sorted(m for m in _importers(imported) if not _inside(m, *allowed))
    assert outside == [], f"{imported} is imported by {outside}"


def test_rule_modules_hold_data_only() -> None:
    # The registry imports every family's rules.py on every cold command (tests/test_packaging.py).
    rule_modules = [m for m in MODULES["railguard.rules.registry"] if m.endswith(".rules") and m in MODULES]
    assert len(rule_modules) >= 6
    for module in rule_modules:
        imported = {n for n in MODULES[module] if n.startswith("railguard")}
        assert imported <= {
            "railguard.model.finding",
            "railguard.model.finding.Rule",
            "railguard.model.finding.Severity",
        }, f"{module} imports {sorted(imported)}"


@pytest.mark.parametrize("module", ["railguard.settings", "railguard.folders"])
def test_the_settings_sit_below_the_commands_that_apply_them(module: str) -> None:
    # lint, audit, lineage and compat all apply [tool.railguard]: its reader belongs to none of them.
    checkers = ("railguard.lint", "railguard.lineage", "railguard.audit", "railguard.cli", "railguard.report")
    above = sorted(n for n in MODULES[module] if _inside(n, *checkers))
    assert above == [], f"{module} imports {above}"


@pytest.mark.parametrize(("package", "name"), [("railguard.lint", "lint_text"), ("railguard.parse", "parse_text")])
def test_a_package_gives_its_functions_on_first_use(package: str, name: str) -> None:
    import importlib

    module = importlib.import_module(package)
    assert callable(getattr(module, name))
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        _ = module.no_such_name
