"""Pure rules of the partners app: fiscal periods, projection, contract terms and
notice deadlines, termination-right windows, the continuity caution, before/after
comparisons, value-not-discount shares and idling. No database."""

from datetime import date, timedelta

import pytest

from eigyo.lib.business_days import BusinessCalendar
from eigyo.partners.domain import contracts as c
from eigyo.partners.domain import performance as perf
from eigyo.partners.domain.periods import (
    HALF,
    QUARTER,
    YEAR,
    Period,
    add_months,
    elapsed_days,
    period_of,
    periods_of_year,
    progress,
    project,
    projected_miss,
)

# --- periods of the Japanese fiscal year ----------------------------------------------


@pytest.mark.parametrize(
    "day,kind,expected",
    [
        (date(2026, 4, 1), QUARTER, Period(2026, QUARTER, 1)),
        (date(2026, 6, 30), QUARTER, Period(2026, QUARTER, 1)),
        (date(2026, 7, 1), QUARTER, Period(2026, QUARTER, 2)),
        (date(2026, 12, 31), QUARTER, Period(2026, QUARTER, 3)),
        (date(2027, 1, 1), QUARTER, Period(2026, QUARTER, 4)),
        (date(2027, 3, 31), QUARTER, Period(2026, QUARTER, 4)),
        (date(2027, 4, 1), QUARTER, Period(2027, QUARTER, 1)),
        (date(2026, 9, 30), HALF, Period(2026, HALF, 1)),
        (date(2026, 10, 1), HALF, Period(2026, HALF, 2)),
        (date(2027, 2, 14), HALF, Period(2026, HALF, 2)),
        (date(2027, 3, 31), YEAR, Period(2026, YEAR, 1)),
        (date(2026, 3, 31), YEAR, Period(2025, YEAR, 1)),
    ],
)
def test_period_of_a_day(day, kind, expected):
    assert period_of(day, kind) == expected
    assert expected.contains(day)


def test_period_bounds_and_labels():
    q4 = Period(2026, QUARTER, 4)
    assert (q4.start, q4.end, q4.days) == (date(2027, 1, 1), date(2027, 3, 31), 90)
    assert Period(2027, QUARTER, 4).days == 91  # 2028 is a leap year
    h2 = Period(2026, HALF, 2)
    assert (h2.start, h2.end) == (date(2026, 10, 1), date(2027, 3, 31))
    year = Period(2026, YEAR, 1)
    assert (year.start, year.end, year.days) == (date(2026, 4, 1), date(2027, 3, 31), 365)
    assert q4.label_ja == "2026年度 第4四半期" and q4.code == "FY2026 Q4"
    assert Period(2026, HALF, 1).label_ja == "2026年度 上期"
    assert year.label_ja == "2026年度"


def test_next_and_previous_cross_the_fiscal_year():
    assert Period(2026, QUARTER, 4).next() == Period(2027, QUARTER, 1)
    assert Period(2027, QUARTER, 1).previous() == Period(2026, QUARTER, 4)
    assert Period(2026, HALF, 2).next() == Period(2027, HALF, 1)
    assert [p.start for p in periods_of_year(2026, QUARTER)] == [
        date(2026, 4, 1),
        date(2026, 7, 1),
        date(2026, 10, 1),
        date(2027, 1, 1),
    ]


def test_a_period_number_out_of_range_is_refused():
    with pytest.raises(ValueError):
        Period(2026, QUARTER, 5)
    with pytest.raises(ValueError):
        Period(2026, "month", 1)


def test_add_months_clips_to_the_months_end():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 4, 1), -1) == date(2026, 3, 1)


# --- projection -----------------------------------------------------------------------


def test_projection_is_the_pace_so_far_to_the_periods_end():
    q = Period(2026, QUARTER, 3)  # Oct–Dec, 92 days
    assert elapsed_days(q, date(2026, 9, 30)) == 0
    assert project(1_000_000, q, date(2026, 9, 30)) == 0.0
    assert elapsed_days(q, date(2026, 11, 15)) == 46
    assert project(1_000_000, q, date(2026, 11, 15)) == pytest.approx(2_000_000)
    assert project(1_000_000, q, date(2027, 2, 1)) == 1_000_000  # ended: the actual


