"""People import on the page, the API and the command line; Excel workbooks in every
import; people out as vCard (one, or the filtered list)."""

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from eigyo.companies.models import Company
from eigyo.contacts.models import Person, Tie
from eigyo.prospecting.models import Lead
from eigyo.transfer import pipeline
from eigyo.transfer.models import CompanyImport

from .test_people_import import EIGHT


def workbook(rows, sheets=("名刺",)) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "表紙"
    book.active.append(["この表は名刺の一覧です"])
    for name in sheets:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_people_page_preview_then_import(actors, login):
    web = login(actors.manager)
    start = web.get(reverse("transfer:people_import"))
    assert start.status_code == 200 and b"people-upload" in start.content
    upload = SimpleUploadedFile("eight.csv", EIGHT.encode("cp932"))
    response = web.post(reverse("transfer:people_import"), {"file": upload, "on_duplicate": "skip"})
    assert response.status_code == 302
    batch = CompanyImport.objects.get(org=actors.org, target="people")
    page = web.get(batch.get_absolute_url())
    assert page.status_code == 200
    assert page.context["format"] == "Eight"
    assert page.context["counts"] == {"create": 2, "merge": 0, "skip": 1, "error": 0}
    assert "山田 花子".encode() in page.content and b"import-commit" in page.content
    assert Person.objects.count() == 0
    columns = {f"col_{i}": t for i, t in enumerate(batch.mapping)}
    done = web.post(
        batch.get_absolute_url(), {"action": "commit", "on_duplicate": "skip", **columns}
    )
    assert done.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.created, batch.skipped) == ("done", 2, 1)
    assert Person.objects.filter(org=actors.org).count() == 2
    assert b"import-done" in web.get(batch.get_absolute_url()).content


@pytest.mark.django_db
def test_people_import_is_for_admins_and_managers(actors, login):
    assert login(actors.rep1).get(reverse("transfer:people_import")).status_code == 403
    assert login(actors.partner_user).get(reverse("transfer:people_template")).status_code == 403
    template = login(actors.admin).get(reverse("transfer:people_template"))
    assert template.content.decode("utf-8-sig").startswith("会社名,会社名フリガナ")


@pytest.mark.django_db
def test_a_bad_file_is_refused_on_the_page_not_a_500(actors, login):
    web = login(actors.manager)
    for data in (
        b"BEGIN:VCARD\nVERSION:3.0\nN:a;b\n",
        b"PK\x03\x04broken",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ):
        response = web.post(
            reverse("transfer:people_import"),
            {"file": SimpleUploadedFile("x", data), "on_duplicate": "skip"},
        )
        assert response.status_code == 422
        assert response.context["form"].errors["file"]
    assert CompanyImport.objects.count() == 0


