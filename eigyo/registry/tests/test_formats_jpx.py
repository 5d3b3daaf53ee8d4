"""The streaming reader of the JPX listed companies list (read_jpx).

Pure tests, no database; the sample files and helpers are in conftest.py.

Run alone: .venv/bin/python -m pytest eigyo/registry/tests/test_formats_*.py -q
-p no:django -o addopts="".
"""

from __future__ import annotations

import importlib.resources
import io
import zipfile

import pytest

from eigyo.registry.formats import BadRow, RegistryRecord, read_jpx
from eigyo.registry.tests.conftest import JPX, kinds

# --------------------------------------------------------------------------- JPX


def test_jpx_sample_file():
    items = list(read_jpx(JPX))
    assert kinds(items) == ["RegistryRecord"] * 5 + ["BadRow"] * 2 + ["RegistryRecord"]
    kyokuyo, fund, veritas, zozo, toyota, bad_code, short, nintendo = items
    assert toyota == RegistryRecord(
        corporate_number="",
        name="",  # JPX has no legal name
        short_name="トヨタ自動車",
        securities_code="7203",
        industry="輸送用機器",
        sector33_code="3700",
        market="プライム（内国株式）",  # labels as published
        size_class="TOPIX Core30",
        is_listed=True,
        source="jpx",
        line=6,
    )
    assert kyokuyo.sector33_code == "50"  # as published
    assert (fund.securities_code, fund.sector33_code, fund.industry) == ("1306", "", "")
    assert fund.short_name == "NEXT FUNDS TOPIX連動型上場投信" and fund.market == "ETF・ETN"
    assert veritas.securities_code == "130A" and veritas.size_class == ""
    assert zozo.short_name == "ZOZO"
    assert bad_code == BadRow(7, "invalid securities code '72O3'")
    assert short == BadRow(8, "expected 10 columns, found 7")
    assert nintendo.line == 9


def test_jpx_cp932_and_excel_bom_read_the_same():
    expected = list(read_jpx(JPX))
    text = JPX.read_text(encoding="utf-8")
    assert list(read_jpx(io.BytesIO(text.encode("cp932")))) == expected
    assert list(read_jpx(io.BytesIO(text.replace("\n", "\r\n").encode("utf-8-sig")))) == expected


def test_jpx_columns_are_found_by_name():
    lines = JPX.read_text(encoding="utf-8").splitlines()
    with_index = "\n".join(f"{i},{line}" for i, line in enumerate(lines))  # pandas' index
    items = list(read_jpx(io.BytesIO(with_index.encode())))
    expected = list(read_jpx(JPX))
    assert [getattr(i, "securities_code", i.line) for i in items] == [
        getattr(i, "securities_code", i.line) for i in expected
    ]


def test_jpx_whole_shipped_list():
    path = importlib.resources.files("tokyo_stock_exchange") / "tse.csv"
    with path.open("rb") as f:
        records = list(read_jpx(f))
    assert len(records) == 4354 and all(isinstance(r, RegistryRecord) for r in records)
    funds = [r for r in records if not r.sector33_code]
    assert 300 < len(funds) < len(records) // 2
    toyota = next(r for r in records if r.securities_code == "7203")
    assert toyota.size_class == "TOPIX Core30" and toyota.industry == "輸送用機器"
    preferred = next(r for r in records if r.securities_code == "25935")  # 5 digits, kept
    assert preferred.short_name == "伊藤園 優先株式" and preferred.sector33_code == "3050"


def test_excel_workbooks_are_refused_with_how_to_fix(tmp_path):
    with pytest.raises(ValueError, match="save it as 'CSV UTF-8'"):
        read_jpx(tmp_path / "data_j.xls")  # at call time, before any reading
    fake_xls = tmp_path / "data_j.csv"
    fake_xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ValueError, match="Excel workbook"):
        list(read_jpx(fake_xls))
    xlsx = tmp_path / "data_j.zip"
    with zipfile.ZipFile(xlsx, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ValueError, match="Excel workbook"):
        list(read_jpx(xlsx))
    utf16 = tmp_path / "data_j.txt"
    utf16.write_bytes(JPX.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(ValueError, match="UTF-16"):
        list(read_jpx(utf16))
