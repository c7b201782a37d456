"""Real-browser fixtures: Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = (
            "Debian's chromium is not installed (apt-get install chromium): "
            "the browser tests cannot run"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        sys.stderr.write(f"\n{'!' * 78}\n!! SKIPPING BROWSER TESTS: {message}\n{'!' * 78}\n")
        pytest.skip(message)
    return path


@pytest.fixture
def page(chromium_path, live_server):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        context = browser.new_context(locale="en-US")  # the app must still start in Persian
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # Django connections opened while Playwright's event loop runs live in that
            # context; close them here so none outlives the suite.
            from django.db import connections

            connections.close_all()
