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


def _of_the_sales_side(user, model) -> QuerySet:
    """The organisation's rows of `model`, for the sales side (nothing for others)."""
    m = access.membership(user)
    if m is None or not can_call(user):
        return model.objects.none()
    return model.objects.filter(org=m.org)


def _whose_work(user, model, field: str) -> QuerySet:
    """Rows of `model` whose `field` is the user (a rep), their teams' (a manager) or
    anyone's (an admin), on the sales side."""
    qs = _of_the_sales_side(user, model)
    m = access.membership(user)
    if m is None or access.is_admin(user):
        return qs
    return qs.filter(**{f"{field}__in": access.in_scope(user, m)})


@access.rule(CallScript)
def visible_scripts(user) -> QuerySet[CallScript]:
    """Scripts: shared by the sales side of the organisation."""
    return _of_the_sales_side(user, CallScript)


access.follows(ScriptVersion, "script", CallScript)


@access.rule(OutcomeCode)
def visible_outcomes(user) -> QuerySet[OutcomeCode]:
    """Outcome codes: the sales side's vocabulary."""
    return _of_the_sales_side(user, OutcomeCode)


@access.rule(CallList)
def visible_call_lists(user) -> QuerySet[CallList]:
    """Call lists: a rep their own, a manager their teams', an admin all."""
    return _whose_work(user, CallList, "owner")


access.follows(CallListEntry, "call_list", CallList)


@access.rule(Call)
def visible_calls(user) -> QuerySet[Call]:
    """Calls: a rep their own, a manager their teams', an admin all (a partner none)."""
    return _whose_work(user, Call, "caller")


access.capability("call", can_call)
access.capability("edit_scripts", can_edit_scripts)


@access.rule(Rehearsal)
def visible_rehearsals(user) -> QuerySet[Rehearsal]:
    """Practice: a rep their own, a manager their teams', an admin all."""
    return _whose_work(user, Rehearsal, "rep")


@access.rule(Favour)
def visible_favours(user) -> QuerySet[Favour]:
    """The give-and-take ledger: the sales side's, never a partner's (nor the counterpart's)."""
    return _of_the_sales_side(user, Favour)


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


def can_decide_lead(user, lead) -> bool:
    """The rep it is assigned to, or a sales leader who sees it, accepts or rejects it."""
    return lead.owner_id == getattr(user, "pk", None) or (
        access.leads(user) and access.in_sales(user)
    )


access.capability("work_leads", works_leads)
access.capability("enter_leads", can_enter_leads)
