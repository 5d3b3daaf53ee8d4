"""Follow-through read models: signs of life and the evaporating list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from eigyo.accounts import access
from eigyo.activities.models import Activity
from eigyo.core import clock, writes
from eigyo.followups import inbox
from eigyo.followups.access import (
    can_change_coaching,
    can_change_conflict,
    can_change_senior_visit,
)
from eigyo.followups.domain import escalation
from eigyo.followups.models import (
    CoachingSession,
    Conflict,
    Instruction,
    Milestone,
    SeniorVisit,
    Update,
)
from eigyo.worktime.calendars import calendar_for


def _date(value) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def with_signs_of_life(instructions):
    """Annotate the last update by the owner and the owner's last activity on the
    instruction's company (both count as a sign of life)."""
    last_update = (
        Update.objects.filter(instruction=OuterRef("pk"), author=OuterRef("owner"))
        .order_by()
        .values("instruction")
        .annotate(m=Max("posted_at"))
        .values("m")[:1]
    )
    last_activity = (
        Activity.objects.filter(
            org=OuterRef("org"),
            company=OuterRef("company"),
            owner=OuterRef("owner"),
            occurred_at__gte=OuterRef("issued_at"),
        )
        .order_by()
        .values("company")
        .annotate(m=Max("occurred_at"))
        .values("m")[:1]
    )
    return instructions.annotate(
        last_update_at=Subquery(last_update), last_activity_at=Subquery(last_activity)
    )


def last_sign_of_life(instruction) -> dt.date:
    """The latest of: issued, acknowledged, owner's update, owner's activity on the company."""
    dates = [
        _date(instruction.issued_at),
        _date(instruction.acknowledged_at),
        _date(getattr(instruction, "last_update_at", None)),
        _date(getattr(instruction, "last_activity_at", None)),
    ]
    return max(d for d in dates if d)


@dataclass
class Evaporating:
    """An instruction whose passed milestone met silence."""

    instruction: Instruction
    milestone: Milestone
    days_silent: int
    last_sign_of_life: dt.date


def evaporating(instructions, org, today: dt.date) -> list[Evaporating]:
    """Open instructions with a passed, open milestone and no sign of life since."""
    qs = with_signs_of_life(
        instructions.filter(status=Instruction.Status.OPEN)
        .filter(milestones__done_on__isnull=True, milestones__due_on__lt=today)
        .distinct()
        .select_related("owner", "company")
    ).prefetch_related("milestones")
    calendars: dict[int, object] = {}
    # Evaporating from the day the owner is told it passed: the first silent business day.
    quiet = 1
    out = []
    for ins in qs:
        calendar = calendars.setdefault(ins.owner_id, calendar_for(org, ins.owner))
        sign = last_sign_of_life(ins)
        passed = [m for m in ins.milestones.all() if m.done_on is None and m.due_on < today]
        first = min(passed, key=lambda m: (m.due_on, m.pk))
        if escalation.is_evaporating(first.due_on, False, sign, today, calendar, quiet):
            start = escalation.silence_start(first.due_on, sign)
            out.append(
                Evaporating(ins, first, escalation.days_silent(start, today, calendar), sign)
            )
    return sorted(out, key=lambda e: (-e.days_silent, e.milestone.due_on, e.instruction.pk))


__all__ = ["evaporating", "last_sign_of_life", "with_signs_of_life"]


def follow_company_merge(kept, merged) -> dict[str, int]:
    """Instructions, conflicts and senior visits about the merged company move (a merge hook)."""
    return {
        model._meta.model_name: writes.update(model.objects.filter(company=merged), company=kept)
        for model in (Instruction, Conflict, SeniorVisit)
    }


# --- writes: one function per operation, for page, API and CLI -------------------


def _day(value) -> dt.date:
    return timezone.localtime(value).date()


def _tell(instruction: Instruction, kind: str, key: str, *, by, people, subject=None):
    """Tell the instruction's people (never the one acting) what `by` did."""
    for user_id in dict.fromkeys(people):
        inbox.notify(
            to=user_id,
            kind=kind,
            key=f"{key}:{user_id}",
            target=instruction,
            subject=subject or instruction.subject,
            day=clock.today(),
            actor=by,
        )


@transaction.atomic
def save_instruction(form, *, by) -> Instruction:
    """Issue or change an instruction or client request (a validated InstructionForm of
    `by`), with the milestones typed one per line. A new owner finds it in their inbox."""
    previous_owner = (
        None
        if form.instance._state.adding
        else Instruction.objects.filter(pk=form.instance.pk)
        .values_list("owner_id", flat=True)
        .first()
    )
    instruction = form.save()
    for due, title in form.cleaned_data.get("milestones") or []:
        Milestone.objects.create(
            org=instruction.org, instruction=instruction, title=title, due_on=due
        )
    if instruction.owner_id != previous_owner:
        inbox.notify(
            to=instruction.owner_id,
            kind="instruction_issued",
            key=f"issued:{instruction.pk}:{instruction.owner_id}",
            target=instruction,
            subject=instruction.subject,
            day=_day(instruction.issued_at),
            actor=by,
        )
    return access.ensure_visible(by, instruction)


