"""The Hub's licence ids and the catalogue's `hub` aliases agree."""

from __future__ import annotations

from railguard.catalogue import load_catalogue
from railguard.lint.hubids import HUB_LICENCE_IDS, UNDECLARED


def test_every_catalogue_hub_alias_is_a_hub_id() -> None:
    hub = {lic.hub for lic in load_catalogue() if lic.hub}
    assert hub <= HUB_LICENCE_IDS
    assert hub == HUB_LICENCE_IDS - UNDECLARED


def test_every_hub_id_resolves_to_itself() -> None:
    catalogue = load_catalogue()
    for ident in HUB_LICENCE_IDS - UNDECLARED:
        licence = catalogue.find(ident)
        assert licence is not None
        assert ident in (licence.hub, licence.id)
