"""Importing a company list: preview, duplicates, registry links, all or nothing."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from eigyo.companies.models import Company, CompanyField
from eigyo.transfer.models import CompanyImport

# As Excel on Japanese Windows saves it: Shift_JIS (cp932), CRLF, a quoted field
# with a line break, a header row in Japanese.
LIST = (
    "会社名,フリガナ,法人番号,業種,住所,電話番号,備考,工場数\r\n"
    "ﾄﾖﾀ自動車(株),トヨタジドウシャ,,輸送用機器,愛知県豊田市トヨタ町1番地,0565-28-2121,本社,12\r\n"
    '㈱中部精機,チュウブセイキ,,機械,名古屋市中区栄1-1,052-000-0000,"紹介:\r\n田中様",3\r\n'
    "ソニーグループ株式会社,,,電気機器,東京都港区港南1-7-1,,既存,\r\n"
    "株式会社 中部精機,,,,,,,\r\n"
)


@pytest.fixture
def plants(actors):
    return CompanyField.objects.create(org=actors.org, key="plants", label="工場数", kind="number")


def upload(web, text, name="顧客リスト.csv", encoding="cp932"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return web.post(reverse("transfer:import"), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.django_db
def test_preview_then_import_links_the_registry_and_skips_duplicates(actors, loaded, plants, login):
    sony = Company.objects.create(org=actors.org, legal_name="ソニーグループ株式会社")
    web = login(actors.manager)
    response = upload(web, LIST)
    assert response.status_code == 302
    batch = CompanyImport.objects.get(org=actors.org)
    page = web.get(batch.get_absolute_url())
    assert page.status_code == 200
    assert Company.objects.filter(org=actors.org).count() == 1  # a preview writes nothing
    rows = {r.line: r for r in page.context["checked"].rows}
    assert sorted(rows) == [2, 3, 5, 6]  # line numbers of the file (line 4 continues 3)
    assert rows[2].action == "create" and rows[2].entry.corporate_number == "1180301018771"
    assert rows[3].action == "create" and rows[3].entry is None
    assert rows[5].action == "skip" and rows[5].duplicate_of == sony
    assert rows[6].action == "skip" and rows[6].duplicate_line == 3  # same name as line 3
    assert page.context["counts"] == {"create": 2, "skip": 2, "error": 0}
    assert b"import-commit" in page.content

    done = web.post(batch.get_absolute_url(), {"action": "commit", **_columns(batch)})
    assert done.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.created, batch.skipped) == ("done", 2, 2)
    toyota = Company.objects.get(org=actors.org, corporate_number="1180301018771")
    assert (
        toyota.registry.name == "トヨタ自動車株式会社" and toyota.legal_name == "トヨタ自動車(株)"
    )
    assert (toyota.prefecture, toyota.address) == ("23", "豊田市トヨタ町1番地")
    assert toyota.phone == "+81565282121" and toyota.custom == {"plants": 12}
    assert toyota.sector33 == "3700"
    chubu = Company.objects.get(org=actors.org, kana="チュウブセイキ")
    assert (chubu.registry, chubu.sector33, chubu.notes) == (None, "3600", "紹介:\n田中様")
    assert Company.objects.filter(org=actors.org).count() == 3
    # Importing the same file again creates nothing: every row is now a duplicate.
    again = upload(web, LIST)
    second = CompanyImport.objects.exclude(pk=batch.pk).get()
    assert again.status_code == 302
    assert web.get(second.get_absolute_url()).context["counts"] == {
        "create": 0,
        "skip": 4,
        "error": 0,
    }


def _columns(batch):
    return {f"col_{i}": target for i, target in enumerate(batch.mapping)}


@pytest.mark.django_db
def test_a_bad_row_blocks_the_whole_import_and_is_reported_by_line(actors, loaded, login):
    text = (
        "会社名,法人番号,業種,都道府県\n"
        "良い商事株式会社,,,東京都\n"
        "悪い番号株式会社,1234567890123,,\n"
        "知らない業種株式会社,,宇宙業,\n"
        "県名誤り株式会社,,,火星県\n"
        ",,,\n"
        "名無し,,,大阪\n"
    )
    web = login(actors.admin)
    upload(web, text, encoding="utf-8")
    batch = CompanyImport.objects.get()
    page = web.get(batch.get_absolute_url())
    rows = {r.line: r for r in page.context["checked"].rows}
    assert {line: r.action for line, r in rows.items()} == {
        2: "create",
        3: "error",
        4: "error",
        5: "error",
        7: "create",
    }  # blank line 6 skipped
    assert "法人番号" in rows[3].errors[0]
    assert rows[4].errors == ["業種：「宇宙業」は該当するものがありません。"]
    assert "火星県" in rows[5].errors[0]
    assert rows[7].data["prefecture"] == "27"  # 大阪 → 大阪府
    assert b"disabled" in page.content
    refused = web.post(batch.get_absolute_url(), {"action": "commit", **_columns(batch)})
    assert refused.status_code == 200
    assert not Company.objects.filter(org=actors.org).exists()
    batch.refresh_from_db()
    assert batch.status == "preview"


@pytest.mark.django_db
def test_crm_exports_in_english_are_mapped_and_columns_can_be_changed(actors, loaded, login):
    text = (
        "\ufeffAccount Name,Billing Street,Billing City,Billing State/Province,"
        "Billing Zip/Postal Code,Phone,Website,Industry,Account Owner\n"
        "NEC Corporation,5-7-1 Shiba,Minato-ku,Tokyo,108-8001,03-3454-1111,"
        "https://jpn.nec.com,Electric Appliances,Sato\n"
    )
    web = login(actors.manager)
    upload(web, text, encoding="utf-8")
    batch = CompanyImport.objects.get()
    assert batch.mapping == [
        "legal_name",
        "address",
        "city",
        "prefecture",
        "postal_code",
        "phone",
        "website",
        "sector33",
        "",
    ]
    (row,) = web.get(batch.get_absolute_url()).context["checked"].rows
    assert row.entry.corporate_number == "7010401022916"  # English name resolved
    assert row.data["prefecture"] == "13" and row.data["sector33"] == "3650"
    # The user maps the owner column to notes instead of ignoring it.
    columns = _columns(batch) | {"col_8": "notes"}
    web.post(batch.get_absolute_url(), {"action": "remap", **columns})
    batch.refresh_from_db()
    assert batch.mapping[8] == "notes"
    web.post(batch.get_absolute_url(), {"action": "commit", **columns})
    nec = Company.objects.get(org=actors.org)
    assert (nec.corporate_number, nec.notes, nec.postal_code) == (
        "7010401022916",
        "Sato",
        "108-8001",
    )
    assert nec.address == "Minato-ku 5-7-1 Shiba"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04rest", "list.xlsx", "Excel"),
        (b"", "empty.csv", "空"),
        ("電話番号,住所\n03-1234-5678,東京都\n".encode(), "noname.csv", "会社名"),
        ('会社名\n"閉じない引用\n'.encode(), "quote.csv", "2"),
    ],
)
def test_files_that_cannot_be_imported_say_why(actors, login, data, name, message):
    response = upload(login(actors.admin), data, name=name)
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors["file"])
    assert not CompanyImport.objects.exists()


@pytest.mark.django_db
def test_only_admins_and_managers_import_and_batches_stay_in_the_organisation(actors, login):
    web = login(actors.admin)
    upload(web, "会社名\n一社株式会社\n", encoding="utf-8")
    batch = CompanyImport.objects.get()
    for user in (actors.rep1, actors.partner_user, actors.marketing):
        assert login(user).get(reverse("transfer:import")).status_code == 403
        assert login(user).get(batch.get_absolute_url()).status_code == 404
    outsider = login(actors.outsider)
    assert outsider.get(batch.get_absolute_url()).status_code == 404
    assert outsider.post(batch.get_absolute_url(), {"action": "commit"}).status_code == 404
    assert login(actors.manager).get(batch.get_absolute_url()).status_code == 200
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_the_template_opens_in_excel(actors, login):
    response = login(actors.manager).get(reverse("transfer:import_template"))
    assert response.content.decode("utf-8").startswith("\ufeff会社名,フリガナ,法人番号")


@pytest.mark.django_db
def test_cli_imports_or_reports_each_bad_line(actors, loaded, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes("取引先,県\nﾄﾖﾀ自動車(株),愛知\n新規開拓株式会社,\n".encode("cp932"))
    call_command(
        "import",
        "companies",
        str(good),
        "--user",
        "boss@acme.example",
        "--map",
        "取引先=legal_name",
        "--dry-run",
    )
    assert "2 new, 0 duplicates skipped, 0 errors" in capsys.readouterr().out
    assert not Company.objects.exists()
    call_command(
        "import", "companies", str(good), "--user", "boss@acme.example", "--format", "json"
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["registry"] for r in rows] == ["1180301018771", ""]
    assert Company.objects.filter(org=actors.org).count() == 2
    assert CompanyImport.objects.get().created == 2

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "会社名,法人番号\n正しい株式会社,\n誤り株式会社,1111111111111\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="1 rows have errors"):
        call_command("import", "companies", str(bad), "--user", "boss@acme.example")
    assert "line 3: 誤り株式会社" in capsys.readouterr().out
    assert Company.objects.filter(org=actors.org).count() == 2
    with pytest.raises(CommandError, match="not an admin or manager"):
        call_command("import", "companies", str(good), "--user", "rep1@acme.example")
    with pytest.raises(CommandError, match="no column"):
        call_command(
            "import",
            "companies",
            str(good),
            "--user",
            "boss@acme.example",
            "--map",
            "社名=legal_name",
        )
    with pytest.raises(CommandError, match="planet"):
        call_command(
            "import", "companies", str(good), "--user", "boss@acme.example", "--map", "県=planet"
        )


@pytest.mark.django_db
def test_api_checks_and_imports_all_or_nothing(actors, loaded, api):
    client = api(actors.manager)
    text = "会社名,法人番号\nソニーグループ(株),\n誤り株式会社,1111111111111\n"
    checked = client.post(
        "/api/companies/import", {"content": text}, content_type="application/json"
    ).json()
    assert (checked["created"], checked["errors"], checked["committed"]) == (1, 1, False)
    assert checked["rows"][0]["match"] == "matched" and checked["rows"][1]["action"] == "error"
    refused = client.post(
        "/api/companies/import", {"content": text, "commit": True}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "line 3"
    assert not Company.objects.exists()
    done = client.post(
        "/api/companies/import",
        {"content": text.rsplit("\n", 2)[0] + "\n", "commit": True},
        content_type="application/json",
    ).json()
    assert done["committed"] and done["rows"][0]["company"]
    assert Company.objects.get(org=actors.org).registry.corporate_number == "5010401067252"
    assert (
        api(actors.rep1)
        .post("/api/companies/import", {"content": text}, content_type="application/json")
        .status_code
        == 403
    )
    mangled = client.post(
        "/api/companies/import", {"content": "電話\n03\n"}, content_type="application/json"
    )
    assert mangled.status_code == 422
    typo = client.post(
        "/api/companies/import",
        {"content": text, "mapping": ["legal_nmae"]},
        content_type="application/json",
    )
    assert typo.status_code == 422 and "legal_nmae" in typo.json()["errors"][0]["message"]


def test_file_like_upload_is_read_in_full():
    # The views read at most MAX_BYTES + 1, so a larger file is refused, not cut.
    from eigyo.transfer import importing

    with pytest.raises(importing.ImportRefused):
        importing.read_file(io.BytesIO(b"x" * (importing.MAX_BYTES + 1)).read())


@pytest.mark.django_db
def test_a_number_written_another_way_is_still_a_duplicate(actors, loaded, login):
    toyota = Company.objects.create(
        org=actors.org, legal_name="トヨタ自動車株式会社", corporate_number="1180301018771"
    )
    web = login(actors.manager)
    upload(web, "会社名,法人番号\nTOYOTA本社,１１８０-３０１０-１８７７１\n", encoding="utf-8")
    (row,) = web.get(CompanyImport.objects.get().get_absolute_url()).context["checked"].rows
    assert (row.action, row.duplicate_of) == ("skip", toyota)
