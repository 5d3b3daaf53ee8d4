"""Writes on people: one function per operation, for page, API and CLI."""

from django.db import transaction

from eigyo.accounts import access
from eigyo.contacts.models import Person, PrivateContact, Tie
from eigyo.core import writes


@transaction.atomic
def save_person(form, *, by) -> Person:
    """Add or change a person (a validated PersonForm of `by`)."""
    return access.ensure_visible(by, form.save())


@transaction.atomic
def delete_person(person: Person, *, by) -> None:
    person.delete()


def follow_company_merge(kept, merged) -> dict[str, int]:
    """The merged company's people now work at the kept one (a merge hook)."""
    return {"person": writes.update(Person.objects.filter(company=merged), company=kept)}


@transaction.atomic
def record_tie(form, *, by) -> Tie:
    """One of ours, or another person, knows this person (a validated TieForm of `by`)."""
    tie = form.save(commit=False)
    tie.org = access.membership(by).org
    tie.recorded_by = by
    tie.save()
    return access.ensure_visible(by, tie)


@transaction.atomic
def keep_private(person: Person, private: bool, *, by) -> None:
    """`by` keeps who they know at this person to themselves (or no longer)."""
    org = access.membership(by).org
    if private:
        PrivateContact.objects.get_or_create(org=org, user=by, person=person)
    else:
        PrivateContact.objects.filter(org=org, user=by, person=person).delete()
