"""Headless chromium (Debian's, never a downloaded one) driven by playwright's sync API against
pytest-django's live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# are still synchronous and safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The tests write their screenshots to var/screenshots (looked at, never committed by a test
# run); DARI_SCREENSHOTS=docs/screenshots refreshes the ones the README shows.
SCREENSHOTS = Path(
    os.environ.get("DARI_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots")
)


@pytest.fixture(scope="session", autouse=True)
def _static_root(tmp_path_factory):
    """The live server (session-wide) builds WhiteNoise before any per-test settings apply;
    WhiteNoise warns (an error here) when STATIC_ROOT does not exist."""
    from django.conf import settings

    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def open_as(browser, live_server):
    """open_as(user) → a page signed in as `user` (a session made by the test client)."""
    from django.conf import settings
    from django.test import Client

    contexts = []

    def _open(user, language: str = "en"):
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale="ko-KR" if language == "ko" else "en-GB",
            accept_downloads=True,
        )
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                },
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header lands mid-page
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
