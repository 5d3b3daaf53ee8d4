"""Writes of the top floor: a user's secret calendar address."""

from __future__ import annotations

import secrets

from django.db import transaction

from eigyo.agenda.models import CalendarFeed
from eigyo.core import clock, writes


@transaction.atomic
def revoke_feed(*, by) -> int:
    """Revoke the user's active calendar address; the old URL answers 404 from now on."""
    active = CalendarFeed.objects.filter(user=by, revoked_at__isnull=True)
    done = writes.update(active, revoked_at=clock.now(), by=by)  # the audit trail records it
    return done


@transaction.atomic
def issue_feed(*, by, org) -> CalendarFeed:
    """A new secret calendar address for the user; any earlier one stops working."""
    revoke_feed(by=by)
    return CalendarFeed.objects.create(org=org, user=by, token=secrets.token_urlsafe(32))
