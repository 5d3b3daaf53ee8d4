"""In a real Chromium: the export menu downloads the list as filtered on screen (the
filter changed by htmx after the page loaded included), and an admin has the whole
organisation's archive built by the worker and downloads it."""

import csv
import io
import zipfile

import pytest

from browser_fixtures import PHONE, log_in, screenshot
from eigyo.transfer import export_jobs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_export_menu_carries_the_filter_on_screen(browser, live_server, actors, book):
    actors.admin.language = "ja"
    actors.admin.save()
    base = live_server.url
    for name, viewport in (("desktop", {"width": 1200, "height": 800}), ("phone", PHONE)):
        page = browser.new_page(viewport=viewport, locale="ja-JP", accept_downloads=True)
        log_in(page, base, actors.admin.email)
        page.goto(f"{base}/deals/")
        page.fill("form.filters input[name=q]", "保守")  # htmx filters the table and the address
        # htmx pushes the filter into the address (polled here: wait_for_function
        # evaluates a string, which the Content-Security-Policy refuses)
        for _ in range(100):
            if "q=" in page.url:
                break
            page.wait_for_timeout(100)
        assert "q=" in page.url
        page.click("[data-testid=export] summary")
        screenshot(page, f"export-menu-{name}-ja")
        with page.expect_download() as info:
            page.click("[data-testid=export] a:has-text('CSV（UTF-8）')")
        download = info.value
        assert download.suggested_filename.startswith("deals-")
        rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
        assert [r[rows[0].index("案件")] for r in rows[1:]] == ["保守契約"]
        page.close()


def test_admin_builds_and_downloads_the_organisation_archive(
    browser, live_server, actors, book, tmp_path, monkeypatch
):
    monkeypatch.setenv("EIGYO_EXPORT_DIR", str(tmp_path))
    actors.admin.language = "ja"
    actors.admin.save()
    base = live_server.url
    page = browser.new_page(viewport=PHONE, locale="ja-JP", accept_downloads=True)
    log_in(page, base, actors.admin.email)
    page.goto(f"{base}/accounts/preferences/")
    page.click("[data-testid=org-export]")
    screenshot(page, "org-export-index-phone-ja")
    page.click("[data-testid=build-archive]")
    page.wait_for_selector("[data-testid=archive-progress][data-status=queued]")
    screenshot(page, "org-export-queued-phone-ja")
    assert export_jobs.run_pending() == 1  # the worker, as `eigyo export --jobs` runs it
    # The page polls and shows the link without a reload.
    page.wait_for_selector("[data-testid=download-archive]", timeout=10_000)
    screenshot(page, "org-export-done-phone-ja")
    with page.expect_download() as info:
        page.click("[data-testid=download-archive]")
    with zipfile.ZipFile(info.value.path()) as zf:
        assert "manifest.json" in zf.namelist()
    desktop = browser.new_page(viewport={"width": 1200, "height": 800}, locale="ja-JP")
    log_in(desktop, base, actors.admin.email)
    desktop.goto(f"{base}/organisation/export/")
    screenshot(desktop, "org-export-index-desktop-ja")
