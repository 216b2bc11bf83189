"""Rebuild ``licences/_wording.json``: the wording fingerprints of the catalogue licences whose
published text is in ../shared/licences.

Run: ``.venv/bin/python tests/parse/build_wording.py`` (writes the file; ``--check`` only compares).
Each catalogue licence in tests/parse/corpus.py gets the fingerprint of its licence text (the
first file) and, where the corpus holds it separately, of its use policy (the second file). Only
hashes are written, never text, with the reader's flow-down and category readings of each licence
text.
tests/parse/test_wording.py fails when the shipped file is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from railguard.parse import parse_file  # noqa: E402
from railguard.parse.outline import body_text, outline  # noqa: E402
from railguard.parse.source import read_source  # noqa: E402
from railguard.parse.structure import parse_layout  # noqa: E402
from railguard.parse.wording import WORDING_FILE, Reference, fingerprint, to_json  # noqa: E402
from tests.parse.corpus import CORPUS  # noqa: E402

SHARED = ROOT.parent / "shared" / "licences"
TARGET = ROOT / "licences" / WORDING_FILE


def text_of(name: str) -> str:
    """The readable body of one shared text, as the parser sees it."""
    return body_text(outline(parse_layout(read_source(SHARED / f"{name}.txt").text)))


def references() -> list[Reference]:
    out: list[Reference] = []
    for ident, files in sorted(CORPUS.items()):
        # The reader's own reading of the duty and the categories (see Reference.flow_down and
        # Reference.categories); only the licence text.
        parsed = parse_file(SHARED / f"{files[0]}.txt")
        out.append(fingerprint(ident, "licence", text_of(files[0]), parsed.flow_down, parsed.categories))
        if len(files) > 1:
            out.append(fingerprint(ident, "policy", text_of(files[1])))
    return out


def build() -> str:
    return to_json(references())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the shipped file differs")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    document = build()
    if args.check:
        same = TARGET.is_file() and TARGET.read_text(encoding="utf-8") == document
        print("up to date" if same else f"{TARGET} is stale; rebuild it")
        return 0 if same else 1
    TARGET.write_text(document, encoding="utf-8")
    print(f"wrote {TARGET} ({len(document):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
