"""Duplicates are proposed, and two companies merge into one with everything moved."""

import datetime as dt

import pytest
from django.urls import reverse

from eigyo.activities.models import Activity
from eigyo.companies.models import Company, CompanyMerge
from eigyo.contacts.models import Person
from eigyo.deals.models import Deal
from eigyo.portfolio import services
from eigyo.portfolio.models import Relationship


@pytest.fixture
def twin(book, actors):
    dup = Company.objects.create(
        org=actors.org, legal_name="トヨタ精機 株式会社", phone="+81312345678", kana="トヨタセイキ"
    )
    Person.objects.create(org=actors.org, company=dup, family_name="重複", given_name="花子")
    services.add_to_portfolio(
        org=actors.org,
        company=dup,
        owner=actors.rep1,
        tier="probable",
        on=dt.date(2026, 11, 10),
        reason="別登録",
    )
    services.add_to_portfolio(
        org=actors.org, company=dup, owner=actors.manager, tier="new", on=dt.date(2026, 11, 10)
    )
    Activity.objects.create(
        org=actors.org,
        company=dup,
        owner=actors.rep1,
        occurred_at=book.activity.occurred_at,
        notes="別登録での訪問",
    )
    Deal.objects.create(org=actors.org, title="別登録の案件", company=dup, owner=actors.rep1)
    return dup


@pytest.mark.django_db
def test_duplicate_is_shown_and_merged(book, actors, login, twin):
    page = login(actors.manager).get(book.company.get_absolute_url())
    assert [d.pk for d in page.context["duplicates"]] == [twin.pk]
    assert 'data-testid="duplicate"' in page.content.decode()
    url = reverse("companies:merge", args=[book.company.pk, twin.pk])
    assert login(actors.rep1).post(url).status_code == 403
    assert login(actors.manager).post(url).status_code == 302
    assert not Company.objects.filter(pk=twin.pk).exists()
    company = Company.objects.get(pk=book.company.pk)
    assert company.phone == "+81312345678"  # filled from the merged one
    assert Person.objects.filter(company=company, family_name="重複").exists()
    assert Activity.objects.filter(company=company, notes="別登録での訪問").exists()
    assert Deal.objects.filter(company=company, title="別登録の案件").exists()
    rep1 = Relationship.objects.get(company=company, owner=actors.rep1)  # one, not two
    assert "別登録" in list(rep1.tier_changes.values_list("reason", flat=True))
    assert Relationship.objects.filter(company=company, owner=actors.manager).exists()
    merge = CompanyMerge.objects.get(kept=company)
    assert merge.merged_name == "トヨタ精機 株式会社" and merge.moved["person"] == 1


@pytest.mark.django_db
def test_merge_api_and_access(book, actors, api, twin):
    dups = api(actors.rep1).get(f"/api/companies/{book.company.pk}/duplicates").json()
    assert [d["id"] for d in dups] == [twin.pk]
    assert (
        api(actors.rep1)
        .post(
            f"/api/companies/{book.company.pk}/merge",
            {"merge": twin.pk},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert (
        api(actors.outsider)
        .post(
            f"/api/companies/{book.company.pk}/merge",
            {"merge": twin.pk},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    same = api(actors.admin).post(
        f"/api/companies/{book.company.pk}/merge",
        {"merge": book.company.pk},
        content_type="application/json",
    )
    assert same.status_code == 422
    ok = api(actors.admin).post(
        f"/api/companies/{book.company.pk}/merge",
        {"merge": twin.pk},
        content_type="application/json",
    )
    assert ok.status_code == 200 and not Company.objects.filter(pk=twin.pk).exists()
