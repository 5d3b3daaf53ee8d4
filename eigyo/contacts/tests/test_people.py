"""People: names family-first with kana and romaji, search by any script, validation."""

import pytest
from django.urls import reverse

from eigyo.contacts.models import Person


@pytest.mark.django_db
def test_create_person_derives_romaji_and_displays_family_first(book, actors, login):
    web = login(actors.rep1)
    response = web.post(
        reverse("contacts:create"),
        {
            "company": book.company.pk,
            "family_name": "佐々木",
            "given_name": "恵",
            "family_kana": "ささき",
            "given_kana": "めぐみ",
            "seniority": 3,
            "mobile": "090-1234-5678",
            "reports_to": book.person.pk,
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    person = Person.objects.get(family_name="佐々木")
    assert person.family_kana == "ササキ"
    assert (person.family_romaji, person.given_romaji) == ("Sasaki", "Megumi")
    assert person.display_name == "佐々木 恵"
    assert person.mobile == "+819012345678"
    page = web.get(person.get_absolute_url()).content.decode()
    assert "佐々木 恵" in page and "ササキ メグミ" in page and "Megumi Sasaki" in page


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["田中", "tanaka", "タナカ", "たなか", "Taro", "ﾀﾅｶ"])
def test_search_finds_by_kanji_kana_or_romaji(book, actors, login, api, query):
    response = login(actors.rep1).get(reverse("contacts:list"), {"q": query})
    assert [p.pk for p in response.context["page"].object_list] == [book.person.pk]
    items = api(actors.rep1).get("/api/people", {"q": query}).json()["items"]
    assert [i["id"] for i in items] == [book.person.pk]


@pytest.mark.django_db
def test_superior_must_work_at_the_same_company(book, actors, login):
    response = login(actors.admin).post(
        reverse("contacts:create"),
        {
            "company": book.partner_company.pk,
            "family_name": "別会社",
            "seniority": 0,
            "reports_to": book.person.pk,
        },
    )
    assert response.status_code == 422
    assert "reports_to" in response.context["form"].errors
    assert not Person.objects.filter(family_name="別会社").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value",
    [("family_kana", "Tanaka"), ("phone", "abc"), ("email", "not-an-email"), ("family_name", " ")],
)
def test_bad_input_changes_nothing(book, actors, login, api, field, value):
    before = Person.objects.count()
    data = {"company": book.company.pk, "family_name": "新人", "seniority": 1, field: value}
    response = login(actors.rep1).post(reverse("contacts:create"), data)
    assert response.status_code == 422
    assert field in response.context["form"].errors
    api_response = api(actors.rep1).post("/api/people", data, content_type="application/json")
    assert api_response.status_code == 422
    assert api_response.json()["errors"][0]["field"] == field
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_partner_cannot_add_people_to_other_companies(book, actors, api):
    response = api(actors.partner_user).post(
        "/api/people",
        {"company": book.company.pk, "family_name": "侵入"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "company"
    ok = api(actors.partner_user).post(
        "/api/people",
        {"company": book.partner_company.pk, "family_name": "正規"},
        content_type="application/json",
    )
    assert ok.status_code == 201


@pytest.mark.django_db
def test_people_list_query_count_is_flat(book, actors, login, django_assert_max_num_queries):
    for i in range(30):
        Person.objects.create(org=actors.org, company=book.company, family_name=f"人{i}")
    web = login(actors.rep1)
    with django_assert_max_num_queries(7):  # 6 for the list, 1 for the inbox count
        assert web.get(reverse("contacts:list")).status_code == 200
