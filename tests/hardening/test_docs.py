"""Docs that stay true: the finding-code docs are generated from the registry and checked here.

Data-driven over :data:`railguard.rules.RULES` and over every ``Rule(...)`` written in the
registry, so codes added later are covered without touching this file.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from railguard.rules import RULES, Rule
from railguard.rules.docs import FAMILIES, render
from tests.hardening.helpers import assert_ran, run

ROOT = Path(__file__).resolve().parents[2]
#: The modules that hold the rules' documentation, beside the checks of each family (the registry collects them).
RULE_MODULES = sorted((ROOT / "src" / "railguard").glob("*/rules.py"))
REGENERATE = "run `python -m railguard.rules.docs` (from the checkout) to regenerate it, then commit the result"


def defined_codes() -> list[str]:
    """The code of every ``Rule(...)`` call in the rule modules' source, duplicates included."""
    codes = []
    nodes = (node for path in RULE_MODULES for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    for node in nodes:
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Rule":
            arg = next((k.value for k in node.keywords if k.arg == "code"), node.args[0] if node.args else None)
            assert isinstance(arg, ast.Constant), ast.dump(node)[:200]
            codes.append(arg.value)
    return codes


def test_docs_rules_md_is_up_to_date() -> None:
    path = ROOT / "docs" / "rules.md"
    assert path.is_file(), f"docs/rules.md is missing; {REGENERATE}"
    assert path.read_text(encoding="utf-8") == render(), f"docs/rules.md is stale; {REGENERATE}"


def test_codes_are_unique() -> None:
    # RULES is a dict: a second rule with the same code would silently replace the first.
    codes = defined_codes()
    assert codes, "no Rule(...) found in the rule modules"
    duplicated = sorted(code for code, count in Counter(codes).items() if count > 1)
    assert not duplicated, f"finding codes defined more than once: {duplicated}"
    assert sorted(codes) == list(RULES)
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_rule_is_well_formed_and_documented(rule: Rule) -> None:
    assert re.fullmatch(r"RG\d{3}", rule.code)
    assert rule.code[2] in FAMILIES
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    for part in ("summary", "why", "example", "fix"):
        text = getattr(rule, part)
        assert len(text.split()) >= 5, f"{rule.code} lacks a real {part}: {text!r}"
    assert not rule.summary.endswith("."), "the summary is a phrase; the docs add the full stop"
    assert rule.why.endswith((".", ")"))
    assert rule.fix.endswith((".", ")"))


@pytest.mark.parametrize("code", list(RULES))
def test_every_code_is_reported_somewhere(code: str) -> None:
    # A code that no source file reports is documentation of nothing.
    sources = [p for p in (ROOT / "src" / "railguard").rglob("*.py") if p not in RULE_MODULES]
    assert any(f'"{code}"' in p.read_text(encoding="utf-8") for p in sources), f"{code} is never reported"


def test_every_reported_code_is_registered() -> None:
    used = set()
    for path in (ROOT / "src" / "railguard").rglob("*.py"):
        used |= set(re.findall(r"\bfinding\(\s*\"(RG\d{3})\"", path.read_text(encoding="utf-8")))
    assert used
    assert used <= set(RULES), sorted(used - set(RULES))


@pytest.mark.parametrize("code", list(RULES))
def test_rules_command_shows_each_code(capsys: pytest.CaptureFixture[str], code: str) -> None:
    rule = RULES[code]
    for name in (code, code.lower(), rule.name):
        result = run(capsys, "rules", name)
        assert_ran(result, 0)
        assert result.out.startswith(f"# {code} {rule.name}\n")
        assert rule.why in result.out
        assert rule.fix in result.out


def test_rules_command_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "rules")
    assert_ran(result, 0)
    assert [line.split()[0] for line in result.out.splitlines()] == list(RULES)


def test_rules_command_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "rules", "RG3100")
    assert result.code == 2
    assert "unknown finding code `RG3100`; did you mean" in result.err


def test_generator_check_mode(tmp_path: Path) -> None:
    from railguard.rules.docs import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rules.md").write_text(render().replace("RG310", "RG399"), encoding="utf-8")
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert main(["--root", str(tmp_path)]) == 0
    assert main(["--root", str(tmp_path), "--check"]) == 0
    assert (tmp_path / "docs" / "rules.md").read_text(encoding="utf-8") == render()
