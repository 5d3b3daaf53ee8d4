"""In Chromium with every other host unreachable: /api/docs shows the API's operations
(Swagger UI is served from the installation, not a CDN)."""

import pytest

from browser_fixtures import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_offline(browser, live_server, actors):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    foreign = []

    def only_this_host(route):
        if route.request.url.startswith(live_server.url):
            return route.continue_()
        foreign.append(route.request.url)
        return route.abort()

    page.route("**/*", only_this_host)
    log_in(page, live_server.url, actors.admin.email)
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() > 40  # the operations are listed
    assert foreign == []
    screenshot(page, "api-docs")
    context.close()
