"""Read-side questions other apps ask about follow-through (the agenda, the feed)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from eigyo.followups.models import SeniorVisit


def scheduled_senior_visits(user, org, start: dt.date, end: dt.date) -> QuerySet[SeniorVisit]:
    """Scheduled senior visits the user takes part in (as requester or senior)."""
    return (
        SeniorVisit.objects.filter(
            org=org,
            status="scheduled",
            scheduled_for__date__gte=start,
            scheduled_for__date__lte=end,
        )
        .filter(Q(requested_by=user) | Q(senior=user))
        .select_related("company", "senior", "requested_by")
        .order_by("scheduled_for")
    )
