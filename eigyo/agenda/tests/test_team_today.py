"""The manager's home: her team today — who is behind cadence and on which companies,
promises overdue, instructions in silence, coaching due, deals that moved."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.core import clock
from eigyo.deals import services as deals


@pytest.fixture
def tuesday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 24, 10)))
    yield dt.date(2026, 11, 24)
    clock.freeze(None)


@pytest.mark.django_db
def test_the_manager_sees_her_team_not_herself(book, actors, login, tuesday):
    deals.move_stage(book.deal, "benefits", on=tuesday, by=actors.rep1)
    page = login(actors.manager).get(reverse("agenda:home"))
    (row,) = page.context["team"]  # rep1 is her team; she is not listed
    assert row.rep == actors.rep1
    assert {s.company_id for s in row.overdue} == {book.company.pk, book.partner_company.pk}
    assert [p.pk for p in row.promises_overdue] == [book.promise.pk]  # due 11/20
    assert row.coaching_due is False and row.behind
    assert [m.deal for m in page.context["moved"]] == [book.deal]
    html = page.content.decode()
    assert 'data-testid="team-today"' in html and book.company.display_name in html
    assert reverse("agenda:dashboard") in html  # the dashboard is in the main navigation


@pytest.mark.django_db
def test_reps_and_others_have_no_team_section(book, actors, login, tuesday):
    for who in (actors.rep1, actors.partner_user, actors.marketing):
        page = login(who).get(reverse("agenda:home"))
        assert (
            page.context["team"] == [] and 'data-testid="team-today"' not in page.content.decode()
        )


@pytest.mark.django_db
def test_the_admin_sees_everyone_but_herself(book, actors, login, tuesday):
    reps = {r.rep for r in login(actors.admin).get(reverse("agenda:home")).context["team"]}
    assert actors.admin not in reps and {actors.rep1, actors.rep2} <= reps
