"""Who sees and changes the visit log."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.accounts.models import Role
from eigyo.activities.models import Activity


@access.rule(Activity)
def visible_activities(user) -> QuerySet[Activity]:
    """The sales side shares the organisation's visit log (a team's 日報 is shared); a
    partner user sees those on their partner's companies; marketing none."""
    m = access.membership(user)
    if m is None or m.role == Role.MARKETING:
        return Activity.objects.none()
    qs = Activity.objects.filter(org=m.org)
    if m.role == Role.PARTNER:
        return qs.filter(company__partner=m.partner_id)
    return qs


def can_log_activity(user) -> bool:
    return access.in_sales(user) or access.is_partner_user(user)


def can_edit_activity(user, activity) -> bool:
    r = access.role(user)
    if r == Role.ADMIN:
        return True
    if r == Role.MANAGER:
        return activity.owner_id in access.managed_user_ids(user)
    return activity.owner_id == user.pk and r in {Role.REP, Role.PARTNER}


access.capability("log_activity", can_log_activity)
