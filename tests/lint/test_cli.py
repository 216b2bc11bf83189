"""``railguard lint`` on the command line: formats, exit codes, no traceback, no grammar import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from railguard.cli import main
from tests.lint.conftest import Repo

LLAMA_APACHE = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Support bot\n"
GOOD = "---\nlicense: mit\n---\n# Classifier\n"
LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>RG\d{3}) \[(?P<severity>error|warning|info)\] "
    r"(?P<message>.+)$"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_lines_and_exit_1(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo.card("acme/bot", LLAMA_APACHE)
    code, out, err = run(capsys, str(path))
    assert code == 1
    lines = [line for line in out.splitlines() if not line.startswith("    ")]
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert {(m["path"], m["line"], m["col"], m["code"], m["severity"]) for m in parsed if m} >= {
        (str(path), "2", "10", "RG301", "error"),
        (str(path), "2", "10", "RG302", "error"),
        (str(path), "3", "13", "RG412", "warning"),
    }
    assert any(line.startswith("    hint: ") for line in out.splitlines())
    assert "1 card: 2 errors" in err


def test_clean_card_exits_0_and_prints_nothing(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(repo.card("acme/m", GOOD)))
    assert (code, out) == (0, "")
    assert "0 errors, 0 warnings" in err


def test_malformed_card_is_a_finding_and_missing_file_is_exit_2(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(repo.card("acme/m", "---\nlicense: [mit\n---\n")))
    assert code == 1
    assert "RG402" in out
    code, out, err = run(capsys, str(repo.root / "missing" / "README.md"))
    assert (code, out) == (2, "")
    assert err.startswith("railguard: error: ")
    assert "no such file" in err
    assert "Traceback" not in err


def test_fail_on_and_exit_zero(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    warning_only = repo.card("acme/m", "---\nlicense: other\nlicense_name: qwen\n---\n")  # RG407 warning
    assert run(capsys, str(warning_only))[0] == 0
    assert run(capsys, "--fail-on", "warning", str(warning_only))[0] == 1
    assert run(capsys, "--exit-zero", str(repo.card("acme/bot", LLAMA_APACHE)))[0] == 0


def test_directory_is_searched_for_cards(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.card("acme/a", GOOD)
    repo.card("acme/b", LLAMA_APACHE, name="MODEL_CARD.md")
    repo.file("acme/c/notes.md", "# not a card\n")
    repo.file("node_modules/x/README.md", "# a dependency\n")
    code, out, _err = run(capsys, "--format", "json", str(repo.root))
    data = json.loads(out)
    assert code == 1
    assert sorted(c["model"] for c in data["cards"]) == ["acme/a", "acme/b"]


def test_json_document(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo.card("acme/bot", LLAMA_APACHE)
    _, out, _ = run(capsys, "--format", "json", str(path))
    data = json.loads(out)
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == 2
    assert data["cards"] == [
        {
            "path": str(path),
            "model": "acme/bot",
            "licence": "apache-2.0",
            "base_models": ["meta-llama/Llama-3.1-8B-Instruct"],
            "fixes": [],
        }
    ]
    keys = {"code", "severity", "message", "hint", "file", "line", "col", "model", "licence", "upstream", "clause"}
    assert all(keys <= set(f) for f in data["findings"])


def test_github_annotations(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo.card("acme/bot", LLAMA_APACHE)
    _, out, _ = run(capsys, "--format", "github", str(path))
    lines = out.splitlines()
    assert lines
    assert all(
        re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=RG\d{3} [a-z-]+::", x) for x in lines
    )
    assert any(x.startswith("::error ") and "title=RG301 missing-inherited-restriction::" in x for x in lines)
    assert all("\n" not in x for x in lines)
    assert any("%0Ahint: " in x for x in lines)


# The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that a producer must satisfy:
# required properties, enumerations and minimums of every object railguard writes.
_MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}]}
_MULTIFORMAT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_PHYSICAL_ANY_OF = [{"required": ["address"]}, {"required": ["artifactLocation"]}]
SARIF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string"},
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "name": {"type": "string"},
                                                "shortDescription": _MULTIFORMAT,
                                                "fullDescription": _MULTIFORMAT,
                                                "help": _MULTIFORMAT,
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {"level": _LEVEL},
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": _LEVEL,
                                "message": _MESSAGE,
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "anyOf": [
                                                    {"required": ["address"]},
                                                    {"required": ["artifactLocation"]},
                                                ],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "properties": {"uri": {"type": "string"}},
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                                "properties": {"type": "object"},
                            },
                        },
                    },
                },
            },
        },
    },
}
_TYPES = {"object": dict, "array": list, "string": str, "integer": int}


def validate(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Problems of ``value`` against the JSON-Schema subset above (type, required, enum, minimum, anyOf)."""
    problems: list[str] = []
    if "type" in schema and not isinstance(value, _TYPES[schema["type"]]):
        return [f"{where}: expected {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{where}: {value} < {schema['minimum']}")
    for key in schema.get("required", []):
        if key not in value:
            problems.append(f"{where}: missing {key}")
    if "anyOf" in schema and not any(all(k in value for k in alt["required"]) for alt in schema["anyOf"]):
        problems.append(f"{where}: matches none of {schema['anyOf']}")
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            problems.extend(validate(value[key], sub, f"{where}.{key}"))
    if "items" in schema:
        for index, item in enumerate(value):
            problems.extend(validate(item, schema["items"], f"{where}[{index}]"))
    return problems


def test_sarif_is_valid_2_1_0(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    bad = repo.card("acme/bot", LLAMA_APACHE)
    broken = repo.card("acme/broken", "# no front matter\n", name="MODEL_CARD.md")
    _, out, _ = run(capsys, "--format", "sarif", str(bad), str(broken))
    log = json.loads(out)
    assert validate(log, SARIF_SCHEMA) == []
    run_ = log["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in run_["results"])
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run_["results"]]
    assert {"startLine": 2, "startColumn": 10} in regions
    assert {"startLine": 1, "startColumn": 1} in regions


def test_the_validator_catches_what_sarif_forbids() -> None:
    assert validate({"version": "2.0.0", "runs": [{"results": [{"level": "fatal"}]}]}, SARIF_SCHEMA) != []


def _lint_in_fresh_interpreter(card: Path, extra: str = "") -> subprocess.CompletedProcess[str]:
    code = (
        f"import sys\nfrom railguard.cli import main\nstatus = main(['lint', sys.argv[1]])\n{extra}\nsys.exit(status)\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(card)], capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_lint_never_imports_the_grammar_or_the_parser(repo: Repo) -> None:
    card = repo.card("acme/bot", LLAMA_APACHE + "\n## License\n\nApache 2.0\n")
    check = (
        "assert not [m for m in sys.modules if m == 'lark' or m.startswith(('lark.', 'railguard.parse'))], 'imported'"
    )
    done = _lint_in_fresh_interpreter(card, check)
    assert done.returncode == 1, done.stderr


@pytest.mark.slow
def test_console_script_runs(repo: Repo) -> None:
    card = repo.card("acme/m", GOOD)
    script = Path(sys.executable).with_name("railguard")
    if not script.exists():
        pytest.skip("the console script is not installed beside this interpreter")
    done = subprocess.run([str(script), "lint", str(card)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_directory_without_cards_exits_2(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.file("docs/notes.md", "# notes\n")
    code, out, err = run(capsys, str(repo.root / "docs"))
    assert (code, out) == (2, "")
    assert "no model cards" in err
