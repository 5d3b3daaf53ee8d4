"""Who sees the top floor's pages, and whose calendar feed is whose."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.agenda.models import CalendarFeed


@access.rule(CalendarFeed)
def visible_calendar_feeds(user) -> QuerySet[CalendarFeed]:
    """A calendar address is personal: each user sees only their own."""
    m = access.membership(user)
    return CalendarFeed.objects.filter(org=m.org, user=user) if m else CalendarFeed.objects.none()


def sees_team(user) -> bool:
    """Admins and managers see their team's day, dashboard and benchmarks."""
    return access.leads(user)


access.capability("see_team", sees_team)
