"""Who sees and changes deals; everything of a deal follows the deal."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from eigyo.accounts import access
from eigyo.accounts.models import Role
from eigyo.deals.models import (
    Deal,
    DiscountRequest,
    Objection,
    Praise,
    Promise,
    StageChange,
    StageProbability,
    Stakeholder,
)


@access.rule(Deal)
def visible_deals(user) -> QuerySet[Deal]:
    """Deals: the owner and team members, their manager(s), admins; a partner
    user only the deals assigned to their partner; marketing none."""
    m = access.membership(user)
    if m is None or m.role == Role.MARKETING:
        return Deal.objects.none()
    qs = Deal.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    if m.role == Role.PARTNER:
        return qs.filter(partner=m.partner_id)
    people = access.in_scope(user, m)
    ids = qs.filter(Q(owner__in=people) | Q(team_members__in=people)).values("pk")
    return qs.filter(pk__in=ids)


for _child in (StageChange, Stakeholder, Promise, Praise, Objection, DiscountRequest):
    access.follows(_child, "deal", Deal)


@access.rule(StageProbability)
def visible_stage_probabilities(user) -> QuerySet[StageProbability]:
    """The organisation's stage probabilities: everyone who sees deals reads them."""
    m = access.membership(user)
    if m is None or not sees_deals(user):
        return StageProbability.objects.none()
    return StageProbability.objects.filter(org=m.org)


def can_set_probabilities(user) -> bool:
    """How likely each stage is to close is the admin's to say."""
    return access.is_admin(user)


def sees_deals(user) -> bool:
    """Everyone but marketing works with deals (partner users with their partner's)."""
    return access.in_sales(user) or access.is_partner_user(user)


def can_create_deal(user) -> bool:
    return access.in_sales(user)


def can_change_deal(user, deal) -> bool:
    """Change a deal's title, amount, close date and notes: the sales side on the deals
    it sees (a rep their own and those they work on, a manager their teams', an admin
    all); a partner user the deals assigned to their partner (decided: a partner runs
    its deals itself)."""
    if access.in_sales(user):
        return True
    return access.is_partner_user(user) and deal.partner_id == access.partner_of(user)


def can_move_stage(user, deal) -> bool:
    """Move a deal's stage, won and lost included: whoever may change the deal. A
    partner's win counts toward targets only once our side confirms it (partners)."""
    return can_change_deal(user, deal)


def can_set_deal_people(user) -> bool:
    """Who owns a deal and who works on it is the sales side's to say (a partner user
    may not hand our deal to someone, nor add people to it)."""
    return access.in_sales(user)


def can_change_deal_records(user, deal) -> bool:
    """The buying group, promises, praise, objections and discount requests are our
    side's reading of the client: the sales side on the deals it sees; a partner user
    reads them but does not change them."""
    return access.in_sales(user) and can_change_deal(user, deal)


def can_delete_deal(user, deal) -> bool:
    """The owner, or an admin or manager."""
    return access.leads(user) or (access.in_sales(user) and deal.owner_id == user.pk)


access.capability("see_deals", sees_deals)
