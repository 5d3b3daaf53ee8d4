"""The streaming reader of the NTA corporate number list (read_nta).

Pure tests, no database; the sample files and helpers are in conftest.py.

Run alone: .venv/bin/python -m pytest eigyo/registry/tests/test_formats_*.py -q
-p no:django -o addopts="".
"""

from __future__ import annotations

import io
import random

import pytest

from eigyo.lib import corporate_number
from eigyo.registry import formats
from eigyo.registry.formats import NTA_COLUMNS, Alias, BadRow, RegistryRecord, read_nta
from eigyo.registry.tests.conftest import (
    NINTENDO,
    NTA_SJIS,
    NTA_UTF8,
    NTA_ZIP,
    SONY_GROUP,
    TOYOTA,
    ZOZO,
    kinds,
    nta_row,
    read_nta_text,
)

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
