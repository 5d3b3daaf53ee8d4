"""Who sees and changes people."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.companies.access import can_edit_company
from eigyo.contacts.models import Person, PrivateContact, Tie


@access.rule(Person)
def visible_people(user) -> QuerySet[Person]:
    """The organisation's people; a partner user only those at their partner's companies
    whose data may go to a third party (APPI: not after cessation of use or a stop)."""
    m = access.membership(user)
    if m is None:
        return Person.objects.none()
    qs = Person.objects.filter(org=m.org)
    if access.is_partner_user(user):
        return qs.filter(company__partner=m.partner_id).shareable()
    return qs


def can_create_person(user) -> bool:
    return access.in_sales(user) or access.is_partner_user(user)


def can_edit_person(user, person) -> bool:
    if person.company_id is None:
        return access.in_sales(user)
    return can_edit_company(user, person.company)


def can_delete_person(user, person) -> bool:
    """Deleting a person loses our history with them (visits, buying groups): the sales
    side only; a partner user adds and corrects the people at its companies."""
    return access.in_sales(user) and can_edit_person(user, person)


def sees_ties(user) -> bool:
    """Who knows whom is the sales side's (a partner sees none of it)."""
    return access.in_sales(user)


@access.rule(Tie)
def visible_ties(user) -> QuerySet[Tie]:
    """Ties: the sales side's, shared (who keeps a contact private is another rule)."""
    m = access.membership(user)
    if m is None or not sees_ties(user):
        return Tie.objects.none()
    return Tie.objects.filter(org=m.org)


@access.rule(PrivateContact)
def visible_private_contacts(user) -> QuerySet[PrivateContact]:
    """A private mark is its owner's alone."""
    m = access.membership(user)
    if m is None:
        return PrivateContact.objects.none()
    return PrivateContact.objects.filter(org=m.org, user=user)


access.capability("see_ties", sees_ties)