@transaction.atomic
def set_instruction_status(instruction: Instruction, status: str, *, by) -> Instruction:
    """Close (done, cancelled) or reopen; whoever gave it and its owner hear of a close."""
    if status not in Instruction.Status.values:
        raise ValueError(f"not an instruction status: {status!r}")
    changed = instruction.status != status
    instruction.status = status
    instruction.save(update_fields=["status", "updated_at"])
    if changed and status != Instruction.Status.OPEN:
        _tell(
            instruction,
            f"instruction_{status}",
            f"{status}:{instruction.pk}:{clock.today().isoformat()}",
            by=by,
            people=[instruction.issued_by_id, instruction.owner_id],
        )
    return instruction


@transaction.atomic
def acknowledge(instruction: Instruction, *, by) -> Instruction:
    """The owner says "understood" (once; the first time counts); whoever gave it hears."""
    if instruction.owner_id != by.pk:
        raise PermissionDenied
    first = instruction.acknowledged_at is None
    instruction.acknowledged_at = instruction.acknowledged_at or clock.now()
    instruction.save(update_fields=["acknowledged_at"])
    if first:
        _tell(
            instruction,
            "instruction_acknowledged",
            f"ack:{instruction.pk}",
            by=by,
            people=[instruction.issued_by_id],
        )
    return instruction


@transaction.atomic
def post_update(instruction: Instruction, text: str, *, by) -> Update:
    """A note on the instruction; the issuer and the owner (whichever did not write it) hear."""
    update = Update.objects.create(
        org=instruction.org, instruction=instruction, author=by, text=text.strip()
    )
    _tell(
        instruction,
        "instruction_update",
        f"update:{update.pk}",
        by=by,
        people=[instruction.issued_by_id, instruction.owner_id],
    )
    return update


@transaction.atomic
def add_milestone(instruction: Instruction, *, title: str, due_on: dt.date, by) -> Milestone:
    return Milestone.objects.create(
        org=instruction.org, instruction=instruction, title=title.strip(), due_on=due_on
    )


@transaction.atomic
def change_milestone(
    milestone: Milestone,
    *,
    by,
    done: bool | None = None,
    title: str = "",
    due_on: dt.date | None = None,
) -> Milestone:
    """Tick a milestone done (dated today) or undo it; retitle or move it. A tick is
    news for whoever gave the instruction."""
    newly_done = done and milestone.done_on is None
    if done is not None:
        milestone.done_on = clock.today() if done else None
    if title.strip():
        milestone.title = title.strip()
    if due_on:
        milestone.due_on = due_on
    milestone.save()
    if newly_done:
        ins = milestone.instruction
        _tell(
            ins,
            "milestone_done",
            f"milestone_done:{milestone.pk}:{milestone.done_on.isoformat()}",
            by=by,
            people=[ins.issued_by_id, ins.owner_id],
            subject=f"{milestone.title} · {ins.subject}",
        )
    return milestone


CHANGE_RULES = {
    Conflict: can_change_conflict,
    CoachingSession: can_change_coaching,
    SeniorVisit: can_change_senior_visit,
}


@transaction.atomic
def save_record(form, *, by):
    """Record or change a conflict, a coaching session or a senior-visit request; the
    senior asked to visit, and the rep who asked when it is answered, hear of it."""
    if not form.instance._state.adding:
        # The right is the stored record's (the form has already applied the change).
        stored = type(form.instance).objects.get(pk=form.instance.pk)
        if not CHANGE_RULES[type(stored)](by, stored):
            raise PermissionDenied
    before = None
    if isinstance(form.instance, SeniorVisit) and not form.instance._state.adding:
        before = (
            SeniorVisit.objects.filter(pk=form.instance.pk).values("senior_id", "status").first()
        )
    record = form.save()
    if isinstance(record, SeniorVisit):
        _tell_senior_visit(record, before, by=by)
    return access.ensure_visible(by, record)


def _tell_senior_visit(visit: SeniorVisit, before: dict | None, *, by) -> None:
    subject = f"{visit.company} · {visit.why}"[:300]
    if visit.status == SeniorVisit.Status.REQUESTED and (
        before is None or before["senior_id"] != visit.senior_id
    ):
        inbox.notify(
            to=visit.senior_id,
            kind="senior_visit_requested",
            key=f"senior_visit:{visit.pk}:{visit.senior_id}",
            target=visit,
            subject=subject,
            day=visit.by_date,
            actor=by,
        )
    answered = {SeniorVisit.Status.SCHEDULED, SeniorVisit.Status.DECLINED}
    if visit.status in answered and (before is None or before["status"] != visit.status):
        inbox.notify(
            to=visit.requested_by_id,
            kind=f"senior_visit_{visit.status}",
            key=f"senior_visit_{visit.status}:{visit.pk}",
            target=visit,
            subject=subject,
            day=visit.scheduled_for and _day(visit.scheduled_for) or clock.today(),
            actor=by,
        )
