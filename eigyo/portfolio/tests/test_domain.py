"""Pure tests of the cadence rules, the agenda and the plan (no database)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eigyo.lib.business_days import BusinessCalendar
from eigyo.portfolio import domain

CAL = BusinessCalendar()
MON = dt.date(2026, 11, 16)  # a Monday; 11/23 (Mon) is 勤労感謝の日


def state(id, tier="possible", last=None, since=dt.date(2026, 9, 1), cadence=None, **kw):
    cad = cadence if cadence is not None else domain.Cadence().for_tier(tier)
    return domain.RelationshipState(
        id=id,
        company_id=id,
        company_name=f"C{id}",
        tier=tier,
        tier_since=since,
        cadence=cad,
        last_contact=last,
        **kw,
    )


def test_due_is_measured_from_the_last_real_contact():
    s = state(1, "possible", last=dt.date(2026, 11, 2))
    assert s.cadence_due == dt.date(2026, 11, 16)
    assert s.status(dt.date(2026, 11, 15)) == "ok"
    assert s.status(dt.date(2026, 11, 16)) == "due"
    assert s.status(dt.date(2026, 11, 17)) == "overdue"
    never = state(2, "probable", last=None, since=dt.date(2026, 11, 10))
    assert never.cadence_due == dt.date(2026, 11, 17)  # from entering the tier


def test_override_and_untimed_tiers():
    cad = domain.Cadence()
    assert cad.for_tier("possible") == 14 and cad.for_tier("possible", 5) == 5
    assert cad.for_tier("new") is None and cad.for_tier("dropped") is None
    assert state(1, "new").status(MON) == "none"


def test_a_promised_follow_up_brings_the_contact_forward():
    s = state(1, "client", last=dt.date(2026, 11, 10), follow_up_on=dt.date(2026, 11, 13))
    assert s.next_due == dt.date(2026, 11, 13)


def test_agenda_puts_overdue_first_then_higher_tiers_and_respects_capacity():
    states = [
        state(1, "willing", last=MON - dt.timedelta(days=30)),  # due today
        state(2, "possible", last=MON - dt.timedelta(days=14)),  # due today
        state(3, "probable", last=MON - dt.timedelta(days=7)),  # due today
        state(4, "willing", last=MON - dt.timedelta(days=45)),  # overdue 15 days
        state(5, "client", last=MON - dt.timedelta(days=31)),  # overdue 1 day
    ]
    a = domain.agenda(states, CAL, MON, capacity=3, approach_target=0)
    assert [c.relationship_id for c in a.contacts] == [4, 5, 3]  # overdue, then by tier
    assert [c.reason for c in a.contacts] == ["overdue", "overdue", "due"]
    assert a.overdue_total == 2 and len(a.contacts) == 3


def test_no_agenda_on_a_holiday_or_weekend():
    states = [state(1, "probable", last=dt.date(2026, 11, 1))]
    assert domain.agenda(states, CAL, dt.date(2026, 11, 23)).contacts == []  # 勤労感謝の日
    sat = domain.agenda(states, CAL, dt.date(2026, 11, 21))
    assert not sat.is_business_day and sat.overdue_total == 1


def test_new_approaches_are_paced_to_the_monthly_target():
    # 2026-11: business days left from Mon 11/16 to 11/30 (11/23 is a holiday): 10
    assert CAL.remaining_business_days_in_month(MON) == 10
    assert domain.approaches_today(50, 20, 10) == 3
    assert domain.approaches_today(50, 50, 10) == 0
    assert domain.approaches_today(50, 0, 0) == 0
    candidates = [domain.Approach(i, i, f"C{i}", dt.date(2026, 11, i)) for i in range(1, 6)]
    a = domain.agenda(
        [], CAL, MON, approach_target=50, approaches_this_month=20, approach_candidates=candidates
    )
    assert [x.relationship_id for x in a.approaches] == [1, 2, 3]  # oldest first
    few = domain.agenda([], CAL, MON, approach_target=50, approach_candidates=candidates[:1])
    assert few.approach_quota == 5 and few.missing_approaches == 4


def test_plan_spreads_contacts_before_their_due_date():
    # Six contacts all due on Friday 11/20 with capacity 3: Thu and Fri take them.
    states = [state(i, "possible", last=dt.date(2026, 11, 6)) for i in range(1, 7)]
    p = domain.plan(states, CAL, MON, business_days=10, capacity=3)
    placed = {c.relationship_id: c.day for c in p.contacts}
    assert sorted(placed.values()) == [dt.date(2026, 11, 19)] * 3 + [dt.date(2026, 11, 20)] * 3
    assert p.fits and p.unplaced == []


def test_plan_says_plainly_when_capacity_is_too_small_and_lower_tiers_slip():
    states = [state(i, "probable", last=MON - dt.timedelta(days=7)) for i in range(1, 4)]
    states += [state(i, "willing", last=MON - dt.timedelta(days=30)) for i in range(4, 8)]
    p = domain.plan(states, CAL, MON, business_days=2, capacity=2)
    assert len(p.contacts) == 4 and len(p.unplaced) == 3
    assert {c.tier for c in p.unplaced} == {"willing"}
    assert p.shortfall_by_tier() == {"probable": 1, "willing": 4}
    assert not p.fits


def test_plan_skips_the_holiday_and_is_deterministic():
    states = [state(i, "probable", last=dt.date(2026, 11, 16)) for i in range(1, 5)]
    p1 = domain.plan(states, CAL, MON, capacity=3)
    p2 = domain.plan(list(reversed(states)), CAL, MON, capacity=3)
    assert p1.days == p2.days
    assert dt.date(2026, 11, 23) not in [d for d, _ in p1.days]


def test_winnowing_queue_takes_old_new_relationships():
    states = [
        state(1, "new", since=dt.date(2026, 7, 1)),
        state(2, "new", since=dt.date(2026, 10, 1)),
        state(3, "possible", since=dt.date(2026, 1, 1)),
    ]
    assert [s.id for s in domain.winnowing_queue(states, MON, 90)] == [1]


TIERS = st.sampled_from(["willing", "possible", "probable", "client", "nurture", "new"])


@st.composite
def portfolios(draw):
    n = draw(st.integers(0, 80))
    out = []
    for i in range(n):
        tier = draw(TIERS)
        last = draw(st.one_of(st.none(), st.dates(dt.date(2026, 6, 1), dt.date(2027, 1, 31))))
        follow = draw(st.one_of(st.none(), st.dates(dt.date(2026, 10, 1), dt.date(2027, 2, 1))))
        out.append(state(i + 1, tier, last=last, follow_up_on=follow))
    return out


@settings(max_examples=150, deadline=None)
@given(
    portfolios(),
    st.dates(dt.date(2026, 12, 1), dt.date(2027, 1, 20)),
    st.integers(1, 6),
    st.integers(1, 25),
)
def test_plan_properties(states, start, capacity, days):
    p = domain.plan(states, CAL, start, business_days=days, capacity=capacity)
    horizon_end = p.days[-1][0]
    due = {s.id for s in states if s.next_due is not None and s.next_due <= horizon_end}
    placed = [c.relationship_id for c in p.contacts] + [c.relationship_id for c in p.unplaced]
    assert sorted(placed) == sorted(due)  # every due relationship exactly once
    for day, items in p.days:
        assert CAL.is_business_day(day)  # never on a weekend, holiday or closure
        assert len(items) <= capacity  # never over capacity
        assert all(c.day == day for c in items)
    total_slots = capacity * len(p.days)
    assert len(p.contacts) == min(len(due), total_slots) or not p.unplaced
    for c in p.contacts:
        if c.reason in ("due", "early", "follow_up"):
            assert c.day <= c.due


@settings(max_examples=100, deadline=None)
@given(portfolios(), st.dates(dt.date(2026, 12, 1), dt.date(2027, 1, 20)), st.integers(1, 6))
def test_agenda_never_exceeds_capacity(states, today, capacity):
    a = domain.agenda(states, CAL, today, capacity=capacity, approach_target=0)
    assert len(a.contacts) <= capacity
    overdue_ids = {s.id for s in states if s.status(today) == "overdue"}
    shown = [c.relationship_id for c in a.contacts]
    # overdue ones come first
    first_non_overdue = next((i for i, r in enumerate(shown) if r not in overdue_ids), len(shown))
    assert all(r not in overdue_ids for r in shown[first_non_overdue:])


def test_plan_rejects_nonsense():
    with pytest.raises(ValueError):
        domain.plan([], CAL, MON, capacity=0)
