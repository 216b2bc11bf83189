"""What a licence file is, by the licence reader's identification: every real text of a catalogue
licence is recognised as itself, and mismatches, policies, relatives, other versions and edited
copies are each named for what they are, with the reader's evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.audit import audit_paths
from railguard.model import Finding
from tests.audit.conftest import Build, card
from tests.parse.corpus import CORPUS

#: Findings that say a licence file is not (or may not be) the declared licence's text.
IDENTITY_CODES = {"RG501", "RG502", "RG503", "RG514", "RG516"}


def findings(folder: Path) -> list[Finding]:
    return list(audit_paths(str(folder)).findings)


def of(folder: Path, code: str) -> list[Finding]:
    return [f for f in findings(folder) if f.code == code]


@pytest.mark.parametrize("ident", sorted(CORPUS))
def test_every_real_text_of_a_catalogue_licence_is_recognised_as_itself(repo: Build, ident: str) -> None:
    # The published text as LICENSE (and its separately published use policy as USE_POLICY.md),
    # under a card declaring that licence: nothing says the file is another licence or an edit,
    # including where the catalogue reads terms into the text that the reader does not find in it
    # (Grok 2's guardrail headings) or records a later version's clause (Hunyuan's territory).
    files = CORPUS[ident]
    extra = {"USE_POLICY.md": files[1]} if len(files) > 1 else {}
    folder = repo(card(ident), name=f"repo-{ident}", LICENSE=files[0], **extra)
    wrong = [(f.code, f.message) for f in findings(folder) if f.code in IDENTITY_CODES]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "declared", "named"),
    [
        ("llama2-community", "apache-2.0", "llama2"),
        ("gemma-terms", "llama3", "gemma"),
        ("mit", "apache-2.0", "mit"),
        ("apache-2.0", "mit", "apache-2.0"),
        ("cc-by-4.0", "cc-by-sa-4.0", "cc-by-4.0"),
        ("llama3.1-community", "llama3", "llama3.1"),
        ("creativeml-openrail-m", "bigscience-openrail-m", "creativeml-openrail-m"),
    ],
)
def test_a_real_text_of_another_licence_is_rg502_naming_both(repo: Build, text: str, declared: str, named: str) -> None:
    folder = repo(card(declared), LICENSE=text)
    (found,) = of(folder, "RG502")
    assert (found.licence, found.upstream, Path(found.file or "").name, found.line) == (declared, named, "LICENSE", 1)
    assert f"its wording is the published `{named}` text" in found.message
    assert not of(folder, "RG501")


def test_a_use_policy_shipped_as_the_licence_is_not_its_text(repo: Build) -> None:
    folder = repo(card("llama3.1"), LICENSE="llama3.1-aup")
    (missing,) = of(folder, "RG501")
    assert "`LICENSE` is only its use policy" in missing.message
    other = repo(card("apache-2.0"), name="other", LICENSE="llama3.1-aup")
    (mismatch,) = of(other, "RG502")
    assert "the use policy of `llama3.1`" in mismatch.message


def test_a_licence_derived_from_the_declared_one_is_said_to_be_unknown_not_passed(repo: Build) -> None:
    # The LFM licence reuses much of Apache-2.0's wording and adds terms of its own: a relative.
    folder = repo(card("apache-2.0"), LICENSE="lfm-open-license-1.0")
    (unknown,) = of(folder, "RG514")
    assert unknown.licence == "apache-2.0"
    assert "shares part of the wording of `apache-2.0`" in unknown.message
    assert not of(folder, "RG502")
    assert not of(folder, "RG503")


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("gemma-terms-2024-02-21", "gemma"),  # the earlier Gemma terms: another version, not an edit
        ("kimi-k2-modified-mit", "mit"),  # "Modified MIT License": MIT's wording plus a clause
    ],
)
def test_a_text_titled_as_the_licence_but_not_its_published_wording_is_rg516(
    repo: Build, text: str, declared: str
) -> None:
    folder = repo(card(declared), LICENSE=text)
    (unverified,) = of(folder, "RG516")
    assert unverified.licence == declared
    assert "another version or an edited copy" in unverified.message
    assert not of(folder, "RG503")
    assert not of(folder, "RG502")


def test_a_copy_with_a_restriction_dropped_is_rg503_with_the_readers_evidence(repo: Build, shared: Path) -> None:
    text = (shared / "licences" / "creativeml-openrail-m.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    kept = [line for line in lines if "medical advice" not in line.lower()]
    assert len(kept) == len(lines) - 1
    folder = repo(card("creativeml-openrail-m"), LICENSE="\n".join(kept) + "\n")
    (edited,) = of(folder, "RG503")
    assert edited.categories == ("medical-advice",)
    assert "drops `medical-advice`" in edited.message
    assert edited.clause is not None
    assert "Attachment A" in edited.clause
    assert edited.licence == "creativeml-openrail-m"


def test_a_copy_with_a_clause_added_is_rg503_quoting_it(repo: Build) -> None:
    # json-license is the MIT text with "The Software shall be used for Good, not Evil." added.
    folder = repo(card("mit"), LICENSE="json-license")
    (edited,) = of(folder, "RG503")
    assert "Good, not Evil" in edited.message
    assert not of(folder, "RG502")


def test_the_file_rows_say_what_each_file_is(repo: Build) -> None:
    folder = repo(
        card("llama3.1"),
        LICENSE="llama3.1-community",
        **{"USE_POLICY.md": "llama3.1-aup", "LICENSE-CODE": "lfm-open-license-1.0"},
    )
    (report,) = audit_paths(str(folder)).repositories
    rows = {Path(r["path"]).name: (r["role"], r["identity"], r["licence"], r["nearest"]) for r in report.files}
    assert rows["LICENSE"] == ("licence", "published", "llama3.1", "llama3.1")
    assert rows["USE_POLICY.md"] == ("policy", "policy", None, "llama3.1")
    assert rows["LICENSE-CODE"] == ("licence", "relative", None, "apache-2.0")
