"""Writes on the visit log."""

from eigyo.activities.models import Activity


def follow_company_merge(kept, merged) -> dict[str, int]:
    """The merged company's visits belong to the kept one's timeline (a merge hook)."""
    return {"activity": Activity.objects.filter(company=merged).update(company=kept)}
