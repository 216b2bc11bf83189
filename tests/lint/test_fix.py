"""``--fix``: only meaning-preserving edits of the front matter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.lint.runner import lint_paths
from tests.lint.conftest import Repo, codes, where


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


# --- the file is never damaged (issue 11, item 5) -------------------------------------------------


def test_body_bytes_that_are_not_utf8_are_kept(repo: Repo) -> None:
    path = repo.card("acme/m", "")
    body = b"# M\n\nCaf\xe9 au lait, na\xefve r\xe9sum\xe9 (Latin-1), and a stray \xff byte.\n"
    path.write_bytes(b"---\nlicense: Apache-2.0\n---\n" + body)
    report = repo.lint(path, fix=True)
    assert path.read_bytes() == b"---\nlicense: apache-2.0\n---\n" + body
    assert report.cards[0].fixes


def test_utf16_card_keeps_its_encoding_and_bom(repo: Repo) -> None:
    path = repo.card("acme/m", "")
    text = "---\r\nlicense: Apache-2.0\r\n---\r\n# Modèle\r\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    repo.lint(path, fix=True)
    assert path.read_bytes() == b"\xff\xfe" + text.replace("Apache-2.0", "apache-2.0").encode("utf-16-le")


def test_each_line_keeps_its_own_line_end(repo: Repo) -> None:
    path = repo.card("acme/m", "")
    path.write_bytes(b"---\nlicense: other\nlicense_name: qwen\n---\n# M\r\n\nOne CRLF above, LFs elsewhere.\n")
    repo.lint(path, fix=True)
    data = path.read_bytes()
    assert data.startswith(b"---\nlicense: other\nlicense_name: qwen\nlicense_link: https://")
    assert data.endswith(b"\n---\n# M\r\n\nOne CRLF above, LFs elsewhere.\n")
    assert data.count(b"\r\n") == 1


def test_a_line_that_is_not_utf8_is_not_fixed_and_says_why(repo: Repo) -> None:
    path = repo.card("acme/m", "")
    before = b"---\nlicense: Apache-2.0  # caf\xe9\n---\n# M\n"
    path.write_bytes(before)
    report = repo.lint(path, fix=True)
    assert path.read_bytes() == before
    assert report.cards[0].fixes == ()
    assert where(list(report.findings), "RG010") == [(2, 10)]
    assert "RG405" in codes(list(report.findings))


def test_diff_previews_without_writing(repo: Repo) -> None:
    path = repo.card("acme/m", "---\nlicense: Apache-2.0\n---\n# M\n")
    report = lint_paths([str(path)], fix="diff")
    assert path.read_text(encoding="utf-8") == "---\nlicense: Apache-2.0\n---\n# M\n"
    diff = report.cards[0].diff
    assert "\n-license: Apache-2.0\n+license: apache-2.0\n" in diff
    # the file is untouched; the findings are what the patch would leave (RG405 is what it fixes)
    assert "RG405" not in codes(list(report.findings))


_BODY_BYTES = st.binary(max_size=300).filter(lambda b: b"\x00" not in b[:8192])


@settings(max_examples=60, deadline=None)
@given(body=_BODY_BYTES, newline=st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_fix_changes_nothing_but_the_front_matter(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, newline: bytes
) -> None:
    folder = tmp_path_factory.mktemp("fix") / "acme" / "m"
    folder.mkdir(parents=True)
    path = folder / "README.md"
    head = newline.join([b"---", b"license: Apache-2.0", b"language: en", b"---", b""])
    path.write_bytes(head + body)
    lint_paths([str(path)], fix=True)
    after = path.read_bytes()
    assert after.endswith(body)
    assert after[: len(after) - len(body)] in (head, head.replace(b"Apache-2.0", b"apache-2.0"))
