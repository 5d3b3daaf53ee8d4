"""Marketing's leads, as rules (pure): the follow-up deadline in business hours over
Japanese business days, the time to first touch, and the fixed rejection reasons.

Business hours run 09:00–18:00 on business days (weekends, holidays, 年末年始 and the
organisation's closures are not). A lead that arrives after hours starts the next
business morning.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

DAY_START, DAY_END = dt.time(9), dt.time(18)
HOURS_A_DAY = 9

# Hours sales has, per source, to first touch a lead (a web form is hot; a card from
# an exhibition can wait two business days).
DEADLINE_HOURS = {
    "web_form": 4,
    "inbound_call": 2,
    "seminar": 18,
    "exhibition": 18,
    "referral": 9,
    "other": 18,
}
REJECTION_REASONS = (
    ("duplicate", "重複"),
    ("bad_contact", "連絡先不備"),
    ("wrong_industry", "対象外業種"),
    ("wrong_size", "規模不一致"),
    ("competitor", "競合・代理店"),
    ("individual", "個人・学生"),
    ("too_early", "時期尚早"),
    ("existing_client", "既存顧客"),
)
FREE_MAIL = {
    "gmail.com",
    "yahoo.co.jp",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "outlook.jp",
    "icloud.com",
    "me.com",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "au.com",
    "softbank.ne.jp",
    "i.softbank.jp",
    "nifty.com",
    "biglobe.ne.jp",
    "live.jp",
    "msn.com",
}


class Calendar(Protocol):
    def is_business_day(self, d: dt.date) -> bool: ...


def _next_opening(t: dt.datetime, calendar: Calendar) -> dt.datetime:
    """`t` if within business hours, else the next business morning."""
    day = t.date()
    if calendar.is_business_day(day) and t.time() < DAY_END:
        return max(t, t.replace(hour=DAY_START.hour, minute=0, second=0, microsecond=0))
    day += dt.timedelta(days=1)
    while not calendar.is_business_day(day):
        day += dt.timedelta(days=1)
    return t.replace(
        year=day.year,
        month=day.month,
        day=day.day,
        hour=DAY_START.hour,
        minute=0,
        second=0,
        microsecond=0,
    )


def deadline(arrived: dt.datetime, hours: float, calendar: Calendar) -> dt.datetime:
    """`hours` business hours after `arrived` (aware or naive, local time)."""
    left = dt.timedelta(hours=hours)
    t = _next_opening(arrived, calendar)
    while True:
        close = t.replace(hour=DAY_END.hour, minute=0, second=0, microsecond=0)
        if t + left <= close:
            return t + left
        left -= close - t
        t = _next_opening(close, calendar)


def business_hours_between(start: dt.datetime, end: dt.datetime, calendar: Calendar) -> float:
    """Business hours from `start` to `end` (0 when end is not after start)."""
    if end <= start:
        return 0.0
    total = dt.timedelta()
    t = _next_opening(start, calendar)
    while t < end:
        close = t.replace(hour=DAY_END.hour, minute=0, second=0, microsecond=0)
        total += min(close, end) - t
        t = _next_opening(close, calendar)
    return total.total_seconds() / 3600


def mail_domain(email: str) -> str:
    """The company part of an e-mail address ('' for free mail and malformed ones)."""
    domain = email.rpartition("@")[2].strip().lower()
    return "" if not domain or "." not in domain or domain in FREE_MAIL else domain
