"""In a real Chromium, in Japanese: an Eight export is uploaded, its preview shows the
people, the repeated card exchange and the tags, and the import writes them; on a
phone (375 px) and a desktop."""

import pytest

from browser_fixtures import log_in, screenshot
from eigyo.contacts.models import Person, Tie

from .test_people_import import EIGHT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1200])
def test_an_eight_export_is_previewed_then_imported(browser, live_server, actors, tmp_path, width):
    actors.manager.language = "ja"
    actors.manager.save()
    path = tmp_path / "eight.csv"
    path.write_bytes(EIGHT.encode("cp932"))
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="ja-JP")
    base = live_server.url
    log_in(page, base, actors.manager.email)
    page.goto(f"{base}/companies/import/people/")
    assert "人物の取り込み" in page.inner_text("h1")
    screenshot(page, f"people-import-start-{width}")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=people-upload] button.primary")
    page.wait_for_selector("[data-testid=import-rows]")
    assert "Eight" in page.inner_text("[data-testid=import-format]")
    rows = page.inner_text("[data-testid=import-rows]")
    assert "山田 花子" in rows and "2行目と同じ人物" in rows
    screenshot(page, f"people-import-preview-{width}")
    page.click("[data-testid=import-commit]")
    page.wait_for_selector("[data-testid=import-done]")
    screenshot(page, f"people-import-done-{width}")
    assert Person.objects.filter(org=actors.org).count() == 2
    assert Tie.objects.filter(user=actors.manager, source="card").count() == 2
