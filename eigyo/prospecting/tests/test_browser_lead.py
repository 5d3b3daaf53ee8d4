"""In Chromium on a phone: a rep finds the lead marketing gave them on the home page,
opens it, and accepts it with a rating; the company is in their portfolio and
marketing's home shows the verdict."""

import pytest

from browser_fixtures import PHONE, log_in, screenshot
from eigyo.portfolio.models import Relationship
from eigyo.prospecting import lead_services
from eigyo.prospecting.models import Lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_accepting_a_lead_on_the_phone(browser, live_server, actors, monkeypatch):
    base = live_server.url
    monkeypatch.setenv("EIGYO_NOW", "2026-12-07T10:00:00+09:00")
    lead = Lead.objects.create(
        org=actors.org,
        source="exhibition",
        campaign="国際物流展2026",
        company_name="西日本ロジ株式会社",
        family_name="岡本",
        given_name="健",
        title="物流部長",
        arrived_at=lead_time(),
        created_by=actors.marketing,
    )
    lead_services.assign(lead, actors.rep1, by=actors.marketing)
    actors.rep1.language = "ja"
    actors.rep1.save()
    phone = browser.new_context(
        viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True
    ).new_page()
    log_in(phone, base, actors.rep1.email)
    phone.click("[data-testid=home-leads] a >> text=西日本ロジ株式会社")
    phone.wait_for_url(f"{base}{lead.get_absolute_url()}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.select_option("select[name=rating]", "4")
    phone.fill("textarea[name=comment]", "来期の物流拠点統合で検討中")
    screenshot(phone, "lead-phone")
    phone.click("[data-testid=decide]")
    phone.wait_for_load_state("load")
    assert "受け入れ" in phone.inner_text(
        "[data-testid=lead-status]"
    ) or "Accepted" in phone.inner_text("[data-testid=lead-status]")
    lead.refresh_from_db()
    assert lead.status == "accepted" and lead.rating == 4
    assert Relationship.objects.filter(owner=actors.rep1, company=lead.company, tier="new").exists()

    mkt = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP").new_page()
    log_in(mkt, base, actors.marketing.email)
    home = mkt.inner_text("[data-testid=home-leads]")
    assert "西日本ロジ株式会社" in home and "★4" in home
    screenshot(mkt, "lead-marketing-home")


def lead_time():
    import datetime as dt

    from django.utils import timezone

    return timezone.make_aware(dt.datetime(2026, 12, 7, 9, 0))