def test_projected_miss_waits_for_a_quarter_of_the_period():
    q = Period(2026, QUARTER, 3)
    early = progress(10_000_000, 0, q, date(2026, 10, 10))
    assert not projected_miss(early, date(2026, 10, 10), q)
    behind = progress(10_000_000, 3_000_000, q, date(2026, 11, 15))  # pace: 6 m
    assert projected_miss(behind, date(2026, 11, 15), q)
    assert behind.percent == 30 and behind.projected_percent == 60
    ahead = progress(10_000_000, 6_000_000, q, date(2026, 11, 15))  # pace: 12 m
    assert not projected_miss(ahead, date(2026, 11, 15), q)
    ended = progress(10_000_000, 9_999_999, q, date(2027, 1, 5))
    assert projected_miss(ended, date(2027, 1, 5), q)
    assert not projected_miss(progress(0, 0, q, date(2026, 12, 1)), date(2026, 12, 1), q)


# --- terms, renewals and notice deadlines -----------------------------------------


def test_current_term_rolls_forward_with_automatic_renewal():
    start = date(2020, 4, 1)
    first = c.current_term(start, 36, date(2021, 1, 1), auto_renew=True, renewal_months=12)
    assert first == c.Term(date(2020, 4, 1), date(2023, 3, 31), 1)
    later = c.current_term(start, 36, date(2026, 12, 7), auto_renew=True, renewal_months=12)
    assert later == c.Term(date(2026, 4, 1), date(2027, 3, 31), 5)
    assert c.current_term(start, 36, date(2026, 12, 7), auto_renew=False) is None
    assert c.current_term(start, 36, date(2019, 1, 1), auto_renew=True) is None


def test_notice_deadline_counts_back_from_the_terms_end():
    assert c.notice_deadline(date(2027, 3, 31), 3) == date(2026, 12, 31)
    assert c.notice_deadline(date(2027, 3, 31), 6) == date(2026, 9, 30)
    assert c.notice_deadline(date(2027, 2, 28), 1) == date(2027, 1, 31)
    deadline = date(2026, 12, 31)
    assert c.renewal_alert_due(deadline, date(2026, 11, 1), lead_days=60)
    assert not c.renewal_alert_due(deadline, date(2026, 10, 1), lead_days=60)
    assert not c.renewal_alert_due(deadline, date(2027, 1, 1), lead_days=60)


# --- termination rights -------------------------------------------------------------


def _results(*pairs):
    out, p = [], Period(2026, QUARTER, 1)
    for target, actual in pairs:
        out.append(c.Result(p, target, actual))
        p = p.next()
    return out


RIGHT = c.Right(metric="revenue", threshold_percent=70, consecutive=2, window_days=60)


def test_a_right_opens_after_two_quarters_below_seventy_percent():
    results = _results((100, 60), (100, 69))  # Q1, Q2 of FY2026 both below 70 %
    [window] = c.windows(RIGHT, results, date(2026, 10, 15))
    assert window.opens == date(2026, 10, 1)
    assert window.lapses == date(2026, 11, 29)
    assert window.periods == (Period(2026, QUARTER, 1), Period(2026, QUARTER, 2))
    assert c.open_window(RIGHT, results, date(2026, 11, 29)) == window
    assert c.open_window(RIGHT, results, date(2026, 11, 30)) is None  # lapsed


def test_seventy_percent_exactly_or_a_break_in_the_run_opens_nothing():
    assert c.windows(RIGHT, _results((100, 60), (100, 70)), date(2026, 10, 15)) == []
    assert c.windows(RIGHT, _results((100, 60), (100, 90), (100, 10)), date(2027, 1, 15)) == []
    # a period without a target breaks the run too
    assert c.windows(RIGHT, _results((100, 60), (0, 0), (100, 10)), date(2027, 1, 15)) == []


def test_a_running_period_is_not_yet_missed():
    results = _results((100, 60), (100, 10))
    assert c.windows(RIGHT, results, date(2026, 9, 30)) == []  # Q2 still running
    assert len(c.windows(RIGHT, results, date(2026, 10, 1))) == 1


def test_a_third_missed_quarter_opens_a_new_window():
    results = _results((100, 0), (100, 0), (100, 0))
    found = c.windows(RIGHT, results, date(2027, 1, 10))
    assert [w.opens for w in found] == [date(2026, 10, 1), date(2027, 1, 1)]
    assert c.open_window(RIGHT, results, date(2027, 1, 10)).opens == date(2027, 1, 1)


def test_periods_must_follow_each_other():
    gap = [c.Result(Period(2026, QUARTER, 1), 100, 0), c.Result(Period(2026, QUARTER, 3), 100, 0)]
    assert c.windows(RIGHT, gap, date(2027, 2, 1)) == []


# --- the continuous-contract caution -------------------------------------------------


