"""In Chromium on a phone: the rep opens the agenda, logs a contact from an
item with one tap, and the item leaves the list."""

import pytest

from browser_fixtures import PHONE, log_in, screenshot, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_from_the_agenda_removes_the_item(browser, live_server, book, actors, monkeypatch):
    # The live server runs in another thread: pin its clock through the environment.
    monkeypatch.setenv("EIGYO_NOW", "2026-11-24T09:00:00+09:00")
    actors.rep1.language = "ja"
    actors.rep1.save()
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    page = context.new_page()
    log_in(page, live_server.url, actors.rep1.email)
    page.goto(f"{live_server.url}/portfolio/agenda/")
    agenda = page.locator("[data-testid=agenda]")
    assert "株式会社トヨタ精機" in agenda.inner_text()
    assert "期限超過" in agenda.inner_text() or "超過" in agenda.inner_text()
    screenshot(page, "phone-agenda-ja")
    page.click(f"[data-testid=log-{book.rel.pk}]")
    page.wait_for_selector("[data-testid=visit-form]")
    assert page.input_value("input[name=company]") == str(book.company.pk)
    page.click("[data-testid=kind-call] + span")
    page.fill("textarea[name=notes]", "近況確認の電話。来月訪問の約束。")
    page.click("[data-testid=save-visit]")
    page.wait_for_url(f"{live_server.url}/portfolio/agenda/")
    assert "株式会社トヨタ精機" not in page.inner_text("[data-testid=agenda]")
    screenshot(page, "phone-agenda-after-ja")
    context.close()


def test_benchmark_charts_render(browser, live_server, book, actors, monkeypatch):
    monkeypatch.setenv("EIGYO_NOW", "2026-11-24T09:00:00+09:00")
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server.url, actors.rep1.email)
    page.goto(f"{live_server.url}/portfolio/benchmarks/")
    wait_until(page, "!!(window.Chart && Chart.getChart('funnel'))")
    assert page.evaluate("Chart.getChart('funnel').data.datasets[0].data") == [0, 0, 1, 1, 0, 0, 0]
    assert page.evaluate("!!Chart.getChart('adherence') && !!Chart.getChart('per-day')")
    screenshot(page, "desktop-benchmarks-rep")
    page.goto(f"{live_server.url}/portfolio/plan/")
    screenshot(page, "desktop-plan")
    context.close()


def test_team_benchmarks_fit_a_phone_and_say_what_each_figure_is(
    browser, live_server, book, actors, monkeypatch
):
    monkeypatch.setenv("EIGYO_NOW", "2026-11-24T09:00:00+09:00")
    actors.manager.language = "ja"
    actors.manager.save()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server.url, actors.manager.email)
    page.goto(f"{live_server.url}/portfolio/benchmarks/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "1か月ごと" in page.inner_text("[data-testid=bench-legend]")
    first = page.locator("[data-testid=benchmarks] td.months").first
    assert first.locator("small").all_inner_texts() == ["8月", "9月", "10月", "11月"]
    assert page.locator("[data-testid=benchmarks] td.months").first.is_visible()
    screenshot(page, "phone-benchmarks-team-ja")
    context.close()


def test_the_agenda_shows_what_the_plan_brings_forward_to_today(
    browser, live_server, actors, monkeypatch
):
    """Capacity 1 and three contacts due on Thursday: today's agenda and the plan's
    first day show the same one, brought forward."""
    import datetime as dt

    from django.utils import timezone

    from eigyo.activities.models import Activity
    from eigyo.companies.models import Company
    from eigyo.portfolio import services
    from eigyo.portfolio.models import PortfolioSettings

    monkeypatch.setenv("EIGYO_NOW", "2026-12-01T09:00:00+09:00")
    settings = PortfolioSettings.for_org(actors.org)
    settings.daily_capacity = 1
    settings.save()
    for i in range(3):
        company = Company.objects.create(org=actors.org, legal_name=f"前倒し{i}株式会社")
        services.add_to_portfolio(
            org=actors.org,
            company=company,
            owner=actors.rep1,
            tier="probable",
            on=dt.date(2026, 11, 1),
        )
        Activity.objects.create(
            org=actors.org,
            company=company,
            owner=actors.rep1,
            occurred_at=timezone.make_aware(dt.datetime(2026, 11, 26, 10)),
        )
    actors.rep1.language = "ja"
    actors.rep1.save()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server.url, actors.rep1.email)
    page.goto(f"{live_server.url}/portfolio/agenda/")
    agenda = page.inner_text("[data-testid=agenda]")
    assert "今日予定されている接触はありません" not in page.inner_text("main")
    today = [n for n in ("前倒し0", "前倒し1", "前倒し2") if n in agenda]
    assert len(today) == 1
    screenshot(page, "phone-agenda-brought-forward-ja")
    page.goto(f"{live_server.url}/portfolio/plan/")
    first_day = page.locator(".plan-day").first.inner_text()
    assert today[0] in first_day and "12月1日" in first_day
    context.close()
