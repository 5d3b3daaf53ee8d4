"""List pages and list endpoints: the number of queries does not grow with the rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.companies.models import Company
from eigyo.contacts.models import Person
from eigyo.deals.models import Deal, Stakeholder
from eigyo.portfolio import services

URLS = [
    "/",
    "/companies/",
    "/people/",
    "/portfolio/",
    "/activities/",
    "/deals/",
    "/deals/board/",
    "/api/companies",
    "/api/people",
    "/api/relationships",
    "/api/activities",
    "/api/deals",
]


def grow(actors, n: int) -> None:
    when = timezone.make_aware(dt.datetime(2026, 11, 1, 10))
    for i in range(n):
        company = Company.objects.create(org=actors.org, legal_name=f"増加{i}株式会社")
        person = Person.objects.create(org=actors.org, company=company, family_name=f"人{i}")
        services.add_to_portfolio(
            org=actors.org, company=company, owner=actors.rep1, tier="new", on=dt.date(2026, 11, 1)
        )
        activity = Activity.objects.create(
            org=actors.org, company=company, owner=actors.rep1, occurred_at=when
        )
        activity.people.add(person)
        activity.colleagues.add(actors.manager)
        deal = Deal.objects.create(
            org=actors.org, title=f"案件{i}", company=company, owner=actors.rep1, amount=1_000_000
        )
        deal.team_members.add(actors.rep2)
        Stakeholder.objects.create(org=actors.org, deal=deal, person=person)


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_rows(book, actors, login, api, url):
    client = api(actors.rep1) if url.startswith("/api/") else login(actors.rep1)
    client.get(url)  # warm caches (content types, sessions)
    grow(actors, 2)
    few = count(client, url)
    grow(actors, 20)
    many = count(client, url)
    assert many == few, f"{url}: {few} queries with 2 rows, {many} with 22"
    assert many <= 13  # 10 for the page, 1 for the leads waiting, 2 for the inbox count


@pytest.mark.django_db
def test_avatar_and_import_preview_do_not_grow_with_rows(book, actors, login):
    from eigyo.companies.models import CompanyField
    from eigyo.prospecting.models import Avatar
    from eigyo.transfer.models import CompanyImport

    CompanyField.objects.create(org=actors.org, key="plants", label="工場数", kind="number")
    Avatar.objects.create(
        org=actors.org, sectors=["3650"], custom_criteria={"plants": {"min": 1, "weight": 10}}
    )
    web = login(actors.manager)

    def preview(rows: int) -> str:
        body = "".join(f"輸入{i}株式会社,{i},東京都\n" for i in range(rows))
        batch = CompanyImport.objects.create(
            org=actors.org,
            created_by=actors.manager,
            filename="a.csv",
            content="会社名,工場数,都道府県\n" + body,
            mapping=["legal_name", "own:plants", "prefecture"],
        )
        return batch.get_absolute_url()

    web.get("/companies/avatar/")
    web.get(preview(1))
    few = (count(web, "/companies/avatar/"), count(web, preview(2)))
    grow(actors, 20)
    Company.objects.filter(org=actors.org).update(sector33="3650", custom={"plants": 3})
    many = (count(web, "/companies/avatar/"), count(web, preview(40)))
    assert many == few, f"avatar, preview: {few} queries with few rows, {many} with many"
