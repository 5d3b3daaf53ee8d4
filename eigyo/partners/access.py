"""Who sees and changes what of the partners.

- Our internal view of a partner — its profile (stage, how we met it), the due
  diligence, stage moves, termination rights, idling and alerts — is the sales side's
  (admin, manager, rep); a partner user never sees any of it, marketing neither.
- A contract, its targets and milestones: the sales side, and the partner's own users
  (their targets and progress are the point of the portal).
- Training: modules are the organisation's catalogue (sales side and partner users);
  trainees and their attendance are the sales side's, and a partner user sees its own
  partner's; a session is seen by a partner user when one of its own people is in it.
- Changing a partner, its contracts and trainings: admins and managers, and the
  partner's own manager on our side. Overriding due diligence and editing the
  checklist: the admin.
"""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.accounts.models import Partner, Role
from eigyo.partners.models import (
    Attendance,
    Contract,
    ContractMilestone,
    DiligenceCheck,
    DiligenceItem,
    PartnerProfile,
    StageMove,
    Target,
    TerminationRight,
    Trainee,
    TrainingModule,
    TrainingSession,
)


def _ours(model, user) -> QuerySet:
    """The organisation's rows for the sales side; nothing for anyone else."""
    m = access.membership(user)
    if m is None or m.role not in access.SALES_ROLES:
        return model.objects.none()
    return model.objects.filter(org=m.org)


def _ours_and_partners(model, user, partner_field: str) -> QuerySet:
    """The sales side sees the organisation's rows; a partner user its partner's."""
    m = access.membership(user)
    if m is None:
        return model.objects.none()
    if m.role == Role.PARTNER:
        return model.objects.filter(org=m.org, **{partner_field: m.partner_id})
    if m.role not in access.SALES_ROLES:
        return model.objects.none()
    return model.objects.filter(org=m.org)


@access.rule(PartnerProfile)
def visible_profiles(user) -> QuerySet[PartnerProfile]:
    """Our internal view of partners: the sales side only."""
    return _ours(PartnerProfile, user)


@access.rule(StageMove)
def visible_stage_moves(user) -> QuerySet[StageMove]:
    return _ours(StageMove, user)


@access.rule(DiligenceItem)
def visible_diligence_items(user) -> QuerySet[DiligenceItem]:
    return _ours(DiligenceItem, user)


@access.rule(DiligenceCheck)
def visible_checks(user) -> QuerySet[DiligenceCheck]:
    return _ours(DiligenceCheck, user)


@access.rule(Contract)
def visible_contracts(user) -> QuerySet[Contract]:
    """Contracts: the sales side; a partner user its own partner's."""
    return _ours_and_partners(Contract, user, "partner_id")


@access.rule(Target)
def visible_targets(user) -> QuerySet[Target]:
    return _ours_and_partners(Target, user, "contract__partner_id")


@access.rule(ContractMilestone)
def visible_contract_milestones(user) -> QuerySet[ContractMilestone]:
    return _ours_and_partners(ContractMilestone, user, "contract__partner_id")


@access.rule(TerminationRight)
def visible_termination_rights(user) -> QuerySet[TerminationRight]:
    """Internal: when a right opens is our side's to know."""
    return _ours(TerminationRight, user)


@access.rule(TrainingModule)
def visible_modules(user) -> QuerySet[TrainingModule]:
    """The catalogue: the sales side and partner users."""
    m = access.membership(user)
    if m is None or not (m.role in access.SALES_ROLES or m.role == Role.PARTNER):
        return TrainingModule.objects.none()
    return TrainingModule.objects.filter(org=m.org)


@access.rule(Trainee)
def visible_trainees(user) -> QuerySet[Trainee]:
    return _ours_and_partners(Trainee, user, "partner_id")


@access.rule(Attendance)
def visible_attendances(user) -> QuerySet[Attendance]:
    return _ours_and_partners(Attendance, user, "trainee__partner_id")


@access.rule(TrainingSession)
def visible_sessions(user) -> QuerySet[TrainingSession]:
    """The sales side: all; a partner user: the sessions its own people attend."""
    m = access.membership(user)
    if m is not None and m.role == Role.PARTNER:
        ids = Attendance.objects.filter(org=m.org, trainee__partner_id=m.partner_id)
        return TrainingSession.objects.filter(org=m.org, pk__in=ids.values("session_id"))
    return _ours(TrainingSession, user)


# --- named rules ------------------------------------------------------------------


def sees_partner_internals(user) -> bool:
    """Our internal view of partners (due diligence, contract alerts, idling)."""
    return access.in_sales(user)


def uses_partner_pages(user) -> bool:
    """The partner pages: the sales side, and partner users (their own portal)."""
    return access.in_sales(user) or access.is_partner_user(user)


def can_add_partner(user) -> bool:
    return access.leads(user)


def can_manage_partner(user, partner: Partner) -> bool:
    """Admins and managers, and the partner's own manager on our side."""
    if access.leads(user):
        return True
    if not access.in_sales(user):
        return False
    return PartnerProfile.objects.filter(partner=partner, manager=user).exists()


def can_override_diligence(user) -> bool:
    """Contracting with required checks open takes the admin, with a reason."""
    return access.is_admin(user)


def can_edit_checklist(user) -> bool:
    return access.is_admin(user)


def can_run_training(user) -> bool:
    """Modules and sessions: admins and managers."""
    return access.leads(user)


access.capability("see_partner_internals", sees_partner_internals)
access.capability("use_partner_pages", uses_partner_pages)
access.capability("add_partner", can_add_partner)
access.capability("run_training", can_run_training)
access.capability("edit_checklist", can_edit_checklist)
