from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def update_last_login(sender, user, **kwargs):
    """Django's own receiver stamps last_login with the real clock; use the one clock."""
    from eigyo.core import clock

    user.last_login = clock.now()
    user.save(update_fields=["last_login"])


def log_login_failure(sender, credentials, request=None, **kwargs):
    """Every failed login is logged (the password never: Django has masked it)."""
    import logging

    address = request.META.get("REMOTE_ADDR") if request is not None else None
    logging.getLogger("eigyo.security").warning(
        "Login failed for %r from %s", credentials.get("username"), address
    )


def stamp_session(sender, request, user, **kwargs):
    """The session's absolute lifetime counts from the sign-in."""
    from eigyo.accounts.middleware import SessionLimitsMiddleware as limits
    from eigyo.core import clock

    session = getattr(request, "session", None)
    if session is not None:
        session[limits.STARTED] = session[limits.SEEN] = clock.now().timestamp()


class AccountsConfig(AppConfig):
    name = "eigyo.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.utils.module_loading import autodiscover_modules

        # django.contrib.auth connects its receiver under this uid (AUTH_USER_MODEL
        # has last_login); replace it, whichever app became ready first.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
        user_login_failed.connect(log_login_failure, dispatch_uid="eigyo_log_login_failure")
        user_logged_in.connect(stamp_session, dispatch_uid="eigyo_stamp_session")
        # Each app declares its models' visibility rules in its own access.py.
        autodiscover_modules("access")
