"""Read-side questions other apps ask about deals (the agenda, the digest, the feed)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from eigyo.deals.models import Promise


def open_promises(user, org, until: dt.date) -> QuerySet[Promise]:
    """The user's open promises to buyers due by `until` (overdue ones included)."""
    return (
        Promise.objects.filter(org=org, owner=user, status=Promise.Status.OPEN, due_on__lte=until)
        .select_related("deal", "deal__company")
        .order_by("due_on", "pk")
    )
