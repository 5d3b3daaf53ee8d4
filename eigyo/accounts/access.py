"""THE visibility rules: who may see and change what.

Every view, API handler, feed and export starts its queryset here, never from
`Model.objects`. An object outside these querysets answers 404, identical to
a missing one. Rules:

- everyone sees only their own organisation;
- companies and people: admin, manager, rep and marketing see the whole
  organisation's; a partner user sees only the companies assigned to their
  partner (and the people at them);
- relationships (portfolios): a rep sees their own, a manager their own and
  their teams' reps', an admin all; a partner user those on their partner's
  companies (read only); marketing none;
- activities: the sales side (admin, manager, rep) shares the visit log of
  the whole organisation, as a team's 日報 is shared; a partner user sees
  those on their partner's companies; marketing none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import DataError
from django.db.models import QuerySet
from django.http import Http404

from eigyo.accounts.models import Membership, Role, User

if TYPE_CHECKING:
    from django.db.models import Model

INTERNAL_ROLES = {Role.ADMIN, Role.MANAGER, Role.REP, Role.MARKETING}
SALES_ROLES = {Role.ADMIN, Role.MANAGER, Role.REP}


def membership(user) -> Membership | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.membership


def role(user) -> str | None:
    m = membership(user)
    return m.role if m else None


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


def visible_company_fields(user) -> QuerySet:
    """The organisation's own company fields: every member sees their definitions."""
    from eigyo.companies.models import CompanyField

    m = membership(user)
    return CompanyField.objects.filter(org=m.org) if m else CompanyField.objects.none()


def visible_company_imports(user) -> QuerySet:
    """Uploaded company lists: the admin's and managers' of the organisation."""
    from eigyo.transfer.models import CompanyImport

    if not can_import_companies(user):
        return CompanyImport.objects.none()
    return CompanyImport.objects.filter(org=membership(user).org)


def visible_registry(user) -> QuerySet:
    """The public registry: readable by every member of an organisation."""
    from eigyo.registry.models import RegistryEntry

    if membership(user) is None:
        return RegistryEntry.objects.none()
    return RegistryEntry.objects.all()


def visible_companies(user) -> QuerySet:
    from eigyo.companies.models import Company

    m = membership(user)
    if m is None:
        return Company.objects.none()
    qs = Company.objects.filter(org=m.org)
    if m.role == Role.PARTNER:
        return qs.filter(partner=m.partner_id)
    return qs


def visible_people(user) -> QuerySet:
    from eigyo.contacts.models import Person

    m = membership(user)
    if m is None:
        return Person.objects.none()
    qs = Person.objects.filter(org=m.org)
    if m.role == Role.PARTNER:
        return qs.filter(company__partner=m.partner_id)
    return qs


def visible_relationships(user) -> QuerySet:
    from eigyo.portfolio.models import Relationship

    m = membership(user)
    if m is None or m.role == Role.MARKETING:
        return Relationship.objects.none()
    qs = Relationship.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    if m.role == Role.MANAGER:
        return qs.filter(owner__in=managed_user_ids(user))
    if m.role == Role.REP:
        return qs.filter(owner=user)
    return qs.filter(company__partner=m.partner_id)


def visible_activities(user) -> QuerySet:
    from eigyo.activities.models import Activity

    m = membership(user)
    if m is None or m.role == Role.MARKETING:
        return Activity.objects.none()
    qs = Activity.objects.filter(org=m.org)
    if m.role == Role.PARTNER:
        return qs.filter(company__partner=m.partner_id)
    return qs


def visible_deals(user) -> QuerySet:
    """Deals: the owner and team members, their manager(s), admins; a partner
    user only the deals assigned to their partner; marketing none."""
    from django.db.models import Q

    from eigyo.deals.models import Deal

    m = membership(user)
    if m is None or m.role == Role.MARKETING:
        return Deal.objects.none()
    qs = Deal.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    if m.role == Role.PARTNER:
        return qs.filter(partner=m.partner_id)
    people = in_scope(user, m)
    ids = qs.filter(Q(owner__in=people) | Q(team_members__in=people)).values("pk")
    return qs.filter(pk__in=ids)


