"""Request hygiene that no view should have to repeat."""

import io
import re
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
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


class ApiAnswersJsonMiddleware:
    """Every answer under /api/ is JSON, whatever produced it: a body over the limit is
    a 413 before anything reads it (an import route takes EIGYO_IMPORT_MAX_BODY_MB,
    every other DATA_UPLOAD_MAX_MEMORY_SIZE); an error page from outside the API's own
    handlers (a malformed id that matches no route, a refused CSRF token, a NUL, a crash)
    becomes `{"detail": …}` with the same status."""

    IMPORT_ROUTE = re.compile(r"^/api/.+/import/?$")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        too_big = self._too_big(request)
        if too_big:
            return too_big
        return self._as_json(self.get_response(request))

    def _too_big(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if self.IMPORT_ROUTE.match(request.path):
            limit = settings.EIGYO_IMPORT_MAX_BODY_MB * 1024 * 1024
        else:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return JsonResponse(
                {
                    "detail": _("The request body is too large (at most %(mb)s MB).")
                    % {"mb": round(limit / 1024 / 1024, 1)}
                },
                status=413,
            )
        if self.IMPORT_ROUTE.match(request.path) and length > (
            settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        ):
            # Django checks DATA_UPLOAD_MAX_MEMORY_SIZE when `request.body` is first read;
            # an import (a documented 10 MB file in JSON) is read here under its own limit.
            body = request.read()
            request._body = body  # what HttpRequest.body returns once read
            request._stream = io.BytesIO(body)
        return None

    @staticmethod
    def _as_json(response):
        if response.status_code < 400 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        detail = {
            400: _("The request is not valid."),
            401: _("Authentication required: send a valid API token."),
            403: _("Your role does not allow this."),
            404: _("Not found."),
            405: _("This method is not allowed here."),
            413: _("The request body is too large."),
            429: _("Too many requests: try again later."),
        }.get(response.status_code, _("Something went wrong on our side."))
        answer = JsonResponse({"detail": str(detail)}, status=response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if response.has_header(header):
                answer[header] = response[header]
        return answer


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
