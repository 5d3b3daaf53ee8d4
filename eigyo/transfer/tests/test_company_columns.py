"""Pure tests: reading an exported company list (no database)."""

import pytest

from eigyo.transfer.domain.company_columns import (
    FileProblem,
    decode,
    guess_mapping,
    header_key,
    parse_number,
    parse_yes_no,
    rows,
)


def test_headers_are_compared_the_japanese_way():
    assert header_key("会社名（カナ）") == header_key("会社名(カナ)") == header_key("会社名 カナ")
    assert header_key("Ｅメール") == "eメール"
    assert header_key("Billing Zip/Postal Code") == "billingzippostalcode"


def test_mapping_of_japanese_exports():
    headers = ["No.", "会社名", "会社名（カナ）", "法人番号", "〒", "住所", "TEL", "備考", "メモ"]
    assert guess_mapping(headers) == [
        "",
        "legal_name",
        "kana",
        "corporate_number",
        "postal_code",
        "address",
        "phone",
        "notes",
        "notes",
    ]


def test_mapping_of_salesforce_and_hubspot_exports():
    salesforce = [
        "Account ID",
        "Account Name",
        "Billing Street",
        "Billing City",
        "Billing State/Province",
        "Billing Zip/Postal Code",
        "Phone",
        "Website",
        "Industry",
        "Description",
    ]
    assert guess_mapping(salesforce) == [
        "",
        "legal_name",
        "address",
        "city",
        "prefecture",
        "postal_code",
        "phone",
        "website",
        "sector33",
        "notes",
    ]
    hubspot = [
        "Record ID",
        "Company name",
        "Phone Number",
        "Street Address",
        "City",
        "State/Region",
        "Postal Code",
        "Website URL",
        "Industry",
    ]
    assert guess_mapping(hubspot) == [
        "",
        "legal_name",
        "phone",
        "address",
        "city",
        "prefecture",
        "postal_code",
        "website",
        "sector33",
    ]


def test_first_column_wins_and_own_fields_are_recognised():
    assert guess_mapping(
        ["会社名", "社名", "工場数", "uses_rival"],
        {"plants": "工場数", "uses_rival": "競合製品を使用"},
    ) == ["legal_name", "", "own:plants", "own:uses_rival"]


def test_decode_utf8_bom_cp932_and_utf16():
    assert decode("\ufeff会社名\n".encode()) == "会社名\n"
    assert decode("会社名,㈱テスト\n".encode("cp932")) == "会社名,㈱テスト\n"
    assert decode("会社名\n".encode("utf-16")) == "会社名\n"
    with pytest.raises(FileProblem, match="excel"):
        decode(b"PK\x03\x04....")
    with pytest.raises(FileProblem, match="encoding"):
        decode(b"\x81\x39\xff\xfe\xfd")


def test_rows_keep_physical_line_numbers_across_quoted_line_breaks():
    text = 'a,b\r\n"x\r\ny",1\r\n\r\nz,2\r\n'
    assert list(rows(text)) == [(1, ["a", "b"]), (2, ["x\ny", "1"]), (5, ["z", "2"])]
    assert list(rows("会社名\t電話\nA社\t03\n")) == [(1, ["会社名", "電話"]), (2, ["A社", "03"])]
    with pytest.raises(FileProblem, match="csv:3"):
        list(rows('a\nb\n"c\n'))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("はい", True),
        ("○", True),
        ("YES", True),
        ("１", True),
        ("あり", True),
        ("いいえ", False),
        ("×", False),
        ("no", False),
        ("なし", False),
        ("", None),
        ("-", None),
        ("　", None),
    ],
)
def test_yes_no_as_people_write_it(text, value):
    assert parse_yes_no(text) is value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200),
        ("１２００", 1200),
        ("350人", 350),
        ("¥3,000", 3000),
        ("-5", -5),
        ("", None),
    ],
)
def test_numbers_as_people_write_them(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["たぶん", "2.5", "1e9", "十"])
def test_unreadable_values_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text) if text != "たぶん" else parse_yes_no(text)
