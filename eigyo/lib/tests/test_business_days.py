"""Pure tests for eigyo.lib.business_days (no database).

Every date below was checked twice: against the holidays package and against the
Cabinet Office list of national holidays (内閣府「国民の祝日について」). Equinox days
after 2027 are not yet officially announced; the package computes them astronomically.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eigyo.lib.business_days import DEFAULT, MAX_SCAN_DAYS, BusinessCalendar, ClosureRules

NO_CLOSURES = BusinessCalendar(ClosureRules(year_end=False))
ALL_OPTIONS = BusinessCalendar(ClosureRules(obon=True, golden_week_bridges=True))
FIRST_YEAR, LAST_YEAR = 2019, 2030


def every_day(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def weekdays_in(year: int) -> int:
    return sum(1 for d in every_day(date(year, 1, 1), date(year, 12, 31)) if d.weekday() < 5)


# Written out by hand from the Cabinet Office lists, not copied from the package.
KNOWN_HOLIDAYS: dict[int, list[tuple[int, int]]] = {
    2019: [
        (1, 1),
        (1, 14),
        (2, 11),
        (3, 21),
        (4, 29),
        (4, 30),
        (5, 1),
        (5, 2),
        (5, 3),
        (5, 4),
        (5, 5),
        (5, 6),
        (7, 15),
        (8, 11),
        (8, 12),
        (9, 16),
        (9, 23),
        (10, 14),
        (10, 22),
        (11, 3),
        (11, 4),
        (11, 23),
    ],
    2020: [
        (1, 1),
        (1, 13),
        (2, 11),
        (2, 23),
        (2, 24),
        (3, 20),
        (4, 29),
        (5, 3),
        (5, 4),
        (5, 5),
        (5, 6),
        (7, 23),
        (7, 24),
        (8, 10),
        (9, 21),
        (9, 22),
        (11, 3),
        (11, 23),
    ],
    2021: [
        (1, 1),
        (1, 11),
        (2, 11),
        (2, 23),
        (3, 20),
        (4, 29),
        (5, 3),
        (5, 4),
        (5, 5),
        (7, 22),
        (7, 23),
        (8, 8),
        (8, 9),
        (9, 20),
        (9, 23),
        (11, 3),
        (11, 23),
    ],
    2024: [
        (1, 1),
        (1, 8),
        (2, 11),
        (2, 12),
        (2, 23),
        (3, 20),
        (4, 29),
        (5, 3),
        (5, 4),
        (5, 5),
        (5, 6),
        (7, 15),
        (8, 11),
        (8, 12),
        (9, 16),
        (9, 22),
        (9, 23),
        (10, 14),
        (11, 3),
        (11, 4),
        (11, 23),
    ],
    2026: [
        (1, 1),
        (1, 12),
        (2, 11),
        (2, 23),
        (3, 20),
        (4, 29),
        (5, 3),
        (5, 4),
        (5, 5),
        (5, 6),
        (7, 20),
        (8, 11),
        (9, 21),
        (9, 22),
        (9, 23),
        (10, 12),
        (11, 3),
        (11, 23),
    ],
}


# --- national holidays -----------------------------------------------------------------


@pytest.mark.parametrize("year", sorted(KNOWN_HOLIDAYS))
def test_holidays_of_a_year_match_the_official_list(year: int) -> None:
    found = [d for d in every_day(date(year, 1, 1), date(year, 12, 31)) if DEFAULT.is_holiday(d)]
    assert found == [date(year, m, d) for m, d in KNOWN_HOLIDAYS[year]]


def test_no_national_holiday_2019_to_2030_is_a_business_day() -> None:
    jp = holidays.country_holidays("JP", years=range(FIRST_YEAR, LAST_YEAR + 1))
    assert len(jp) > 12 * 15
    for d in jp:
        assert DEFAULT.is_holiday(d)
        assert not DEFAULT.is_business_day(d)
        assert not NO_CLOSURES.is_business_day(d)
    # and nothing else is a holiday
    span = every_day(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))
    assert {d for d in span if DEFAULT.is_holiday(d)} == set(jp)


# Verified by hand: weekdays in the year minus the holidays falling on a weekday
# (2019: 261 - 17, 2020: 262 - 16, 2024: 262 - 14, 2026: 261 - 17); the default
# closure then removes the weekdays among 1/2, 1/3, 12/29, 12/30, 12/31.
@pytest.mark.parametrize(
    ("year", "without_closures", "default"),
    [(2019, 244, 240), (2020, 246, 241), (2024, 248, 244), (2026, 244, 240)],
)
def test_business_days_per_year_exact(year: int, without_closures: int, default: int) -> None:
    start, end = date(year, 1, 1), date(year, 12, 31)
    assert NO_CLOSURES.count_business_days(start, end) == without_closures
    assert DEFAULT.count_business_days(start, end) == default


def test_business_days_per_year_plausible_and_consistent() -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        start, end = date(year, 1, 1), date(year, 12, 31)
        weekday_holidays = sum(
            1 for d in every_day(start, end) if d.weekday() < 5 and DEFAULT.is_holiday(d)
        )
        assert 13 <= weekday_holidays <= 17
        assert NO_CLOSURES.count_business_days(start, end) == weekdays_in(year) - weekday_holidays
        assert 240 <= DEFAULT.count_business_days(start, end) <= 245
        assert 235 <= ALL_OPTIONS.count_business_days(start, end) <= 240


@pytest.mark.parametrize(
    "d",
    [
        date(2019, 5, 6),
        date(2020, 5, 6),
        date(2023, 1, 2),
        date(2024, 2, 12),
        date(2024, 5, 6),
        date(2025, 2, 24),
        date(2026, 5, 6),
    ],
)
def test_substitute_holidays(d: date) -> None:
    assert d.weekday() < 5
    assert DEFAULT.holiday_name(d) == "振替休日"
    assert not NO_CLOSURES.is_business_day(d)


def test_2019_enthronement() -> None:
    assert DEFAULT.holiday_name(date(2019, 4, 30)) == "国民の休日"
    assert DEFAULT.holiday_name(date(2019, 5, 1)) == "天皇の即位の日"
    assert DEFAULT.holiday_name(date(2019, 5, 2)) == "国民の休日"
    # The package says "…の儀が行われる日"; the law says "…の儀の行われる日".
    assert "即位礼正殿の儀" in (DEFAULT.holiday_name(date(2019, 10, 22)) or "")
    # ten days off in a row: Sat 4/27 to Mon 5/6
    gw = every_day(date(2019, 4, 27), date(2019, 5, 6))
    assert not any(DEFAULT.is_business_day(d) for d in gw)
    assert DEFAULT.next_business_day(date(2019, 4, 27)) == date(2019, 5, 7)


def test_no_emperors_birthday_in_2019() -> None:
    # 平成's 12/23 ended with the abdication and 令和's 2/23 starts in 2020.
    assert DEFAULT.is_business_day(date(2019, 12, 23))
    assert DEFAULT.holiday_name(date(2020, 2, 23)) == "天皇誕生日"


def test_holidays_moved_for_the_olympics() -> None:
    assert DEFAULT.holiday_name(date(2020, 7, 23)) == "海の日"
    assert DEFAULT.holiday_name(date(2020, 7, 24)) == "スポーツの日"
    assert DEFAULT.holiday_name(date(2020, 8, 10)) == "山の日"
    for ordinary in [date(2020, 7, 20), date(2020, 8, 11), date(2020, 10, 12)]:
        assert DEFAULT.is_business_day(ordinary)
    assert DEFAULT.holiday_name(date(2021, 7, 22)) == "海の日"
    assert DEFAULT.holiday_name(date(2021, 7, 23)) == "スポーツの日"
    assert DEFAULT.holiday_name(date(2021, 8, 8)) == "山の日"
    assert DEFAULT.holiday_name(date(2021, 8, 9)) == "振替休日"
    for ordinary in [date(2021, 7, 19), date(2021, 8, 11), date(2021, 10, 11)]:
        assert DEFAULT.is_business_day(ordinary)


def test_citizens_holiday_between_two_holidays() -> None:
    # 敬老の日 Mon 9/21 and 秋分の日 Wed 9/23 make Tue 9/22 a holiday.
    assert DEFAULT.holiday_name(date(2026, 9, 22)) == "国民の休日"
    assert DEFAULT.next_business_day(date(2026, 9, 19)) == date(2026, 9, 24)


def test_names_are_japanese_whatever_the_locale() -> None:
    # Under LANG=C.UTF-8 the package alone would answer "New Year's Day".
    assert DEFAULT.holiday_name(date(2026, 1, 1)) == "元日"
    assert DEFAULT.holiday_name(date(2026, 1, 12)) == "成人の日"
    assert DEFAULT.holiday_name(date(2026, 1, 2)) is None
    assert DEFAULT.holiday_name(date(2026, 1, 3)) is None


def test_datetimes_count_as_their_date() -> None:
    assert DEFAULT.is_holiday(datetime(2026, 1, 1, 9, 30))
    assert not DEFAULT.is_business_day(datetime(2026, 5, 6, 9, 30))
    assert DEFAULT.next_business_day(datetime(2026, 5, 2, 18, 0)) == date(2026, 5, 7)


# --- closures ----------------------------------------------------------------------------


def test_year_end_closure_by_default() -> None:
    for d in every_day(date(2026, 12, 29), date(2027, 1, 3)):
        assert DEFAULT.is_closure(d)
        assert not DEFAULT.is_business_day(d)
    assert DEFAULT.is_business_day(date(2026, 12, 28))
    assert DEFAULT.is_business_day(date(2027, 1, 4))
    # 2025-01-02 and 01-03 are a Thursday and a Friday, closed only by the rule
    assert not DEFAULT.is_business_day(date(2025, 1, 2))
    assert not DEFAULT.is_business_day(date(2025, 1, 3))


def test_year_end_can_be_switched_off() -> None:
    for d in [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2025, 1, 3)]:
        assert not NO_CLOSURES.is_closure(d)
        assert NO_CLOSURES.is_business_day(d)
    assert not NO_CLOSURES.is_business_day(date(2027, 1, 1))  # 元日 stays a holiday
    assert NO_CLOSURES.add_business_days(date(2026, 12, 28), 1) == date(2026, 12, 29)


def test_obon_option() -> None:
    obon = BusinessCalendar(ClosureRules(obon=True))
    # 2026: 8/11 山の日 (Tue), 8/13 Thu – 8/16 Sun
    assert DEFAULT.is_business_day(date(2026, 8, 13))
    assert DEFAULT.is_business_day(date(2026, 8, 14))
    assert not obon.is_business_day(date(2026, 8, 13))
    assert not obon.is_business_day(date(2026, 8, 14))
    assert all(obon.is_closure(d) for d in every_day(date(2026, 8, 13), date(2026, 8, 16)))
    assert not obon.is_closure(date(2026, 8, 12))
    assert not obon.is_closure(date(2026, 8, 17))
    assert obon.next_business_day(date(2026, 8, 13)) == date(2026, 8, 17)


def test_golden_week_bridges_option() -> None:
    gw = BusinessCalendar(ClosureRules(golden_week_bridges=True))
    for bridge in [date(2026, 4, 30), date(2026, 5, 1)]:
        assert DEFAULT.is_business_day(bridge)
        assert gw.is_closure(bridge)
        assert not gw.is_business_day(bridge)
    # 5/6 is a substitute holiday either way; 5/7 is open either way
    assert not DEFAULT.is_business_day(date(2026, 5, 6))
    assert gw.is_business_day(date(2026, 5, 7))
    assert gw.next_business_day(date(2026, 4, 29)) == date(2026, 5, 7)
    assert DEFAULT.next_business_day(date(2026, 4, 29)) == date(2026, 4, 30)
    # the rule closes weekdays only, and never beyond 4/29–5/5
    assert not gw.is_closure(date(2026, 5, 2))
    assert not gw.is_closure(date(2026, 4, 28))
    assert not gw.is_closure(date(2026, 5, 7))
    # 2025: 4/29 Tue and 5/5 Mon are holidays, so Wed 4/30 to Fri 5/2 are the bridges
    assert [d for d in every_day(date(2025, 4, 29), date(2025, 5, 5)) if gw.is_closure(d)] == [
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
    ]


def test_extra_closures() -> None:
    founding_day = date(2026, 6, 1)  # a Monday
    cal = BusinessCalendar(ClosureRules(extra_closures=frozenset({founding_day})))
    assert cal.is_closure(founding_day)
    assert cal.next_business_day(date(2026, 5, 30)) == date(2026, 6, 2)
    # any iterable is accepted and frozen, so the rules stay hashable
    rules = ClosureRules(extra_closures=[founding_day])  # type: ignore[arg-type]
    assert rules.extra_closures == frozenset({founding_day})
    assert hash(rules) == hash(ClosureRules(extra_closures=frozenset({founding_day})))


def test_per_user_days_off() -> None:
    tuesday = date(2026, 6, 2)
    cal = BusinessCalendar(days_off=[tuesday])
    assert not cal.is_business_day(tuesday)
    assert not cal.is_closure(tuesday)  # a day off is the user's, not the company's
    assert DEFAULT.is_business_day(tuesday)
    assert cal.add_business_days(date(2026, 6, 1), 1) == date(2026, 6, 3)
    assert cal.count_business_days(date(2026, 6, 1), date(2026, 6, 5)) == 4


# --- moving and counting -----------------------------------------------------------------


def test_next_and_previous_across_year_end() -> None:
    assert DEFAULT.next_business_day(date(2026, 12, 28)) == date(2026, 12, 28)
    assert DEFAULT.next_business_day(date(2026, 12, 28), include_today=False) == date(2027, 1, 4)
    assert DEFAULT.next_business_day(date(2026, 12, 30)) == date(2027, 1, 4)
    assert DEFAULT.previous_business_day(date(2027, 1, 3)) == date(2026, 12, 28)
    assert DEFAULT.previous_business_day(date(2027, 1, 4)) == date(2027, 1, 4)
    assert DEFAULT.previous_business_day(date(2027, 1, 4), include_today=False) == date(
        2026, 12, 28
    )


def test_add_business_days() -> None:
    assert DEFAULT.add_business_days(date(2026, 12, 28), 1) == date(2027, 1, 4)
    assert DEFAULT.add_business_days(date(2027, 1, 4), -1) == date(2026, 12, 28)
    assert DEFAULT.add_business_days(date(2026, 12, 28), 0) == date(2026, 12, 28)
    assert DEFAULT.add_business_days(date(2026, 12, 30), 0) == date(2027, 1, 4)
    # Fri 6/5 + 1 = Mon 6/8; a Saturday first rolls forward to Monday
    assert DEFAULT.add_business_days(date(2026, 6, 5), 1) == date(2026, 6, 8)
    assert DEFAULT.add_business_days(date(2026, 6, 6), 1) == date(2026, 6, 9)
    # one business day before a Sunday is the Friday
    assert DEFAULT.add_business_days(date(2026, 6, 7), -1) == date(2026, 6, 5)
    # through Golden Week: Tue 4/28 + 2 skips 4/29 and lands on Fri 5/1
    assert DEFAULT.add_business_days(date(2026, 4, 28), 2) == date(2026, 5, 1)
    assert DEFAULT.add_business_days(date(2026, 5, 1), 1) == date(2026, 5, 7)
    assert DEFAULT.add_business_days(date(2026, 5, 7), -2) == date(2026, 4, 30)


def test_ranges_and_counts() -> None:
    # Golden Week 2026: 4/27 Mon – 5/8 Fri
    expected = [
        date(2026, 4, 27),
        date(2026, 4, 28),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 5, 7),
        date(2026, 5, 8),
    ]
    assert DEFAULT.business_days(date(2026, 4, 27), date(2026, 5, 8)) == expected
    assert DEFAULT.count_business_days(date(2026, 4, 27), date(2026, 5, 8)) == 6
    assert DEFAULT.business_days(date(2026, 5, 2), date(2026, 5, 6)) == []
    assert DEFAULT.business_days(date(2026, 5, 8), date(2026, 4, 27)) == []
    assert DEFAULT.count_business_days(date(2026, 5, 8), date(2026, 5, 8)) == 1
    assert DEFAULT.business_days_from(date(2026, 4, 27), 6) == expected
    assert DEFAULT.business_days_from(date(2026, 5, 2), 2) == expected[4:]
    assert DEFAULT.business_days_from(date(2026, 5, 2), 0) == []
    with pytest.raises(ValueError):
        DEFAULT.business_days_from(date(2026, 5, 2), -1)


def test_remaining_business_days_in_month() -> None:
    # May 2026: 21 weekdays, of which 5/4, 5/5, 5/6 are holidays
    assert DEFAULT.remaining_business_days_in_month(date(2026, 5, 1)) == 18
    gw = BusinessCalendar(ClosureRules(golden_week_bridges=True))
    assert gw.remaining_business_days_in_month(date(2026, 5, 1)) == 17
    assert DEFAULT.remaining_business_days_in_month(date(2026, 5, 29)) == 1
    assert DEFAULT.remaining_business_days_in_month(date(2026, 5, 30)) == 0
    # December 2026: 23 weekdays, no holiday since 2019, 12/29–12/31 closed
    assert DEFAULT.remaining_business_days_in_month(date(2026, 12, 1)) == 20
    assert NO_CLOSURES.remaining_business_days_in_month(date(2026, 12, 1)) == 23
    # February of a leap year
    assert DEFAULT.remaining_business_days_in_month(date(2028, 2, 29)) == 1


def test_a_calendar_without_business_days_raises_instead_of_looping() -> None:
    start = date(2026, 1, 1)
    cal = BusinessCalendar(days_off=every_day(start, start + timedelta(days=2 * 365)))
    with pytest.raises(ValueError, match="no business day"):
        cal.next_business_day(start)
    with pytest.raises(ValueError, match="no business day"):
        cal.previous_business_day(start + timedelta(days=2 * 365))
    with pytest.raises(ValueError):
        cal.add_business_days(start, 3)
    with pytest.raises(ValueError):
        cal.business_days_from(start, 1)
    # a long but real gap (a 200-day leave) is fine
    leave = BusinessCalendar(days_off=every_day(start, start + timedelta(days=199)))
    # the leave ends Sun 7/19 and Mon 7/20 is 海の日
    assert leave.next_business_day(start) == date(2026, 7, 21)
    assert MAX_SCAN_DAYS == 366


def test_edges_of_the_date_range_do_not_overflow() -> None:
    assert NO_CLOSURES.count_business_days(date.max - timedelta(days=6), date.max) == 5
    with pytest.raises(ValueError):
        BusinessCalendar(days_off=[date.max]).next_business_day(date.max)


# --- properties --------------------------------------------------------------------------

dates = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))
calendars = st.sampled_from([DEFAULT, NO_CLOSURES, ALL_OPTIONS])


@settings(max_examples=150, deadline=None)
@given(cal=calendars, d=dates, n=st.integers(min_value=0, max_value=60))
def test_adding_lands_on_a_business_day_n_steps_on(cal: BusinessCalendar, d: date, n: int) -> None:
    result = cal.add_business_days(d, n)
    assert cal.is_business_day(result)
    assert result >= d
    assert cal.count_business_days(cal.next_business_day(d), result) == n + 1
    assert cal.add_business_days(result, -n) == cal.next_business_day(d)


@settings(max_examples=100, deadline=None)
@given(cal=calendars, d=dates, n=st.integers(min_value=1, max_value=60))
def test_subtracting_counts_back_strictly_before(cal: BusinessCalendar, d: date, n: int) -> None:
    result = cal.add_business_days(d, -n)
    assert cal.is_business_day(result)
    assert result < d
    assert cal.count_business_days(result, d - timedelta(days=1)) == n


@settings(max_examples=100, deadline=None)
@given(cal=calendars, start=dates, length=st.integers(min_value=0, max_value=90))
def test_ranges_hold_only_business_days(cal: BusinessCalendar, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    days = cal.business_days(start, end)
    assert all(cal.is_business_day(d) and start <= d <= end for d in days)
    assert days == sorted(set(days))
    assert len(days) == cal.count_business_days(start, end)
    assert days == [d for d in every_day(start, end) if cal.is_business_day(d)]
    if days:
        assert cal.business_days_from(start, len(days)) == days
        assert days[0] == cal.next_business_day(start)
        assert days[-1] == cal.previous_business_day(end)
