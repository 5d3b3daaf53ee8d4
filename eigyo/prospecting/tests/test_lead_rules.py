"""Lead deadlines in business hours over Japanese business days (pure)."""

import datetime as dt

import pytest

from eigyo.lib.business_days import BusinessCalendar
from eigyo.prospecting.domain import leads as rules

CAL = BusinessCalendar()


def at(y, m, d, h=0, mi=0):
    return dt.datetime(y, m, d, h, mi)


@pytest.mark.parametrize(
    "arrived,hours,due",
    [
        (at(2026, 12, 7, 10), 4, at(2026, 12, 7, 14)),  # Monday morning, same day
        (at(2026, 12, 7, 16), 4, at(2026, 12, 8, 11)),  # two hours today, two tomorrow
        (at(2026, 12, 7, 20), 2, at(2026, 12, 8, 11)),  # after hours: from 09:00 next day
        (at(2026, 12, 4, 17), 4, at(2026, 12, 7, 12)),  # Friday → Monday
        (at(2026, 12, 28, 15), 18, at(2027, 1, 5, 15)),  # 年末年始: 12/29–1/3 closed
        (at(2026, 9, 18, 12), 9, at(2026, 9, 24, 12)),  # シルバーウィーク 9/21–23 holidays
        (at(2026, 12, 5, 11), 9, at(2026, 12, 7, 18)),  # Saturday: a whole Monday
        (at(2026, 12, 7, 7), 9, at(2026, 12, 7, 18)),  # early: the day starts at 09:00
    ],
)
def test_deadline_in_business_hours(arrived, hours, due):
    assert rules.deadline(arrived, hours, CAL) == due


def test_business_hours_between_skips_nights_weekends_and_holidays():
    assert rules.business_hours_between(at(2026, 12, 7, 10), at(2026, 12, 7, 13), CAL) == 3
    assert rules.business_hours_between(at(2026, 12, 4, 17), at(2026, 12, 7, 10), CAL) == 2
    assert rules.business_hours_between(at(2026, 12, 28, 17), at(2027, 1, 4, 10), CAL) == 2
    assert rules.business_hours_between(at(2026, 12, 7, 13), at(2026, 12, 7, 10), CAL) == 0
    # consistent with the deadline
    start = at(2026, 12, 25, 15, 30)
    assert rules.business_hours_between(
        start, rules.deadline(start, 13, CAL), CAL
    ) == pytest.approx(13)


def test_mail_domain_ignores_free_mail():
    assert rules.mail_domain("Taro@ABC-Shoji.co.jp") == "abc-shoji.co.jp"
    assert rules.mail_domain("taro@gmail.com") == "" and rules.mail_domain("nobody") == ""
