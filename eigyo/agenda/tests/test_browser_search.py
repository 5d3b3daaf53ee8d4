"""In Chromium: "/" focuses the header search, results come grouped as you type, a
tap opens one; on a phone the results fit the screen."""

import pytest

from browser_fixtures import PHONE, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, PHONE], ids=["desktop", "phone"]
)
def test_search_from_the_header(browser, live_server, book, actors, viewport):
    actors.rep1.language = "ja"
    actors.rep1.save()
    page = browser.new_context(viewport=viewport, locale="ja-JP").new_page()
    log_in(page, live_server.url, actors.rep1.email)
    page.goto(f"{live_server.url}/companies/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "global-search"
    page.keyboard.type("tanaka")
    page.wait_for_selector("#global-search-results [data-group=people] a")
    results = page.inner_text("#global-search-results")
    assert "田中" in results and "人物" in results
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"search-{viewport['width']}")
    page.click("#global-search-results [data-group=people] a")
    page.wait_for_url(f"{live_server.url}/people/{book.person.pk}/")
