"""Japanese business days (営業日): weekends, national holidays and company closures.

Pure module (stdlib and the ``holidays`` package only, no Django) so that the agenda,
the plan and milestone reminders can share one definition of "a working day".

A day is a business day when it is a weekday (Mon–Fri), not a national holiday
(祝日, including 振替休日 substitute holidays and 国民の休日 sandwiched days), not a
closure of the organisation (年末年始, optionally お盆 and Golden Week bridges, plus
any listed days) and not one of the user's own days off.

National holidays come from ``holidays.country_holidays("JP")``, which covers
1949–2099; outside that range it silently knows no holidays, so only weekends,
closures and days off count there.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import holidays

__all__ = [
    "DEFAULT",
    "DEFAULT_RULES",
    "MAX_SCAN_DAYS",
    "BusinessCalendar",
    "ClosureRules",
]

# No real calendar has a year without a working day, so a longer search means the
# rules or days off are wrong; failing loudly beats an endless loop in the agenda.
MAX_SCAN_DAYS = 366

_ONE_DAY = timedelta(days=1)


@cache
def _national_holidays(year: int) -> dict[date, str]:
    """{date: Japanese name} of the national holidays in one year, built once per year.

    The language is explicit: left to itself the package guesses from the locale,
    and the common container locale C.UTF-8 is mapped to en_US by Python's gettext.
    """
    jp = holidays.country_holidays("JP", years=year, language="ja")
    # A plain dict: the package object grows itself (expand=True) when asked about
    # other years, which would make the cache depend on the order of look-ups.
    return {d: name for d, name in jp.items() if d.year == year}


def _day(d: date) -> date:
    """d as a plain date: a datetime neither hashes nor compares equal to its date."""
    return d.date() if isinstance(d, datetime) else d


@dataclass(frozen=True)
class ClosureRules:
    """Days an organisation is closed on top of weekends and national holidays.

    - ``year_end``: 年末年始, 12/29–1/3 inclusive (on by default: nearly universal).
    - ``obon``: お盆, 8/13–8/16 inclusive.
    - ``golden_week_bridges``: the weekdays from 4/29 to 5/5 that are not national
      holidays (e.g. 2026-04-30 and 2026-05-01), so Golden Week becomes one block.
    - ``extra_closures``: organisation-specific days (創立記念日, office moves …).
    """

    year_end: bool = True
    obon: bool = False
    golden_week_bridges: bool = False
    extra_closures: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        # Accept any iterable (a list from a form, a set) but keep the rules hashable
        # and immutable, as a frozen dataclass promises.
        days = frozenset(_day(d) for d in self.extra_closures)
        object.__setattr__(self, "extra_closures", days)


DEFAULT_RULES = ClosureRules()


class BusinessCalendar:
    """Business-day arithmetic for one organisation's rules and one user's days off.

    Cheap to create; national holidays are cached per year for the whole process,
    because building an agenda asks about thousands of days.
    """

    def __init__(self, rules: ClosureRules = DEFAULT_RULES, days_off: Iterable[date] = ()) -> None:
        self.rules = rules
        self.days_off: frozenset[date] = frozenset(_day(d) for d in days_off)

    def __repr__(self) -> str:
        return f"BusinessCalendar(rules={self.rules!r}, days_off={len(self.days_off)} days)"

    # --- what kind of day ---------------------------------------------------------

    def is_holiday(self, d: date) -> bool:
        """True on a national holiday, including 振替休日 and 国民の休日."""
        d = _day(d)
        return d in _national_holidays(d.year)

    def holiday_name(self, d: date) -> str | None:
        """The Japanese name of the national holiday on d ("元日", "振替休日" …), else None."""
        d = _day(d)
        return _national_holidays(d.year).get(d)

    def is_closure(self, d: date) -> bool:
        """True when the organisation's closure rules close d (weekends aside)."""
        d = _day(d)
        rules = self.rules
        month, day = d.month, d.day
        if rules.year_end and ((month == 12 and day >= 29) or (month == 1 and day <= 3)):
            return True
        if rules.obon and month == 8 and 13 <= day <= 16:
            return True
        if (
            rules.golden_week_bridges
            and ((month == 4 and day >= 29) or (month == 5 and day <= 5))
            and d.weekday() < 5
            and not self.is_holiday(d)
        ):
            return True
        return d in rules.extra_closures

    def is_business_day(self, d: date) -> bool:
        """True on a weekday that is no holiday, no closure and not one of the user's days off."""
        d = _day(d)
        # Cheapest tests first: this runs in the agenda's inner loops.
        if d.weekday() >= 5 or d in self.days_off:
            return False
        return not (self.is_holiday(d) or self.is_closure(d))

    # --- moving between business days -----------------------------------------------

    def _scan(self, d: date, step: timedelta) -> date:
        """The first business day from d (inclusive) in the direction of step."""
        current = d
        for _ in range(MAX_SCAN_DAYS):
            if self.is_business_day(current):
                return current
            try:
                current += step
            except OverflowError:
                break
        raise ValueError(
            f"no business day within {MAX_SCAN_DAYS} days of {d.isoformat()}: "
            "check the closures and days off"
        )

    def next_business_day(self, d: date, *, include_today: bool = True) -> date:
        """The first business day on or after d (strictly after d if include_today=False)."""
        d = _day(d)
        return self._scan(d if include_today else d + _ONE_DAY, _ONE_DAY)

    def previous_business_day(self, d: date, *, include_today: bool = True) -> date:
        """The last business day on or before d (strictly before d if include_today=False)."""
        d = _day(d)
        return self._scan(d if include_today else d - _ONE_DAY, -_ONE_DAY)

    def add_business_days(self, d: date, n: int) -> date:
        """n business days from d, after first rolling d forward to a business day.

        n=0 is next_business_day(d); for a business day d, n=1 is the next one. For a
        negative n the result is the |n|-th business day strictly before d, so "one
        business day before a Sunday deadline" is the Friday. Same convention as
        numpy.busday_offset(roll="forward").
        """
        current = self.next_business_day(d)
        for _ in range(abs(n)):
            if n > 0:
                current = self.next_business_day(current, include_today=False)
            else:
                current = self.previous_business_day(current, include_today=False)
        return current

    # --- ranges ------------------------------------------------------------------------

    def business_days(self, start: date, end: date) -> list[date]:
        """The business days from start to end, both inclusive, in order ([] if end < start)."""
        start, end = _day(start), _day(end)
        days: list[date] = []
        current = start
        while current <= end:
            if self.is_business_day(current):
                days.append(current)
            if current == end:  # stepping past date.max would overflow
                break
            current += _ONE_DAY
        return days

    def count_business_days(self, start: date, end: date) -> int:
        """How many business days from start to end, both inclusive (0 if end < start)."""
        return len(self.business_days(start, end))

    def business_days_from(self, d: date, n: int) -> list[date]:
        """The next n business days, starting with d itself if it is one."""
        if n < 0:
            raise ValueError("n must not be negative")
        days: list[date] = []
        if n == 0:
            return days
        current = self.next_business_day(d)
        days.append(current)
        while len(days) < n:
            current = self.next_business_day(current, include_today=False)
            days.append(current)
        return days

    def remaining_business_days_in_month(self, d: date) -> int:
        """Business days left in d's month, counting d itself if it is one."""
        d = _day(d)
        last = d.replace(day=calendar.monthrange(d.year, d.month)[1])
        return self.count_business_days(d, last)


DEFAULT = BusinessCalendar()
