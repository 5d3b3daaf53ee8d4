"""In Chromium on a phone: a partner user opens its portal, sees its targets, chart,
companies and deals, marks a deal won (it then waits for our confirmation), and cannot
open the other partner's page; the partner manager's page on desktop and phone."""

import pytest

from browser_fixtures import PHONE, log_in, screenshot, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The chart is drawn with its two series (a bare canvas is 300 wide before any chart).
CHART_DRAWN = "(Chart.getChart('partner-chart')?.data.datasets.length || 0) === 2"


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_partner_portal_on_a_phone(browser, live_server, world, actors):
    from eigyo.deals.models import Deal

    deal = Deal.objects.create(
        org=actors.org,
        title="ライン増設",
        company=world.company,
        owner=actors.rep1,
        partner=actors.partner,
        amount=3_000_000,
        stage="ask",
    )
    context = browser.new_context(viewport=PHONE, locale="ja-JP", is_mobile=True)
    page = context.new_page()
    log_in(page, live_server.url, actors.partner_user.email)
    page.goto(f"{live_server.url}/partners/")
    page.wait_for_url(f"{live_server.url}/partners/{actors.partner.pk}/")
    assert page.inner_text("[data-testid=partner-name]") == "関西販売株式会社"
    targets = page.inner_text("[data-testid=portal-targets]")
    assert "2026年度 第3四半期" in targets and "¥2,000,000" in targets
    wait_until(page, CHART_DRAWN)
    assert "大阪部品株式会社" in page.inner_text("[data-testid=portal-companies]")
    body = page.inner_text("body")
    assert "デューデリジェンス" not in body and "解約権" not in body and "九州" not in body
    assert no_sideways_scroll(page)
    screenshot(page, "partners-portal-phone")
    # move the deal to won on its page: it waits for our confirmation
    page.goto(f"{live_server.url}{deal.get_absolute_url()}")
    page.click("button.stage-won")
    page.goto(f"{live_server.url}/partners/{actors.partner.pk}/")
    assert "当社の確認待ち" in page.inner_text("[data-testid=portal-deals]")
    deal.refresh_from_db()
    assert deal.stage == "won" and deal.win_confirmed_at is None
    response = page.goto(f"{live_server.url}/partners/{actors.partner2.pk}/")
    assert response.status == 404
    context.close()


def test_partner_manager_page(browser, live_server, world, actors):
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, locale="ja-JP")
        page = context.new_page()
        log_in(page, live_server.url, actors.manager.email)
        page.goto(f"{live_server.url}/partners/")
        assert "関西販売株式会社" in page.inner_text("[data-testid=board-behind]")
        assert "2026年12月29日" in page.inner_text("[data-testid=board-rights]")
        screenshot(page, f"partners-overview-{name}")
        page.goto(f"{live_server.url}/partners/{actors.partner.pk}/")
        wait_until(page, CHART_DRAWN)
        assert "未確認の受注" in page.inner_text("[data-testid=to-confirm]")
        screenshot(page, f"partners-detail-{name}")
        if name == "phone":
            assert no_sideways_scroll(page)
        page.click("[data-testid=to-confirm] button")
        assert "受注を確認しました" in page.inner_text("body")
        world.unconfirmed.refresh_from_db()
        assert world.unconfirmed.win_confirmed_by_id == actors.manager.pk
        context.close()
        from eigyo.deals.models import Deal

        Deal.objects.filter(pk=world.unconfirmed.pk).update(
            win_confirmed_at=None, win_confirmed_by=None, win_confirmed_amount=None
        )
