"""Due / overdue from real activities, the agenda and plan pages, access rules."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.core import clock
from eigyo.portfolio import planning
from eigyo.portfolio.models import PortfolioSettings
from eigyo.worktime.models import DayOff

TUE = dt.date(2026, 11, 24)


@pytest.fixture
def frozen():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 24, 9, 0)))
    yield TUE
    clock.freeze(None)


def visit(actors, company, day, owner=None, **kw):
    return Activity.objects.create(
        org=actors.org,
        company=company,
        owner=owner or actors.rep1,
        occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
        **kw,
    )


@pytest.mark.django_db
def test_due_comes_from_the_last_activity_and_logging_moves_it(book, actors, frozen):
    # book.rel: rep1, possible (14 days), tier since 11/2, one visit on 11/2
    _rels, states = planning.states_for(actors.rep1, actors.org)
    state = next(s for s in states if s.id == book.rel.pk)
    assert state.last_contact == dt.date(2026, 11, 2)
    assert state.status(TUE) == "overdue"  # due 11/16
    visit(actors, book.company, dt.date(2026, 11, 20), owner=actors.rep2)  # a colleague's visit
    _rels, states = planning.states_for(actors.rep1, actors.org)
    state = next(s for s in states if s.id == book.rel.pk)
    assert state.last_contact == dt.date(2026, 11, 20) and state.status(TUE) == "ok"


@pytest.mark.django_db
def test_promised_follow_up_from_the_latest_activity(book, actors, frozen):
    visit(
        actors,
        book.company,
        dt.date(2026, 11, 20),
        next_step="見積り提出",
        next_step_on=dt.date(2026, 11, 25),
    )
    _rels, states = planning.states_for(actors.rep1, actors.org)
    state = next(s for s in states if s.id == book.rel.pk)
    assert (state.follow_up_on, state.follow_up) == (dt.date(2026, 11, 25), "見積り提出")
    assert state.next_due == dt.date(2026, 11, 25)


@pytest.mark.django_db
def test_days_off_and_holidays_have_no_contacts(book, actors, frozen):
    DayOff.objects.create(org=actors.org, user=actors.rep1, date=dt.date(2026, 11, 25))
    plan = planning.build_plan(actors.rep1, actors.org, TUE)
    days = [d for d, _ in plan.days]
    assert dt.date(2026, 11, 25) not in days and dt.date(2026, 11, 23) not in days
    assert len(days) == 20


@pytest.mark.django_db
def test_capacity_comes_from_the_organisation(book, actors, frozen):
    settings = PortfolioSettings.for_org(actors.org)
    settings.daily_capacity = 1
    settings.save()
    plan = planning.build_plan(actors.rep1, actors.org, TUE)
    assert all(len(items) <= 1 for _d, items in plan.days)


@pytest.mark.django_db
def test_winnowing_queue_for_rep_and_manager(book, actors, login, frozen):
    from eigyo.companies.models import Company
    from eigyo.portfolio import services

    old = Company.objects.create(org=actors.org, legal_name="古参株式会社")
    services.add_to_portfolio(
        org=actors.org, company=old, owner=actors.rep1, tier="new", on=dt.date(2026, 7, 1)
    )
    for user in (actors.rep1, actors.manager, actors.admin):
        queue = login(user).get(reverse("portfolio:winnowing")).context["queue"]
        assert [r.company.legal_name for r in queue] == ["古参株式会社"]
    assert list(login(actors.rep2).get(reverse("portfolio:winnowing")).context["queue"]) == []


@pytest.mark.django_db
def test_agenda_query_count_does_not_grow(book, actors, frozen, django_assert_max_num_queries):
    from eigyo.companies.models import Company
    from eigyo.portfolio import services

    def build():
        with django_assert_max_num_queries(6) as ctx:
            planning.build_agenda(actors.rep1, actors.org, TUE)
        return len(ctx.captured_queries)

    planning.build_agenda(actors.rep1, actors.org, TUE)  # creates the settings row
    few = build()
    for i in range(30):
        c = Company.objects.create(org=actors.org, legal_name=f"追加{i}")
        services.add_to_portfolio(
            org=actors.org, company=c, owner=actors.rep1, tier="probable", on=dt.date(2026, 10, 1)
        )
        visit(actors, c, dt.date(2026, 11, 10))
    assert build() == few
