"""Pure tests of the public code lists' lookups."""

import pytest

from eigyo.registry.codes import PREFECTURES, prefecture_code, sector_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("東京都千代田区丸の内1-1", "13"),
        ("東京", "13"),
        ("京都府京都市中京区", "26"),
        ("京都市下京区", "26"),
        ("北海道札幌市", "01"),
        ("神奈川県横浜市", "14"),
        ("神奈川", "14"),
        ("和歌山市", "30"),
        ("鹿児島県", "46"),
        ("　大阪府", "27"),
        ("京急蒲田", ""),
        ("", ""),
        (None, ""),
        ("Tokyo", ""),
    ],
)
def test_prefecture_from_an_address_or_a_name(text, code):
    assert prefecture_code(text) == code


def test_every_prefecture_finds_itself():
    assert [prefecture_code(ja) for code, ja, _en in PREFECTURES] == [
        c for c, _j, _e in PREFECTURES
    ]


def test_sector_codes_from_jpx_codes_and_names():
    assert sector_code("50") == "0050" and sector_code("3650") == "3650"
    assert sector_code("電気機器") == "3650" and sector_code("倉庫・運輸関連") == "5200"
    assert sector_code("9999") == "" and sector_code("宇宙業") == ""
