"""Every list to CSV and Excel: the filter on screen, only what the user may see,
formulas neutralised, dates and yen as real values, and the audit signal for people."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from eigyo.core.signals import personal_data_read
from eigyo.transfer import sheets
from eigyo.transfer.exporting import REGISTRY

pytestmark = pytest.mark.django_db


def read_csv(content: bytes, encoding="utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(encoding))))


def read_xlsx(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_every_list_on_screen_is_exportable():
    assert {
        "companies",
        "people",
        "portfolio",
        "activities",
        "deals",
        "instructions",
        "leads",
        "partners",
    } <= set(REGISTRY)


@pytest.mark.parametrize(
    "key",
    [
        "companies",
        "people",
        "portfolio",
        "activities",
        "deals",
        "instructions",
        "leads",
        "partners",
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_list_downloads_for_the_admin(book, actors, login, key, fmt):
    response = login(actors.admin).get(f"/export/{key}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response.content) if fmt == "csv" else read_xlsx(response.content)
    assert len(rows) == 1 + int(response["X-Eigyo-Rows"])


def test_csv_has_a_bom_and_japanese_headers(book, actors, login):
    response = login(actors.admin).get("/export/people.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *rows = read_csv(response.content)
    assert "姓" in header and "姓（フリガナ）" in header
    names = {(r[header.index("姓")], r[header.index("名")]) for r in rows}
    assert ("田中", "太郎") in names
    assert ("外山", "一郎") not in names  # another organisation's person


def test_shift_jis_for_older_excel(book, actors, login):
    book.person.notes = "〜 wave dash, 𠮷野家, ㈱, emoji 🙂 — dash"
    book.person.save()
    response = login(actors.admin).get("/export/people.csv?encoding=cp932")
    assert not response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("cp932")
    assert "田中" in text
    assert "吉野家" in text  # 𠮷 written with its everyday form
    assert "〓" in text  # the emoji has no Shift_JIS form: the geta mark says so
    assert "―" in text  # the em dash as cp932's horizontal bar


def test_cp932_replacements_are_encodable():
    assert sheets.to_cp932("ｱ①髙﨑〜−¢\u00a0😀").decode("cp932") == "ｱ①髙﨑～－￠ 〓"


def test_the_filter_on_screen_is_the_filter_of_the_file(book, actors, login):
    client = login(actors.admin)
    header, *rows = read_csv(client.get(f"/export/deals.csv?owner={actors.rep2.pk}").content)
    assert [r[header.index("案件")] for r in rows] == ["保守契約"]
    header, *rows = read_csv(client.get("/export/people.csv?q=tanaka").content)
    assert [r[header.index("姓")] for r in rows] == ["田中"]
    # A bad value is dropped, as on the list page: no 500, the whole list.
    assert client.get("/export/deals.csv?owner=abc").status_code == 200


def test_instructions_export_the_open_tab_unless_told(book, actors, login):
    book.instruction2.status = "done"
    book.instruction2.save()
    client = login(actors.admin)
    header, *rows = read_csv(client.get("/export/instructions.csv").content)
    assert [r[header.index("件名")] for r in rows] == ["品質保証部長に面談"]
    _header, *rows = read_csv(client.get("/export/instructions.csv?status=all").content)
    assert len(rows) == 2


def test_partner_user_gets_only_their_partners_rows(book, actors, login):
    client = login(actors.partner_user)
    header, *rows = read_csv(client.get("/export/companies.csv").content)
    assert [r[header.index("正式名称")] if "正式名称" in header else r[1] for r in rows] == [
        "大阪部品株式会社"
    ]
    header, *rows = read_csv(client.get("/export/deals.csv").content)
    assert [r[header.index("案件")] for r in rows] == ["関西案件"]
    # The follow-through is not theirs: 403 as on the page.
    assert client.get("/export/instructions.csv").status_code == 403


def test_outsider_sees_nothing_of_another_organisation(book, actors, login):
    client = login(actors.outsider)
    for key in ("companies", "people", "deals", "activities", "portfolio"):
        content = client.get(f"/export/{key}.csv").content.decode("utf-8-sig")
        assert "トヨタ" not in content and "田中" not in content, key
    # A filter naming a hidden company finds nothing rather than leaking it.
    _h, *rows = read_csv(client.get(f"/export/people.csv?company={book.company.pk}").content)
    assert rows == []


def test_marketing_may_not_export_the_visit_log(book, actors, login):
    _h, *rows = read_csv(login(actors.marketing).get("/export/activities.csv").content)
    assert rows == []


def test_unknown_list_or_format_is_404(actors, login):
    client = login(actors.admin)
    assert client.get("/export/secrets.csv").status_code == 404
    assert client.get("/export/people.pdf").status_code == 404


def test_formulas_are_neutralised_in_both_formats(book, actors, login):
    book.company.notes = '=HYPERLINK("http://evil","x")'
    book.company.short_name = "@SUM(1)"
    book.company.save()
    client = login(actors.admin)
    text = client.get("/export/companies.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    cells = [c for row in read_xlsx(client.get("/export/companies.xlsx").content) for c in row]
    assert '\'=HYPERLINK("http://evil","x")' in cells and "'@SUM(1)" in cells
    assert not any(isinstance(c, str) and c.startswith(("=", "@")) for c in cells)


def test_xlsx_has_real_dates_and_yen_numbers(book, actors, login):
    book.deal.expected_close = dt.date(2027, 3, 31)
    book.deal.save()
    rows = read_xlsx(login(actors.admin).get("/export/deals.xlsx?sort=-amount").content)
    header, first = rows[0], rows[1]
    assert first[header.index("金額（円）")] == 12_000_000
    assert first[header.index("受注予定日")] == dt.datetime(2027, 3, 31)
    sheet = load_workbook(
        io.BytesIO(login(actors.admin).get("/export/deals.xlsx?sort=-amount").content)
    ).active
    assert sheet.cell(row=2, column=header.index("金額（円）") + 1).number_format == "#,##0"
    assert sheet.cell(row=2, column=header.index("受注予定日") + 1).number_format == "yyyy/mm/dd"


def test_times_are_tokyo_time(book, actors, login):
    rows = read_xlsx(login(actors.admin).get("/export/activities.xlsx").content)
    header = rows[0]
    times = {r[header.index("日時")] for r in rows[1:]}
    # The book's visit at 10:00 Tokyo time is stored as 01:00 UTC: the sheet shows 10:00.
    assert dt.datetime(2026, 11, 2, 10, 0) in times
    met = [r[header.index("面談者")] for r in rows[1:]]
    assert "田中 太郎" in met


def test_people_export_tells_the_audit_trail(book, actors, login):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    personal_data_read.connect(listener)
    try:
        login(actors.admin).get("/export/people.xlsx")
        login(actors.admin).get("/export/deals.csv")
    finally:
        personal_data_read.disconnect(listener)
    assert len(heard) == 1
    assert heard[0]["action"] == "export"
    assert heard[0]["user"] == actors.admin
    assert set(heard[0]["pks"]) == {book.person.pk, book.partner_person.pk}


def test_api_export_with_the_lists_filter(book, actors, api):
    client = api(actors.rep1)
    response = client.get("/api/deals/export?format=xlsx&open=true")
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert {r[rows[0].index("案件")] for r in rows[1:]} == {
        "検査装置の更新",
        "関西案件",
        "保守契約",
    } - {"保守契約"}
    assert api(actors.partner_user).get("/api/instructions/export").status_code == 403
    bad = client.get("/api/deals/export?format=pdf")
    assert bad.status_code == 422 and bad.json()["errors"]
    assert api(actors.admin).get("/api/relationships/export?encoding=cp932").status_code == 200


def test_export_is_not_n_plus_one(book, actors, login, django_assert_max_num_queries):
    from eigyo.activities.models import Activity

    for _ in range(30):
        act = Activity.objects.create(
            org=actors.org,
            company=book.company,
            owner=actors.rep1,
            occurred_at=book.activity.occurred_at,
        )
        act.people.add(book.person)
    client = login(actors.admin)
    client.get("/export/activities.csv")  # warm the session
    # 9: the audit trail's index of the people the file names is one insert
    with django_assert_max_num_queries(9):
        client.get("/export/activities.csv")


def test_partners_export_is_the_sales_sides(book, actors, login):
    header, *rows = read_csv(login(actors.manager).get("/export/partners.csv").content)
    names = {r[header.index("名称")] if "名称" in header else r[1] for r in rows}
    assert actors.partner.name in names and actors.partner2.name in names
    assert login(actors.partner_user).get("/export/partners.csv").status_code == 403
    assert login(actors.marketing).get("/export/partners.csv").status_code == 403
    _h, *rows = read_csv(login(actors.outsider).get("/export/partners.csv").content)
    assert actors.partner.name not in str(rows)


def test_a_person_whose_use_stopped_is_never_exported(book, actors, login, api):
    person = book.person
    person.use_ceased = True
    person.save()
    client = login(actors.admin)
    header, *rows = read_csv(client.get("/export/people.csv").content)
    ids = [r[header.index("ID")] for r in rows]
    assert rows and str(person.pk) not in ids
    person.use_ceased = False
    person.save()
    header, *rows = read_csv(client.get("/export/people.csv").content)
    assert str(person.pk) in [r[header.index("ID")] for r in rows]  # the test can fail
    person.use_ceased = True
    person.save()
    vcards = api(actors.admin).get("/api/people/vcard").content.decode()
    assert "タナカ" not in vcards and vcards.count("BEGIN:VCARD") >= 1
