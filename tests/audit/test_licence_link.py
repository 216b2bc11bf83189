"""A licence that accepts a link in place of its text (catalogue: `licence-copy` `link`) is met by one.

Creative Commons 4.0 3(a)(1)(C) asks for "the text of, or the URI or hyperlink to, this Public
License"; which licences accept a link, and to which address, is catalogue data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.audit import audit_paths
from railguard.catalogue import load_catalogue
from railguard.model import ObligationKind
from tests.audit.conftest import Build, card

_CREDIT = "Copyright (c) 2025 Acme Labs.\n"


def _codes(folder: Path) -> set[str]:
    return {f.code for f in audit_paths(str(folder)).findings}


@pytest.mark.parametrize(
    "link",
    [
        "https://creativecommons.org/licenses/by/4.0/legalcode",
        "https://creativecommons.org/licenses/by/4.0/",
        "[the licence](http://www.creativecommons.org/licenses/by/4.0/deed.en)",
        "<https://creativecommons.org/licenses/by/4.0>",
    ],
)
def test_a_link_to_the_licence_meets_the_licence_copy_duty(repo: Build, link: str) -> None:
    folder = repo(card("cc-by-4.0", body=f"# A model\n\n{_CREDIT}\nLicensed under CC BY 4.0: {link}.\n"))
    assert "RG501" not in _codes(folder)


def test_license_link_in_the_metadata_counts_too(repo: Build) -> None:
    folder = repo(
        card("cc-by-4.0", "license_link: https://creativecommons.org/licenses/by/4.0/", body=f"# A model\n\n{_CREDIT}")
    )
    assert "RG501" not in _codes(folder)


@pytest.mark.parametrize(
    "body",
    [
        "No link at all.\n",
        # a link to another licence of the family is not a link to this one
        "See https://creativecommons.org/licenses/by-sa/4.0/ for the terms.\n",
        "See https://creativecommons.org/licenses/by/4.0.1/ for the terms.\n",
    ],
)
def test_without_a_link_to_it_the_text_is_still_wanted(repo: Build, body: str) -> None:
    folder = repo(card("cc-by-4.0", body=f"# A model\n\n{_CREDIT}\n{body}"))
    assert "RG501" in _codes(folder)


def test_a_licence_that_wants_its_text_is_not_met_by_a_link(repo: Build) -> None:
    folder = repo(card("apache-2.0", body=f"# A model\n\n{_CREDIT}\nhttps://www.apache.org/licenses/LICENSE-2.0\n"))
    assert "RG501" in _codes(folder)


def test_the_real_cantonese_card_links_its_licence(tmp_path: Path, shared: Path) -> None:
    # hon9kon9ize/Cantonese-Llama-2-7B-preview20240625: `cc-by-sa-4.0`, "[license page](https://creativecommons.org/...)"
    found = sorted((shared / "modelcards").glob("*cantonese-llama-2-7b-preview20240625*"))
    if not found:
        pytest.skip("needs the real Cantonese model card in ../shared/modelcards, which is absent")
    folder = tmp_path / "hon9kon9ize" / "Cantonese-Llama-2-7B-preview20240625"
    folder.mkdir(parents=True)
    (folder / "README.md").write_text(found[0].read_text(encoding="utf-8"), encoding="utf-8")
    codes = _codes(folder)
    assert "RG501" not in codes
    assert {"RG301", "RG506"} <= codes  # what it really lacks is still said


def test_link_addresses_are_written_without_scheme() -> None:
    for licence in load_catalogue():
        for obligation in licence.obligations:
            if obligation.kind is ObligationKind.LICENCE_COPY:
                for address in obligation.param("link") or ():
                    assert "://" not in address, (licence.id, address)
                    assert not address.startswith("www."), (licence.id, address)
