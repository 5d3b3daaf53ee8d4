"""The agenda page, /api/agenda, `eigyo agenda`, the first day of every plan (page, API,
CLI) and the calendar feed's events for that day name the same contacts."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from eigyo.activities.models import Activity
from eigyo.agenda.feed import build_calendar
from eigyo.companies.models import Company
from eigyo.core import clock
from eigyo.portfolio import planning, services
from eigyo.portfolio.models import PortfolioSettings

TUE = dt.date(2026, 12, 1)


@pytest.fixture
def crowded(actors):
    """rep1 can make one contact a day and has three due on Thursday 12/3: two must be
    brought forward, one of them to today."""
    settings = PortfolioSettings.for_org(actors.org)
    settings.daily_capacity = 1
    settings.save()
    for i in range(3):
        company = Company.objects.create(org=actors.org, legal_name=f"前倒し{i}株式会社")
        services.add_to_portfolio(
            org=actors.org, company=company, owner=actors.rep1, tier="probable", on=TUE
        )
        Activity.objects.create(  # probable: every 7 days, so due on 12/3
            org=actors.org,
            company=company,
            owner=actors.rep1,
            occurred_at=timezone.make_aware(dt.datetime(2026, 11, 26, 10)),
        )
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 1, 9)))
    yield
    clock.freeze(None)


def ids(contacts):
    return sorted(c["relationship"] for c in contacts)


@pytest.mark.django_db
def test_every_view_of_today_is_one_computation(crowded, actors, login, api, capsys):
    agenda = planning.build_agenda(actors.rep1, actors.org, TUE)
    today = sorted(c.relationship_id for c in agenda.contacts)
    assert len(today) == 1 and agenda.contacts[0].reason == "early"  # brought forward

    rest = api(actors.rep1)
    assert ids(rest.get("/api/agenda", {"date": "2026-12-01"}).json()["contacts"]) == today
    for weeks in (1, 4, 8):
        first = rest.get("/api/plan", {"start": "2026-12-01", "weeks": weeks}).json()["days"][0]
        assert first["date"] == "2026-12-01" and ids(first["contacts"]) == today

    page = login(actors.rep1).get(reverse("agenda:today"), {"date": "2026-12-01"})
    assert sorted(c.relationship_id for c, _why in page.context["items"]) == today
    plan_page = login(actors.rep1).get(reverse("agenda:plan"), {"date": "2026-12-01"})
    day, items = plan_page.context["days"][0]
    assert day == TUE and sorted(c.relationship_id for c, _why in items) == today

    call_command("agenda", "--user", actors.rep1.email, "--date", "2026-12-01", "--format", "json")
    assert (
        sorted(r["relationship"] for r in json.loads(capsys.readouterr().out)["contacts"]) == today
    )

    feed = Calendar.from_ical(build_calendar(actors.rep1, actors.org, TUE))
    in_feed = sorted(
        int(str(e["uid"]).split("-")[1])
        for e in feed.walk("VEVENT")
        if str(e["uid"]).startswith("contact-") and e.decoded("dtstart").date() == TUE
    )
    assert in_feed == today
