"""Request hygiene that no view should have to repeat."""

from urllib.parse import unquote

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    """A NUL character in the query string is never meaningful, and PostgreSQL
    refuses it in text: answer 400 instead of letting it reach a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest(_("The request contains invalid characters."))
        return self.get_response(request)


class ActorMiddleware:
    """Makes the request the acting party (core.actor) while it is handled, so the
    audit trail knows who wrote or read what without every service passing it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from eigyo.core.actor import acting

        # A secret in the path (the calendar feed's token) never reaches the trail.
        via = "/feed/…" if request.path.startswith("/feed/") else request.path[:200]
        with acting(request=request, via=via):
            return self.get_response(request)
