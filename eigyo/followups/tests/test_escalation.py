"""Pure escalation rules over Japanese business days."""

import datetime as dt

from eigyo.followups.domain import escalation
from eigyo.lib.business_days import BusinessCalendar

CAL = BusinessCalendar()
D = dt.date


def test_reminder_overdue_and_escalation_days():
    # Due Fri 11/20: reminder Thu 11/19; overdue Tue 11/24 (Mon 11/23 is a holiday);
    # escalation two business days later, Thu 11/26.
    steps = escalation.steps(D(2026, 11, 20), None, CAL)
    assert [(s.kind, s.on) for s in steps] == [
        ("reminder", D(2026, 11, 19)),
        ("overdue", D(2026, 11, 24)),
        ("escalation", D(2026, 11, 26)),
    ]


def test_year_end_closure_delays_escalation():
    steps = escalation.steps(D(2026, 12, 28), None, CAL)
    assert [(s.kind, s.on) for s in steps][1:] == [
        ("overdue", D(2027, 1, 4)),
        ("escalation", D(2027, 1, 6)),
    ]


def test_a_sign_of_life_restarts_the_silence():
    late_update = D(2026, 11, 24)
    steps = escalation.steps(D(2026, 11, 20), late_update, CAL)
    assert [(s.kind, s.on) for s in steps][1:] == [
        ("overdue", D(2026, 11, 25)),
        ("escalation", D(2026, 11, 27)),
    ]
    # an update before the due date does not postpone anything
    assert escalation.steps(D(2026, 11, 20), D(2026, 11, 10), CAL) == escalation.steps(
        D(2026, 11, 20), None, CAL
    )


def test_due_steps_only_those_whose_day_has_come():
    kinds = [s.kind for s in escalation.due_steps(D(2026, 11, 20), None, D(2026, 11, 24), CAL)]
    assert kinds == ["reminder", "overdue"]


def test_evaporating_and_days_silent():
    due = D(2026, 11, 20)
    assert not escalation.is_evaporating(due, False, None, D(2026, 11, 20), CAL)
    assert escalation.is_evaporating(due, False, None, D(2026, 11, 24), CAL)
    assert not escalation.is_evaporating(due, True, None, D(2026, 11, 24), CAL)
    assert not escalation.is_evaporating(due, False, D(2026, 11, 24), D(2026, 11, 24), CAL)
    assert escalation.is_evaporating(due, False, D(2026, 11, 24), D(2026, 11, 25), CAL)
    assert escalation.days_silent(due, D(2026, 11, 27), CAL) == 4  # 24, 25, 26, 27
    assert escalation.days_silent(D(2026, 11, 21), D(2026, 11, 24), CAL) == 1  # from a Saturday


def test_rules_are_configurable():
    rules = escalation.Rules(remind_before=0, escalate_after=5)
    steps = escalation.steps(D(2026, 11, 20), None, CAL, rules)
    assert steps[0].on == D(2026, 11, 20) and steps[2].on == D(2026, 12, 1)
