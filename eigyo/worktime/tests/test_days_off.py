"""A user's own days off: added and removed by that user only."""

import datetime as dt

import pytest
from django.urls import reverse

from eigyo.worktime.models import DayOff


@pytest.mark.django_db
def test_days_off_are_personal(actors, login):
    web = login(actors.rep1)
    web.post(reverse("worktime:days_off"), {"date": "2026-12-01", "note": "有給"})
    web.post(reverse("worktime:days_off"), {"date": "not a date"})
    assert list(DayOff.objects.values_list("user", "date")) == [
        (actors.rep1.pk, dt.date(2026, 12, 1))
    ]
    other = DayOff.objects.get()
    login(actors.rep2).post(reverse("worktime:days_off"), {"remove": other.pk})
    assert DayOff.objects.exists()  # rep2 cannot remove rep1's day off
