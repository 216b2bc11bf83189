"""Write ``docs/lineage-report.png``: the HTML report of the bundled example, as Chromium shows it.

Run: ``.venv/bin/python tests/report/screenshot.py`` (needs the system's Chromium and Playwright, as
the browser tests do).
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

from railguard.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]


def run() -> int:
    from playwright.sync_api import sync_playwright

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["lineage", "examples/lineage.yaml", "--format", "html", "--quiet"])
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        page_file = Path(folder) / "report.html"
        page_file.write_text(out.getvalue(), encoding="utf-8")
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.goto(page_file.as_uri())
        page.screenshot(path=str(ROOT / "docs" / "lineage-report.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(run())
