"""Browser tests' pytest plugin (registered by the root conftest.py): Playwright
driving Debian's Chromium (no browser download), the `browser` fixture, and the
helpers the browser tests share (log in, phone viewport, screenshots).

Only tests use it, so it lives outside the application package."""

import os
import shutil
from pathlib import Path

import pytest

from eigyo.conftest import PASSWORD

CHROMIUM = os.environ.get("EIGYO_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("EIGYO_ARTIFACTS", Path(__file__).resolve().parent / "artifacts"))

PHONE = {"width": 375, "height": 740}


def require_browser():
    """Skip with a reason when Chromium is missing; fail instead where it is required (CI)."""
    missing = None
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[dev]')"
    if missing:
        if os.environ.get("EIGYO_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests are required here: {missing}")
        pytest.skip(missing)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")


def wait_until(page, expression: str, timeout: float = 10.0):
    """Poll `expression` from Python until it is truthy, and return its value.
    Playwright's `wait_for_function` with a string compiles it in the page, which the
    Content-Security-Policy refuses (no eval); `page.evaluate` runs it over the
    DevTools protocol instead, where the page's policy does not apply."""
    waited = 0.0
    while True:
        value = page.evaluate(expression)
        if value or waited >= timeout:
            assert value, f"still false after {timeout} s: {expression}"
            return value
        page.wait_for_timeout(100)
        waited += 0.1


@pytest.fixture(scope="session")
def _live_server_connections(django_db_setup, django_db_blocker):
    """On PostgreSQL the live server's keep-alive request threads can still hold a
    connection when the test database is dropped; end them first (they are done)."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


class WatchedBrowser:
    """The Chromium of a test, noting every Content-Security-Policy violation that any
    page of any of its contexts reports on the console: the test fails on one."""

    def __init__(self, browser):
        self._browser = browser
        self.violations: list[str] = []

    def _watch(self, context):
        def on_console(message):
            if "Content Security Policy" in message.text:
                self.violations.append(
                    f"{message.page.url if message.page else ''}: {message.text}"
                )

        context.on("console", on_console)
        return context

    def new_context(self, *args, **kwargs):
        return self._watch(self._browser.new_context(*args, **kwargs))

    def new_page(self, *args, **kwargs):
        context = self.new_context(*args, **kwargs)
        page = context.new_page()
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def browser(monkeypatch, _live_server_connections):
    require_browser()
    # Playwright's sync API runs an event loop in this thread; the ORM calls in
    # the test itself are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = WatchedBrowser(p.chromium.launch(executable_path=CHROMIUM, args=FLAGS))
        yield b
        b.close()
    if b.violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(b.violations))
