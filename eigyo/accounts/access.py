"""The access vocabulary and the rule registry.

Who may see and change what is decided by named rules. This module holds what every
rule is built from (the user's membership, role predicates, whose work a manager
oversees, the 404 for anything out of sight) and the registry in which each app's
`access.py` declares the visibility rule of each of its models. The apps' rules:

- everyone sees only their own organisation;
- companies and people: admin, manager, rep and marketing see the whole
  organisation's; a partner user sees only the companies assigned to their
  partner (and the people at them);
- relationships (portfolios): a rep sees their own, a manager their own and
  their teams' reps', an admin all; a partner user those on their partner's
  companies (read only); marketing none;
- activities: the sales side (admin, manager, rep) shares the visit log of
  the whole organisation, as a team's 日報 is shared; a partner user sees
  those on their partner's companies; marketing none;
- a child record (a deal's promise, an instruction's milestone) follows its parent.

Every view, API handler, feed and export starts its queryset from a rule, never from
`Model.objects`; an object outside it answers 404, identical to a missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import DataError, models
from django.db.models import QuerySet
from django.http import Http404

from eigyo.accounts.models import Membership, Partner, Role, SavedView, User

if TYPE_CHECKING:
    from django.db.models import Model

INTERNAL_ROLES = {Role.ADMIN, Role.MANAGER, Role.REP, Role.MARKETING}
SALES_ROLES = {Role.ADMIN, Role.MANAGER, Role.REP}
LEADER_ROLES = {Role.ADMIN, Role.MANAGER}


def membership(user) -> Membership | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.membership


def role(user) -> str | None:
    """The user's role, for the rules in this module and the apps' access modules."""
    m = membership(user)
    return m.role if m else None


# --- role predicates: what the rules are built from ----------------------------


def is_admin(user) -> bool:
    """The organisation's administrator."""
    return role(user) == Role.ADMIN


def in_sales(user) -> bool:
    """The sales side: admin, manager, rep (not partner users or marketing)."""
    return role(user) in SALES_ROLES


def leads(user) -> bool:
    """Leads people: an admin or a manager."""
    return role(user) in LEADER_ROLES


def is_marketing(user) -> bool:
    """Marketing: brings leads, sees no portfolio."""
    return role(user) == Role.MARKETING


def is_partner_user(user) -> bool:
    """Someone from an external partner: sees only their partner's share."""
    return role(user) == Role.PARTNER


def partner_of(user) -> int | None:
    """The partner a partner user works for (None for everyone else)."""
    m = membership(user)
    return m.partner_id if m and m.role == Role.PARTNER else None


def managed_user_ids(user) -> list[int]:
    """The user and the members of every team they manage."""
    m = membership(user)
    if m is None:
        return []
    ids = set(
        Membership.objects.filter(org=m.org, team__manager=user).values_list("user_id", flat=True)
    )
    ids.add(user.pk)
    return sorted(ids)


def must_use_two_factor(user) -> bool:
    """Two-factor authentication is required of the roles in EIGYO_MFA_REQUIRED_ROLES
    (admins and managers by default), and of everyone where the organisation says so."""
    from django.conf import settings

    m = membership(user)
    if m is None:
        return False
    return m.role in settings.EIGYO_MFA_REQUIRED_ROLES or m.org.require_mfa


def can_manage_security(user) -> bool:
    """The organisation's security settings and its members' sessions are the admin's."""
    return is_admin(user)


# --- visibility --------------------------------------------------------------


def in_scope(user, m: Membership) -> list[int]:
    """Whose work the user oversees: a manager their teams' (and their own), anyone
    else only their own."""
    return managed_user_ids(user) if m.role == Role.MANAGER else [user.pk]


def visible_users(user) -> QuerySet[User]:
    """Colleagues in the user's organisation (partner users see only themselves)."""
    m = membership(user)
    if m is None:
        return User.objects.none()
    if m.role == Role.PARTNER:
        return User.objects.filter(pk=user.pk)
    return User.objects.filter(
        is_active=True, pk__in=Membership.objects.filter(org=m.org).values("user_id")
    )


