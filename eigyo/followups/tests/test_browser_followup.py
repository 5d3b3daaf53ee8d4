"""In Chromium: a manager issues an instruction with two milestones, time moves
past the first, the instruction shows as evaporating, the rep updates it, and it
leaves the list."""

import pytest

from browser_fixtures import log_in, screenshot
from eigyo.followups.models import Instruction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_instruction_evaporates_until_the_rep_reports(
    browser, live_server, book, actors, monkeypatch
):
    base = live_server.url
    monkeypatch.setenv("EIGYO_NOW", "2026-11-24T10:00:00+09:00")
    boss = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ja-JP")
    page = boss.new_page()
    log_in(page, base, actors.manager.email)
    page.goto(f"{base}/follow-ups/new/")
    page.fill("input[name=subject]", "値上げを購買部長へ説明")
    page.fill("textarea[name=asked]", "12月分からの5%値上げを購買部長に直接説明すること")
    page.select_option("select[name=owner]", str(actors.rep1.pk))
    page.select_option("select[name=company]", str(book.company.pk))
    page.fill("textarea[name=milestones]", "2026-11-26 説明資料の作成\n2026-12-04 購買部長と面談")
    page.click("button.primary")
    ins = Instruction.objects.get(subject="値上げを購買部長へ説明")
    page.wait_for_url(f"{base}{ins.get_absolute_url()}")
    assert page.locator("[data-testid=milestones] li").count() == 2

    monkeypatch.setenv("EIGYO_NOW", "2026-11-30T10:00:00+09:00")  # the first milestone passed
    page.goto(f"{base}/follow-ups/dashboard/")
    evaporating = page.inner_text("[data-testid=evaporating]")
    assert "値上げを購買部長へ説明" in evaporating and "説明資料の作成" in evaporating
    screenshot(page, "followup-evaporating")

    rep = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="ja-JP", is_mobile=True, has_touch=True
    )
    rep_page = rep.new_page()
    log_in(rep_page, base, actors.rep1.email)
    rep_page.goto(f"{base}{ins.get_absolute_url()}")
    rep_page.click("[data-testid=acknowledge]")
    rep_page.fill("textarea[name=text]", "資料は作成済み。購買部長と12/3に面談予定です。")
    rep_page.click("[data-testid=post-update]")
    rep_page.wait_for_selector("[data-testid=updates] li >> text=12/3に面談予定")
    screenshot(rep_page, "followup-rep-update-phone")
    rep.close()

    page.goto(f"{base}/follow-ups/dashboard/")
    assert "値上げを購買部長へ説明" not in page.inner_text("[data-testid=evaporating]")
    screenshot(page, "followup-after-update")
    boss.close()