def test_caution_for_a_long_relationship_with_short_notice():
    today = date(2026, 12, 7)
    long_ = c.continuity_caution(
        date(2008, 4, 1), today, renewals=0, auto_renew=False, notice_months=4
    )
    assert long_ is not None and long_.years == 18.7
    assert c.continuity_caution(
        date(2025, 4, 1), today, renewals=2, auto_renew=False, notice_months=3
    )
    assert c.continuity_caution(
        date(2023, 4, 1), today, renewals=0, auto_renew=True, notice_months=3
    )
    assert not c.continuity_caution(
        date(2008, 4, 1), today, renewals=5, auto_renew=True, notice_months=12
    )
    assert not c.continuity_caution(
        date(2024, 4, 1), today, renewals=1, auto_renew=False, notice_months=3
    )


# --- before and after training ---------------------------------------------------------


def test_equal_windows_around_a_training():
    w = perf.windows(date(2026, 6, 1), 3, date(2026, 12, 7))
    assert w.complete
    assert w.after == perf.Span(date(2026, 6, 2), date(2026, 9, 1))
    assert w.before.days == w.after.days == 92
    assert w.before.end == date(2026, 5, 31)


def test_an_unfinished_after_window_cuts_the_before_window_to_match():
    w = perf.windows(date(2026, 11, 1), 3, date(2026, 12, 7))
    assert not w.complete
    assert w.after == perf.Span(date(2026, 11, 2), date(2026, 12, 6))
    assert w.before == perf.Span(date(2026, 9, 27), date(2026, 10, 31))
    assert perf.windows(date(2026, 12, 7), 3, date(2026, 12, 7)) is None


def test_before_after_counts_and_change():
    w = perf.windows(date(2026, 6, 1), 2, date(2026, 12, 7))
    acts = [date(2026, 5, 1), date(2026, 6, 1), date(2026, 6, 10), date(2026, 7, 1)]
    moves = [date(2026, 7, 20)]
    wins = [(date(2026, 4, 20), 1_000_000), (date(2026, 7, 30), 3_000_000)]
    before = perf.count(w.before, acts, moves, wins)
    after = perf.count(w.after, acts, moves, wins)
    assert before == perf.Numbers(activities=1, advanced=0, won=1, won_amount=1_000_000)
    assert after == perf.Numbers(activities=2, advanced=1, won=1, won_amount=3_000_000)
    comp = perf.Comparison(before, after)
    assert comp.change("won_amount") == 2_000_000 and comp.percent("won_amount") == 200
    assert comp.percent("advanced") is None  # from nothing: no percentage
    assert before + after == perf.Numbers(3, 1, 2, 4_000_000)


# --- value, not discount ----------------------------------------------------------------


def test_value_share_counts_each_deal_once():
    requests = [
        (1, "none", "discount_given"),
        (1, "introduction", "value_accepted"),
        (2, "none", "pending"),
        (9, "service", "value_accepted"),  # not this partner's deal
    ]
    share = perf.value_share([1, 2, 3, 4], requests)
    assert (share.deals, share.asked, share.value_offered, share.value_accepted) == (4, 2, 1, 1)
    assert share.asked_percent == 50 and share.value_percent == 50
    assert perf.value_share([], requests).asked_percent is None
    by = perf.value_share_by({1: "Q1", 2: "Q2", 3: "Q2"}, requests)
    assert by["Q1"].value_offered == 1 and by["Q2"].asked == 1 and by["Q2"].deals == 2


# --- idling -------------------------------------------------------------------------


def _between(cal):
    return lambda a, b: cal.count_business_days(a + timedelta(days=1), b)


def test_idle_after_n_business_days_without_activity():
    cal = BusinessCalendar()
    between = _between(cal)
    today = date(2026, 12, 7)  # a Monday
    kw = dict(today=today, threshold=10, business_days_between=between, has_open_deals=False)
    busy = perf.idling(holds_work=True, last_activity=date(2026, 11, 30), last_move=None, **kw)
    assert busy is None
    quiet = perf.idling(holds_work=True, last_activity=date(2026, 11, 20), last_move=None, **kw)
    assert quiet is not None and quiet.business_days == 10  # 11/23 勤労感謝の日 excluded
    never = perf.idling(holds_work=True, last_activity=None, last_move=None, **kw)
    assert never is not None and never.since is None
    assert perf.idling(holds_work=False, last_activity=None, last_move=None, **kw) is None


def test_a_pipeline_that_does_not_move_is_idling_even_with_visits():
    cal = BusinessCalendar()
    today = date(2026, 12, 7)
    found = perf.idling(
        holds_work=True,
        last_activity=date(2026, 12, 4),
        last_move=date(2026, 10, 1),
        has_open_deals=True,
        today=today,
        threshold=20,
        business_days_between=_between(cal),
    )
    assert found is not None and found.stalled_pipeline
