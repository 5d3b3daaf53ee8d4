"""In Chromium: the manager gives an instruction; the rep's header shows one unread,
on a phone the rep opens the inbox and the line, lands on the instruction, says
"understood"; the count is gone, and the manager's inbox has the acknowledgement."""

import pytest

from browser_fixtures import PHONE, log_in, screenshot
from eigyo.followups.models import Instruction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_instruction_reaches_the_reps_inbox_and_the_answer_comes_back(
    browser, live_server, book, actors, monkeypatch
):
    base = live_server.url
    monkeypatch.setenv("EIGYO_NOW", "2026-12-07T10:00:00+09:00")
    book.milestone.done_on = book.milestone.due_on  # nothing else falling due
    book.milestone.save()
    book.promise.status = "kept"
    book.promise.save()
    actors.rep1.language = "ja"
    actors.rep1.save()

    boss = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    page = boss.new_page()
    log_in(page, base, actors.manager.email)
    page.goto(f"{base}/follow-ups/new/")
    page.fill("input[name=subject]", "品質部長への根回し")
    page.fill("textarea[name=asked]", "購買部長だけでなく品質保証部長にも根回しすること")
    page.select_option("select[name=owner]", str(actors.rep1.pk))
    page.click("button.primary")
    ins = Instruction.objects.get(subject="品質部長への根回し")
    page.wait_for_url(f"{base}{ins.get_absolute_url()}")
    assert page.locator("[data-testid=inbox-unread]").count() == 0  # not told of her own

    rep = browser.new_context(viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True)
    phone = rep.new_page()
    log_in(phone, base, actors.rep1.email)
    assert phone.inner_text("[data-testid=inbox-unread]") == "1"
    phone.click("[data-testid=inbox-link]")
    phone.wait_for_url(f"{base}/inbox/")
    line = phone.locator("[data-testid=inbox] li.unread a")
    assert "佐藤 美咲さんから指示：品質部長への根回し" in line.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "inbox-phone")
    line.click()
    phone.wait_for_url(f"{base}{ins.get_absolute_url()}")
    assert phone.locator("[data-testid=inbox-unread]").count() == 0  # read once opened
    phone.click("[data-testid=acknowledge]")
    phone.wait_for_load_state("load")
    rep.close()

    page.goto(f"{base}/")
    assert page.inner_text("[data-testid=inbox-unread]") == "1"
    page.click("[data-testid=inbox-link]")
    assert "鈴木 大輔さんが了解しました：品質部長への根回し" in page.inner_text(
        "[data-testid=inbox]"
    )
    screenshot(page, "inbox-desktop")
    boss.close()
