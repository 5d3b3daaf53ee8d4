"""Deals: stages, the buying group with met derived from activities, promises,
praise, objections, discounts — pages and API."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.deals import services
from eigyo.deals.models import Deal, Promise, Stakeholder


@pytest.fixture
def frozen():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 24, 9, 0)))
    yield
    clock.freeze(None)


@pytest.mark.django_db
def test_met_is_derived_from_activities_unless_set_by_hand(book, actors):
    boss = Person.objects.create(
        org=actors.org, company=book.company, family_name="佐藤", given_name="一郎", seniority=6
    )
    s = Stakeholder.objects.create(org=actors.org, deal=book.deal, person=boss, role="approver")
    by_id = {x.pk: x for x in services.stakeholders_of(book.deal)}
    assert services.is_met(by_id[book.stakeholder.pk])  # 田中 was at the 11/2 visit
    assert not services.is_met(by_id[s.pk])
    visit = Activity.objects.create(
        org=actors.org, company=book.company, owner=actors.rep1, occurred_at=clock.now()
    )
    visit.people.add(boss)
    assert services.is_met(next(x for x in services.stakeholders_of(book.deal) if x.pk == s.pk))
    s.met_override = False
    s.save()
    assert not services.is_met(next(x for x in services.stakeholders_of(book.deal) if x.pk == s.pk))


@pytest.mark.django_db
def test_readiness_and_gaps_on_the_page(book, actors, login, frozen):
    web = login(actors.rep1)  # English
    page = web.get(book.deal.get_absolute_url())
    assert page.status_code == 200
    ready = page.context["readiness"]
    assert 0 <= ready.score <= 100
    html = page.content.decode()
    assert 'data-testid="map"' in html and "<svg" in html
    assert "No champion identified" in html
    assert "1 promise to the buyer is overdue." in html  # due 11/20


@pytest.mark.django_db
def test_add_stakeholder_changes_readiness(book, actors, login, api, frozen):
    champion = Person.objects.create(
        org=actors.org,
        company=book.company,
        family_name="伊藤",
        given_name="誠",
        seniority=3,
        reports_to=book.person,
    )
    before = api(actors.rep1).get(f"/api/deals/{book.deal.pk}/readiness").json()
    web = login(actors.rep1)
    response = web.post(
        reverse("deals:child_create", args=[book.deal.pk, "stakeholder"]),
        {
            "person": champion.pk,
            "role": "champion",
            "influence": "medium",
            "stance": "supportive",
            "met_override": "true",
            "personal_win": "課長昇進",
        },
    )
    assert response.status_code == 302
    after = api(actors.rep1).get(f"/api/deals/{book.deal.pk}/readiness").json()
    assert after["score"] > before["score"]
    assert "no_champion" not in [g["code"] for g in after["gaps"]]
    again = web.post(
        reverse("deals:child_create", args=[book.deal.pk, "stakeholder"]),
        {"person": champion.pk, "role": "user", "influence": "low", "stance": "neutral"},
    )
    assert again.status_code == 422  # already in the group


@pytest.mark.django_db
def test_people_must_work_at_the_deals_company(book, actors, api):
    response = api(actors.rep1).post(
        f"/api/deals/{book.deal.pk}/stakeholders",
        {"person": book.partner_person.pk, "role": "user"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "person"


@pytest.mark.django_db
def test_stage_moves_are_recorded_and_lost_needs_a_reason(book, actors, login, api, frozen):
    rest = api(actors.rep1)
    moved = rest.post(
        f"/api/deals/{book.deal.pk}/stage", {"stage": "benefits"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "benefits"
    lost = rest.post(
        f"/api/deals/{book.deal.pk}/stage", {"stage": "lost"}, content_type="application/json"
    )
    assert lost.status_code == 422
    web = login(actors.rep1)
    web.post(
        reverse("deals:stage", args=[book.deal.pk]),
        {"stage": "won", "next": book.deal.get_absolute_url()},
    )
    book.deal.refresh_from_db()
    assert book.deal.stage == "won" and book.deal.closed_on == dt.date(2026, 11, 24)
    assert list(book.deal.stage_changes.values_list("to_stage", flat=True)) == ["won", "benefits"]


@pytest.mark.django_db
def test_board_moves_with_htmx(book, actors, login):
    web = login(actors.rep1)
    board = web.get(reverse("deals:board"))
    assert board.status_code == 200
    response = web.post(
        reverse("deals:stage", args=[book.deal.pk]),
        {"stage": "benefits"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "<html" not in response.content.decode()
    book.deal.refresh_from_db()
    assert book.deal.stage == "benefits"


@pytest.mark.django_db
def test_promises_praise_objections_discounts(book, actors, api, frozen):
    rest = api(actors.rep1)
    base = f"/api/deals/{book.deal.pk}"
    promises = rest.get(f"{base}/promises").json()
    assert promises[0]["overdue"] is True
    kept = rest.patch(
        f"{base}/promises/{book.promise.pk}", {"status": "kept"}, content_type="application/json"
    )
    assert kept.status_code == 422  # when was it done?
    kept = rest.patch(
        f"{base}/promises/{book.promise.pk}",
        {"status": "kept", "done_on": "2026-11-21"},
        content_type="application/json",
    )
    assert kept.status_code == 200 and kept.json()["overdue"] is False
    boss = Person.objects.create(org=actors.org, company=book.company, family_name="佐藤")
    flattery = rest.post(
        f"{base}/praise",
        {
            "about": book.person.pk,
            "to": boss.pk,
            "statement": "素晴らしい方です",
            "said_on": "2026-11-20",
        },
        content_type="application/json",
    )
    assert flattery.status_code == 201 and flattery.json()["flattery"] is True
    fact = rest.post(
        f"{base}/praise",
        {
            "about": book.person.pk,
            "to": boss.pk,
            "statement": "導入検証を2週間で完了",
            "evidence": "10/15の検証報告書",
            "said_on": "2026-11-20",
        },
        content_type="application/json",
    )
    assert fact.json()["flattery"] is False
    same = rest.post(
        f"{base}/praise",
        {"about": book.person.pk, "to": book.person.pk, "statement": "x", "said_on": "2026-11-20"},
        content_type="application/json",
    )
    assert same.status_code == 422
    for text in ("価格が高い", "価格が高い", "導入実績が少ない"):
        assert (
            rest.post(
                f"{base}/objections",
                {"objection": text, "raised_on": "2026-11-20"},
                content_type="application/json",
            ).status_code
            == 201
        )
    for outcome in ("value_accepted", "discount_given", "value_accepted", "pending"):
        assert (
            rest.post(
                f"{base}/discounts",
                {
                    "requested": "10%値引き",
                    "offered": "introduction",
                    "outcome": outcome,
                    "requested_on": "2026-11-20",
                },
                content_type="application/json",
            ).status_code
            == 201
        )


@pytest.mark.django_db
def test_insights_across_deals(book, actors, login, api):
    rest = api(actors.rep1)
    for deal in (book.deal, book.partner_deal):
        rest.post(
            f"/api/deals/{deal.pk}/objections",
            {"objection": "価格が高い", "raised_on": "2026-11-20"},
            content_type="application/json",
        )
        rest.post(
            f"/api/deals/{deal.pk}/discounts",
            {
                "requested": "値引き",
                "offered": "service",
                "outcome": "value_accepted",
                "requested_on": "2026-11-20",
            },
            content_type="application/json",
        )
    rest.post(
        f"/api/deals/{book.deal.pk}/discounts",
        {"requested": "値引き", "outcome": "discount_given", "requested_on": "2026-11-20"},
        content_type="application/json",
    )
    page = login(actors.rep1).get(reverse("deals:insights"))
    (top,) = page.context["objections"]
    assert (top["objection"], top["count"], top["deals"]) == ("価格が高い", 2, 2)
    assert page.context["discounts"]["value_rate"] == pytest.approx(2 / 3)
    # rep2 sees neither deal: nothing to summarise
    assert login(actors.rep2).get(reverse("deals:insights")).context["objections"] == []


@pytest.mark.django_db
def test_child_of_another_deal_is_404(book, actors, login, api):
    url = reverse("deals:child_edit", args=[book.partner_deal.pk, "promise", book.promise.pk])
    assert login(actors.rep1).get(url).status_code == 404
    bad = api(actors.rep1).patch(
        f"/api/deals/{book.partner_deal.pk}/promises/{book.promise.pk}",
        {"what": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 404
    assert (
        login(actors.rep1)
        .get(reverse("deals:child_create", args=[book.deal.pk, "nonsense"]))
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_open_promises_on_agenda_and_company(book, actors, login, frozen):
    agenda = login(actors.rep1).get(reverse("agenda:today")).content.decode()
    assert "見積りを提出" in agenda
    company = login(actors.rep1).get(book.company.get_absolute_url()).content.decode()
    assert 'data-testid="company-overdue-promise"' in company


@pytest.mark.django_db
def test_create_deal_in_yen(book, actors, api, login):
    response = api(actors.rep1).post(
        "/api/deals",
        {"title": "新規案件", "company": book.company.pk, "amount": 3_500_000},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["amount"] == 3500000
    deal = Deal.objects.get(title="新規案件")
    assert deal.stage_changes.count() == 1
    bad = api(actors.rep1).post(
        "/api/deals",
        {"title": "x", "company": book.company.pk, "amount": -5},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "¥3,500,000" in login(actors.rep1).get(reverse("deals:list")).content.decode()
    assert Promise.objects.count() == 1


@pytest.mark.django_db
def test_detail_queries_do_not_grow_with_the_group(book, actors, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    web = login(actors.rep1)

    def count():
        with CaptureQueriesContext(connection) as q:
            assert web.get(book.deal.get_absolute_url()).status_code == 200
        return len(q)

    def grow(n):
        for _ in range(n):
            p = Person.objects.create(
                org=actors.org, company=book.company, family_name="追加", reports_to=book.person
            )
            Stakeholder.objects.create(org=actors.org, deal=book.deal, person=p)

    count()
    grow(2)
    few = count()
    grow(15)
    assert count() == few
