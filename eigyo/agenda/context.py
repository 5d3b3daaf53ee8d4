"""Template context: the unread count in the header, computed only if a page shows it.

It reads the stored notices only; what falls due with the calendar is written by the
worker and when the user opens the start page or the inbox (followups.inbox.refresh)."""

from functools import cache

from eigyo.followups import inbox


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def count() -> int:
        return inbox.unread_count(user)

    return {"inbox_unread": count}
