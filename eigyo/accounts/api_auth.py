"""API authentication by personal token."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer

from eigyo.accounts.models import ApiToken
from eigyo.core import clock

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ReadOnlyToken(PermissionDenied):
    """A read-only token was used to change something: 403."""


class TokenAuth(HttpBearer):
    """`Authorization: Bearer eg_…` with a personal token made in the UI."""

    def authenticate(self, request: HttpRequest, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        now = clock.now()
        if found is None or found.is_expired(now):
            return None  # 401, as for a wrong token
        if found.read_only and request.method not in SAFE_METHODS:
            raise ReadOnlyToken
        # Write at most once a minute: reads should not turn into writes.
        if not found.last_used_at or now - found.last_used_at > dt.timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
