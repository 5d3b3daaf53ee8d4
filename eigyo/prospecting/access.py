"""Who uses the avatar (the ideal client profile), the spider and cold calls."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from eigyo.accounts import access
from eigyo.portfolio.access import can_create_relationship
from eigyo.prospecting.models import (
    Avatar,
    Call,
    CallList,
    CallListEntry,
    CallScript,
    Favour,
    Lead,
    OutcomeCode,
    Rehearsal,
    ScriptVersion,
)


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


# --- cold calls ---------------------------------------------------------------


def can_call(user) -> bool:
    """Cold calling is the sales side's: reps, managers, admins."""
    return access.in_sales(user)


def can_edit_scripts(user) -> bool:
    """Openings are designed by admins and managers (reps call with them)."""
    return access.leads(user)


def can_edit_outcomes(user) -> bool:
    """The organisation's outcome codes are the admin's."""
    return access.is_admin(user)


@access.rule(CallScript)
def visible_scripts(user) -> QuerySet[CallScript]:
    """Scripts: shared by the sales side of the organisation."""
    m = access.membership(user)
    if m is None or not can_call(user):
        return CallScript.objects.none()
    return CallScript.objects.filter(org=m.org)


access.follows(ScriptVersion, "script", CallScript)


@access.rule(OutcomeCode)
def visible_outcomes(user) -> QuerySet[OutcomeCode]:
    """Outcome codes: the sales side's vocabulary."""
    m = access.membership(user)
    if m is None or not can_call(user):
        return OutcomeCode.objects.none()
    return OutcomeCode.objects.filter(org=m.org)


@access.rule(CallList)
def visible_call_lists(user) -> QuerySet[CallList]:
    """Call lists: a rep their own, a manager their teams', an admin all."""
    m = access.membership(user)
    if m is None or not can_call(user):
        return CallList.objects.none()
    qs = CallList.objects.filter(org=m.org)
    return qs if access.is_admin(user) else qs.filter(owner__in=access.in_scope(user, m))


access.follows(CallListEntry, "call_list", CallList)


@access.rule(Call)
def visible_calls(user) -> QuerySet[Call]:
    """Calls: a rep their own, a manager their teams', an admin all (a partner none)."""
    m = access.membership(user)
    if m is None or not can_call(user):
        return Call.objects.none()
    qs = Call.objects.filter(org=m.org)
    return qs if access.is_admin(user) else qs.filter(caller__in=access.in_scope(user, m))


access.capability("call", can_call)
access.capability("edit_scripts", can_edit_scripts)


@access.rule(Rehearsal)
def visible_rehearsals(user) -> QuerySet[Rehearsal]:
    """Practice: a rep their own, a manager their teams', an admin all."""
    m = access.membership(user)
    if m is None or not can_call(user):
        return Rehearsal.objects.none()
    qs = Rehearsal.objects.filter(org=m.org)
    return qs if access.is_admin(user) else qs.filter(rep__in=access.in_scope(user, m))


@access.rule(Favour)
def visible_favours(user) -> QuerySet[Favour]:
    """The give-and-take ledger: the sales side's, never a partner's (nor the counterpart's)."""
    m = access.membership(user)
    if m is None or not can_call(user):
        return Favour.objects.none()
    return Favour.objects.filter(org=m.org)


def works_leads(user) -> bool:
    """Marketing enters leads; the sales side works them."""
    return access.in_sales(user) or access.is_marketing(user)


def can_enter_leads(user) -> bool:
    """Marketing (and the sales leaders) create, import and assign leads."""
    return access.is_marketing(user) or access.leads(user)


@access.rule(Lead)
def visible_leads(user) -> QuerySet[Lead]:
    """Leads: marketing and admins all of them; a manager their team's and the
    unassigned; a rep those assigned to them (a partner none)."""
    m = access.membership(user)
    if m is None or not works_leads(user):
        return Lead.objects.none()
    qs = Lead.objects.filter(org=m.org)
    if access.is_admin(user) or access.is_marketing(user):
        return qs
    if access.leads(user):
        return qs.filter(Q(owner__in=access.in_scope(user, m)) | Q(owner__isnull=True))
    return qs.filter(owner=user)


access.capability("work_leads", works_leads)
access.capability("enter_leads", can_enter_leads)
