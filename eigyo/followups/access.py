"""Who sees and changes the follow-through: instructions, conflicts, coaching, visits."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from eigyo.accounts import access
from eigyo.accounts.models import Membership, Role, User
from eigyo.followups.models import (
    CoachingSession,
    Conflict,
    Instruction,
    Milestone,
    Notice,
    SeniorVisit,
    Update,
)


def uses_followups(user) -> bool:
    """Instructions, coaching, conflicts and senior visits are the sales side's."""
    return access.in_sales(user)


@access.rule(Instruction)
def visible_instructions(user) -> QuerySet[Instruction]:
    """Instructions and client requests: the owner, whoever issued it, the
    owner's managers, admins."""
    m = access.membership(user)
    if m is None or not uses_followups(user):
        return Instruction.objects.none()
    qs = Instruction.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    people = access.in_scope(user, m)
    return qs.filter(Q(owner__in=people) | Q(issued_by=user))


access.follows(Milestone, "instruction", Instruction)
access.follows(Update, "instruction", Instruction)


@access.rule(Conflict)
def visible_conflicts(user) -> QuerySet[Conflict]:
    """Conflicts on accounts: shared by the sales side of the organisation."""
    m = access.membership(user)
    if m is None or not uses_followups(user):
        return Conflict.objects.none()
    return Conflict.objects.filter(org=m.org)


@access.rule(CoachingSession)
def visible_coaching(user) -> QuerySet[CoachingSession]:
    """Coaching: a rep their own sessions, a manager their teams', an admin all."""
    m = access.membership(user)
    if m is None or not uses_followups(user):
        return CoachingSession.objects.none()
    qs = CoachingSession.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    return qs.filter(rep__in=access.in_scope(user, m))


@access.rule(SeniorVisit)
def visible_senior_visits(user) -> QuerySet[SeniorVisit]:
    """Senior visits: the rep who asked, the senior asked, their managers, admins."""
    m = access.membership(user)
    if m is None or not uses_followups(user):
        return SeniorVisit.objects.none()
    qs = SeniorVisit.objects.filter(org=m.org)
    if m.role == Role.ADMIN:
        return qs
    people = access.in_scope(user, m)
    return qs.filter(Q(requested_by__in=people) | Q(senior=user))


def seniors(user) -> QuerySet[User]:
    """Whom a rep may ask for a senior visit: the organisation's managers and admins."""
    m = access.membership(user)
    if m is None:
        return User.objects.none()
    leaders = Membership.objects.filter(org=m.org, role__in=access.LEADER_ROLES)
    return access.visible_users(user).filter(pk__in=leaders.values("user_id"))


@access.rule(Notice)
def visible_notices(user) -> QuerySet[Notice]:
    """An inbox is its owner's alone (a manager does not read a rep's)."""
    m = access.membership(user)
    if m is None:
        return Notice.objects.none()
    return Notice.objects.filter(org=m.org, user=user)


def can_change_instruction(user, instruction) -> bool:
    """Post updates, add and tick milestones, close or reopen: everyone on the sales side
    who sees the instruction (its owner, whoever issued it, their managers, admins)."""
    return uses_followups(user)


def can_acknowledge(user, instruction) -> bool:
    """Only the one told to act acknowledges an instruction."""
    return uses_followups(user) and instruction.owner_id == user.pk


def can_change_conflict(user, conflict) -> bool:
    """A conflict is seen by the whole sales side but changed only by the one who must
    deliver the news (its messenger), managers and admins."""
    return access.leads(user) or (uses_followups(user) and conflict.messenger_id == user.pk)


def can_change_coaching(user, session) -> bool:
    """A coaching session is its coach's record: the coach, the rep's managers and
    admins change it; the rep coached reads it (a rep may keep their own notes as the
    coach of a session they hold with themselves)."""
    if not uses_followups(user):
        return False
    if access.is_admin(user) or session.coach_id == user.pk:
        return True
    return access.leads(user) and session.rep_id in access.managed_user_ids(user)


def can_change_senior_visit(user, visit) -> bool:
    """A senior visit: the rep who asked, the senior asked, their managers, admins —
    everyone on the sales side who sees it."""
    return uses_followups(user)


access.capability("use_followups", uses_followups)


def gets_morning_digest(membership) -> bool:
    """Reps and managers work an agenda daily: they get the 08:00 digest."""
    return membership.role in {Role.REP, Role.MANAGER} and membership.user.is_active
