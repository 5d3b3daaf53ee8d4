"""The streaming reader of the EDINET code list (read_edinet_csv).

Pure tests, no database; the sample files and helpers are in conftest.py.

Run alone: .venv/bin/python -m pytest eigyo/registry/tests/test_formats_*.py -q
-p no:django -o addopts="".
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import importlib.resources
import io
import json
import zipfile

from eigyo.registry import formats
from eigyo.registry.formats import BadRow, RegistryRecord, read_edinet_csv, sniff
from eigyo.registry.tests.conftest import EDINET, TOYOTA, kinds

# --------------------------------------------------------------------------- EDINET


def test_edinet_sample_file():
    items = list(read_edinet_csv(EDINET))
    assert kinds(items) == ["RegistryRecord"] * 6 + ["BadRow"] * 2
    toyota, zozo, veritas, kyokuyo, hohsui, dow, wrong_digit, short = items
    assert toyota == RegistryRecord(
        corporate_number=TOYOTA,
        name="トヨタ自動車株式会社",
        name_en="TOYOTA MOTOR CORPORATION",
        kana="トヨタジドウシャカブシキガイシャ",
        edinet_code="E02144",
        securities_code="7203",  # 72030 → the 4-character ticker
        prefecture="愛知県",
        address="愛知県豊田市トヨタ町1番地",
        industry="輸送用機器",
        is_listed=True,
        source="edinet",
        line=3,  # the title line and the header come first
    )
    assert zozo.name == "株式会社ZOZO" and zozo.prefecture == "千葉県"
    assert veritas.securities_code == "130A" and veritas.name == "株式会社Veritas In Silico"
    assert kyokuyo.name == "株式会社 極洋" and kyokuyo.kana == "カブシキガイシャキョクヨウ"
    assert not hohsui.is_listed and hohsui.securities_code == ""
    assert hohsui.name_en == "HOHSUI CORPORATION"
    assert dow.corporate_number == "" and dow.prefecture == ""  # a foreign filer
    assert wrong_digit == BadRow(9, "invalid corporate number 5070001000716")
    assert short == BadRow(10, "expected 13 columns, found 12")


def test_edinet_without_title_line_in_utf8_and_zipped(tmp_path):
    expected = list(read_edinet_csv(EDINET))
    text = EDINET.read_bytes().decode("cp932")
    no_title = text.split("\r\n", 1)[1]
    items = list(read_edinet_csv(io.BytesIO(no_title.encode("utf-8"))))
    assert items == [dataclasses.replace(i, line=i.line - 1) for i in expected]
    archive = tmp_path / "Edinetcode.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("EdinetcodeDlInfo.csv", EDINET.read_bytes())
    assert list(read_edinet_csv(archive)) == expected
    assert sniff(archive) == "edinet"


def test_edinet_bad_securities_code_is_a_warning():
    text = EDINET.read_bytes().decode("cp932").replace('"72030"', '"7203X"')
    toyota = next(read_edinet_csv(io.BytesIO(text.encode("cp932"))))
    assert toyota.securities_code == "" and toyota.corporate_number == TOYOTA
    assert toyota.warnings == ("unrecognised securities code '7203X' dropped",)


def test_edinet_whole_shipped_list_round_trips(tmp_path):
    path = importlib.resources.files("japan_finance_codes") / "_data" / "company_registry.json.gz"
    companies = json.loads(gzip.decompress(path.read_bytes()))["companies"]
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["ダウンロード実行日", "2026年03月02日現在", "件数", f"{len(companies)}件"])
    writer.writerow(formats.EDINET_COLUMNS)
    for c in companies:
        listed = "上場" if c["is_listed"] else "非上場"
        writer.writerow(
            [
                c["edinet_code"],
                "",
                listed,
                "",
                "",
                "",
                c["name"],
                c["name_en"] or "",
                "",
                "",
                c["industry"] or "",
                c["sec_code"] or "",
                c["corporate_number"] or "",
            ]
        )
    csv_path = tmp_path / "EdinetcodeDlInfo.csv"
    csv_path.write_bytes(out.getvalue().encode("cp932"))
    records = list(read_edinet_csv(csv_path))
    assert len(records) == len(companies) == 11223
    assert all(isinstance(r, RegistryRecord) for r in records)
    assert sum(1 for r in records if r.corporate_number) == 7145
    assert sum(1 for r in records if r.is_listed) == sum(1 for c in companies if c["is_listed"])
    assert [r.securities_code for r in records] == [c["ticker"] or "" for c in companies]
