"""``railguard lint`` in an ordinary code repository (issue 15): which files are cards, and how they are named.

A code repository has READMEs that are no model cards, ignored folders, and editors that pipe a
buffer on standard input; none of that may produce findings about files that are not cards.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from railguard.cli import main
from tests.lint.conftest import Repo

CARD = "---\nlicense: Apache-2.0\n---\n# Classifier\n"
CODE_README = "# mypkg\n\nA Python package.\n\n## Installation\n\n    pip install mypkg\n\n## Usage\n\nSee docs.\n"
DOCS_README = "# Documentation\n\nBuild with `make html`.\n\n## License\n\nMIT\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code, out, _ = run(capsys, "--format", "json", *args)
    return code, json.loads(out)


def _code_repository(repo: Repo) -> Path:
    repo.file("README.md", CODE_README)
    repo.file("docs/README.md", DOCS_README)
    repo.file("src/pkg/README.md", "# pkg internals\n\nHow the modules fit together.\n")
    return repo.card("models/classifier", CARD)


def test_readmes_that_are_no_model_cards_are_skipped(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = _code_repository(repo)
    monkeypatch.chdir(repo.root)
    code, out, err = run(capsys, "README.md", "docs/README.md", "src/pkg/README.md", str(card))
    assert code == 1  # RG405 on the card
    assert {line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")} == {str(card)}
    assert "skipped 3 READMEs that are no model card" in err


def test_strict_lints_every_readme_as_before(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _code_repository(repo)
    monkeypatch.chdir(repo.root)
    code, data = _json(capsys, "--strict", "docs/README.md")
    assert code == 1
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("RG401", 1)]  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    [
        "license: mit\nbase_model: org/base\n\n# M\n",  # metadata whose `---` was lost
        "# Model Card for acme/m\n\nA model.\n",
        "# M\n\n## Model Details\n\n## Training Data\n\n## Evaluation Results\n",
    ],
    ids=["metadata-keys", "model-card-title", "template-headings"],
)
def test_a_readme_that_looks_like_a_card_is_linted(repo: Repo, text: str) -> None:
    report = repo.lint(repo.card("acme/m", text))
    assert [(f.code, f.line) for f in report.findings if f.code == "RG401"] == [("RG401", 1)]
    assert report.skipped == ()


def test_configured_card_paths(repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    repo.file("pyproject.toml", '[tool.railguard]\ncards = ["models/**/README.md"]\n')
    card = repo.card("models/acme/m", "# M\n\nA model.\n")
    repo.file("docs/README.md", DOCS_README)
    monkeypatch.chdir(repo.root)
    code, data = _json(capsys, str(card), "docs/README.md")
    assert code == 1
    assert [(f["file"], f["code"]) for f in data["findings"]] == [(str(card), "RG401")]  # type: ignore[index]
    assert data["skipped"] == ["docs/README.md"]
    assert data["settings"] == str(repo.root / "pyproject.toml")


def test_suppression_shown_in_code_is_no_suppression(repo: Repo) -> None:
    body = (
        "# M\n\nTo silence a code, write `<!-- railguard: ignore RG405 -->` in the card:\n\n"
        "```markdown\n<!-- railguard: ignore RG405 -->\n```\n"
    )
    findings = repo.findings(CARD + body)
    assert [f.code for f in findings] == ["RG405"]  # reported, and no RG001 for the examples


def test_real_suppression_next_to_code_still_counts(repo: Repo) -> None:
    findings = repo.findings(CARD + "# M\n\n`code` <!-- railguard: ignore RG405 --> `more code`\n")
    assert findings == []


def test_default_is_the_current_directory(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = _code_repository(repo)
    monkeypatch.chdir(repo.root)
    code, data = _json(capsys)
    assert code == 1
    assert [c["path"] for c in data["cards"]] == [str(Path("models/classifier/README.md"))]  # type: ignore[index]
    assert card.exists()


def test_gitignore_is_honoured_without_git(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(repo.root / ".git")
    repo.file(".gitignore", "build/\n*.tmp.md\n/out\n!keep/\n")
    repo.card("build/acme/m", CARD)
    repo.card("out/acme/m", CARD)
    repo.card("src/out/acme/m", CARD)  # `/out` is anchored at the top
    repo.card("models/acme/m", CARD)
    repo.file("models/acme/.gitignore", "n/\n")
    repo.card("models/acme/n", CARD)
    monkeypatch.chdir(repo.root)
    code, data = _json(capsys, ".")
    paths = sorted(c["path"] for c in data["cards"])  # type: ignore[index]
    assert paths == ["models/acme/m/README.md", "src/out/acme/m/README.md"]
    assert code == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_is_honoured_in_a_git_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("generated/\n", encoding="utf-8")
    for folder in ("generated/acme/m", "models/acme/m"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "README.md").write_text(CARD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, data = _json(capsys)
    assert [c["path"] for c in data["cards"]] == ["models/acme/m/README.md"]  # type: ignore[index]


def test_card_on_standard_input_with_its_file_name(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.root)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CARD.encode())))
    code, out, _ = run(capsys, "--stdin-filename", "acme/m/README.md", "-")
    assert code == 1
    assert out.startswith("acme/m/README.md:2:10: RG405 [error] ")


def test_fix_cannot_write_to_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--fix", "-")
    assert code == 2
    assert "--diff" in err


def test_output_file(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    card = repo.card("acme/m", CARD)
    report = repo.root / "report.sarif"
    code, out, _ = run(capsys, "--format", "sarif", "--output-file", str(report), str(card))
    assert (code, out) == (1, "")
    results = json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["RG405"]


def test_fix_diff_prints_a_patch_and_writes_nothing(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    card = repo.card("acme/m", CARD)
    code, out, err = run(capsys, "--fix", "--diff", str(card))
    assert code == 1
    assert card.read_text(encoding="utf-8") == CARD
    assert out.splitlines()[:2] == [f"--- a/{card}", f"+++ b/{card}"]
    assert "-license: Apache-2.0\n+license: apache-2.0\n" in out
    assert "would fix 1 finding in 1 card" in err
    code, _, _ = run(capsys, "--diff", str(card))
    assert code == 2


def test_fix_diff_shows_what_the_fixes_leave(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 15: the preview printed only the patch; a conflict no fix removes went unseen.
    card = repo.card("acme/m", "---\nlicense: Apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n# M\n")
    code, out, err = run(capsys, "--fix", "--diff", str(card))
    assert code == 1
    assert "+license: apache-2.0\n" in out
    assert "RG3" not in out
    assert "RG405" not in out + err
    assert f"{card}:2:10: RG301 [error]" in err
    assert "left after the fixes: " in err


def test_fix_diff_with_nothing_to_fix_exits_as_lint_does(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    clean = repo.card("acme/clean", "---\nlicense: apache-2.0\n---\n# M\n")
    assert run(capsys, "--fix", "--diff", str(clean))[:2] == (0, "")
    conflict = repo.card("acme/c", "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n# M\n")
    code, out, err = run(capsys, "--fix", "--diff", str(conflict))
    assert (code, out) == (1, "")
    assert "RG301 [error]" in err
    assert run(capsys, "--fix", "--diff", "--exit-zero", str(conflict))[0] == 0


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_fix_diff_refuses_a_report_format(repo: Repo, capsys: pytest.CaptureFixture[str], output_format: str) -> None:
    # Issue 15: `--format json --fix --diff` printed the patch and ignored the format.
    card = repo.card("acme/m", CARD)
    code, out, err = run(capsys, "--fix", "--diff", "--format", output_format, str(card))
    assert (code, out) == (2, "")
    assert "--diff" in err
    assert output_format in err
    assert card.read_text(encoding="utf-8") == CARD


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_fix_diff_applies_with_git(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = repo.card("acme/m", "")
    card.write_bytes(b"---\r\nlicense: Apache-2.0\r\n---\r\n# Caf\xe9\r\n")
    monkeypatch.chdir(repo.root)
    shutil.rmtree(repo.root / ".git")
    subprocess.run(["git", "init", "-q", "."], check=True)
    run(capsys, "--fix", "--diff", "--output-file", "fix.patch", "acme/m/README.md")
    subprocess.run(["git", "apply", "fix.patch"], check=True)
    assert card.read_bytes() == b"---\r\nlicense: apache-2.0\r\n---\r\n# Caf\xe9\r\n"


def test_railguards_own_docs_show_the_suppression_syntax_without_using_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # docs/configuration.md shows the comment in a fenced block and in inline code: linted as a
    # card, it must not suppress (RG401 stays) nor count as an unused suppression (RG001).
    page = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
    assert "<!-- railguard: ignore" in page.read_text(encoding="utf-8")
    _, data = _json(capsys, "--strict", str(page))
    assert [f["code"] for f in data["findings"]] == ["RG401"]  # type: ignore[index]
