"""Who sees and changes the business calendar."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.worktime.models import Closure, DayOff, WorkCalendar


@access.rule(WorkCalendar)
def visible_work_calendars(user) -> QuerySet[WorkCalendar]:
    """The organisation's closure options: every member works by them."""
    m = access.membership(user)
    return WorkCalendar.objects.filter(org=m.org) if m else WorkCalendar.objects.none()


@access.rule(Closure)
def visible_closures(user) -> QuerySet[Closure]:
    """The organisation's closures: every member works by them."""
    m = access.membership(user)
    return Closure.objects.filter(org=m.org) if m else Closure.objects.none()


@access.rule(DayOff)
def visible_days_off(user) -> QuerySet[DayOff]:
    """Days off are personal: each user sees and changes only their own."""
    m = access.membership(user)
    return DayOff.objects.filter(org=m.org, user=user) if m else DayOff.objects.none()


def can_manage_calendar(user) -> bool:
    """The organisation's closures are set by its admin."""
    return access.is_admin(user)