@pytest.mark.django_db
def test_abandoned_preview_imports_nothing(actors, login):
    web = login(actors.manager)
    web.post(
        reverse("transfer:people_import"),
        {"file": SimpleUploadedFile("eight.csv", EIGHT.encode()), "on_duplicate": "merge"},
    )
    batch = CompanyImport.objects.get()
    assert batch.options == {"on_duplicate": "merge"}
    response = web.post(batch.get_absolute_url(), {"action": "abandon"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "abandoned" and Person.objects.count() == 0


@pytest.mark.django_db
def test_excel_workbooks_in_every_import(actors, login):
    web = login(actors.manager)
    people = workbook(
        [["会社名", "姓", "名", "名刺交換日"], ["東海化成株式会社", "山田", "花子", None]]
    )
    response = web.post(
        reverse("transfer:people_import"),
        {"file": SimpleUploadedFile("cards.xlsx", people), "sheet": "名刺", "on_duplicate": "skip"},
    )
    assert response.status_code == 302
    batch = CompanyImport.objects.get(target="people")
    assert batch.content.splitlines()[1] == "東海化成株式会社,山田,花子"
    # No such sheet: said so, nothing kept.
    missing = web.post(
        reverse("transfer:people_import"),
        {"file": SimpleUploadedFile("cards.xlsx", people), "sheet": "ない", "on_duplicate": "skip"},
    )
    assert missing.status_code == 422 and "ない" in str(missing.context["form"].errors["file"])

    companies = workbook(
        [["会社名", "電話番号", "従業員数"], ["北陸精工株式会社", "076-000-0000", 1200.0]]
    )
    response = web.post(
        reverse("transfer:import"),
        {"file": SimpleUploadedFile("c.xlsx", companies), "sheet": "名刺"},
    )
    assert response.status_code == 302
    assert (
        "北陸精工株式会社,076-000-0000,1200"
        in CompanyImport.objects.get(target="companies").content
    )

    leads = workbook(
        [["会社名", "氏名", "メール"], ["中部精機株式会社", "佐々木 学", "s@chubu.example"]]
    )
    mkt = login(actors.marketing)
    preview = mkt.post(
        reverse("lead_import:start"),
        {"file": SimpleUploadedFile("l.xlsx", leads), "sheet": "名刺", "source": "other"},
    )
    assert preview.status_code == 200
    assert [r.action for r in preview.context["checked"].rows] == ["create"]
    assert Lead.objects.count() == 0


def test_the_first_sheet_when_none_is_named():
    data = workbook([["会社名"], ["X"]])
    assert pipeline.read_file(data).startswith("この表は名刺の一覧です")
    assert pipeline.read_file(data, "名刺") == "会社名\nX\n"


@pytest.mark.django_db
def test_people_as_vcard_page_and_api(actors, login, api):
    firm = Company.objects.create(
        org=actors.org, legal_name="東海化成株式会社", kana="トウカイカセイ"
    )
    hanako = Person.objects.create(
        org=actors.org,
        company=firm,
        family_name="山田",
        given_name="花子",
        family_kana="ヤマダ",
        given_kana="ハナコ",
    )
    Person.objects.create(org=actors.org, family_name="林", given_name="誠")
    web = login(actors.rep1)
    one = web.get(reverse("transfer:person_vcard", args=[hanako.pk]))
    assert one.status_code == 200 and one["Content-Type"].startswith("text/vcard")
    text = one.content.decode()
    assert text.count("BEGIN:VCARD") == 1
    assert "X-PHONETIC-LAST-NAME:ヤマダ" in text and "X-PHONETIC-ORG:トウカイカセイ" in text
    listed = web.get(reverse("transfer:people_vcard"), {"company": firm.pk}).content.decode()
    assert listed.count("BEGIN:VCARD") == 1
    assert web.get(reverse("transfer:people_vcard")).content.decode().count("BEGIN:VCARD") == 2
    assert (
        login(actors.outsider).get(reverse("transfer:person_vcard", args=[hanako.pk])).status_code
        == 404
    )
    rest = api(actors.rep1)
    assert "FN:山田花子" in rest.get(f"/api/people/{hanako.pk}/vcard").content.decode()
    assert rest.get("/api/people/vcard?q=林").content.decode().count("BEGIN:VCARD") == 1


@pytest.mark.django_db
def test_people_api_checks_then_imports(actors, api):
    rest = api(actors.manager)
    body = {"content": EIGHT, "filename": "eight.csv"}
    checked = rest.post(
        "/api/people/import", data=json.dumps(body), content_type="application/json"
    )
    assert checked.status_code == 200, checked.content
    out = checked.json()
    assert (out["format"], out["created"], out["skipped"], out["committed"]) == (
        "eight",
        2,
        1,
        False,
    )
    assert out["rows"][0]["exchanges"] == ["2026-04-10", "2026-10-01"]
    assert Person.objects.count() == 0
    done = rest.post(
        "/api/people/import",
        data=json.dumps({**body, "commit": True}),
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["rows"][0]["person"]
    assert Person.objects.filter(org=actors.org).count() == 2
    bad = rest.post(
        "/api/people/import",
        data=json.dumps({"content": "姓,メール\n山田,nope\n", "commit": True}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "line 2"
    refused = rest.post(
        "/api/people/import",
        data=json.dumps({"content": "BEGIN:VCARD\nN:x\n"}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "1行目" in refused.json()["errors"][0]["message"]  # the manager reads Japanese
    forbidden = api(actors.rep1).post(
        "/api/people/import", data=json.dumps(body), content_type="application/json"
    )
    assert forbidden.status_code == 403


@pytest.mark.django_db
def test_people_from_the_command_line(actors, tmp_path, capsys):
    path = tmp_path / "eight.csv"
    path.write_bytes(EIGHT.encode("cp932"))
    call_command("import", "people", str(path), "--user", actors.manager.email, "--dry-run")
    assert Person.objects.count() == 0
    call_command("import", "people", str(path), "--user", actors.manager.email)
    assert "imported 2 people" in capsys.readouterr().out
    assert Tie.objects.filter(user=actors.manager).count() == 2
    call_command(
        "import", "people", str(path), "--user", actors.manager.email, "--on-duplicate", "merge"
    )
    assert Person.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import", "people", str(path), "--user", actors.rep1.email)


@pytest.mark.django_db
def test_the_person_page_offers_the_card(actors, login):
    hanako = Person.objects.create(org=actors.org, family_name="山田", given_name="花子")
    page = login(actors.rep1).get(reverse("contacts:detail", args=[hanako.pk]))
    assert reverse("transfer:person_vcard", args=[hanako.pk]).encode() in page.content


@pytest.mark.django_db
def test_a_company_workbook_from_the_command_line_and_set_aside_on_the_page(
    actors, tmp_path, capsys, login
):
    path = tmp_path / "companies.xlsx"
    path.write_bytes(workbook([["会社名", "電話番号"], ["北陸精工株式会社", "076-000-0000"]]))
    call_command(
        "import", "companies", str(path), "--user", actors.manager.email, "--sheet", "名刺"
    )
    assert "imported 1 companies" in capsys.readouterr().out
    with pytest.raises(CommandError, match="ない"):
        call_command(
            "import", "companies", str(path), "--user", actors.manager.email, "--sheet", "ない"
        )
    web = login(actors.manager)
    web.post(
        reverse("transfer:import"),
        {"file": SimpleUploadedFile("c.csv", "会社名\n中部精機株式会社\n".encode())},
    )
    batch = CompanyImport.objects.get(status="preview")
    assert web.post(batch.get_absolute_url(), {"action": "abandon"}).status_code == 302
    batch.refresh_from_db()
    assert batch.status == "abandoned"
    assert b"import-abandoned" in web.get(batch.get_absolute_url()).content
    assert Company.objects.filter(legal_name="中部精機株式会社").count() == 0


@pytest.mark.django_db
def test_a_list_from_a_third_party_leaves_the_record_of_receipt(actors, login, api, tmp_path):
    """APPI 確認記録: who gave the list and how they obtained it, for each person it
    brought (page, API and command line alike); naming a provider takes both."""
    from eigyo.audit.models import ProvisionRecord

    received = ProvisionRecord.objects.filter(org=actors.org, direction="received")
    web = login(actors.manager)
    half = SimpleUploadedFile("eight.csv", EIGHT.encode("cp932"))
    refused = web.post(
        reverse("transfer:people_import"),
        {"file": half, "on_duplicate": "skip", "provider": "展示会事務局"},
    )
    assert refused.status_code == 422 and 'data-field="obtained"' in refused.content.decode()
    assert not CompanyImport.objects.exists()
    upload = SimpleUploadedFile("eight.csv", EIGHT.encode("cp932"))
    web.post(
        reverse("transfer:people_import"),
        {
            "file": upload,
            "on_duplicate": "skip",
            "provider": "展示会事務局",
            "obtained": "来場者登録（同意あり）",
        },
    )
    batch = CompanyImport.objects.get(org=actors.org, target="people")
    columns = {f"col_{i}": t for i, t in enumerate(batch.mapping)}
    web.post(batch.get_absolute_url(), {"action": "commit", "on_duplicate": "skip", **columns})
    people = set(Person.objects.filter(org=actors.org).values_list("pk", flat=True))
    assert len(people) == 2
    assert set(received.values_list("person", flat=True)) == people
    record = received.first()
    assert "展示会事務局" in str(record.__dict__) and "来場者登録" in str(record.__dict__)

    # Our own cards leave none; the API names both or is refused.
    rest = api(actors.manager)
    body = {"content": EIGHT.replace("山田", "川田"), "commit": True, "provider": "名簿業者"}
    no = rest.post("/api/people/import", data=json.dumps(body), content_type="application/json")
    assert no.status_code == 422 and no.json()["errors"][0]["field"] == "obtained"
    assert Person.objects.filter(org=actors.org).count() == 2
    path = tmp_path / "eight.csv"
    path.write_bytes(EIGHT.replace("山田", "川田").encode("cp932"))
    with pytest.raises(CommandError, match="--obtained"):
        call_command(
            "import", "people", str(path), "--user", actors.manager.email, "--provider", "名簿業者"
        )
    before = received.count()
    call_command("import", "people", str(path), "--user", actors.manager.email)
    assert received.count() == before  # our own list: no record of receipt
