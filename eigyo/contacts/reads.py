"""A partner user's views of our people, recorded: a partner is a third party (APPI),
so what its users see of our contacts — on the people list, a company's or a deal's
page, a visit's — is in the audit trail like a person page. Our own staff's list
views are not (list pages stay as cheap as they were; their person pages are)."""

from __future__ import annotations

from eigyo.accounts import access
from eigyo.contacts.models import PERSON_ITEMS, Person
from eigyo.core.signals import personal_data_read


def shared(user, queryset, *paths):
    """`queryset` as a partner user may see it: rows naming (by `paths`, each a path to
    a person, empty for the person itself) someone whose use has ceased or whose
    provision to third parties is stopped are left out. Anyone else: unchanged."""
    if not access.is_partner_user(user):
        return queryset
    for path in paths:
        prefix = f"{path}__" if path else ""
        queryset = queryset.exclude(**{f"{prefix}use_ceased": True}).exclude(
            **{f"{prefix}provision_stopped": True}
        )
    return queryset


def people_met(user, relation: str = "people"):
    """What to prefetch for the people met at visits: for a partner user only those
    that may be shared with it (a Prefetch), for anyone else all of them (as before)."""
    if not access.is_partner_user(user):
        return relation
    from django.db.models import Prefetch

    return Prefetch(relation, queryset=shared(user, Person.objects.all(), ""))


def people_read(request, pks, *, action: str = "view", items=None) -> None:
    """Record that the request's user read these people (ids): the one way pages and
    the API tell the audit trail."""
    if pks:
        personal_data_read.send(
            Person,
            user=request.user,
            model=Person,
            pks=list(pks),
            action=action,
            via=request.path,
            items=items or PERSON_ITEMS,
        )


def partner_viewed(request, people, items=None) -> None:
    """Record that a partner user saw `people` (Person rows or ids) on this page."""
    if not access.is_partner_user(request.user):
        return
    people_read(
        request, sorted({getattr(p, "pk", p) for p in people if p is not None}), items=items
    )
