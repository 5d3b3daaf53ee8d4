"""Writes on people: one function per operation, for page, API and CLI."""

from django.db import transaction

from eigyo.accounts import access
from eigyo.contacts.models import Person


@transaction.atomic
def save_person(form, *, by) -> Person:
    """Add or change a person (a validated PersonForm of `by`)."""
    return access.ensure_visible(by, form.save())


@transaction.atomic
def delete_person(person: Person, *, by) -> None:
    person.delete()


def follow_company_merge(kept, merged) -> dict[str, int]:
    """The merged company's people now work at the kept one (a merge hook)."""
    return {"person": Person.objects.filter(company=merged).update(company=kept)}
