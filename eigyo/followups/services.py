"""Follow-through read models: signs of life and the evaporating list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.followups.domain import escalation
from eigyo.followups.models import Conflict, Instruction, Milestone, SeniorVisit, Update
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
        model._meta.model_name: model.objects.filter(company=merged).update(company=kept)
        for model in (Instruction, Conflict, SeniorVisit)
    }
