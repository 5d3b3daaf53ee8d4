"""Per-user language; session limits (idle, absolute); the two-factor gate."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from eigyo.core import clock


class UserPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class SessionLimitsMiddleware:
    """Sessions end after EIGYO_SESSION_IDLE_MINUTES without a request and, whatever
    happens, EIGYO_SESSION_MAX_HOURS after sign-in (0 turns a limit off). Times come
    from the one clock; the last-seen stamp is written at most once a minute."""

    STARTED, SEEN = "eigyo_session_started", "eigyo_session_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            expired = self._expired(request)
            if expired:
                logout(request)
                return _signed_out(request)
        return self.get_response(request)

    def _expired(self, request) -> bool:
        idle = settings.EIGYO_SESSION_IDLE_MINUTES * 60
        lifetime = settings.EIGYO_SESSION_MAX_HOURS * 3600
        now = clock.now().timestamp()
        session = request.session
        started = session.setdefault(self.STARTED, now)
        seen = session.get(self.SEEN, started)
        if (idle and now - seen > idle) or (lifetime and now - started > lifetime):
            return True
        if now - seen >= 60 or self.SEEN not in session:
            session[self.SEEN] = now
        return False


class SecondFactorMiddleware:
    """Until the second step is passed — after a login that asked for it, or for anyone
    whose role requires two-factor and whose session is not verified — the session
    reaches only the code and set-up pages (and logging out)."""

    OPEN = {
        "accounts:verify",
        "accounts:two_factor",
        "accounts:logout",
        "accounts:language",
        "javascript-catalog",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._held(request, user):
            request.second_factor_pending = True  # the header offers only "log out"
            match = getattr(resolve_or_none(request.path_info), "view_name", None)
            if match not in self.OPEN and not request.path.startswith(settings.STATIC_URL):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": _("Finish signing in with your two-factor code.")},
                        status=401,
                    )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:verify')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _held(request, user) -> bool:
        from eigyo.accounts.access import must_use_two_factor
        from eigyo.accounts.security_views import PENDING

        verified = getattr(user, "is_verified", lambda: False)()
        if verified:
            return False
        return bool(request.session.get(PENDING)) or must_use_two_factor(user)


def resolve_or_none(path):
    try:
        return resolve(path)
    except Resolver404:
        return None


def _signed_out(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Your session has ended: log in again.")}, status=401)
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
