"""Per-licence report: what the parser reads in each real text, against the catalogue entry.

Run: ``.venv/bin/python tests/bench/corpus_report.py`` (needs ../shared/licences). Prints a
Markdown table: catalogue id, files, restrictions found, categories agreeing / added / missing,
flow-down and commercial (parsed vs catalogue), and the licence the text was identified as.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.parse.corpus import CORPUS  # noqa: E402

from railguard.catalogue import load_catalogue  # noqa: E402
from railguard.model import ObligationKind  # noqa: E402
from railguard.parse import parse_text  # noqa: E402

SHARED = ROOT.parent / "shared" / "licences"


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    catalogue = load_catalogue()
    print("| licence | restrictions (items) | categories | added | missing | flow-down | commercial | identified as |")
    print("|---|---|---|---|---|---|---|---|")
    agree = 0
    for ident in sorted(CORPUS):
        text = "\n\n".join((SHARED / f"{name}.txt").read_text(encoding="utf-8") for name in CORPUS[ident])
        parsed = parse_text(text, CORPUS[ident][0])
        licence = catalogue.get(ident)
        added = sorted(parsed.categories - licence.categories)
        missing = sorted(licence.categories - parsed.categories)
        flow = (parsed.flow_down, licence.has(ObligationKind.FLOW_DOWN))
        commercial = (parsed.commercial, licence.commercial)
        found = parsed.identification
        named = found.licence.id if found.licence else "-"
        if found.licence and not found.exact:
            named += " (variant)"
        # NOTE: a text that grants nothing (an HL3 module, a policy) says nothing about commerce.
        same_commercial = licence.commercial is None or commercial[0] is None or commercial[0] == commercial[1]
        ok = not added and not missing and flow[0] == flow[1] and same_commercial
        agree += ok
        items = len({(r.section, r.line) for r in parsed.restrictions})
        print(
            f"| {ident} | {items} | {len(parsed.categories)}/{len(licence.categories)} | {', '.join(added) or '-'} "
            f"| {', '.join(missing) or '-'} | {flow[0]}/{flow[1]} | {commercial[0]}/{commercial[1]} | {named} |"
        )
    print(f"\n{agree} of {len(CORPUS)} licences agree with the catalogue (categories, flow-down, commercial).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
