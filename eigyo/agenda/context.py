"""Template context: the unread count in the header, computed only if a page shows it."""

from functools import cache

from eigyo.followups import inbox


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def count() -> int:
        inbox.refresh(user, getattr(request, "session", None))
        return inbox.unread_count(user)

    return {"inbox_unread": count}
