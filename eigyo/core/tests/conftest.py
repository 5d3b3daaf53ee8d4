import pytest

from eigyo.browser import CHROMIUM, FLAGS, require_browser


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


@pytest.fixture
def browser(monkeypatch, _live_server_connections):
    require_browser()
    # Playwright's sync API runs an event loop in this thread; the ORM calls in
    # the test itself are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()
