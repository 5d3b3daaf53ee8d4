"""Two partners, each with a company, a person and a deal assigned: what each partner's
user takes out — list exports (CSV, .xlsx, API), vCards and the calendar feed — holds
its own partner's records and nothing of the other's."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from eigyo.agenda.models import CalendarFeed
from eigyo.companies.models import Company
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.deals.models import Deal


@pytest.fixture
def two_books(actors):
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9, 0)))
    made = {}
    for partner, tag in ((actors.partner, "関西"), (actors.partner2, "九州")):
        company = Company.objects.create(
            org=actors.org, legal_name=f"{tag}得意先株式会社", partner=partner
        )
        Person.objects.create(
            org=actors.org, company=company, family_name=f"{tag}山", family_kana="ヤマ"
        )
        Deal.objects.create(
            org=actors.org,
            company=company,
            owner=actors.rep1,
            partner=partner,
            title=f"{tag}の案件",
            amount=1_000_000,
        )
        made[tag] = company
    yield made
    clock.freeze(None)


def rows(response) -> str:
    assert response.status_code == 200, response.status_code
    return "\n".join(
        ",".join(r) for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,mine,theirs", [("partner_user", "関西", "九州"), ("partner2_user", "九州", "関西")]
)
def test_each_partner_takes_out_only_its_own(actors, two_books, login, api, who, mine, theirs):
    user = getattr(actors, who)
    web, rest = login(user), api(user)
    for key in ("companies", "people", "deals"):
        text = rows(web.get(f"/export/{key}.csv"))
        assert mine in text, key
        assert theirs not in text, key
        text = rows(rest.get(f"/api/{key}/export?format=csv"))
        assert mine in text and theirs not in text, key
    xlsx = web.get("/export/companies.xlsx")
    assert xlsx.status_code == 200 and theirs.encode() not in xlsx.content
    vcards = rest.get("/api/people/vcard").content.decode()
    assert theirs not in vcards
    # the partner list and another partner's page are not theirs
    assert web.get("/export/partners.csv").status_code == 403
    other = actors.partner2 if who == "partner_user" else actors.partner
    assert web.get(reverse("partners:detail", args=[other.pk])).status_code == 404
    # the calendar feed: nothing of the other partner's
    web.post(reverse("agenda:feed_manage"), {"action": "create"})
    token = CalendarFeed.objects.get(user=user, revoked_at__isnull=True).token
    feed = web.get(reverse("agenda:feed", args=[token]))
    assert feed.status_code == 200
    text = " ".join(str(e.get("SUMMARY")) for e in Calendar.from_ical(feed.content).walk("VEVENT"))
    assert theirs not in text and theirs not in feed.content.decode()
