"""Headless Debian Chromium for the browser tests, driven by Playwright (its own browser
download cannot work here). A test module uses `pytestmark = BROWSER_MARKS` and the
`browser` fixture, which tests/conftest.py provides once per module."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="Debian chromium is not installed (CI installs it)",
    ),
]


def launched_chromium():
    """Yield a headless Chromium with nothing that reaches the network on its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


PASSWORD = "correct-horse-battery"  # tests.base.make_staff's


def signed_in_page(browser, live_server, username: str, width: int = 1400, height: int = 1000):
    """A new page of `browser`, signed in to the admin as `username` through its login form."""
    import re

    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page
