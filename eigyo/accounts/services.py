"""Writes on organisations, users and their tokens: one function per operation,
called by the pages, the API and the CLI alike."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from eigyo.accounts.models import ApiToken, Membership, Organisation, Role, SavedView, User
from eigyo.core import clock, writes


@transaction.atomic
def create_organisation(*, name: str, slug: str, admin_email: str, password: str):
    """A new organisation with its first administrator."""
    org = Organisation.objects.create(name=name, slug=slug)
    user = User.objects.create_user(admin_email, password)
    Membership.objects.create(org=org, user=user, role=Role.ADMIN)
    return org, user


@transaction.atomic
def save_preferences(form, *, by: User) -> User:
    """The user's own name, reading and language (a validated PreferencesForm of `by`)."""
    if form.instance.pk != by.pk:
        raise ValueError("a user changes only their own preferences")
    return form.save()


@transaction.atomic
def set_language(*, by: User, language: str) -> None:
    if language not in User.Language.values:
        raise ValueError(f"unknown language {language!r}")
    by.language = language
    by.save(update_fields=["language"])


@transaction.atomic
def issue_token(
    *, by: User, name: str, expires_in_days: int = 90, read_only: bool = False
) -> tuple[ApiToken, str]:
    """A personal API token; the secret is returned once and stored only as a hash. It
    stops working after `expires_in_days`; a read-only one may not change anything."""
    import datetime as dt

    expires = clock.now() + dt.timedelta(days=expires_in_days)
    return ApiToken.issue(by, name, expires_at=expires, read_only=read_only)


@transaction.atomic
def revoke_token(*, by: User, token: ApiToken) -> None:
    if token.user_id != by.pk:
        raise ValueError("a user revokes only their own tokens")
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])


@transaction.atomic
def save_view(*, by: User, list_name: str, name: str, query: str, shared: bool) -> SavedView:
    """Save a list's filters under a name (the same name again replaces them)."""
    view, _created = SavedView.objects.update_or_create(
        org=by.membership.org,
        owner=by,
        list_name=list_name,
        name=name.strip()[:100],
        defaults={"query": query[:1000], "shared": shared},
    )
    return view


@transaction.atomic
def delete_view(view: SavedView, *, by: User) -> None:
    if view.owner_id != by.pk:
        raise ValueError("a user deletes only their own saved views")
    view.delete()


# --- two-factor authentication (django-otp) ------------------------------------

BACKUP_CODES = 10


@transaction.atomic
def start_two_factor(*, by: User):
    """An unconfirmed authenticator for `by` (any earlier unconfirmed one is dropped);
    it counts only once a code from the app confirms it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=by, confirmed=False).delete()
    return TOTPDevice.objects.create(user=by, name="authenticator", confirmed=False)


@transaction.atomic
def confirm_two_factor(device, *, by: User) -> list[str]:
    """The app showed the right code: the authenticator counts from now on (it replaces
    any earlier one) and a fresh set of backup codes is made; they are returned once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if device.user_id != by.pk:
        raise ValueError("a user confirms only their own authenticator")
    TOTPDevice.objects.filter(user=by, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(by=by)


@transaction.atomic
def new_backup_codes(*, by: User) -> list[str]:
    """Ten single-use backup codes, replacing the old ones (returned once, to show)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(
        user=by, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def remove_two_factor(*, by: User) -> None:
    """Stop using two-factor (refused where it is required)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from eigyo.accounts.access import must_use_two_factor

    if must_use_two_factor(by):
        raise PermissionDenied
    TOTPDevice.objects.filter(user=by).delete()
    StaticDevice.objects.filter(user=by).delete()


@transaction.atomic
def require_two_factor(org: Organisation, required: bool, *, by: User) -> None:
    """The organisation asks two-factor of every member (or only of the required roles)."""
    from eigyo.accounts.access import can_manage_security

    if not can_manage_security(by) or by.membership.org_id != org.pk:
        raise PermissionDenied
    org.require_mfa = required
    org.save(update_fields=["require_mfa"])


# --- sessions ----------------------------------------------------------------------


@transaction.atomic
def end_sessions(user: User, *, by: User) -> None:
    """End every session of `user` (each session carries a hash of the generation; the
    caller keeps its own with `update_session_auth_hash` when `user` is itself)."""
    from eigyo.accounts.access import can_manage_security, visible_users

    if user.pk != by.pk and not (
        can_manage_security(by) and visible_users(by).filter(pk=user.pk).exists()
    ):
        raise PermissionDenied
    writes.update(
        User.objects.filter(pk=user.pk),
        session_generation=models.F("session_generation") + 1,
        by=by,
    )
    user.refresh_from_db(fields=["session_generation"])
