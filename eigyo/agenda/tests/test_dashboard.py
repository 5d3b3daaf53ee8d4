"""The manager's dashboard: one row per rep the viewer leads."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.core import clock


@pytest.fixture
def on():
    def _on(y, m, d):
        clock.freeze(timezone.make_aware(dt.datetime(y, m, d, 10)))

    yield _on
    clock.freeze(None)


@pytest.mark.django_db
def test_dashboard_rows_per_rep(book, actors, login, on):
    on(2026, 11, 24)
    rows = login(actors.manager).get(reverse("agenda:dashboard")).context["rows"]
    # Her team, not herself (issue 12: the manager was listed as one of her own reps).
    assert [r["rep"] for r in rows] == [actors.rep1]
    assert login(actors.rep2).get(reverse("agenda:dashboard")).status_code == 200
    assert login(actors.marketing).get(reverse("agenda:dashboard")).status_code == 403
