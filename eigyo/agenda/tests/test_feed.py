"""The secret iCalendar feed: valid RFC 5545, the right items and times, stable
UIDs, and a revoked address answers 404."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from eigyo.agenda.models import CalendarFeed
from eigyo.core import clock


@pytest.fixture
def frozen():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 24, 9, 0)))
    yield
    clock.freeze(None)


def feed_url(web) -> str:
    web.post(reverse("agenda:feed_manage"), {"action": "create"})
    token = CalendarFeed.objects.get(revoked_at__isnull=True).token
    return reverse("agenda:feed", args=[token])


@pytest.mark.django_db
def test_feed_is_valid_and_carries_the_plan(book, actors, login, client, frozen):
    url = feed_url(login(actors.rep1))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    zones = [c for c in cal.walk("VTIMEZONE")]
    assert [str(z["TZID"]) for z in zones] == ["Asia/Tokyo"]
    events = cal.walk("VEVENT")
    by_company = {str(e["SUMMARY"]): e for e in events}
    toyota = by_company["Contact: 株式会社トヨタ精機"]  # rep1 reads English
    start = toyota.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == dt.timedelta(hours=9)
    # Overdue: today, in one of the day's suggested slots (Tokyo wall time).
    assert start.date() == dt.date(2026, 11, 24) and start.hour in (10, 11, 13)
    assert start.astimezone(ZoneInfo("UTC")).hour == start.hour - 9
    assert "overdue" in str(toyota["DESCRIPTION"])
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    # Stable: the same feed tomorrow keeps the UID (the event moves, not duplicates).
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 25, 9, 0)))
    again = Calendar.from_ical(client.get(url).content)
    assert str(toyota["UID"]) in [str(e["UID"]) for e in again.walk("VEVENT")]


@pytest.mark.django_db
def test_feed_shows_only_the_owners_portfolio(book, actors, login, client, frozen):
    url = feed_url(login(actors.rep2))
    summaries = [
        str(e["SUMMARY"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")
    ]
    assert all("大阪部品" not in s for s in summaries)  # rep1's relationship


@pytest.mark.django_db
def test_regenerate_and_revoke(book, actors, login, client, frozen):
    web = login(actors.rep1)
    old = feed_url(web)
    web.post(reverse("agenda:feed_manage"), {"action": "regenerate"})
    assert client.get(old).status_code == 404
    new = reverse("agenda:feed", args=[CalendarFeed.objects.get(revoked_at__isnull=True).token])
    assert client.get(new).status_code == 200
    web.post(reverse("agenda:feed_manage"), {"action": "revoke"})
    assert client.get(new).status_code == 404
    assert client.get(reverse("agenda:feed", args=["nonsense"])).status_code == 404


@pytest.mark.django_db
def test_deactivated_user_feed_is_gone(book, actors, login, client, frozen):
    url = feed_url(login(actors.rep1))
    actors.rep1.is_active = False
    actors.rep1.save()
    assert client.get(url).status_code == 404