def visible_instructions(user) -> QuerySet:
    """Instructions and client requests: the owner, whoever issued it, the
    owner's managers, admins."""
    from django.db.models import Q

    from eigyo.followups.models import Instruction

    m = membership(user)
    if m is None or m.role not in SALES_ROLES:
        return Instruction.objects.none()
    qs = Instruction.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    people = in_scope(user, m)
    return qs.filter(Q(owner__in=people) | Q(issued_by=user))


def visible_conflicts(user) -> QuerySet:
    """Conflicts on accounts: shared by the sales side of the organisation."""
    from eigyo.followups.models import Conflict

    m = membership(user)
    if m is None or m.role not in SALES_ROLES:
        return Conflict.objects.none()
    return Conflict.objects.filter(org=m.org)


def visible_coaching(user) -> QuerySet:
    """Coaching: a rep their own sessions, a manager their teams', an admin all."""
    from eigyo.followups.models import CoachingSession

    m = membership(user)
    if m is None or m.role not in SALES_ROLES:
        return CoachingSession.objects.none()
    qs = CoachingSession.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    people = in_scope(user, m)
    return qs.filter(rep__in=people)


def visible_senior_visits(user) -> QuerySet:
    """Senior visits: the rep who asked, the senior asked, their managers, admins."""
    from django.db.models import Q

    from eigyo.followups.models import SeniorVisit

    m = membership(user)
    if m is None or m.role not in SALES_ROLES:
        return SeniorVisit.objects.none()
    qs = SeniorVisit.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    people = in_scope(user, m)
    return qs.filter(Q(requested_by__in=people) | Q(senior=user))


def can_create_deal(user) -> bool:
    return role(user) in SALES_ROLES


def get_visible(queryset: QuerySet, **lookup) -> Model:
    """The object from a visibility queryset, or 404 (same as a missing id)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError, DataError) as exc:
        # A malformed or out-of-range id is simply not there: same 404.
        raise Http404 from exc


# --- changes -----------------------------------------------------------------


def can_create_company(user) -> bool:
    return role(user) in SALES_ROLES


def can_manage_company_fields(user) -> bool:
    """Defining the organisation's own company fields is the admin's."""
    return role(user) == Role.ADMIN


def can_import_companies(user) -> bool:
    """A list of companies is imported by the admin or a manager."""
    return role(user) in {Role.ADMIN, Role.MANAGER}


def can_edit_company(user, company) -> bool:
    r = role(user)
    if r in SALES_ROLES:
        return True
    m = membership(user)
    return r == Role.PARTNER and company.partner_id == m.partner_id


def can_create_person(user) -> bool:
    return role(user) in SALES_ROLES | {Role.PARTNER}


def can_edit_person(user, person) -> bool:
    if person.company_id is None:
        return role(user) in SALES_ROLES
    return can_edit_company(user, person.company)


def can_create_relationship(user) -> bool:
    return role(user) in SALES_ROLES


def can_edit_relationship(user, relationship) -> bool:
    r = role(user)
    if r == Role.ADMIN:
        return True
    if r == Role.MANAGER:
        return relationship.owner_id in managed_user_ids(user)
    return r == Role.REP and relationship.owner_id == user.pk


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


def can_log_activity(user) -> bool:
    return role(user) in SALES_ROLES | {Role.PARTNER}


def can_edit_activity(user, activity) -> bool:
    r = role(user)
    if r == Role.ADMIN:
        return True
    if r == Role.MANAGER:
        return activity.owner_id in managed_user_ids(user)
    return activity.owner_id == user.pk and r in {Role.REP, Role.PARTNER}
