"""Bad input anywhere gets a clear 4xx and changes nothing — never a 500."""

import pytest

HUGE = "9" * 25
WEIRD = ["abc", "-1", "0", HUGE, "１２", "", "' OR 1=1 --", "\x00", "9" * 19]

PAGES = ["/companies/", "/people/", "/portfolio/", "/activities/", "/companies/registry/"]
PARAMS = [
    "q",
    "page",
    "sort",
    "company",
    "owner",
    "person",
    "tier",
    "partner",
    "sector33",
    "date_from",
    "date_to",
    "business_discussed",
    "in_registry",
    "listed",
]
API_LISTS = [
    "/api/companies",
    "/api/people",
    "/api/relationships",
    "/api/activities",
    "/api/registry",
]


@pytest.mark.django_db
@pytest.mark.parametrize("value", WEIRD)
def test_list_parameters(book, actors, login, api, value):
    web, rest = login(actors.admin), api(actors.admin)
    for page in PAGES:
        for param in PARAMS:
            status = web.get(page, {param: value}).status_code
            assert status == (400 if "\x00" in value else 200), (page, param, value, status)
    for url in API_LISTS:
        for param in PARAMS:
            status = rest.get(url, {param: value}).status_code
            assert status in (200, 400, 422), (url, param, value, status)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "9" * 19, "-5", "abc"])
def test_ids_in_urls_and_forms(book, actors, login, api, value):
    web, rest = login(actors.admin), api(actors.admin)
    for url in [
        f"/api/companies/{value}",
        f"/api/people/{value}",
        f"/api/activities/{value}",
        f"/api/relationships/{value}",
    ]:
        assert rest.get(url).status_code in (404, 422), url
    for url in [f"/companies/{value}/", f"/people/{value}/", f"/portfolio/{value}/"]:
        assert web.get(url).status_code == 404, url
    forms = {
        "/activities/new/": {
            "company": value,
            "kind": "visit",
            "occurred_at": "2026-11-20T10:00",
            "people": [value],
            "colleagues": [value],
        },
        "/people/new/": {"company": value, "family_name": "X", "reports_to": value},
        "/portfolio/new/": {"company": value, "owner": value, "tier": "new"},
        "/companies/new/": {"legal_name": "X", "partner": value, "sector33": value},
    }
    for url, data in forms.items():
        assert web.post(url, data).status_code == 422, url
    response = rest.post(
        "/api/activities",
        {"company": int(value) if value.lstrip("-").isdigit() else value, "kind": "visit"},
        content_type="application/json",
    )
    assert response.status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "9" * 19, "-5", "abc", "１２", "' OR 1=1 --"])
def test_own_fields_avatar_suggest_and_import(book, actors, login, api, value):
    from eigyo.companies.models import CompanyField
    from eigyo.transfer.models import CompanyImport

    CompanyField.objects.create(org=actors.org, key="plants", label="工場数", kind="number")
    batch = CompanyImport.objects.create(
        org=actors.org,
        created_by=actors.admin,
        filename="a.csv",
        content="会社名\n一社\n",
        mapping=["legal_name"],
    )
    web, rest = login(actors.admin), api(actors.admin)
    for url in [f"/companies/import/{value}/", f"/companies/fields/{value}/"]:
        assert web.get(url).status_code == 404, url
    assert rest.patch(
        f"/api/company-fields/{value}", {"label": "x"}, content_type="application/json"
    ).status_code in (404, 422)
    assert (
        web.get("/companies/suggest/", {"legal_name": value, "corporate_number": value}).status_code
        == 200
    )
    # A mapping to a target that does not exist is refused with a message, never a crash.
    assert (
        web.post(batch.get_absolute_url(), {"action": "remap", "col_0": value}).status_code == 200
    )
    assert (
        web.post(batch.get_absolute_url(), {"action": "commit", "col_0": value}).status_code == 200
    )
    avatar = {
        "name": "A",
        "weight_sector": value,
        "weight_size": 1,
        "weight_segment": 1,
        "weight_prefecture": 1,
        "own_plants__min": value,
        "own_plants__weight": value,
    }
    # "-5" is a fair lower bound and "１２" reads as 12; the rest must be refused.
    invalid = value not in ("-5", "１２")
    assert web.post("/companies/avatar/", avatar).status_code in (
        (422,) if invalid or value == "-5" else (302,)
    )
    assert rest.put(
        "/api/avatar",
        {"custom_criteria": {"plants": {"min": value}}},
        content_type="application/json",
    ).status_code == (422 if invalid else 200)
    assert rest.post(
        "/api/companies",
        {"legal_name": "X", "custom": {"plants": value}},
        content_type="application/json",
    ).status_code == (422 if invalid else 201)
    assert not CompanyImport.objects.filter(status="done").exists()
