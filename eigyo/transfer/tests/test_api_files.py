"""The import APIs take the file itself (base64): an Excel workbook built here with
openpyxl as Excel writes one, or a Shift_JIS CSV; a broken workbook, a missing sheet
or bad base64 is a JSON 422, never a 500."""

import base64
import io

import pytest
from openpyxl import Workbook

from eigyo.companies.models import Company
from eigyo.contacts.models import Person
from eigyo.prospecting.models import Lead


def workbook(rows: list[list], *, title: str = "Sheet1", first: str = "") -> str:
    """An .xlsx (base64) whose sheet `title` holds the rows; `first`: a sheet before it."""
    book = Workbook()
    sheet = book.active
    if first:
        sheet.title = first
        sheet.append(["メモ"])
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return base64.b64encode(out.getvalue()).decode()


def post(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


@pytest.mark.django_db
def test_a_company_workbook_is_checked_then_imported(actors, api):
    client = api(actors.manager)
    book = workbook(
        [["会社名", "電話番号", "従業員数"], ["東海化成株式会社", "052-000-0000", 120]],
        title="顧客",
        first="表紙",
    )
    checked = post(client, "/api/companies/import", {"file": book, "sheet": "顧客"})
    assert checked.status_code == 200, checked.content[:300]
    body = checked.json()
    assert body["headers"][:2] == ["会社名", "電話番号"]
    assert (body["created"], body["committed"]) == (1, False)
    assert not Company.objects.filter(org=actors.org).exists()
    done = post(
        client, "/api/companies/import", {"file": book, "sheet": "顧客", "commit": True}
    ).json()
    assert done["committed"] and done["rows"][0]["company"]
    assert Company.objects.get(org=actors.org).phone == "+81520000000"


@pytest.mark.django_db
def test_a_people_workbook_is_imported_with_its_dates(actors, api):
    import datetime as dt

    client = api(actors.manager)
    book = workbook(
        [
            ["会社名", "姓", "名", "メール", "名刺交換日"],
            ["北陸精工株式会社", "林", "誠", "hayashi@hokuriku.example.jp", dt.date(2026, 5, 20)],
        ]
    )
    answer = post(client, "/api/people/import", {"file": book, "commit": True})
    assert answer.status_code == 200, answer.content[:300]
    row = answer.json()["rows"][0]
    assert (row["action"], row["exchanges"]) == ("create", ["2026-05-20"])
    assert Person.objects.get(org=actors.org, pk=row["person"]).family_name == "林"


@pytest.mark.django_db
def test_a_people_workbook_with_a_bad_row_names_its_line_and_writes_nothing(actors, api):
    client = api(actors.manager)
    book = workbook(
        [["姓", "名", "メール"], ["林", "誠", "hayashi@example.jp"], ["山田", "花子", "not-mail"]]
    )
    refused = post(client, "/api/people/import", {"file": book, "commit": True})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["line 3"]
    assert not Person.objects.filter(org=actors.org).exists()


@pytest.mark.django_db
def test_a_lead_workbook_and_a_shift_jis_csv_are_imported(actors, api):
    client = api(actors.marketing)
    book = workbook(
        [["会社名", "氏名", "メール"], ["東海化成株式会社", "山田 花子", "h@tokai.example"]]
    )
    checked = post(client, "/api/leads/import", {"file": book, "campaign": "展示会2026"}).json()
    assert [r["action"] for r in checked["rows"]] == ["create"]
    assert not Lead.objects.exists()
    done = post(
        client, "/api/leads/import", {"file": book, "campaign": "展示会2026", "commit": True}
    )
    assert done.status_code == 200, done.content[:300]
    lead = Lead.objects.get(org=actors.org)
    assert (lead.company_name, lead.campaign) == ("東海化成株式会社", "展示会2026")
    cp932 = base64.b64encode(
        "会社名,氏名,メール\r\n北陸精工株式会社,林 誠,x@hokuriku.example\r\n".encode("cp932")
    )
    answer = post(client, "/api/leads/import", {"file": cp932.decode(), "commit": True})
    assert answer.status_code == 200 and answer.json()["created"] == 1, answer.content
    assert Lead.objects.filter(org=actors.org, company_name="北陸精工株式会社").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/companies/import", "/api/people/import", "/api/leads/import"]
)
def test_a_broken_workbook_is_a_json_422(actors, api, path):
    client = api(actors.manager)
    good = base64.b64decode(workbook([["会社名", "姓"], ["東海化成株式会社", "林"]]))
    broken = base64.b64encode(good[: len(good) // 2]).decode()  # cut off mid-way
    answer = post(client, path, {"file": broken})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "content"
    assert "Excel" in answer.json()["errors"][0]["message"]
    no_sheet = post(client, path, {"file": base64.b64encode(good).decode(), "sheet": "売上"})
    assert no_sheet.status_code == 422 and "売上" in no_sheet.json()["errors"][0]["message"]
    not_base64 = post(client, path, {"file": "***"})
    assert not_base64.status_code == 422 and not_base64.json()
    nothing = post(client, path, {})
    assert nothing.status_code == 422 and nothing.json()["errors"][0]["field"] == "content"


@pytest.mark.django_db
def test_the_lead_import_is_for_those_who_enter_leads(actors, api):
    book = workbook([["会社名"], ["東海化成株式会社"]])
    answer = post(api(actors.partner_user), "/api/leads/import", {"file": book})
    assert answer.status_code == 403


@pytest.mark.django_db
def test_the_schema_documents_the_file_as_base64(actors, api):
    schema = api(actors.manager).get("/api/openapi.json").json()
    for name in ("ImportIn", "PeopleImportIn", "LeadImportIn"):
        file = schema["components"]["schemas"][name]["properties"]["file"]
        kinds = file.get("anyOf", [file])
        assert any(k.get("format") == "base64" for k in kinds), file
    assert "/api/leads/import" in schema["paths"]
