"""API authentication by personal token."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja.security import HttpBearer

from eigyo.accounts.models import ApiToken
from eigyo.core import clock


class TokenAuth(HttpBearer):
    """`Authorization: Bearer eg_…` with a personal token made in the UI."""

    def authenticate(self, request: HttpRequest, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = clock.now()
        # Write at most once a minute: reads should not turn into writes.
        if not found.last_used_at or now - found.last_used_at > dt.timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
