"""Leads end to end: marketing enters one, it is resolved (registry, our companies and
people — no duplicates), assigned with a deadline in business hours, escalated when
missed, accepted into the portfolio or rejected with a reason; the report says what
became of them; each sees only their share."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.conftest import company
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.deals.models import Deal
from eigyo.followups import inbox
from eigyo.followups.models import Notice
from eigyo.portfolio.models import Relationship
from eigyo.prospecting import lead_services as services
from eigyo.prospecting.models import Lead


def at(y, m, d, h=9, mi=30):
    clock.freeze(timezone.make_aware(dt.datetime(y, m, d, h, mi)))


@pytest.fixture(autouse=True)
def monday():
    at(2026, 12, 7)
    yield
    clock.freeze(None)


def enter(web, **kw):
    data = {
        "source": "web_form",
        "company_name": "東海化成株式会社",
        "family_name": "山田",
        "given_name": "花子",
        "email": "hanako@tokai-kasei.co.jp",
        "campaign": "2026秋 検査DX",
    } | kw
    return web.post(reverse("leads:list"), data)


@pytest.mark.django_db
def test_marketing_enters_sales_accepts_the_loop_closes(actors, login):
    mkt, rep = login(actors.marketing), login(actors.rep1)
    made = enter(mkt, owner=actors.rep1.pk)
    assert made.status_code == 302
    lead = Lead.objects.get()
    assert (
        lead.status == "assigned"
        and lead.owner == actors.rep1
        and lead.created_by == actors.marketing
    )
    assert timezone.localtime(lead.due_at) == timezone.make_aware(
        dt.datetime(2026, 12, 7, 13, 30)
    )  # 4 h
    (told,) = Notice.objects.filter(user=actors.rep1, kind="lead_assigned")
    assert told.target == lead
    assert rep.get(reverse("leads:list")).context["leads"][0] == lead
    assert login(actors.rep2).get(lead.get_absolute_url()).status_code == 404  # not theirs
    assert login(actors.partner_user).get(reverse("leads:list")).status_code == 403

    decided = rep.post(
        lead.get_absolute_url(),
        {"action": "decide", "decision": "accept", "rating": 4, "comment": "予算あり"},
    )
    assert decided.status_code == 302
    lead.refresh_from_db()
    assert lead.status == "accepted" and lead.rating == 4 and lead.first_touch_at == clock.now()
    rel = Relationship.objects.get(company=lead.company, owner=actors.rep1)
    assert rel.tier == "new" and lead.company.legal_name == "東海化成株式会社"
    assert lead.person.family_name == "山田" and lead.person.company == lead.company
    assert Notice.objects.get(user=actors.marketing, kind="lead_decided").target == lead
    # Marketing sees what became of it.
    Deal.objects.create(
        org=actors.org, title="検査DX", company=lead.company, owner=actors.rep1, stage="won"
    )
    (row,) = login(actors.marketing).get(reverse("leads:report")).context["rows"]
    assert (row.leads, row.accepted, row.deals, row.won) == (1, 1, 1, 1)
    assert row.median_hours == 0 and row.acceptance.value == 1


@pytest.mark.django_db
def test_a_lead_is_resolved_to_what_we_have(actors, login, loaded):
    known = company(actors, "株式会社デンソー")
    person = Person.objects.create(
        org=actors.org, company=known, family_name="鈴木", email="suzuki@denso.example.jp"
    )
    enter(
        login(actors.marketing),
        company_name="デンソー",
        family_name="鈴木",
        email="SUZUKI@denso.example.jp",
    )
    lead = Lead.objects.get()
    assert lead.company == known and lead.person == person
    # A corporate number says which registry entity, whatever the name.
    enter(
        login(actors.marketing),
        company_name="トヨタ",
        family_name="高田",
        email="",
        corporate_number="1180301018771",
    )
    toyota = Lead.objects.get(family_name="高田")
    assert toyota.registry.corporate_number == "1180301018771"
    bad = enter(
        login(actors.marketing), company_name="x", family_name="y", corporate_number="1234567890123"
    )
    assert bad.status_code == 422 and "corporate_number" in bad.context["form"].errors
    by_domain = company(actors, "北陸精工株式会社")
    Person.objects.create(
        org=actors.org, company=by_domain, family_name="森", email="mori@hokuriku-seiko.jp"
    )
    enter(
        login(actors.marketing),
        company_name="ホクリク精工",
        family_name="林",
        email="hayashi@hokuriku-seiko.jp",
    )
    other = Lead.objects.get(family_name="林")
    assert other.company == by_domain and other.person is None
    services.accept(other, rating=3, by=actors.rep1)
    assert Person.objects.filter(company=by_domain, family_name="林").count() == 1
    with pytest.raises(services.LeadDecided):  # twice: refused, nothing more
        services.accept(other, rating=3, by=actors.rep1)
    # A domain shared by two companies says nothing.
    Person.objects.create(
        org=actors.org, company=known, family_name="原", email="hara@hokuriku-seiko.jp"
    )
    enter(
        login(actors.marketing),
        company_name="謎の会社",
        family_name="東",
        email="azuma@hokuriku-seiko.jp",
    )
    assert Lead.objects.get(family_name="東").company is None
    assert Person.objects.filter(company=by_domain, family_name="林").count() == 1


@pytest.mark.django_db
def test_a_missed_deadline_escalates_like_an_instruction(actors, login):
    enter(login(actors.marketing), owner=actors.rep1.pk)  # due 13:30 today
    assert inbox.collect_due(dt.date(2026, 12, 7)) == 0
    at(2026, 12, 7, 14)
    inbox.collect_due(dt.date(2026, 12, 7))
    assert Notice.objects.filter(user=actors.rep1, kind="lead_overdue").count() == 1
    (up,) = Notice.objects.filter(kind="lead_escalation")
    assert up.user == actors.manager and up.actor == actors.rep1  # rep1's team manager
    inbox.collect_due(dt.date(2026, 12, 7))
    assert (
        Notice.objects.filter(kind__startswith="lead_").count() == 3
    )  # assigned, overdue, escalation


@pytest.mark.django_db
def test_rejecting_needs_a_reason_and_the_report_counts_reasons(actors, login):
    mkt = login(actors.marketing)
    for name in ("甲社", "乙社", "丙社"):
        enter(
            mkt,
            company_name=name,
            email="",
            owner=actors.rep1.pk,
            source="exhibition",
            campaign="国際物流展",
        )
    rep = login(actors.rep1)
    leads = list(Lead.objects.order_by("pk"))
    refused = rep.post(
        leads[0].get_absolute_url(), {"action": "decide", "decision": "reject", "rating": 2}
    )
    assert refused.status_code == 422
    rep.post(
        leads[0].get_absolute_url(),
        {"action": "decide", "decision": "reject", "reason": "individual", "rating": 1},
    )
    rep.post(
        leads[1].get_absolute_url(),
        {"action": "decide", "decision": "reject", "reason": "individual", "rating": 2},
    )
    at(2026, 12, 8, 10)
    rep.post(leads[2].get_absolute_url(), {"action": "touch"})
    rep.post(leads[2].get_absolute_url(), {"action": "decide", "decision": "accept", "rating": 5})
    (row,) = mkt.get(reverse("leads:report")).context["rows"]
    assert row.reasons == {"individual": 2} and (row.decided, row.accepted) == (3, 1)
    lo, hi = row.acceptance.interval
    assert lo < 1 / 3 < hi
    # assigned 09:30 Monday, first touched 10:30 Tuesday: 8.5 + 1.5 business hours
    assert sorted(row.hours_to_touch) == [0, 0, 10]
    assert not Relationship.objects.filter(company__legal_name="甲社").exists()


@pytest.mark.django_db
def test_who_may_do_what(actors, login):
    assert login(actors.rep1).post(reverse("leads:list"), {"company_name": "x"}).status_code == 403
    enter(login(actors.manager))  # leaders enter leads too
    lead = Lead.objects.get()
    assert (
        lead.status == "new" and login(actors.rep1).get(lead.get_absolute_url()).status_code == 404
    )
    assert (
        login(actors.manager).get(lead.get_absolute_url()).status_code == 200
    )  # unassigned: hers to hand out
    boss = login(actors.manager)
    assert (
        boss.post(
            lead.get_absolute_url(), {"action": "assign", "owner": actors.rep2.pk}
        ).status_code
        == 302
    )
    lead.refresh_from_db()
    assert lead.owner == actors.rep2
    assert boss.get(lead.get_absolute_url()).status_code == 404  # rep2 is not in her team
    assert (
        login(actors.marketing)
        .post(lead.get_absolute_url(), {"action": "decide", "decision": "accept", "rating": 3})
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_the_api(actors, api):
    JSON = "application/json"
    mkt = api(actors.marketing)
    made = mkt.post(
        "/api/leads",
        {"source": "seminar", "company_name": "西日本ロジ株式会社", "family_name": "岡本"},
        content_type=JSON,
    )
    assert made.status_code == 201 and made.json()["status"] == "new"
    pk = made.json()["id"]
    assert (
        mkt.post(
            "/api/leads",
            {"source": "nope", "company_name": "x", "family_name": "y"},
            content_type=JSON,
        ).status_code
        == 422
    )
    assert (
        api(actors.rep1)
        .post(
            "/api/leads",
            {"source": "seminar", "company_name": "x", "family_name": "y"},
            content_type=JSON,
        )
        .status_code
        == 403
    )
    given = mkt.post(f"/api/leads/{pk}/assign", {"owner": actors.rep1.pk}, content_type=JSON)
    assert given.json()["owner"] == actors.rep1.pk and given.json()["due_at"]
    rep = api(actors.rep1)
    no = rep.post(
        f"/api/leads/{pk}/decision", {"decision": "reject", "rating": 2}, content_type=JSON
    )
    assert no.status_code == 422
    yes = rep.post(
        f"/api/leads/{pk}/decision",
        {"decision": "reject", "rating": 2, "reason": "too_early"},
        content_type=JSON,
    )
    assert yes.json()["status"] == "rejected" and yes.json()["reason"] == "too_early"
    assert api(actors.rep2).get(f"/api/leads/{pk}").status_code == 404
    assert api(actors.partner_user).get("/api/leads").status_code == 403


@pytest.mark.django_db
def test_a_decided_lead_stays_decided_and_a_manager_accepts_for_the_rep(actors, login, api):
    enter(login(actors.marketing), owner=actors.rep1.pk)
    lead = Lead.objects.get()
    boss = login(actors.manager)
    assert (
        boss.post(
            lead.get_absolute_url(), {"action": "decide", "decision": "accept", "rating": 3}
        ).status_code
        == 302
    )
    lead.refresh_from_db()
    assert Relationship.objects.filter(
        company=lead.company, owner=actors.rep1
    ).exists()  # the rep's
    assert not Relationship.objects.filter(company=lead.company, owner=actors.manager).exists()
    again = boss.post(
        lead.get_absolute_url(),
        {"action": "decide", "decision": "reject", "reason": "duplicate", "rating": 1},
    )
    assert again.status_code == 422
    lead.refresh_from_db()
    assert lead.status == "accepted"
    JSON = "application/json"
    assert (
        api(actors.marketing)
        .post(f"/api/leads/{lead.pk}/assign", {"owner": actors.rep2.pk}, content_type=JSON)
        .status_code
        == 422
    )
    assert (
        api(actors.rep1)
        .post(
            f"/api/leads/{lead.pk}/decision",
            {"decision": "reject", "reason": "duplicate", "rating": 1},
            content_type=JSON,
        )
        .status_code
        == 422
    )


@pytest.mark.django_db
def test_a_reassigned_lead_is_chased_again(actors, login):
    enter(login(actors.marketing), owner=actors.rep1.pk)
    lead = Lead.objects.get()
    at(2026, 12, 7, 14)
    inbox.collect_due(dt.date(2026, 12, 7))
    services.assign(lead, actors.rep2, by=actors.marketing)  # due 4 business hours from 14:00
    at(2026, 12, 8, 11)
    inbox.collect_due(dt.date(2026, 12, 8))
    assert Notice.objects.filter(user=actors.rep2, kind="lead_overdue").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("assigned", [True, False])
def test_a_decision_with_an_empty_body_names_the_missing_fields(actors, login, api, assigned):
    """A manager who sees the lead (their rep's, or unassigned) and sends `{}` gets a 422
    naming what is missing — not a 404 — and the lead is left as it was."""
    enter(login(actors.marketing), **({"owner": actors.rep1.pk} if assigned else {}))
    lead = Lead.objects.get()
    boss = api(actors.manager)
    assert boss.get(f"/api/leads/{lead.pk}").status_code == 200  # the manager sees it
    answer = boss.post(f"/api/leads/{lead.pk}/decision", {}, content_type="application/json")
    assert answer.status_code == 422, answer.content
    assert {e["field"] for e in answer.json()["errors"]} == {"decision", "rating"}
    half = boss.post(
        f"/api/leads/{lead.pk}/decision", {"decision": "accept"}, content_type="application/json"
    )
    assert half.status_code == 422 and [e["field"] for e in half.json()["errors"]] == ["rating"]
    lead.refresh_from_db()
    assert lead.status == ("assigned" if assigned else "new")
