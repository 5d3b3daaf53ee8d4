"""calendar_for: the organisation's closure options and closures, the user's days off."""

import datetime as dt

import pytest

from eigyo.worktime import services
from eigyo.worktime.calendars import calendar_for
from eigyo.worktime.models import WorkCalendar

FOUNDING = dt.date(2026, 12, 8)  # a Tuesday
LEAVE = dt.date(2026, 12, 9)


@pytest.mark.django_db
def test_closures_are_everyones_days_off_are_personal(actors):
    services.set_closure(by=actors.admin, date=FOUNDING, name="創立記念日")
    services.set_day_off(by=actors.rep1, date=LEAVE, note="有給")
    services.set_day_off(by=actors.rep1, date=FOUNDING, note="")  # both on one day
    rep1, rep2 = calendar_for(actors.org, actors.rep1), calendar_for(actors.org, actors.rep2)
    assert not rep1.is_business_day(FOUNDING) and not rep2.is_business_day(FOUNDING)
    assert not rep1.is_business_day(LEAVE) and rep2.is_business_day(LEAVE)
    assert calendar_for(actors.org).is_business_day(LEAVE)  # no user: the organisation's
    assert calendar_for(actors.other_org).is_business_day(FOUNDING)


@pytest.mark.django_db
def test_closure_options(actors):
    obon = dt.date(2027, 8, 13)  # a Friday
    assert calendar_for(actors.org).is_business_day(obon)
    options = WorkCalendar.for_org(actors.org)
    options.closed_obon = True
    services.save_closure_options(by=actors.admin, options=options)
    assert not calendar_for(actors.org).is_business_day(obon)
    assert not calendar_for(actors.org).is_business_day(dt.date(2026, 12, 30))  # 年末年始


@pytest.mark.django_db
def test_one_query_for_closures_and_days_off(actors, django_assert_num_queries):
    WorkCalendar.for_org(actors.org)
    with django_assert_num_queries(2):  # the options, then closures and days off together
        calendar_for(actors.org, actors.rep1)


@pytest.mark.django_db
def test_why_a_date_is_not_a_business_day(actors):
    from django.utils import translation

    from eigyo.worktime.calendars import date_warnings, why_closed

    services.set_day_off(by=actors.rep1, date=LEAVE)
    cal = calendar_for(actors.org, actors.rep1)
    with translation.override("ja"):
        assert why_closed(cal, dt.date(2026, 12, 5)) == "土曜日"
        assert why_closed(cal, dt.date(2027, 1, 1)) == "元日"
        assert why_closed(cal, dt.date(2026, 12, 30)) == "年末年始の休業"
        assert why_closed(cal, LEAVE) == "休暇"
        assert why_closed(cal, dt.date(2026, 12, 7)) is None
        (warning,) = date_warnings(actors.org, actors.rep1, {"完了予定": dt.date(2026, 12, 26)})
        assert warning == (
            "完了予定 2026年12月26日(土) は営業日ではありません（土曜日）。"
            "次の営業日は 2026年12月28日(月) です。"
        )
        assert date_warnings(actors.org, actors.rep1, {"x": dt.date(2026, 12, 7), "y": None}) == []
