"""The moments CI travels the suite to, counted from the real date so that every
run tries the next ones users will live through:

- a day inside the year-end closure (12/30),
- the first business day after it,
- a day in Golden Week (5/4, みどりの日), early morning: the Tokyo date is a day
  ahead of UTC then, which catches a date taken in the wrong zone,
- 29 February of the next leap year.

Prints one ISO local time (Asia/Tokyo) a line.
"""

import calendar
import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eigyo.lib.business_days import BusinessCalendar  # noqa: E402  (pure: no Django)


def upcoming(today: dt.date, month: int, day: int) -> dt.date:
    year = today.year
    while True:
        if month != 2 or day != 29 or calendar.isleap(year):
            candidate = dt.date(year, month, day)
            if candidate >= today:
                return candidate
        year += 1


def moments(today: dt.date) -> list[str]:
    year_end = upcoming(today, 12, 30)
    first = BusinessCalendar().next_business_day(year_end)
    golden_week = upcoming(today, 5, 4)
    leap_day = upcoming(today, 2, 29)
    return [
        f"{year_end}T10:00",
        f"{first}T09:00",
        f"{golden_week}T07:30",
        f"{leap_day}T16:00",
    ]


if __name__ == "__main__":
    # The real date is what this script is about: CI picks where to travel from it.
    print("\n".join(moments(dt.datetime.now(ZoneInfo("Asia/Tokyo")).date())))
