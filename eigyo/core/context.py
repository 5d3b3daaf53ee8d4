"""Template context shared by every page."""

from eigyo.core import clock


def eigyo_context(request):
    membership = getattr(getattr(request, "user", None), "membership", None)
    return {"membership": membership, "today": clock.today()}
