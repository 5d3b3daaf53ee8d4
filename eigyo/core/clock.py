"""The one clock: "today" and "now" in Asia/Tokyo, fixable in tests."""

import datetime as dt
import os

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """Aware current time; EIGYO_NOW (ISO) or freeze() pin it for tests and demos."""
    if _frozen is not None:
        return _frozen
    pinned = os.environ.get("EIGYO_NOW")
    if pinned:
        value = dt.datetime.fromisoformat(pinned)
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.now()


def today() -> dt.date:
    """The local (Asia/Tokyo) date."""
    return timezone.localtime(now()).date()


def freeze(value: dt.datetime | None) -> None:
    """Pin the clock (None releases it)."""
    global _frozen
    _frozen = value
