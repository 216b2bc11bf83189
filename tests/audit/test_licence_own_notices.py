"""A licence document's own copyright lines are not the repository's copyright notice.

The GPL's "Copyright (C) 2007 Free Software Foundation" is the licence document's; the example
notice after the Apache licence's "END OF TERMS AND CONDITIONS" belongs to its how-to-apply
appendix, filled in or not. Which lines those are is catalogue data (the licence-copy duty's
`document_notice` and `ends_at`). Texts are the real ones from ../shared, copied at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.audit import audit_paths
from tests.audit.conftest import Build, card


def _rg504_and_count(folder: Path) -> tuple[bool, int]:
    report = audit_paths(str(folder))
    return any(f.code == "RG504" for f in report.findings), sum(1 for r in report.repositories if r.copyright)


@pytest.mark.parametrize(
    ("licence", "text"), [("gpl-3.0", "gpl-3.0"), ("gpl-2.0", "gpl-2.0"), ("agpl-3.0", "agpl-3.0")]
)
def test_the_fsf_copyright_on_the_gpl_is_not_the_repositorys(repo: Build, licence: str, text: str) -> None:
    folder = repo(card(licence), LICENSE=text)
    assert _rg504_and_count(folder) == (True, 0)


def test_a_filled_in_apache_appendix_is_not_the_repositorys_notice(repo: Build) -> None:
    # the shared Apache text was taken from a project that filled the appendix's example notice in
    folder = repo(card("apache-2.0"), LICENSE="apache-2.0")
    assert "Copyright 2014" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert _rg504_and_count(folder) == (True, 0)


@pytest.mark.parametrize("licence", ["gpl-3.0", "apache-2.0"])
def test_the_repositorys_own_notice_still_counts(repo: Build, licence: str) -> None:
    folder = repo(card(licence, body="# A model\n\nCopyright (c) 2025 Acme Labs\n"), LICENSE=licence)
    assert _rg504_and_count(folder) == (False, 1)


def test_a_notice_in_an_edited_licence_file_above_the_terms_counts(repo: Build, shared: Path) -> None:
    text = (shared / "licences" / "apache-2.0.txt").read_text(encoding="utf-8")
    folder = repo(card("apache-2.0"), LICENSE="Copyright 2025 Acme Labs\n\n" + text)
    assert _rg504_and_count(folder) == (False, 1)
