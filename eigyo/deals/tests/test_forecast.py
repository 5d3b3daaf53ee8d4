"""The forecast per month of the Japanese fiscal year (April–March), weighted by stage
probabilities the admin sets."""

import datetime as dt

import pytest
from django.urls import reverse

from eigyo.deals.domain.forecast import DEFAULT_PROBABILITIES, DealFacts, fiscal_months, forecast
from eigyo.deals.models import Deal, StageProbability


def test_the_fiscal_year_runs_april_to_march():
    months = fiscal_months(2026)
    assert months[0] == dt.date(2026, 4, 1) and months[-1] == dt.date(2027, 3, 1)
    assert len(months) == 12


def test_open_deals_are_weighted_and_won_ones_counted_when_won():
    deals = [
        DealFacts(10_000_000, "evidence", dt.date(2026, 12, 15), None),  # 35 %
        DealFacts(4_000_000, "ask", dt.date(2026, 12, 1), None),  # 80 %
        DealFacts(9_000_000, "won", dt.date(2026, 11, 1), dt.date(2027, 1, 20)),
        DealFacts(5_000_000, "lost", dt.date(2026, 12, 1), dt.date(2026, 11, 2)),
        DealFacts(7_000_000, "ask", dt.date(2027, 4, 1), None),  # the next fiscal year
        DealFacts(1_000_000, "features", None, None),  # no date: not in any month
    ]
    months = {m.start: m for m in forecast(deals, 2026, DEFAULT_PROBABILITIES)}
    december = months[dt.date(2026, 12, 1)]
    assert (december.weighted, december.pipeline) == (3_500_000 + 3_200_000, 14_000_000)
    assert months[dt.date(2027, 1, 1)].won == 9_000_000
    assert sum(m.pipeline for m in months.values()) == 14_000_000


@pytest.mark.django_db
def test_the_board_shows_the_forecast_and_the_admin_sets_probabilities(book, actors, login):
    Deal.objects.filter(pk=book.deal.pk).update(
        stage="evidence", expected_close=dt.date(2026, 12, 10), amount=10_000_000
    )
    page = login(actors.rep1).get(reverse("deals:board"), {"fy": 2026})
    december = next(m for m in page.context["forecast"] if m.start == dt.date(2026, 12, 1))
    assert december.weighted == 3_500_000 and page.context["fy_label"] == "2026年度"
    assert login(actors.rep1).get(reverse("deals:probabilities")).status_code == 403
    web = login(actors.admin)
    values = {**DEFAULT_PROBABILITIES, "evidence": 50}
    assert web.post(reverse("deals:probabilities"), values).status_code == 302
    assert StageProbability.objects.get(org=actors.org, stage="evidence").percent == 50
    bad = web.post(reverse("deals:probabilities"), {**values, "ask": 150})
    assert bad.status_code == 422 and "ask" in bad.context["form"].errors
    page = login(actors.rep1).get(reverse("deals:board"), {"fy": 2026})
    december = next(m for m in page.context["forecast"] if m.start == dt.date(2026, 12, 1))
    assert december.weighted == 5_000_000
    assert login(actors.rep1).get(reverse("deals:board"), {"fy": "nonsense"}).status_code == 200
