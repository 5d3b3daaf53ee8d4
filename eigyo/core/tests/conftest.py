import pytest

from eigyo.browser import CHROMIUM, FLAGS, require_browser


@pytest.fixture
def browser(monkeypatch):
    require_browser()
    # Playwright's sync API runs an event loop in this thread; the ORM calls in
    # the test itself are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()
