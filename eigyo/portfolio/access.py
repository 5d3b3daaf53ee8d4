"""Who sees and changes portfolios (relationships and their tier history)."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.accounts.models import Role
from eigyo.portfolio.models import PortfolioSettings, Relationship, TierChange


@access.rule(Relationship)
def visible_relationships(user) -> QuerySet[Relationship]:
    """A rep their own, a manager their own and their teams', an admin all; a partner
    user those on their partner's companies (read only); marketing none."""
    m = access.membership(user)
    if m is None or m.role == Role.MARKETING:
        return Relationship.objects.none()
    qs = Relationship.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    if m.role == Role.MANAGER:
        return qs.filter(owner__in=access.managed_user_ids(user))
    if m.role == Role.REP:
        return qs.filter(owner=user)
    return qs.filter(company__partner=m.partner_id)


access.follows(TierChange, "relationship", Relationship)


@access.rule(PortfolioSettings)
def visible_portfolio_settings(user) -> QuerySet[PortfolioSettings]:
    """The organisation's cadence settings: every member works by them."""
    m = access.membership(user)
    return PortfolioSettings.objects.filter(org=m.org) if m else PortfolioSettings.objects.none()


def has_portfolio(user) -> bool:
    """The sales side keeps a portfolio, an agenda and a plan."""
    return access.in_sales(user)


def can_create_relationship(user) -> bool:
    return access.in_sales(user)


def can_edit_relationship(user, relationship) -> bool:
    r = access.role(user)
    if r == Role.ADMIN:
        return True
    if r == Role.MANAGER:
        return relationship.owner_id in access.managed_user_ids(user)
    return r == Role.REP and relationship.owner_id == user.pk


def can_manage_portfolio_settings(user) -> bool:
    """Cadence, capacity and targets are the admin's."""
    return access.is_admin(user)


access.capability("keep_portfolio", has_portfolio)
access.capability("manage_portfolio_settings", can_manage_portfolio_settings)
