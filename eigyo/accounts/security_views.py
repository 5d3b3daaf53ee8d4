"""Signing in safely: the login with its second step (a code from an authenticator app
or a backup code), enrolling an authenticator, the lockout page of the login throttle,
sessions (log out the others; an admin ends a member's), and password reset by e-mail."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from eigyo.accounts import access, services
from eigyo.accounts.forms import CodeForm
from eigyo.core.signals import password_reset_requested, second_factor_failed
from eigyo.core.views import deny_unless

log = logging.getLogger("eigyo.security")

# Set by the login until the second step is passed (SecondFactorMiddleware holds the
# session to the two pages below in the meantime).
PENDING = "eigyo_second_factor_pending"


def second_step_needed(user) -> bool:
    """Asked of whoever has an authenticator, and of whoever must have one."""
    return user_has_device(user) or access.must_use_two_factor(user)


def _safe_next(request, default: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return default


class LoginView(auth_views.LoginView):
    """The password step; the code is asked next (django-axes counts failures)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        response = super().form_valid(form)
        if second_step_needed(user):
            self.request.session[PENDING] = True
            query = urlencode({"next": self.get_success_url()})
            return redirect(f"{reverse('accounts:verify')}?{query}")
        return response


login = LoginView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app or a backup code."""
    nxt = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    if not request.session.get(PENDING) and request.user.is_verified():
        return redirect(nxt)
    if not user_has_device(request.user):
        # Required but not set up yet: set it up now, before anything else.
        return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': nxt})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.pop(PENDING, None)
            return redirect(nxt)
        log.warning(
            "Two-factor code refused for user %s from %s",
            request.user.pk,
            request.META.get("REMOTE_ADDR"),
        )
        second_factor_failed.send("accounts", request=request, user=request.user, step="login")
        form.add_error("code", _("That code is not right (or was already used)."))
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": nxt},
        status=422 if request.method == "POST" else 200,
    )


def _qr_svg(url: str) -> str:
    """The otpauth:// address as an inline SVG QR code, made here (no outside service)."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#1a1a1a")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (QR code), confirm it with a code, get backup codes;
    later make new backup codes, or stop (where not required). An admin also decides
    here whether the organisation asks it of everyone."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = request.user
    required = access.must_use_two_factor(user)
    action = request.POST.get("action") if request.method == "POST" else None
    codes = None
    form = CodeForm(request.POST if action == "confirm" else None)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if action == "confirm" and pending is not None and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            codes = services.confirm_two_factor(pending, by=user)
            otp_login(request, pending)
            request.session.pop(PENDING, None)
            confirmed, pending = pending, None
            messages.success(request, _("Two-factor authentication is on."))
        else:
            log.warning("Two-factor set-up code refused for user %s", user.pk)
            second_factor_failed.send("accounts", request=request, user=user, step="setup")
            form.add_error(
                "code", _("That code is not right: check the app's clock and try again.")
            )
    elif action == "codes" and confirmed is not None:
        codes = services.new_backup_codes(by=user)
    elif action == "remove" and confirmed is not None:
        deny_unless(not required)
        services.remove_two_factor(by=user)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:two_factor")
    elif action == "restart":
        pending = services.start_two_factor(by=user)
    elif action == "organisation":
        deny_unless(access.can_manage_security(user))
        org = access.membership(user).org
        services.require_two_factor(org, request.POST.get("require") == "1", by=user)
        messages.success(request, _("Saved."))
        return redirect("accounts:two_factor")
    if confirmed is None and pending is None:
        pending = services.start_two_factor(by=user)
    nxt = _safe_next(request, "")
    static = getattr(user, "staticdevice_set", None)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "confirmed": confirmed,
            "pending": pending,
            "qr": _qr_svg(pending.config_url) if pending else None,
            "secret": _base32(pending) if pending else None,
            "form": form,
            "codes": codes,
            "codes_left": sum(d.token_set.count() for d in static.all()) if static else 0,
            "required": required,
            "organisation": access.membership(user).org if access.membership(user) else None,
            "can_manage_security": access.can_manage_security(user),
            "next": nxt,
        },
        status=422 if action == "confirm" and codes is None else 200,
    )


def _base32(device) -> str:
    """The key as the app's "enter a key" screen wants it, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def locked_out(request, response=None, credentials=None) -> HttpResponse:
    """django-axes answers a throttled login with this page (429, time-based)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": _("Too many failed logins: try again later.")}, status=429)
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)


@login_required
@require_POST
def end_other_sessions(request: HttpRequest) -> HttpResponse:
    """Log out everywhere else (another browser, a lost phone); this session stays."""
    services.end_sessions(request.user, by=request.user)
    update_session_auth_hash(request, request.user)
    messages.success(request, _("Your other sessions are logged out."))
    return redirect("accounts:password_change")


@login_required
@require_http_methods(["GET"])
def members(request: HttpRequest) -> HttpResponse:
    """The admin's list of the organisation's members, to end their sessions."""
    deny_unless(access.can_manage_security(request.user))
    people = access.visible_users(request.user).order_by("family_kana", "email")
    return render(request, "accounts/members.html", {"members": people})


@login_required
@require_POST
def end_member_sessions(request: HttpRequest, pk: int) -> HttpResponse:
    """An admin ends every session of a member (a lost laptop, someone leaving)."""
    member = access.get_visible(access.visible_users(request.user), pk=pk)
    deny_unless(access.can_manage_security(request.user))
    services.end_sessions(member, by=request.user)
    if member.pk == request.user.pk:
        update_session_auth_hash(request, request.user)
    messages.success(request, _("%(name)s is logged out everywhere.") % {"name": member})
    return redirect("accounts:members")


# Password reset by e-mail: Django's views (the link works once, for
# PASSWORD_RESET_TIMEOUT), our templates.
class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, throttled per address asked for and per client address.
    Whether the address exists, and whether a limit was hit, the answer is the same
    page; only the e-mail does not go. Each request reaches the audit trail."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        from axes.helpers import get_client_ip_address

        email = form.cleaned_data["email"]
        ip = get_client_ip_address(self.request)
        throttled = services.count_password_reset(email, ip)
        user = next(iter(form.get_users(email)), None)
        if throttled:
            log.warning("Password reset refused for %r from %s (%s)", email, ip, throttled)
            response = redirect(self.get_success_url())
        else:
            response = super().form_valid(form)
        password_reset_requested.send(
            PasswordResetView,
            request=self.request,
            email=email,
            ip=ip,
            user=user,
            sent=user is not None and not throttled,
            throttled=throttled,
        )
        return response


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
