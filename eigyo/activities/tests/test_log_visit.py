"""Logging a visit: the phone form, the timeline, validation."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.activities.models import Activity


@pytest.mark.django_db
def test_log_a_visit_shows_on_company_and_person_timeline(book, actors, login):
    web = login(actors.rep1)
    response = web.post(
        reverse("activities:create"),
        {
            "company": book.company.pk,
            "kind": "visit",
            "occurred_at": "2026-11-20T14:30",
            "people": [book.person.pk],
            "notes": "新製品のご紹介",
            "business_discussed": "on",
            "next_step": "見積り提出",
            "next_step_on": "2026-11-27",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == book.company.get_absolute_url()
    activity = Activity.objects.get(notes="新製品のご紹介")
    assert activity.owner == actors.rep1 and activity.business_discussed
    assert timezone.localtime(activity.occurred_at).hour == 14  # Asia/Tokyo wall time
    for url in (book.company.get_absolute_url(), book.person.get_absolute_url()):
        page = web.get(url).content.decode()
        assert "新製品のご紹介" in page and "見積り提出" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change,field",
    [
        ({"occurred_at": "2026-13-45T10:00"}, "occurred_at"),
        ({"occurred_at": "2099-01-01T10:00"}, "occurred_at"),
        ({"company": ""}, "company"),
        ({"company": "999999"}, "company"),
        ({"next_step_on": "tomorrow"}, "next_step_on"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_visit_is_explained_and_not_saved(book, actors, login, change, field):
    data = {"company": book.company.pk, "kind": "visit", "occurred_at": "2026-11-20T10:00"}
    data.update(change)
    before = Activity.objects.count()
    response = login(actors.rep1).post(reverse("activities:create"), data)
    assert response.status_code == 422
    assert field in response.context["form"].errors
    assert Activity.objects.count() == before


@pytest.mark.django_db
def test_people_must_belong_to_the_company(book, actors, login):
    response = login(actors.admin).post(
        reverse("activities:create"),
        {
            "company": book.company.pk,
            "kind": "call",
            "occurred_at": "2026-11-20T10:00",
            "people": [book.partner_person.pk],
        },
    )
    assert response.status_code == 422
    assert "people" in response.context["form"].errors


@pytest.mark.django_db
def test_people_options_partial_lists_the_companys_people(book, actors, login):
    response = login(actors.rep1).get(
        reverse("activities:people_options"),
        {"company": book.company.pk},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "田中 太郎" in html and "木村" not in html and "<html" not in html


@pytest.mark.django_db
def test_api_logs_and_edits_a_visit(book, actors, api):
    rest = api(actors.rep1)
    response = rest.post(
        "/api/activities",
        {
            "company": book.company.pk,
            "kind": "meeting",
            "occurred_at": "2026-11-20T05:00:00Z",
            "people": [book.person.pk],
            "business_discussed": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["people"] == [book.person.pk] and body["business_discussed"] is True
    activity = Activity.objects.get(pk=body["id"])
    assert timezone.localtime(activity.occurred_at).hour == 14
    patched = rest.patch(
        f"/api/activities/{body['id']}", {"notes": "追記"}, content_type="application/json"
    )
    assert patched.status_code == 200
    assert patched.json()["business_discussed"] is True and patched.json()["people"] == [
        book.person.pk
    ]
    other = api(actors.rep2).patch(
        f"/api/activities/{body['id']}", {"notes": "x"}, content_type="application/json"
    )
    assert other.status_code == 403


@pytest.mark.django_db
def test_activity_list_query_count_is_flat(book, actors, login, django_assert_max_num_queries):
    when = timezone.make_aware(dt.datetime(2026, 11, 1, 10))
    for _ in range(30):
        a = Activity.objects.create(
            org=actors.org, company=book.company, owner=actors.rep1, occurred_at=when
        )
        a.people.add(book.person)
    web = login(actors.rep1)
    with django_assert_max_num_queries(8):  # 7 for the list, 1 for the inbox count
        assert web.get(reverse("activities:list")).status_code == 200


@pytest.mark.django_db
def test_colleagues_are_limited_to_the_organisation(book, actors, api):
    rest = api(actors.rep1)
    ok = rest.post(
        "/api/activities",
        {
            "company": book.company.pk,
            "kind": "visit",
            "occurred_at": "2026-11-20T10:00:00+09:00",
            "colleagues": [actors.manager.pk],
        },
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["colleagues"] == [actors.manager.pk]
    bad = rest.post(
        "/api/activities",
        {
            "company": book.company.pk,
            "kind": "visit",
            "occurred_at": "2026-11-20T10:00:00+09:00",
            "colleagues": [actors.outsider.pk],
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "colleagues"
