"""CI runs what the README says, and tests the lower bounds that pyproject.toml promises."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bounds() -> dict[str, str]:
    """Every ``name>=version`` of the dependencies and of the ``test`` extra CI installs (with the extras it names)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    requirements, pending, seen = list(project["dependencies"]), ["test"], set()
    while pending:
        extra = pending.pop()
        seen.add(extra)
        for requirement in extras[extra]:
            own = re.fullmatch(rf"\s*{project['name']}\s*\[([^\]]*)\]\s*", requirement)
            if own is not None:
                pending += [e.strip() for e in own.group(1).split(",") if e.strip() not in seen]
            else:
                requirements.append(requirement)
    bounds: dict[str, str] = {}
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement)
        assert match is not None, requirement
        name, spec = match.groups()
        for clause in spec.split(","):
            if clause.strip().startswith(">="):
                bounds[_canonical(name)] = clause.strip()[2:].strip()
    return bounds


def pinned() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / ".ci" / "minimum-versions.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_canonical(name)] = version.strip()
    return pins


def test_the_minimum_versions_are_the_lower_bounds() -> None:
    bounds = lower_bounds()
    assert {"click", "pyyaml", "lark", "huggingface-hub", "pytest", "hypothesis"} <= set(bounds)
    assert pinned() == bounds


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line.strip() for line in readme.splitlines() if line.strip().endswith("-m pytest"))
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in script.splitlines()
    assert "--upgrade" in script
    assert "-c .ci/minimum-versions.txt" in script
