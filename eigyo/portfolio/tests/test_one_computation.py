"""The agenda, the plan's first day in every window and the feed's day are one
computation: for any portfolio, any calendar and any day (pure, no database)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eigyo.lib.business_days import BusinessCalendar, ClosureRules
from eigyo.portfolio import domain
from eigyo.portfolio.tests.test_domain import portfolios, state

TUE = dt.date(2026, 12, 1)


@st.composite
def calendars(draw):
    closures = draw(
        st.frozensets(st.dates(dt.date(2026, 11, 20), dt.date(2027, 3, 31)), max_size=6)
    )
    days_off = draw(st.lists(st.dates(dt.date(2026, 11, 20), dt.date(2027, 3, 31)), max_size=6))
    rules = ClosureRules(
        year_end=draw(st.booleans()),
        obon=draw(st.booleans()),
        golden_week_bridges=draw(st.booleans()),
        extra_closures=closures,
    )
    return BusinessCalendar(rules, days_off=days_off)


@settings(max_examples=200, deadline=None)
@given(
    portfolios(),
    calendars(),
    st.dates(dt.date(2026, 11, 25), dt.date(2027, 2, 15)),
    st.integers(1, 5),
)
def test_agenda_is_the_first_day_of_every_plan(states, calendar, today, capacity):
    agenda = domain.agenda(states, calendar, today, capacity=capacity, approach_target=0)
    whole = domain.plan(states, calendar, today, capacity=capacity)
    if not calendar.is_business_day(today):
        assert agenda.contacts == [] and not agenda.is_business_day
        return
    today_ids = sorted(c.relationship_id for c in agenda.contacts)
    assert today_ids == sorted(c.relationship_id for c in whole.on(today))
    for weeks in range(1, 9):  # every plan a rep can open shows the same first day
        shown = whole.window(weeks * 5)
        assert shown.days[0][0] == today
        assert sorted(c.relationship_id for c in shown.days[0][1]) == today_ids
        assert shown.days == whole.days[: weeks * 5]


def test_a_contact_the_weeks_ahead_cannot_hold_comes_forward_to_today():
    """Capacity 1 and two relationships due on the same day next week: one of them must
    be made earlier, and the agenda says so today (a one-day plan never would)."""
    states = [
        state(1, "possible", last=TUE - dt.timedelta(days=14) + dt.timedelta(days=1)),  # due 12/2
        state(2, "possible", last=TUE - dt.timedelta(days=14) + dt.timedelta(days=1)),  # due 12/2
    ]
    cal = BusinessCalendar()
    agenda = domain.agenda(states, cal, TUE, capacity=1, approach_target=0)
    assert [c.reason for c in agenda.contacts] == ["early"]
    plan = domain.plan(states, cal, TUE, capacity=1)
    assert [c.relationship_id for c in plan.on(TUE)] == [c.relationship_id for c in agenda.contacts]


def test_the_window_reports_what_it_cannot_hold():
    states = [state(i, "probable", last=TUE - dt.timedelta(days=7)) for i in range(1, 8)]
    whole = domain.plan(states, BusinessCalendar(), TUE, capacity=1)  # 7 due today, 1 a day
    week = whole.window(5)
    assert len(week.contacts) == 5 and len(week.unplaced) == 2
    assert not week.fits and whole.window(40).unplaced == []
