"""Argument handling shared by the commands that act for a user (`eigyo agenda`,
`eigyo plan`, `eigyo instructions`, `eigyo import`)."""

import datetime as dt

from django.core.management.base import CommandError

from eigyo.accounts import access
from eigyo.accounts.models import User
from eigyo.core import actor


def owner_and_org(email: str):
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    membership = access.membership(user) if user else None
    if membership is None:
        raise CommandError(f"no active user with email {email}")
    # What the command writes or reads is the user's in the audit trail.
    actor.set_for_command(user, via="command")
    return user, membership.org


def parse_date(value: str | None, default: dt.date) -> dt.date:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date must look like 2026-11-24, not {value!r}") from exc
