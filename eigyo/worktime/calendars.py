"""The working calendar of an organisation and a user, as the pure rules read it."""

from __future__ import annotations

from django.db.models import BooleanField, Value

from eigyo.lib.business_days import BusinessCalendar, ClosureRules
from eigyo.worktime.models import Closure, DayOff, WorkCalendar


def calendar_for(org, user=None) -> BusinessCalendar:
    """The organisation's working calendar, with the user's days off."""
    options = WorkCalendar.for_org(org)
    # Closures and days off in one query: the agenda pages have a query budget.
    dates = Closure.objects.filter(org=org).values_list(
        "date", Value(False, output_field=BooleanField())
    )
    if user is not None:
        dates = dates.union(
            DayOff.objects.filter(user=user).values_list(
                "date", Value(True, output_field=BooleanField())
            ),
            all=True,
        )
    closures: set = set()
    days_off: list = []
    for day, personal in dates:
        if personal:
            days_off.append(day)
        else:
            closures.add(day)
    rules = ClosureRules(
        year_end=options.closed_year_end,
        obon=options.closed_obon,
        golden_week_bridges=options.closed_golden_week,
        extra_closures=frozenset(closures),
    )
    return BusinessCalendar(rules, days_off=days_off)
