"""Template context: `can`, the named rules for the current user."""

from eigyo.accounts.access import Can


def rules(request):
    return {"can": Can(getattr(request, "user", None))}
