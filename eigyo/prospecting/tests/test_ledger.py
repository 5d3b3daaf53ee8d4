"""The give-and-take ledger: favours both ways, the balance per person and company,
the report back to the introducer reminded in the inbox, an introduction offered
instead of a discount."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.conftest import company
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.deals.models import Deal, DiscountRequest
from eigyo.followups import inbox
from eigyo.followups.models import Notice
from eigyo.prospecting.domain import ledger as rules
from eigyo.prospecting.models import Favour


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9, 30)))
    yield
    clock.freeze(None)


def test_weights_and_balance():
    assert rules.balance([("given", "introduction"), ("received", "entertainment")]) == 2
    assert rules.balance([("received", "introduction")]) == -3
    assert rules.balance([]) == 0


@pytest.fixture
def people(actors):
    abc = company(actors, "ABC商事株式会社")
    xyz = company(actors, "XYZ工業株式会社")
    tanaka = Person.objects.create(
        org=actors.org, company=abc, family_name="田中", given_name="一郎"
    )
    sato = Person.objects.create(org=actors.org, company=xyz, family_name="佐藤")
    return tanaka, sato


@pytest.mark.django_db
def test_a_received_introduction_is_reported_back_on(actors, people, login):
    tanaka, sato = people
    web = login(actors.rep1)
    url = reverse("intros:ledger_person", args=[tanaka.pk])
    made = web.post(
        url,
        {
            "action": "favour",
            "direction": "received",
            "kind": "introduction",
            "ours": actors.rep1.pk,
            "introduced": sato.pk,
            "on": "2026-12-04",
        },
    )
    assert made.status_code == 302
    favour = Favour.objects.get()
    # Friday 12/4 + five business days = Friday 12/11.
    assert favour.report_back_by == dt.date(2026, 12, 11) and favour.counterpart == tanaka
    assert web.get(url).context["balance"] == -3
    assert inbox.collect_due(dt.date(2026, 12, 9)) == 0
    assert inbox.collect_due(dt.date(2026, 12, 10)) == 1  # the day before
    (notice,) = Notice.objects.filter(user=actors.rep1, kind="report_back")
    assert notice.target == favour and "田中 一郎 → 佐藤" in notice.subject
    web.post(url, {"action": "reported", "favour": favour.pk})
    favour.refresh_from_db()
    assert favour.reported_on == dt.date(2026, 12, 7)
    web.post(url, {"action": "outcome", "favour": favour.pk, "outcome": "business"})
    favour.refresh_from_db()
    assert favour.outcome == "business"
    assert (
        web.post(url, {"action": "outcome", "favour": favour.pk, "outcome": "x"}).status_code == 422
    )
    missing = web.post(
        url,
        {
            "action": "favour",
            "direction": "received",
            "kind": "introduction",
            "ours": actors.rep1.pk,
            "on": "2026-12-04",
        },
    )
    assert missing.status_code == 422 and Favour.objects.count() == 1


@pytest.mark.django_db
def test_an_introduction_instead_of_a_discount(actors, people, login):
    tanaka, sato = people
    deal = Deal.objects.create(
        org=actors.org, title="更新", company=tanaka.company, owner=actors.rep1
    )
    ask = DiscountRequest.objects.create(
        org=actors.org, deal=deal, requested="10%値引き", requested_on=dt.date(2026, 12, 1)
    )
    web = login(actors.rep1)
    url = reverse("intros:ledger_person", args=[tanaka.pk])
    assert (
        web.post(
            url,
            {
                "action": "favour",
                "direction": "given",
                "kind": "introduction",
                "ours": actors.rep1.pk,
                "introduced": sato.pk,
                "on": "2026-12-07",
                "discount_request": ask.pk,
            },
        ).status_code
        == 302
    )
    ask.refresh_from_db()
    assert ask.offered == "introduction" and "田中" in ask.offer_detail
    wrong = web.post(
        url,
        {
            "action": "favour",
            "direction": "received",
            "kind": "information",
            "ours": actors.rep1.pk,
            "on": "2026-12-07",
            "discount_request": ask.pk,
        },
    )
    assert wrong.status_code == 422
    page = web.get(reverse("intros:ledger"))
    assert page.context["people"] == [(tanaka, 3)]
    assert [(c.pk, b) for c, b in page.context["companies"]] == [(tanaka.company_id, 3)]


@pytest.mark.django_db
def test_the_ledger_is_the_sales_sides(actors, people, login):
    tanaka, _sato = people
    for who in ("partner_user", "marketing"):
        assert login(getattr(actors, who)).get(reverse("intros:ledger")).status_code == 403
    assert (
        login(actors.outsider).get(reverse("intros:ledger_person", args=[tanaka.pk])).status_code
        == 404
    )
