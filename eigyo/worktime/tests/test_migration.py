"""Upgrading a database from before the business calendar had its own app: the
closure options leave the portfolio settings for WorkCalendar, closures, days off and
the calendar feed keep their rows."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("portfolio", "0004_alter_calendarfeed_created_at_and_more"),
    ("worktime", None),
    ("agenda", None),
]


@pytest.mark.django_db(transaction=True)
def test_closure_options_and_rows_survive_the_move(actors):
    executor = MigrationExecutor(connection)
    old = executor.migrate(BEFORE).apps
    org_id, user_id = actors.org.pk, actors.rep1.pk
    old.get_model("portfolio", "PortfolioSettings").objects.create(
        org_id=org_id, closed_obon=True, closed_year_end=False
    )
    old.get_model("portfolio", "Closure").objects.create(
        org_id=org_id, date=dt.date(2026, 12, 8), name="創立記念日"
    )
    old.get_model("portfolio", "DayOff").objects.create(
        org_id=org_id, user_id=user_id, date=dt.date(2026, 12, 9)
    )
    old.get_model("portfolio", "CalendarFeed").objects.create(
        org_id=org_id, user_id=user_id, token="kept"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from eigyo.agenda.models import CalendarFeed
    from eigyo.worktime.models import Closure, DayOff, WorkCalendar

    options = WorkCalendar.objects.get(org_id=org_id)
    assert (options.closed_obon, options.closed_year_end) == (True, False)
    assert Closure.objects.get(org_id=org_id).name == "創立記念日"
    assert DayOff.objects.get(user_id=user_id).date == dt.date(2026, 12, 9)
    assert CalendarFeed.objects.get(user_id=user_id).token == "kept"
