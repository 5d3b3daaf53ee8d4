"""The team today, for whoever leads people: who is behind cadence and on which
companies, promises overdue, evaporating instructions, coaching due, deals moving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eigyo.deals.access import visible_deals
from eigyo.deals.models import Promise, StageChange
from eigyo.followups import services as followups
from eigyo.followups.access import visible_coaching, visible_instructions
from eigyo.portfolio import planning


@dataclass
class RepToday:
    rep: object
    overdue: list = field(default_factory=list)  # RelationshipStates past their date
    promises_overdue: list = field(default_factory=list)
    evaporating: list = field(default_factory=list)
    coaching_due: bool = False

    @property
    def behind(self) -> bool:
        return bool(self.overdue or self.promises_overdue or self.evaporating)


def team_today(user, reps: list, org, today: dt.date) -> tuple[list[RepToday], list]:
    """One line per rep, those behind first; and the deals that moved this week."""
    ids = [r.pk for r in reps]
    rows = {r.pk: RepToday(r) for r in reps}
    for owner_id, states in planning.states_by_owner(ids, org).items():
        overdue = [s for s in states if s.status(today) == "overdue"]
        rows[owner_id].overdue = sorted(overdue, key=lambda s: s.next_due)
    for p in (
        Promise.objects.filter(
            deal__in=visible_deals(user).values("pk"),
            owner__in=ids,
            status=Promise.Status.OPEN,
            due_on__lt=today,
        )
        .select_related("deal")
        .order_by("due_on")
    ):
        rows[p.owner_id].promises_overdue.append(p)
    open_instructions = visible_instructions(user).filter(status="open", owner__in=ids)
    for e in followups.evaporating(open_instructions, org, today):
        rows[e.instruction.owner_id].evaporating.append(e)
    coaching = visible_coaching(user).filter(rep__in=ids).order_by("rep", "-held_on")
    last = {}
    for session in coaching:
        last.setdefault(session.rep_id, session)
    for rep_id, row in rows.items():
        session = last.get(rep_id)
        row.coaching_due = session is None or bool(session.next_on and session.next_on <= today)
    moved = (
        StageChange.objects.filter(
            deal__in=visible_deals(user).values("pk"),
            changed_on__gte=today - dt.timedelta(days=7),
        )
        .select_related("deal", "deal__company", "changed_by")
        .order_by("-changed_on", "-pk")[:10]
    )
    ordered = sorted(rows.values(), key=lambda r: (not r.behind, r.rep.family_kana, r.rep.email))
    return ordered, list(moved)
