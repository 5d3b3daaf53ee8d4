"""Every write to the business calendar: one function per operation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from eigyo.accounts import access
from eigyo.worktime.models import Closure, DayOff, WorkCalendar


@transaction.atomic
def save_closure_options(*, by, options: WorkCalendar) -> WorkCalendar:
    """Store the organisation's closure options (year-end, Obon, Golden Week)."""
    options.org = access.membership(by).org
    options.save()
    return options


@transaction.atomic
def set_closure(*, by, date: dt.date, name: str = "") -> Closure:
    """Close the organisation on a day (or rename the closure already there)."""
    org = access.membership(by).org
    return Closure.objects.update_or_create(org=org, date=date, defaults={"name": name})[0]


@transaction.atomic
def remove_closure(*, by, pk) -> None:
    """Open a closed day again; another organisation's closure is left alone."""
    Closure.objects.filter(org=access.membership(by).org, pk=pk).delete()


@transaction.atomic
def set_day_off(*, by, date: dt.date, note: str = "") -> DayOff:
    """Mark a day off for the acting user."""
    org = access.membership(by).org
    return DayOff.objects.update_or_create(org=org, user=by, date=date, defaults={"note": note})[0]


@transaction.atomic
def remove_day_off(*, by, pk) -> None:
    """Remove one of the acting user's own days off (nobody else's)."""
    DayOff.objects.filter(user=by, pk=pk).delete()
