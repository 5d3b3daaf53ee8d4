"""In Chromium on a phone: a rep makes a call list from new approaches, calls the
first company (the reception opening shown), logs "reached staff, call back" in two
taps, then an appointment; the team sees variant figures the same day."""

import datetime as dt

import pytest

from browser_fixtures import PHONE, log_in, screenshot
from eigyo.conftest import company
from eigyo.portfolio import services as portfolio
from eigyo.prospecting import call_services
from eigyo.prospecting.models import Call, CallList, CallScript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_morning_of_calls_from_the_phone(browser, live_server, actors, monkeypatch):
    base = live_server.url
    monkeypatch.setenv("EIGYO_NOW", "2026-12-07T09:30:00+09:00")
    script = CallScript.objects.create(
        org=actors.org, name="検査装置・新規", created_by=actors.manager
    )
    call_services.save_version(
        script,
        "A",
        {"reception": "品質保証部のご担当者様をお願いいたします。", "staff": "検査工程の件で"},
        by=actors.manager,
    )
    for i, name in enumerate(["東海化成株式会社", "北陸精工株式会社"]):
        c = company(actors, name, phone=f"052-111-000{i}")
        portfolio.add_to_portfolio(
            org=actors.org, company=c, owner=actors.rep1, tier="new", on=dt.date(2026, 12, 1)
        )
    actors.rep1.language = "ja"
    actors.rep1.save()

    phone = browser.new_context(
        viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True
    ).new_page()
    log_in(phone, base, actors.rep1.email)
    phone.goto(f"{base}/calls/")
    phone.fill("input[name=name]", "月曜の朝")
    phone.select_option("select[name=script]", str(script.pk))
    phone.click("[data-testid=make-list]")
    phone.wait_for_load_state("load")
    screenshot(phone, "call-list-made-phone")
    lst = CallList.objects.get()
    phone.wait_for_url(f"{base}{lst.get_absolute_url()}")
    phone.click("[data-testid=start-calling]")
    phone.wait_for_load_state("load")
    first = phone.inner_text("[data-testid=calling-company]")
    assert first in {"東海化成株式会社", "北陸精工株式会社"}
    opening = phone.locator("[data-testid=openings] details[open]")
    assert "品質保証部のご担当者様" in opening.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "calling-phone")

    # Two taps: the level reached, then the outcome.
    phone.click("text=担当者到達")
    back = call_services.outcomes_for(actors.org).get(label="折り返し待ち")
    phone.click(f"[data-testid=outcome-{back.pk}]")
    phone.wait_for_load_state("load")
    call = Call.objects.get()
    assert call.level == "staff" and call.outcome == back and call.company.display_name == first
    second = phone.inner_text("[data-testid=calling-company]")
    assert second != first
    appointment = call_services.outcomes_for(actors.org).get(label="アポ獲得")
    phone.click(f"[data-testid=outcome-{appointment.pk}]")
    phone.wait_for_selector("[data-testid=list-done]")
    assert Call.objects.count() == 2

    boss = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP").new_page()
    log_in(boss, base, actors.manager.email)
    boss.goto(f"{base}{script.get_absolute_url()}")
    stats = boss.inner_text("[data-testid=script-stats]")
    assert "バリエーション A" in stats and "100%" in stats  # 1 of 1 got past reception
    screenshot(boss, "script-stats")


def test_a_registry_company_gets_its_number_on_the_phone(browser, live_server, actors, monkeypatch):
    """A list like a won client: the first company comes without a number; the rep
    enters the one found and the dial button appears."""
    from eigyo.companies.services import company_from_registry
    from eigyo.registry.models import RegistryEntry

    base = live_server.url
    monkeypatch.setenv("EIGYO_NOW", "2026-12-07T09:30:00+09:00")
    script = CallScript.objects.create(org=actors.org, name="類似先", created_by=actors.manager)
    call_services.save_version(script, "A", {"reception": "工場長の件で"}, by=actors.manager)

    def entry(code, name, **kw):
        return RegistryEntry.objects.create(
            edinet_code=code,
            name=name,
            name_key=name,
            sector33="3700",
            size_class="mid400",
            prefecture="23",
            source="test",
            **kw,
        )

    won = company_from_registry(actors.org, entry("E1", "勝ち取った部品株式会社"))[0]
    portfolio.add_to_portfolio(
        org=actors.org, company=won, owner=actors.rep1, tier="client", on=dt.date(2026, 11, 1)
    )
    entry(
        "E2",
        "双子部品株式会社",
        kana="フタゴブヒン",
        address="豊田市元町1-1",
        postal_code="4710001",
    )
    actors.rep1.language = "ja"
    actors.rep1.save()

    phone = browser.new_context(
        viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True
    ).new_page()
    log_in(phone, base, actors.rep1.email)
    phone.goto(f"{base}/calls/")
    phone.fill("input[name=name]", "似た会社")
    phone.select_option("select[name=script]", str(script.pk))
    phone.select_option("select[name=source]", "spider")
    phone.select_option("select[name=seed]", str(won.pk))
    phone.click("[data-testid=make-list]")
    phone.wait_for_load_state("load")
    phone.click("[data-testid=start-calling]")
    phone.wait_for_selector("[data-testid=find-number]")
    assert phone.inner_text("[data-testid=calling-company]") == "双子部品株式会社"
    assert "豊田市元町1-1" in phone.inner_text("[data-testid=find-number]")
    assert phone.locator("[data-testid=dial]").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "calling-find-number-phone")
    phone.fill("input[name=phone]", "0565-28-2121")
    phone.click("[data-testid=save-phone]")
    phone.wait_for_selector("[data-testid=dial]")
    assert "0565-28-2121" in phone.inner_text("[data-testid=dial]")
    screenshot(phone, "calling-number-found-phone")
