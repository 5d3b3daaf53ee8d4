"""Writes on the visit log: one function per operation, for page, API and CLI."""

from django.db import transaction

from eigyo.accounts import access
from eigyo.activities.models import Activity
from eigyo.core import writes


@transaction.atomic
def save_activity(form, *, by) -> Activity:
    """Log a visit, call or meeting, or correct one (a validated ActivityForm of `by`)."""
    return access.ensure_visible(by, form.save())


@transaction.atomic
def delete_activity(activity: Activity, *, by) -> None:
    activity.delete()


def follow_company_merge(kept, merged) -> dict[str, int]:
    """The merged company's visits belong to the kept one's timeline (a merge hook)."""
    return {"activity": writes.update(Activity.objects.filter(company=merged), company=kept)}
