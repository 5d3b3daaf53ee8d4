"""Writes on organisations, users and their tokens: one function per operation,
called by the pages, the API and the CLI alike."""

from __future__ import annotations

from django.db import transaction

from eigyo.accounts.models import ApiToken, Membership, Organisation, Role, SavedView, User
from eigyo.core import clock


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
def issue_token(*, by: User, name: str) -> tuple[ApiToken, str]:
    """A personal API token; the secret is returned once and stored only as a hash."""
    return ApiToken.issue(by, name)


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
