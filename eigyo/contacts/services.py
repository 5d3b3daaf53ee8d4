"""Writes on people."""

from eigyo.contacts.models import Person


def follow_company_merge(kept, merged) -> dict[str, int]:
    """The merged company's people now work at the kept one (a merge hook)."""
    return {"person": Person.objects.filter(company=merged).update(company=kept)}
