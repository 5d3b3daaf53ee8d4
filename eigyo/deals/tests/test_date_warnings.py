"""A close date or a next step on a non-business day is saved as chosen, with a word."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.core import clock


@pytest.fixture
def on_tuesday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 1, 10)))
    yield
    clock.freeze(None)


def warnings(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


@pytest.mark.django_db
def test_a_close_date_in_the_year_end_closure_is_said(book, actors, login, on_tuesday):
    web = login(actors.rep1)  # English
    data = {"title": "更新", "company": book.company.pk, "owner": actors.rep1.pk, "amount": 1000000}
    page = web.post(reverse("deals:create"), {**data, "expected_close": "2026-12-30"}, follow=True)
    (said,) = warnings(page)
    assert "Wed 30 Dec 2026 is not a business day (the year-end closure)" in said
    assert "Mon 4 Jan 2027" in said
    page = web.post(reverse("deals:create"), {**data, "expected_close": "2026-12-25"}, follow=True)
    assert warnings(page) == []


@pytest.mark.django_db
def test_a_next_step_on_a_saturday_is_said(book, actors, login, on_tuesday):
    page = login(actors.rep1).post(
        reverse("activities:create"),
        {
            "company": book.company.pk,
            "kind": "visit",
            "occurred_at": "2026-12-01T10:00",
            "next_step": "見積り提出",
            "next_step_on": "2026-12-05",
        },
        follow=True,
    )
    (said,) = warnings(page)
    assert "Sat 5 Dec 2026 is not a business day (Saturday)" in said
