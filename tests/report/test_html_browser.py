"""The HTML report in a real headless browser: it loads with no network, the counts it shows are
those of the JSON, and filtering the findings works.

Chromium comes from the system's packages (``apt-get install chromium``; ``.ci/run`` installs it)
and is driven by Playwright for Python; Playwright never downloads a browser here. Without them
the tests are skipped, saying why.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from railguard.cli import main
from railguard.report.lineage_json import expand

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "lineage.yaml")
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "hub-lineage" / "hub-lineage.jsonl"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed (`apt-get install -y chromium`; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with playwright.sync_playwright() as driver:
        found = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield found
        found.close()


def _outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path, source: str) -> tuple[Path, dict[str, Any]]:
    main(["lineage", source, "--format", "html"])
    page = tmp_path / "report.html"
    page.write_text(capsys.readouterr().out, encoding="utf-8")
    main(["lineage", source, "--format", "json"])
    return page, json.loads(capsys.readouterr().out)


def _open(browser: Any, page_file: Path) -> tuple[Any, list[str]]:
    page = browser.new_page()
    asked: list[str] = []

    # NOTE: anything but the file itself would be the network: recorded, and refused.
    def guard(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(page_file.as_uri())
    return page, asked


def _count(page: Any, label: str) -> int:
    return int(page.locator(f'.card[data-count="{label}"] b').inner_text().replace(",", ""))


@pytest.mark.parametrize("source", [EXAMPLE, str(CORPUS)], ids=["example", "corpus"])
def test_counts_match_the_json_and_filters_work(
    browser: Any, source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if source == str(CORPUS) and not CORPUS.exists():
        pytest.skip("../shared/corpus/hub-lineage is absent")
    page_file, document = _outputs(capsys, tmp_path, source)
    page, asked = _open(browser, page_file)
    summary = document["summary"]
    assert _count(page, "models") == summary["models"]
    assert _count(page, "models with errors") == summary["models_with_errors"]
    assert _count(page, "errors") == summary["findings"]["error"]
    assert _count(page, "warnings") == summary["findings"]["warning"]
    assert _count(page, "info") == summary["findings"]["info"]
    findings = expand(document)
    assert int(page.locator("#shown").inner_text()) == len(findings)
    page.select_option("#f-severity", "error")
    assert int(page.locator("#shown").inner_text()) == summary["findings"]["error"]
    visible = page.locator("#findings tbody tr:not([hidden])")
    assert visible.count() == summary["findings"]["error"]
    page.select_option("#f-severity", "")
    by_code = Counter(f["code"] for f in findings)
    code = by_code.most_common(1)[0][0]
    page.select_option("#f-code", code)
    assert int(page.locator("#shown").inner_text()) == by_code[code]
    assert page.locator("#graph svg g.node").count() > 0
    assert asked == []


def test_conflicting_edges_are_marked_and_the_graph_zooms(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page_file, document = _outputs(capsys, tmp_path, EXAMPLE)
    page, _ = _open(browser, page_file)
    with_errors = {f["model"] for f in expand(document) if f["severity"] == "error"}
    assert page.locator("g.node.conflict").count() == len(with_errors)
    for model in with_errors:
        assert page.locator(f'g.node.conflict[data-model="{model}"]').count() == 1
    assert page.locator("path.edge.conflict").count() >= len(with_errors)
    before = page.evaluate("document.querySelector('#graph svg').viewBox.baseVal.width")
    page.locator("#graph").hover()
    page.mouse.wheel(0, 300)
    after = page.evaluate("document.querySelector('#graph svg').viewBox.baseVal.width")
    assert after > before
