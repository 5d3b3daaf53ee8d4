"""Signing-in events the audit trail records besides logins and failed logins
(tracking.py): a lockout by the login throttle (django-axes), a wrong two-factor code,
a password-reset request. Each is one event in the organisation of the account named
(no organisation when the address is unknown), with the client's address as the
throttle saw it."""

from __future__ import annotations

from eigyo.audit import tracking
from eigyo.audit.models import AuditEvent

A = AuditEvent.Action


def _user_by_email(email: str):
    from eigyo.accounts.models import User

    return User.objects.filter(email__iexact=email).first() if email else None


def _account(user, email: str, ip, **extra) -> dict:
    return dict(
        org_id=tracking.org_of(user) if user is not None else None,
        object_type="accounts.user",
        object_id=user.pk if user is not None else "",
        actor_label=email[:254],
        credential="",
        ip=ip,
        **extra,
    )


def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes refused a login: the attempt that reached the limit, and each one
    made while the lockout lasts."""
    email = str(username or "")[:254]
    failures = getattr(request, "axes_failures_since_start", None)
    tracking.record(
        A.LOCKOUT,
        payload={"email": email, "failures": failures},
        **_account(_user_by_email(email), email, ip_address),
    )


def second_factor_failed(sender, request=None, user=None, step="login", **kwargs):
    """A wrong two-factor code: a failed login at its second step."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    tracking.record(
        A.LOGIN_FAILED,
        payload={"email": user.email, "step": f"code:{step}"},
        actor=user,
        **_account(user, user.email, ip),
    )


def password_reset_requested(
    sender, request=None, email="", ip=None, user=None, sent=False, throttled="", **kwargs
):
    """A reset request: for which address, from where, whether an e-mail went and, if
    not for a limit, which one."""
    tracking.record(
        A.PASSWORD_RESET,
        payload={"email": email[:254], "sent": bool(sent), "throttled": throttled or ""},
        **_account(user, email, ip),
    )
