"""An Excel list as Japanese offices keep it: phone numbers and postal codes stored as
numbers and shown with their leading zero by a number format."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from eigyo.transfer import pipeline, services
from eigyo.transfer.domain import workbook


def book(rows: list[list], formats: dict[int, str]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for values in rows:
        ws.append(values)
    for row in ws.iter_rows(min_row=2):
        for column, number_format in formats.items():
            row[column].number_format = number_format
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("number", "number_format", "shown"),
    [
        (312345678, "0##########", "0312345678"),
        (312345678, "0##-####-####", "03-1234-5678"),
        (9012345678, "00000000000", "09012345678"),
        (1000005, "000-0000", "100-0005"),
        (1000005, "[<=999]000;[<=99999]000-00;000-0000", "100-0005"),  # Excel's 郵便番号
        (5, "[<=999]000;[<=99999]000-00;000-0000", "005"),
        (1200, "General", ""),
        (1200, "#,##0", ""),
        (1200, "0.00", ""),
    ],
)
def test_a_number_as_its_format_shows_it(number, number_format, shown):
    assert workbook._padded(number, number_format) == shown


def test_the_sheet_reads_as_excel_shows_it():
    data = book(
        [
            ["姓", "電話", "郵便番号", "金額", "日付"],
            ["山田", 312345678, 1000005, 1200.0, dt.date(2026, 4, 1)],
        ],
        {1: "0##-####-####", 2: "000-0000", 3: "#,##0"},
    )
    assert workbook.to_csv(data).splitlines() == [
        "姓,電話,郵便番号,金額,日付",
        "山田,03-1234-5678,100-0005,1200,2026-04-01",
    ]


@pytest.mark.django_db
def test_people_from_such_a_workbook_import_without_errors(actors):
    data = book(
        [
            ["会社名", "姓", "名", "電話番号", "携帯電話", "郵便番号"],
            ["東海化成株式会社", "山田", "花子", 520000000, 9012345678, 4600008],
        ],
        {3: "0##########", 4: "00000000000", 5: "000-0000"},
    )
    checked = pipeline.preview(services.people_target(actors.manager), pipeline.read_file(data))
    (row,) = checked.rows
    assert not row.errors, row.errors
    assert (row.data["phone"], row.data["mobile"]) == ("+81520000000", "+819012345678")
