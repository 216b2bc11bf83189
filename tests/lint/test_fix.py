"""``--fix``: only meaning-preserving edits of the front matter."""

from __future__ import annotations

from tests.lint.conftest import Repo, codes


def test_case_of_a_hub_id(repo: Repo) -> None:
    body = "# M\n\nLicensed under Apache-2.0 (sic).\n"
    path = repo.card("acme/m", "---\nlicense: Apache-2.0 # the id\n---\n" + body)
    report = repo.lint(path, fix=True)
    assert path.read_text(encoding="utf-8") == "---\nlicense: apache-2.0 # the id\n---\n" + body
    assert report.cards[0].fixes
    assert "RG405" not in codes(list(report.findings))


def test_spelling_is_suggested_not_fixed(repo: Repo) -> None:
    text = "---\nlicense: llama-2\n---\n"
    path = repo.card("acme/m", text)
    report = repo.lint(path, fix=True)
    assert path.read_text(encoding="utf-8") == text
    assert "RG405" in codes(list(report.findings))


def test_other_gets_its_link(repo: Repo) -> None:
    path = repo.card("acme/m", "---\nlicense: other\nlicense_name: qwen\ntags: [x]\n---\n# M\n")
    repo.lint(path, fix=True)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["---", "license: other", "license_name: qwen", lines[3]]
    assert lines[3].startswith("license_link: https://")


def test_other_gets_its_name_from_a_known_link(repo: Repo) -> None:
    path = repo.card("acme/m", "---\nlicense: other\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0\n---\n")
    repo.lint(path, fix=True)
    assert "license_name: apache-2.0" in path.read_text(encoding="utf-8")


def test_licence_without_hub_id_becomes_other(repo: Repo) -> None:
    path = repo.card("acme/m", "---\nlicense: deepseek\n---\n")
    report = repo.lint(path, fix=True)
    text = path.read_text(encoding="utf-8")
    assert "license: other\nlicense_name: deepseek-license\nlicense_link: " in text
    assert not {"RG405", "RG406", "RG407"} & codes(list(report.findings))


def test_line_ends_and_bom_are_kept_and_fixing_twice_changes_nothing(repo: Repo) -> None:
    path = repo.card("acme/m", "")
    path.write_bytes(b"\xef\xbb\xbf---\r\nlicense: MIT\r\n---\r\n# M\r\n")
    repo.lint(path, fix=True)
    assert path.read_bytes() == b"\xef\xbb\xbf---\r\nlicense: mit\r\n---\r\n# M\r\n"
    report = repo.lint(path, fix=True)
    assert report.cards[0].fixes == ()


def test_nothing_to_fix_leaves_the_file_alone(repo: Repo) -> None:
    path = repo.card("acme/m", "---\nlicense: [Apache-2.0]\n---\n")
    before = path.stat().st_mtime_ns
    repo.lint(path, fix=True)
    assert path.stat().st_mtime_ns == before
