"""When a milestone's owner is reminded and when their manager is told (pure).

The rules, over Japanese business days:
- `remind_before` business days before the due date the owner gets a reminder
  (0 = on the day);
- the first business day after the due date with the milestone still open and no
  sign of life since it fell due, the owner is told it has passed;
- `escalate_after` business days later, still silent, their manager is told.
A sign of life is an update on the instruction or an activity on its company by
the owner; it resets the silence, so escalation restarts from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Calendar(Protocol):
    def is_business_day(self, d: dt.date) -> bool: ...
    def add_business_days(self, d: dt.date, n: int) -> dt.date: ...
    def count_business_days(self, start: dt.date, end: dt.date) -> int: ...


@dataclass(frozen=True)
class Rules:
    remind_before: int = 1
    escalate_after: int = 2


@dataclass(frozen=True)
class Step:
    """A notification and the day it becomes due."""

    kind: str  # "reminder" | "overdue" | "escalation"
    on: dt.date


def steps(
    due: dt.date, last_sign_of_life: dt.date | None, calendar: Calendar, rules: Rules = Rules()
) -> list[Step]:
    """The notifications for one open milestone, in order."""
    out = [
        Step(
            "reminder",
            calendar.add_business_days(due, -rules.remind_before)
            if rules.remind_before
            else calendar.add_business_days(due, 0),
        )
    ]
    start = silence_start(due, last_sign_of_life)
    overdue_on = calendar.add_business_days(start, 1)
    out.append(Step("overdue", overdue_on))
    out.append(Step("escalation", calendar.add_business_days(overdue_on, rules.escalate_after)))
    return out


def due_steps(
    due: dt.date,
    last_sign_of_life: dt.date | None,
    today: dt.date,
    calendar: Calendar,
    rules: Rules = Rules(),
) -> list[Step]:
    """The steps whose day has come."""
    return [s for s in steps(due, last_sign_of_life, calendar, rules) if s.on <= today]


def days_silent(last_sign_of_life: dt.date, today: dt.date, calendar: Calendar) -> int:
    """Business days since the last sign of life (0 on the same day)."""
    if today <= last_sign_of_life:
        return 0
    return calendar.count_business_days(last_sign_of_life, today) - (
        1 if calendar.is_business_day(last_sign_of_life) else 0
    )


def silence_start(due: dt.date, last_sign_of_life: dt.date | None) -> dt.date:
    """Silence about a milestone counts from its due date or the last sign of life after it."""
    return due if last_sign_of_life is None or last_sign_of_life < due else last_sign_of_life


def is_evaporating(
    due: dt.date,
    done: bool,
    last_sign_of_life: dt.date | None,
    today: dt.date,
    calendar: Calendar,
    quiet: int = 1,
) -> bool:
    """An open milestone past its date with no sign of life for `quiet` business
    days: the instruction is evaporating. An update today takes it off the list."""
    if done or due >= today:
        return False
    return days_silent(silence_start(due, last_sign_of_life), today, calendar) >= quiet
