"""Every answer under /api/ is JSON: 413 for a body over the limit (an import route
takes the documented 10 MB list), 404 for a malformed id exactly like a missing one,
JSON for a NUL or a refused CSRF token; the OpenAPI document declares the error answers;
security headers on every page."""

import json

import pytest


def _json(response):
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.json()


@pytest.mark.django_db
def test_an_oversized_body_is_a_json_413(actors, api):
    rest = api(actors.rep1)
    body = json.dumps({"legal_name": "x" * (3 * 1024 * 1024)})
    answer = rest.post("/api/companies", data=body, content_type="application/json")
    assert answer.status_code == 413
    assert "detail" in _json(answer)


@pytest.mark.django_db
def test_the_import_takes_its_documented_10_mb_through_the_api(actors, api):
    rest = api(actors.admin)
    ten_mb = "会社名\n" + "a" * (10 * 1024 * 1024)
    answer = rest.post(
        "/api/companies/import",
        data=json.dumps({"content": ten_mb}),
        content_type="application/json",
    )
    # The endpoint itself answers (its own 10 MB rule), not the body limit.
    assert answer.status_code == 422
    assert [e["field"] for e in _json(answer)["errors"]] == ["content"]
    small = rest.post(
        "/api/companies/import",
        data=json.dumps({"content": "会社名\n東海化成株式会社\n", "filename": "f" * 3_000_000}),
        content_type="application/json",
    )
    assert small.status_code == 200, small.content[:300]
    huge = rest.post(
        "/api/companies/import",
        data=json.dumps({"content": "a" * (33 * 1024 * 1024)}),
        content_type="application/json",
    )
    assert huge.status_code == 413 and "detail" in _json(huge)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/api/companies/abc", "/api/deals/1x/stage", "/api/people/-1", "/api/nothing-here"],
)
def test_a_malformed_id_is_the_json_404_of_a_missing_one(actors, api, path):
    rest = api(actors.rep1)
    missing = rest.get("/api/companies/999999")
    answer = rest.get(path) if "stage" not in path else rest.post(path)
    assert answer.status_code == 404
    assert _json(answer) == _json(missing)


@pytest.mark.django_db
def test_other_errors_under_the_api_are_json(actors, login, client):
    assert _json(client.get("/api/companies?q=%00"))["detail"]
    # A session without its CSRF token is refused in JSON too.
    from django.test import Client

    web = Client(enforce_csrf_checks=True)
    web.force_login(actors.rep1)
    refused = web.post("/api/companies", data="{}", content_type="application/json")
    assert refused.status_code == 403 and "detail" in _json(refused)
    assert _json(client.get("/api/companies"))["detail"]  # 401


@pytest.mark.django_db
def test_a_field_the_role_may_not_set_is_a_422_naming_it(actors, book, api):
    answer = api(actors.rep1).post(
        "/api/deals",
        data=json.dumps(
            {"title": "新規", "company": book.company.pk, "partner": actors.partner.pk}
        ),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert [e["field"] for e in _json(answer)["errors"]] == ["partner"]
    from eigyo.deals.models import Deal

    assert not Deal.objects.filter(title="新規").exists()


def test_the_openapi_document_declares_the_error_answers(client):
    doc = client.get("/api/openapi.json").json()
    assert "Error" in doc["components"]["schemas"]
    get_one = doc["paths"]["/api/deals/{deal_id}"]["get"]["responses"]
    assert {"200", "401", "403", "404"} <= set(get_one)
    patch = doc["paths"]["/api/deals/{deal_id}"]["patch"]["responses"]
    assert {"200", "401", "403", "404", "409", "413", "422"} <= set(patch)
    for operations in doc["paths"].values():
        for operation in operations.values():
            assert {"401", "403"} <= set(operation["responses"])


@pytest.mark.django_db
def test_security_headers_on_pages(actors, login):
    answer = login(actors.rep1).get("/companies/")
    policy = answer["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"
    assert answer["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_rep_may_not_force_a_duplicate_company_nor_assign_a_partner(actors, api):
    rest = api(actors.rep1)
    forced = rest.post(
        "/api/companies",
        data=json.dumps({"legal_name": "北陸精工株式会社", "create_anyway": True}),
        content_type="application/json",
    )
    assert forced.status_code == 422
    assert "create_anyway" in [e["field"] for e in forced.json()["errors"]]
    plain = rest.post(
        "/api/companies",
        data=json.dumps({"legal_name": "北陸精工株式会社", "create_anyway": False}),
        content_type="application/json",
    )
    assert plain.status_code == 201, plain.content
    partner = rest.patch(
        f"/api/companies/{plain.json()['id']}",
        data=json.dumps({"partner": actors.partner.pk}),
        content_type="application/json",
    )
    assert partner.status_code == 422
    assert [e["field"] for e in partner.json()["errors"]] == ["partner"]
