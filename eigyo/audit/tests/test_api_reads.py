"""Reads of personal data over the API that the trail records besides /api/people:
the global search (the people it answers with) and the leads (whose person they name)."""

import pytest

from eigyo.audit.models import AuditEvent
from eigyo.contacts.models import Person


def last_read():
    return AuditEvent.objects.filter(action="api").order_by("seq").last()


@pytest.mark.django_db
def test_the_search_api_records_the_people_it_answers_with(book, actors, api):
    person = Person.objects.create(org=actors.org, company=book.company, family_name="渡辺")
    before = AuditEvent.objects.filter(action="api").count()
    companies_only = api(actors.rep1).get("/api/search", {"q": book.company.legal_name[:3]})
    assert companies_only.status_code == 200
    found = api(actors.rep1).get("/api/search", {"q": "渡辺"}).json()
    assert [g["kind"] for g in found] == ["people"]
    assert AuditEvent.objects.filter(action="api").count() == before + 1
    event = last_read()
    assert event.actor == actors.rep1 and event.via == "/api/search"
    assert list(event.subjects.values_list("person_id", flat=True)) == [person.pk]
    assert event.data["items"] == ["name", "kana", "company"]


@pytest.mark.django_db
def test_the_leads_api_records_whose_data_it_shows(book, actors, api, login):
    from eigyo.prospecting.models import Lead

    lead = Lead.objects.create(
        org=actors.org,
        source="web_form",
        company_name="東海化成株式会社",
        family_name=book.person.family_name,
        person=book.person,
        arrived_at=book.activity.occurred_at,
        created_by=actors.marketing,
    )
    assert api(actors.marketing).get("/api/leads").status_code == 200
    listed = last_read()
    assert listed.object_type == "prospecting.lead" and listed.data["ids"] == [lead.pk]
    assert list(listed.subjects.values_list("person_id", flat=True)) == [book.person.pk]
    api(actors.marketing).get(f"/api/leads/{lead.pk}")
    assert last_read().object_id == str(lead.pk) and last_read().pk != listed.pk