def get_visible(queryset: QuerySet, **lookup) -> Model:
    """The object from a visibility queryset, or 404 (same as a missing id)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError, DataError) as exc:
        # A malformed or out-of-range id is simply not there: same 404.
        raise Http404 from exc


def assignable_owners(user) -> QuerySet[User]:
    """Whose portfolio the user may put a company into: the same people whose
    portfolios they see."""
    return portfolio_owners(user)


def portfolio_owners(user) -> QuerySet[User]:
    """Whose agenda, plan and benchmarks the user may see: a rep their own, a
    manager their teams', an admin every salesperson's."""
    m = membership(user)
    if m is None or m.role not in SALES_ROLES:
        return User.objects.none()
    qs = visible_users(user)
    if m.role == Role.ADMIN:
        return qs.filter(
            pk__in=Membership.objects.filter(
                org=m.org, role__in=[Role.REP, Role.MANAGER, Role.ADMIN]
            ).values("user_id")
        )
    if m.role == Role.MANAGER:
        return qs.filter(pk__in=managed_user_ids(user))
    return qs.filter(pk=user.pk)


# --- the rule registry --------------------------------------------------------

Rule = Callable[[Any], QuerySet]
_RULES: dict[type, Rule] = {}


def rule(model: type) -> Callable[[Rule], Rule]:
    """Declare `fn(user) -> QuerySet` as THE visibility rule of `model` (in the app's
    access.py; accounts' AppConfig imports every app's access module at start-up)."""

    def register(fn: Rule) -> Rule:
        if _RULES.get(model, fn) is not fn:
            raise ValueError(f"{model.__name__} already has a visibility rule")
        _RULES[model] = fn
        return fn

    return register


def follows(model: type, parent: str, parent_model: type) -> Rule:
    """A child is visible exactly when its parent is (`parent` is the field name)."""

    def child_rule(user) -> QuerySet:
        parents = visible(user, parent_model).values("pk")
        return model.objects.filter(**{f"{parent}__in": parents})

    child_rule.__doc__ = f"{model.__name__}: visible when its {parent} is."
    return rule(model)(child_rule)


def visible(user, model: type) -> QuerySet:
    """What `user` may see of `model`, by the model's registered rule."""
    try:
        return _RULES[model](user)
    except KeyError:
        raise LookupError(f"{model.__name__} has no visibility rule") from None


def rules() -> dict[type, Rule]:
    """Every registered rule (the census test reads it)."""
    return dict(_RULES)


@rule(Partner)
def visible_partners(user) -> QuerySet[Partner]:
    """The organisation's partners; a partner user sees only their own."""
    m = membership(user)
    if m is None:
        return Partner.objects.none()
    qs = Partner.objects.filter(org=m.org)
    return qs.filter(pk=m.partner_id) if m.role == Role.PARTNER else qs


# --- named rules for templates ---------------------------------------------------

Capability = Callable[[Any], bool]
_CAPABILITIES: dict[str, Capability] = {}


def capability(name: str, fn: Capability) -> Capability:
    """Offer a named rule to templates as `{% if can.<name> %}` (declared in an app's
    access.py, so templates never compare role strings)."""
    if _CAPABILITIES.get(name, fn) is not fn:
        raise ValueError(f"capability {name!r} is already declared")
    _CAPABILITIES[name] = fn
    return fn


class Can:
    """`can.<name>` in a template: the named rule answered for the current user."""

    def __init__(self, user) -> None:
        self._user = user
        self._answers: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in _CAPABILITIES:
            raise KeyError(f"no capability {name!r} is declared")
        if name not in self._answers:
            self._answers[name] = bool(_CAPABILITIES[name](self._user))
        return self._answers[name]


capability("manage_security", can_manage_security)


@rule(SavedView)
def visible_saved_views(user) -> QuerySet[SavedView]:
    """A user's own saved views, and those shared by the people of their team."""
    m = membership(user)
    if m is None:
        return SavedView.objects.none()
    team = Membership.objects.filter(org=m.org, team_id=m.team_id).values("user_id")
    shared = models.Q(shared=True, owner__in=team) if m.team_id else models.Q(pk__in=[])
    return SavedView.objects.filter(org=m.org).filter(models.Q(owner=user) | shared)


def admin_ids(org_id: int) -> list[int]:
    """The organisation's administrators (who hear what has no manager to hear it)."""
    return list(
        Membership.objects.filter(org_id=org_id, role=Role.ADMIN).values_list("user_id", flat=True)
    )


def sales_side(org_id: int):
    """The organisation's active sales side as a lazy subquery of user ids."""
    return Membership.objects.filter(
        org_id=org_id, role__in=SALES_ROLES, user__is_active=True
    ).values("user_id")


def sales_side_ids(org_id: int) -> set[int]:
    """The organisation's active sales side (admin, manager, rep): "anyone on the team"."""
    return set(
        Membership.objects.filter(
            org_id=org_id, role__in=SALES_ROLES, user__is_active=True
        ).values_list("user_id", flat=True)
    )


class OutOfSight(PermissionDenied):
    """A write would put the object outside what its author may see (say, a partner
    user moving a person to a company not assigned to their partner): refused."""


def ensure_visible(user, obj):
    """Re-check after a write, inside its transaction: the author must still see it."""
    if not visible(user, type(obj)).filter(pk=obj.pk).exists():
        raise OutOfSight
    return obj
