"""Writes of prospecting: the avatar, and similar companies taken on as new approaches."""

from django.db import transaction

from eigyo.accounts import access
from eigyo.companies.services import company_from_registry
from eigyo.core import clock
from eigyo.portfolio.models import Relationship
from eigyo.portfolio.services import add_to_portfolio
from eigyo.prospecting.models import Avatar


@transaction.atomic
def save_avatar(form, *, by) -> Avatar:
    """Set the organisation's ideal client profile (a validated AvatarForm)."""
    return form.save()


@transaction.atomic
def adopt(entries, *, by, reason: str) -> list[Relationship]:
    """Make the chosen registry companies `new` relationships of `by`, in one step
    (a company already in their portfolio is skipped)."""
    org, today = access.membership(by).org, clock.today()
    created = []
    for entry in entries:
        company, _new = company_from_registry(org, entry)
        if Relationship.objects.filter(company=company, owner=by).exists():
            continue
        created.append(
            add_to_portfolio(
                org=org, company=company, owner=by, tier="new", on=today, reason=reason, by=by
            )
        )
    return created
