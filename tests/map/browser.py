"""A real headless Chromium (Debian's package, driven by Playwright; never a downloaded one)."""

from __future__ import annotations

import os
import time

import pytest

from graphcrm.map.png import find_chromium

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def wait_until_stable(page, timeout: float = 30) -> float:
    """Wait for the map's layout to settle; return when it did (ms after navigation).

    Polled through page.evaluate: Playwright's wait_for_function would eval a predicate in
    the page, which the map's Content-Security-Policy forbids.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stable = page.evaluate("window.graphcrmMap ? window.graphcrmMap.stableAt : null")
        if stable is not None:
            return stable
        time.sleep(0.05)
    raise AssertionError("the map did not stabilize")


@pytest.fixture(scope="session")
def browser():
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the browser tests, but Chromium is not installed")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_map(browser, tmp_path):
    """Open a map page from disk; record console errors, requests and dialogs."""
    pages = []

    def open_(stakeholder_map, name="map.html"):
        path = stakeholder_map.save(tmp_path / name)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.record = {"errors": [], "requests": [], "dialogs": []}
        page.on("console", lambda m: m.type == "error" and page.record["errors"].append(m.text))
        page.on("pageerror", lambda e: page.record["errors"].append(str(e)))
        page.on("request", lambda r: page.record["requests"].append(r.url))
        page.on("dialog", lambda d: (page.record["dialogs"].append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        wait_until_stable(page)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()
