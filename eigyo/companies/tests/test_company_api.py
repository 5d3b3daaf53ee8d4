"""The company API: CRUD, validation through the same form, clear errors, never a 500."""

import pytest

from eigyo.companies.models import Company

VALID_NUMBER = "5070001000715"


@pytest.mark.django_db
def test_create_read_update_delete(actors, api):
    rest = api(actors.manager)
    response = rest.post(
        "/api/companies",
        {
            "legal_name": "株式会社サンプル",
            "phone": "03-1234-5678",
            "corporate_number": VALID_NUMBER,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["phone"] == "+81312345678"
    assert body["display_name"] == "株式会社サンプル"
    cid = body["id"]
    assert rest.get(f"/api/companies/{cid}").json()["corporate_number"] == VALID_NUMBER
    patched = rest.patch(
        f"/api/companies/{cid}", {"short_name": "サンプル"}, content_type="application/json"
    )
    assert patched.status_code == 200
    assert patched.json()["short_name"] == "サンプル"
    assert patched.json()["phone"] == "+81312345678"  # untouched fields stay
    assert rest.delete(f"/api/companies/{cid}").status_code == 204
    assert rest.get(f"/api/companies/{cid}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload,field",
    [
        ({"legal_name": "X社", "corporate_number": "5070001000716"}, "corporate_number"),
        ({"legal_name": "X社", "phone": "12"}, "phone"),
        ({"legal_name": ""}, "legal_name"),
        ({"legal_name": "X社", "sector33": "9999"}, "sector33"),
        ({"legal_name": "X社", "partner": 999999}, "partner"),
    ],
)
def test_bad_input_is_422_with_the_field_named(actors, api, payload, field):
    before = Company.objects.count()
    response = api(actors.manager).post("/api/companies", payload, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert [e["field"] for e in body["errors"]] == [field]
    assert Company.objects.count() == before


@pytest.mark.django_db
def test_wrong_types_and_broken_json_are_clear_errors(actors, api):
    rest = api(actors.manager)
    wrong = rest.post("/api/companies", {"legal_name": ["a"]}, content_type="application/json")
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "legal_name"
    broken = rest.post("/api/companies", "{not json", content_type="application/json")
    assert broken.status_code in (400, 422)
    assert "detail" in broken.json()


@pytest.mark.django_db
def test_duplicate_corporate_number_is_409(actors, api):
    Company.objects.create(org=actors.org, legal_name="既存株式会社", corporate_number=VALID_NUMBER)
    response = api(actors.manager).post(
        "/api/companies",
        {"legal_name": "新規", "corporate_number": VALID_NUMBER},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "corporate_number"


@pytest.mark.django_db
def test_roles_that_may_not_write_get_403(book, actors, api):
    rest = api(actors.marketing)
    created = rest.post("/api/companies", {"legal_name": "X社"}, content_type="application/json")
    assert created.status_code == 403
    deleted = api(actors.rep1).delete(f"/api/companies/{book.company.pk}")
    assert deleted.status_code == 403
    assert Company.objects.filter(pk=book.company.pk).exists()


@pytest.mark.django_db
def test_undeclared_methods_answer_405(book, actors, api, login):
    rest = api(actors.admin)
    assert rest.put("/api/companies", {}, content_type="application/json").status_code == 405
    web = login(actors.admin)
    assert web.delete(f"/companies/{book.company.pk}/").status_code == 405
    assert web.put("/companies/").status_code == 405


@pytest.mark.django_db
def test_revoked_token_is_refused(actors, client):
    from eigyo.accounts.models import ApiToken

    token, secret = ApiToken.issue(actors.rep1, "ci")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/companies", headers=headers).status_code == 200
    from eigyo.core import clock

    token.revoked_at = clock.now()
    token.save()
    assert client.get("/api/companies", headers=headers).status_code == 401


@pytest.mark.django_db
def test_session_api_calls_need_csrf(actors):
    from django.test import Client

    web = Client(enforce_csrf_checks=True)
    web.force_login(actors.manager)
    assert web.get("/api/companies").status_code == 200
    response = web.post("/api/companies", {"legal_name": "X社"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not Company.objects.filter(legal_name="X社").exists()


@pytest.mark.django_db
def test_filters_are_shared_with_the_html_list(book, actors, api):
    rest = api(actors.rep1)
    items = rest.get("/api/companies", {"q": "toyota"}).json()["items"]
    assert [i["id"] for i in items] == [book.company.pk]
    items = rest.get("/api/companies", {"partner": actors.partner.pk}).json()["items"]
    assert [i["id"] for i in items] == [book.partner_company.pk]


@pytest.mark.django_db
def test_openapi_document_is_served(client):
    doc = client.get("/api/openapi.json").json()
    assert "/api/companies" in doc["paths"]
    assert "/api/activities" in doc["paths"]
    assert client.get("/api/docs").status_code == 200
