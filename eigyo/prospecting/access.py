"""Who uses the avatar (the ideal client profile) and the spider."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.portfolio.access import can_create_relationship
from eigyo.prospecting.models import Avatar


@access.rule(Avatar)
def visible_avatars(user) -> QuerySet[Avatar]:
    """The organisation's avatar: the sales side reads it."""
    m = access.membership(user)
    if m is None or not access.in_sales(user):
        return Avatar.objects.none()
    return Avatar.objects.filter(org=m.org)


def can_see_avatar(user) -> bool:
    """The avatar and the fit scores are the sales side's."""
    return access.in_sales(user)


def can_edit_avatar(user) -> bool:
    """The ideal client profile is set by admins and managers."""
    return access.leads(user)


def can_use_spider(user) -> bool:
    """Similar companies become new approaches in a portfolio: for whoever may add one."""
    return can_create_relationship(user)


access.capability("see_avatar", can_see_avatar)
