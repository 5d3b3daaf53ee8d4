"""The streaming readers of the public company lists (EDINET, JPX, NTA).

Pure tests, no database. The sample files under data/ are small files written
by us in the official formats; corporate numbers are real ones from the EDINET
list shipped in japan-finance-codes, except the fictional 見本商事 (4010001234567,
built with its check digit) used for a closed registration.

Run alone: .venv/bin/python -m pytest eigyo/companies/tests/test_formats.py -q
-p no:django -o addopts="". Parsing speed of a 200,000-row NTA file:
.venv/bin/python -m eigyo.companies.tests.test_formats
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import gzip
import importlib.resources
import io
import json
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from eigyo.lib import corporate_number
from eigyo.registry import formats
from eigyo.registry.formats import (
    NTA_COLUMNS,
    Alias,
    BadRow,
    RegistryRecord,
    read_edinet_csv,
    read_jpx,
    read_nta,
    sniff,
)

DATA = Path(__file__).parent / "data"
EDINET = DATA / "EdinetcodeDlInfo_sample.csv"
JPX = DATA / "data_j_sample.csv"
NTA_UTF8 = DATA / "nta_sample_utf8.csv"
NTA_SJIS = DATA / "nta_sample_sjis.csv"
NTA_ZIP = DATA / "nta_sample_sjis.zip"

TOYOTA = "1180301018771"
SONY_GROUP = "5010401067252"
NINTENDO = "1130001011420"
ZOZO = "4040001010503"
MIHON = "4010001234567"  # fictional, valid check digit


def nta_row(**values: str) -> str:
    """One NTA CSV line: 30 columns, values by column name, quoted like the NTA does."""
    row = [""] * len(NTA_COLUMNS)
    defaults = {"一連番号": "1", "処理区分": "01", "訂正区分": "0", "最新履歴": "1"}
    for name, value in {**defaults, **values}.items():
        row[NTA_COLUMNS.index(name)] = value
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerow(row)
    return out.getvalue()


def read_nta_text(text: str, encoding: str = "utf-8") -> list:
    return list(read_nta(io.BytesIO(text.encode(encoding))))


def kinds(items: list) -> list[str]:
    return [type(item).__name__ for item in items]


# --------------------------------------------------------------------------- NTA


def test_nta_columns_are_in_the_published_order():
    assert len(NTA_COLUMNS) == 30
    one_based = {name: i + 1 for i, name in enumerate(NTA_COLUMNS)}
    assert one_based["一連番号"] == 1
    assert one_based["法人番号"] == 2
    assert one_based["処理区分"] == 3
    assert one_based["商号又は名称"] == 7
    assert one_based["法人種別"] == 9
    assert one_based["国内所在地（都道府県）"] == 10
    assert one_based["国内所在地（市区町村）"] == 11
    assert one_based["国内所在地（丁目番地等）"] == 12
    assert one_based["郵便番号"] == 16
    assert one_based["国外所在地"] == 17
    assert one_based["登記記録の閉鎖等年月日"] == 19
    assert one_based["登記記録の閉鎖等の事由"] == 20
    assert one_based["最新履歴"] == 24
    assert one_based["商号又は名称（英語表記）"] == 25
    assert one_based["フリガナ"] == 29
    assert one_based["検索対象除外"] == 30


def test_each_nta_column_lands_in_its_field():
    # Every column holds its own 1-based position, so a shifted index shows.
    row = [f"c{i}" for i in range(1, 31)]
    row[1], row[23], row[15] = TOYOTA, "1", "4718571"  # 法人番号, 最新履歴, 郵便番号
    (rec,) = read_nta_text(",".join(row) + "\n")
    assert rec.corporate_number == TOYOTA
    assert rec.name == "c7"
    assert rec.kind == "c9"
    assert rec.prefecture == "c10"
    assert rec.address == "c10c11c12"
    assert rec.postal_code == "471-8571"
    assert rec.name_en == "c25"
    assert rec.kana == "c29"
    assert rec.closed  # c19 is a closure date that is not empty
    assert rec.line == 1 and rec.source == "nta"


def test_nta_sample_file():
    items = list(read_nta(NTA_UTF8))
    assert kinds(items) == [
        "RegistryRecord",
        "Alias",
        "RegistryRecord",
        "RegistryRecord",
        "RegistryRecord",
        "BadRow",
        "BadRow",
        "BadRow",
        "RegistryRecord",
    ]
    toyota, sony_before, sony, mihon, nintendo, short, wrong_digit, quote, zozo = items
    assert toyota == RegistryRecord(
        corporate_number=TOYOTA,
        name="トヨタ自動車株式会社",
        name_en="TOYOTA MOTOR CORPORATION",
        kana="トヨタジドウシャ",
        prefecture="愛知県",
        address="愛知県豊田市トヨタ町1番地",  # NFKC: １ → 1
        postal_code="471-8571",
        kind="301",
        source="nta",
        line=1,
    )
    # The history row gives the former name, merged by the caller on the number.
    assert sony_before == Alias(SONY_GROUP, "ソニー株式会社", 2, "Sony Corporation", "ソニー")
    assert (sony.corporate_number, sony.name, sony.line) == (
        SONY_GROUP,
        "ソニーグループ株式会社",
        3,
    )
    assert sony.address == "東京都港区港南1丁目7-1" and not sony.closed
    assert sony.former_names == ()
    assert mihon.closed and mihon.name == "見本商事株式会社" and mihon.postal_code == "100-0005"
    assert nintendo.name_en == "Nintendo Co., Ltd."  # a quoted comma stays in the field
    assert nintendo.prefecture == "京都府" and not nintendo.closed
    assert short == BadRow(6, "expected 30 columns, found 12")
    assert wrong_digit == BadRow(7, "invalid corporate number 5070001000716")
    assert quote.line == 8 and quote.reason.startswith("malformed CSV")
    assert zozo.name == "株式会社ZOZO" and zozo.line == 9  # the stream went on


def test_shift_jis_edition_and_zip_read_the_same():
    expected = list(read_nta(NTA_UTF8))
    assert list(read_nta(NTA_SJIS)) == expected  # detected as cp932, CRLF line ends
    assert list(read_nta(NTA_ZIP)) == expected  # streamed from the zip member
    assert list(read_nta(io.BytesIO(NTA_ZIP.read_bytes()))) == expected
    assert list(read_nta(NTA_SJIS, encoding="shift_jis")) == expected  # read as cp932
    assert list(read_nta(str(NTA_SJIS), "cp932")) == expected
    assert list(read_nta(NTA_UTF8, encoding="utf-8")) == expected
    assert list(read_nta(io.BytesIO(b"\xef\xbb\xbf" + NTA_UTF8.read_bytes()))) == expected
    with pytest.raises(ValueError, match="unknown encoding"):
        list(read_nta(NTA_UTF8, encoding="klingon"))


def test_forced_wrong_encoding_gives_bad_rows_not_a_crash():
    items = list(read_nta(NTA_SJIS, encoding="utf-8"))
    assert len(items) == 9 and all(isinstance(i, BadRow) for i in items)
    assert "cannot be decoded as utf-8" in items[0].reason


@pytest.mark.parametrize(
    ("process", "closed_on", "closed"),
    [
        ("01", "", False),  # new
        ("11", "", False),  # name change
        ("21", "2023-03-31", True),  # closure of the registration
        ("21", "", True),
        ("71", "2022-04-01", True),  # merged out
        ("81", "", True),  # deletion
        ("99", "", True),  # deletion (other)
        ("12", "2020-01-01", True),  # a closure date is enough
        ("22", "2020-01-01", False),  # reopened
        ("72", "2020-01-01", False),  # merger cancelled
    ],
)
def test_nta_closed(process, closed_on, closed):
    text = nta_row(
        法人番号=TOYOTA, 処理区分=process, 商号又は名称="テスト", 登記記録の閉鎖等年月日=closed_on
    )
    (rec,) = read_nta_text(text)
    assert rec.closed is closed


def test_nta_addresses_postal_codes_and_history():
    text = (
        nta_row(法人番号=TOYOTA, 商号又は名称="ｱｲｳ　株式会社", 郵便番号="100-0005")
        + nta_row(法人番号=NINTENDO, 商号又は名称="Foreign Ltd", 国外所在地="Delaware, U.S.A.")
        + nta_row(法人番号=ZOZO, 商号又は名称="株式会社ZOZO", 郵便番号="12345")
        + nta_row(法人番号=ZOZO, 商号又は名称="", 最新履歴="0")
        + nta_row(法人番号=ZOZO, 商号又は名称="x", 最新履歴="2")
        + nta_row(法人番号="", 商号又は名称="no number")
        + nta_row(法人番号="１１８０３０１０１８７７１", 商号又は名称="全角の番号")
    )
    first, foreign, odd_postal, nameless, latest, no_number, wide = read_nta_text(text)
    assert first.name == "アイウ 株式会社" and first.postal_code == "100-0005"
    assert foreign.address == "Delaware, U.S.A." and foreign.prefecture == ""
    assert odd_postal.postal_code == "" and odd_postal.warnings == (
        "unrecognised postal code '12345' dropped",
    )
    assert nameless == BadRow(4, f"no name for corporate number {ZOZO}")
    assert latest.line == 5 and "最新履歴" in latest.reason
    assert no_number == BadRow(6, "no corporate number")
    assert wide.corporate_number == TOYOTA  # full-width digits cleaned


def test_an_undecodable_line_is_one_bad_row():
    good = nta_row(法人番号=TOYOTA, 商号又は名称="トヨタ自動車株式会社")
    sjis = (good + good).encode("cp932")
    broken = good.encode("cp932").replace("トヨタ".encode("cp932"), b"\x81\x20\x81")
    items = list(read_nta(io.BytesIO(sjis + broken + sjis)))
    assert kinds(items) == ["RegistryRecord"] * 2 + ["BadRow"] + ["RegistryRecord"] * 2
    assert items[2].line == 3 and "cp932" in items[2].reason
    assert items[3].line == 4

    utf8 = (good * 3).encode("utf-8")
    items = list(read_nta(io.BytesIO(utf8 + b"\xff\xfe" + good.encode() + utf8)))
    assert [i.line for i in items if isinstance(i, BadRow)] == [4]
    assert len(items) == 7


def test_line_numbers_count_blank_lines():
    row = nta_row(法人番号=TOYOTA, 商号又は名称="x")
    items = read_nta_text("\n" + row + "\r\n   \n" + row.rstrip("\n"))  # no final newline
    assert [i.line for i in items] == [2, 5]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 16, 1 << 16])
def test_line_splitting_is_independent_of_chunk_size(monkeypatch, chunk):
    monkeypatch.setattr(formats.reading, "_CHUNK", chunk)
    data = b"a,b\r\n\nccc\n\xe3\x81\x82,\xe3\x81\x84\nlast"
    stream = io.BytesIO(data)
    lines = list(formats.reading._byte_lines(stream, stream.read(chunk)))
    assert lines == data.split(b"\n")


def test_an_overlong_line_is_skipped_without_being_kept(monkeypatch):
    monkeypatch.setattr(formats.reading, "_CHUNK", 16)
    monkeypatch.setattr(formats.reading, "_MAX_LINE", 200)
    row = nta_row(法人番号=TOYOTA, 商号又は名称="x").rstrip("\n").encode()
    assert len(row) < 200
    items = list(read_nta(io.BytesIO(row + b"y" * 1000 + b"\n" + row + b"z" * 500)))
    assert items == [
        BadRow(1, "line longer than 200 bytes"),
        BadRow(2, "line longer than 200 bytes"),
    ]
    items = list(read_nta(io.BytesIO(row + b"y" * 1000 + b"\n" + row + b"\n")))
    assert kinds(items) == ["BadRow", "RegistryRecord"] and items[1].line == 2


def test_reading_is_lazy_and_files_are_closed(monkeypatch, tmp_path):
    class Counting(io.BytesIO):
        read_bytes = 0

        def read(self, size=-1):
            data = super().read(size)
            self.read_bytes += len(data)
            return data

    row = nta_row(法人番号=TOYOTA, 商号又は名称="トヨタ自動車株式会社").encode()
    stream = Counting(row * 20_000)  # about 3 MB
    items = read_nta(stream)
    next(items)
    assert stream.read_bytes <= 2 * formats.reading._CHUNK
    items.close()
    assert not stream.closed  # a file object given by the caller stays open

    opened = []

    def recording_open(*args, **kwargs):
        opened.append(open(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(formats.reading, "open", recording_open, raising=False)
    path = tmp_path / "nta.csv"
    path.write_bytes(row * 3)
    items = read_nta(path)
    next(items)
    assert not opened[0].closed
    items.close()  # the caller stops early
    assert opened[0].closed
    list(read_nta(path))
    assert opened[1].closed


def test_check_number_agrees_with_the_library():
    rng = random.Random(7)
    for _ in range(3000):
        value = f"{rng.randrange(10**13):013d}"
        number, reason = formats.reading._check_number(value)
        assert (reason is None) == corporate_number.is_valid(value), value
    for value in ["1-1803-0101-8771", "１１８０３０１０１８７７１", "118030101877", "abc"]:
        number, reason = formats.reading._check_number(value)
        assert (reason is None) == corporate_number.is_valid(value), value


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


# --------------------------------------------------------------------------- files


def test_sniff():
    assert sniff(EDINET) == "edinet"
    assert sniff(JPX) == "jpx"
    assert sniff(NTA_UTF8) == "nta"
    assert sniff(NTA_SJIS) == "nta"
    assert sniff(str(NTA_ZIP)) == "nta"
    stream = io.BytesIO(JPX.read_bytes())
    assert sniff(stream) == "jpx" and stream.tell() == 0  # put back for the reader
    assert formats.READERS[sniff(stream)] is read_jpx
    with pytest.raises(ValueError, match="EDINET code list"):
        sniff(io.BytesIO("名前,住所\n山田,東京\n".encode()))
    with pytest.raises(ValueError, match="Excel"):
        sniff("data_j.xls")


def test_the_wrong_reader_says_which_one_to_use():
    with pytest.raises(ValueError, match="read_edinet_csv"):
        list(read_nta(EDINET))
    with pytest.raises(ValueError, match="read_nta"):
        list(read_edinet_csv(NTA_UTF8))
    with pytest.raises(ValueError, match="read_nta"):
        list(read_jpx(NTA_SJIS))
    with pytest.raises(ValueError, match="read_jpx"):
        list(read_edinet_csv(JPX))


def test_zip_must_hold_exactly_one_csv(tmp_path):
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.writestr("a.csv", "x")
        z.writestr("b.csv", "y")
    with pytest.raises(ValueError, match="2 .csv files"):
        list(read_nta(two))
    none = tmp_path / "none.zip"
    with zipfile.ZipFile(none, "w") as z:
        z.writestr("readme.txt", "x")
        z.writestr("__MACOSX/._a.csv", "x")
    with pytest.raises(ValueError, match="no .csv"):
        list(read_nta(none))


def test_text_mode_files_are_refused():
    with pytest.raises(TypeError, match="binary mode"):
        list(read_nta(io.StringIO("1,2,3\n")))


def test_records_are_frozen_and_the_module_is_pure():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RegistryRecord(corporate_number="", name="x").name = "y"  # type: ignore[misc]
    imported = set()
    for module in Path(formats.__file__).parent.glob("*.py"):
        imported |= _top_level_imports(module)
    assert imported <= {
        "__future__",
        "codecs",
        "collections",
        "contextlib",
        "csv",
        "dataclasses",
        "eigyo",
        "os",
        "re",
        "typing",
        "zipfile",
    }


def _top_level_imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }


# --------------------------------------------------------------------------- scale


def write_nta_file(path: Path, rows: int) -> None:
    """A full NTA file of `rows` realistic rows (valid numbers, kana, address;
    an English name on one row in ten), written in blocks."""
    with path.open("w", encoding="utf-8", newline="") as f:
        for start in range(0, rows, 10_000):
            block = []
            for i in range(start, min(start + 10_000, rows)):
                twelve = f"{i + 100_000:012d}"
                number = corporate_number.check_digit(twelve) + twelve
                name_en = f'"Sample {i} Co., Ltd."' if i % 10 == 0 else ""
                block.append(
                    f'{i + 1},{number},01,0,2015-11-13,2015-10-05,"株式会社サンプル{i}",,301,'
                    f'"東京都","千代田区","丸の内１丁目{i % 100}－１",,13,101,1000005,,,,,,,'
                    f'2015-10-05,1,{name_en},,,,"サンプル",0\n'
                )
            f.write("".join(block))


def test_200k_row_file_streams_in_constant_memory(tmp_path):
    path = tmp_path / "00_zenkoku_all.csv"
    write_nta_file(path, 200_000)
    assert path.stat().st_size > 35_000_000
    count = last = 0
    tracemalloc.start()
    try:
        for item in read_nta(path):
            count += 1
            last = item.line
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (count, last) == (200_000, 200_000)
    assert peak < 2 * 1024 * 1024, f"peak {peak / 1024:.0f} KiB"


if __name__ == "__main__":  # the speed figure: python -m eigyo.companies.tests.test_formats
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "nta.csv"
        write_nta_file(target, 200_000)
        started = time.perf_counter()
        n = sum(1 for _ in read_nta(target))
        seconds = time.perf_counter() - started
        size = target.stat().st_size / 1e6
        print(f"{n} rows ({size:.0f} MB) in {seconds:.2f} s: {n / seconds:,.0f} rows/s")
        tracemalloc.start()
        sum(1 for _ in read_nta(target))
        print(f"tracemalloc peak {tracemalloc.get_traced_memory()[1] / 1024:.0f} KiB")
        tracemalloc.stop()
