"""Authentication backends: django-axes' throttle in front of Django's own."""

from axes.backends import AxesStandaloneBackend


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' check on every sign-in over HTTP (the login page, the admin's, which
    are the same). A call without a request is no sign-in from the web — the test
    client's `login()`, a shell — and has no address to throttle: Django's backend alone
    answers it, instead of django-axes refusing it with an error."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
