"""The working calendar of an organisation and a user, as the pure rules read it."""

from __future__ import annotations

from django.db.models import BooleanField, Value
from django.utils.translation import gettext as _

from eigyo.core.templatetags.eigyo import jdate
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


def why_closed(calendar: BusinessCalendar, day) -> str | None:
    """Why `day` is not a business day, in the user's words (None when it is one)."""
    if calendar.is_business_day(day):
        return None
    if name := calendar.holiday_name(day):
        return name
    if day.weekday() >= 5:
        return str(_("Saturday") if day.weekday() == 5 else _("Sunday"))
    if day in calendar.days_off:
        return str(_("your day off"))
    if (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3):
        return str(_("the year-end closure"))
    return str(_("a closure of the organisation"))


def date_warnings(org, user, dates: dict[str, object]) -> list[str]:
    """A word for each date a user chose that falls on a non-business day (a close date
    on a Saturday, a next step in the year-end closure): saved as chosen, but said."""
    calendar = None
    found = []
    for label, day in dates.items():
        if not day:
            continue
        calendar = calendar or calendar_for(org, user)
        why = why_closed(calendar, day)
        if why:
            found.append(
                _("%(what)s %(date)s is not a business day (%(why)s); the next one is %(next)s.")
                % {
                    "what": label,
                    "date": jdate(day),
                    "why": why,
                    "next": jdate(calendar.next_business_day(day)),
                }
            )
    return found
