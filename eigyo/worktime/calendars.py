"""The working calendar of an organisation and a user, as the pure rules read it."""

from __future__ import annotations

from eigyo.lib.business_days import BusinessCalendar, ClosureRules
from eigyo.worktime.models import Closure, DayOff, WorkCalendar


def calendar_for(org, user=None) -> BusinessCalendar:
    """The organisation's working calendar, with the user's days off."""
    options = WorkCalendar.for_org(org)
    rules = ClosureRules(
        year_end=options.closed_year_end,
        obon=options.closed_obon,
        golden_week_bridges=options.closed_golden_week,
        extra_closures=frozenset(Closure.objects.filter(org=org).values_list("date", flat=True)),
    )
    days_off = DayOff.objects.filter(user=user).values_list("date", flat=True) if user else ()
    return BusinessCalendar(rules, days_off=list(days_off))
