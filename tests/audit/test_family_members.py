"""A licence file holding a member's text ships the family id a card declares (catalogue `members`)."""

from __future__ import annotations

from railguard.audit.repository import covers
from railguard.catalogue import load_catalogue


def test_a_member_text_covers_its_family_and_nothing_else() -> None:
    catalogue = load_catalogue()
    families = [lic for lic in catalogue if lic.members]
    assert families, "the catalogue lists no family members"
    for family in families:
        for licence in catalogue:
            assert covers(family, licence) is (licence.id == family.id or licence.id in family.members)
    gpl, lgpl = catalogue.get("gpl"), catalogue.get("lgpl-2.1")
    # NOTE: `gpl` is a substring of `lgpl-2.1`; membership is data, not spelling
    assert covers(gpl, catalogue.get("gpl-3.0"))
    assert not covers(gpl, lgpl)
    assert not covers(catalogue.get("mit"), lgpl)
