"""Organisation cadence settings (admin), with the business calendar's closures on the same page."""

import datetime as dt

import pytest
from django.urls import reverse

from eigyo.portfolio.models import PortfolioSettings
from eigyo.worktime.models import Closure, WorkCalendar

FIELDS = {
    "willing_days": 30,
    "possible_days": 14,
    "probable_days": 7,
    "client_days": 30,
    "nurture_days": 90,
    "daily_capacity": 3,
    "monthly_approaches": 50,
    "monthly_contacts_min": 60,
    "monthly_contacts_max": 70,
    "maturing_min": 20,
    "maturing_max": 30,
    "maturing_limit": 50,
    "winnow_after_days": 90,
    "remind_before_days": 1,
    "escalate_after_days": 2,
    "closed_year_end": "on",
}


def form(**changes):
    data = {f"s-{k}": v for k, v in {**FIELDS, **changes}.items()}
    return data


@pytest.mark.django_db
def test_admin_changes_cadence_and_closures(actors, login):
    web = login(actors.admin)
    assert web.post(reverse("portfolio:settings"), form(possible_days=10, closed_obon="on"))[
        "Location"
    ] == reverse("portfolio:settings")
    assert PortfolioSettings.for_org(actors.org).possible_days == 10
    assert WorkCalendar.for_org(actors.org).closed_obon
    web.post(reverse("portfolio:settings"), {"c-date": "2026-12-25", "c-note": "創立記念日"})
    assert Closure.objects.get(org=actors.org).date == dt.date(2026, 12, 25)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes,field",
    [
        ({"monthly_contacts_min": 80}, "monthly_contacts_max"),
        ({"maturing_max": 60}, "maturing_limit"),
        ({"possible_days": 0}, "possible_days"),
        ({"daily_capacity": "abc"}, "daily_capacity"),
    ],
)
def test_bad_settings_are_refused(actors, login, changes, field):
    response = login(actors.admin).post(reverse("portfolio:settings"), form(**changes))
    assert response.status_code == 422 and field in response.context["form"].errors
    assert PortfolioSettings.for_org(actors.org).possible_days == 14


@pytest.mark.django_db
def test_only_admins_change_settings(actors, login):
    for who in (actors.manager, actors.rep1, actors.partner_user, actors.marketing):
        assert login(who).get(reverse("portfolio:settings")).status_code == 403
        assert login(who).post(reverse("portfolio:settings"), form()).status_code == 403
