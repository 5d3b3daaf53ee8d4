"""Reading people lists (pure): the headers of each app, names, readings, tags, dates."""

import datetime as dt

import pytest

from eigyo.transfer.domain import people_columns as pc

EIGHT = [*pc.EIGHT_COLUMNS, "展示会2026", "重要"]
SANSAN = [
    "会社名",
    "部署名",
    "役職",
    "氏名",
    "郵便番号(1)",
    "住所(1)［全て］",
    "TEL-1(1)",
    "FAX(1)",
    "Email(1)",
    "名刺所有者ユーザID",
]
GOOGLE = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Notes",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
]
GOOGLE_LEGACY = [
    "Name",
    "Given Name",
    "Additional Name",
    "Family Name",
    "Yomi Name",
    "Given Name Yomi",
    "Additional Name Yomi",
    "Family Name Yomi",
    "Group Membership",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "Organization 1 - Name",
    "Organization 1 - Yomi Name",
    "Organization 1 - Title",
]
OUTLOOK_EN = [
    "Title",
    "First Name",
    "Last Name",
    "Company",
    "Department",
    "Job Title",
    "Business Phone",
    "Mobile Phone",
    "E-mail Address",
    "Yomi First Name",
    "Yomi Last Name",
    "Yomi Company Name",
]
OUTLOOK_JA = [
    "姓",
    "名",
    "姓 (フリガナ)",
    "名 (フリガナ)",
    "会社名",
    "部署",
    "役職",
    "電子メール アドレス",
]
SALESFORCE = [
    "Id",
    "AccountId",
    "LastName",
    "FirstName",
    "Salutation",
    "Email",
    "Title",
    "Department",
    "MobilePhone",
    "LastNameKana__c",
    "FirstNameKana__c",
]
HUBSPOT = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Contact owner",
    "Associated Company",
    "Create Date",
]


def test_eight_fixed_columns_and_tags():
    mapping = pc.guess_mapping(EIGHT)
    assert mapping[:5] == ["company_name", "department", "title", "family_name", "given_name"]
    assert mapping[5] == "email" and mapping[8] == "company_phone" and mapping[10] == "phone"
    assert mapping[12] == "mobile" and mapping[14] == "exchanged_on"
    assert mapping[15:] == ["tags", "tags"]
    assert pc.detect_format(EIGHT) == "eight"


@pytest.mark.parametrize(
    ("headers", "fmt", "expected"),
    [
        (
            SANSAN,
            "sansan",
            {"full_name": 3, "postal_code": 4, "address": 5, "phone": 6, "email": 8, "owner": 9},
        ),
        (
            GOOGLE,
            "google",
            {
                "given_name": 0,
                "family_name": 2,
                "given_kana": 3,
                "family_kana": 5,
                "company_name": 7,
                "title": 8,
                "department": 9,
                "tags": 11,
                "email": 13,
                "phone": 16,
            },
        ),
        (
            GOOGLE_LEGACY,
            "google_legacy",
            {
                "full_name": 0,
                "given_name": 1,
                "family_name": 3,
                "full_kana": 4,
                "given_kana": 5,
                "family_kana": 7,
                "tags": 8,
                "email": 10,
                "company_name": 11,
                "company_kana": 12,
                "title": 13,
            },
        ),
        (
            OUTLOOK_EN,
            "outlook",
            {
                "given_name": 1,
                "family_name": 2,
                "company_name": 3,
                "department": 4,
                "title": 5,
                "phone": 6,
                "mobile": 7,
                "email": 8,
                "given_kana": 9,
                "family_kana": 10,
                "company_kana": 11,
            },
        ),
        (
            OUTLOOK_JA,
            "outlook",
            {
                "family_name": 0,
                "given_name": 1,
                "family_kana": 2,
                "given_kana": 3,
                "company_name": 4,
                "department": 5,
                "title": 6,
                "email": 7,
            },
        ),
        (
            SALESFORCE,
            "salesforce",
            {
                "family_name": 2,
                "given_name": 3,
                "email": 5,
                "title": 6,
                "department": 7,
                "mobile": 8,
                "family_kana": 9,
                "given_kana": 10,
            },
        ),
        (
            HUBSPOT,
            "hubspot",
            {
                "given_name": 1,
                "family_name": 2,
                "email": 3,
                "phone": 4,
                "owner": 5,
                "company_name": 6,
            },
        ),
    ],
)
def test_each_app_is_recognised(headers, fmt, expected):
    mapping = pc.guess_mapping(headers)
    assert {t: mapping.index(t) for t in expected} == expected
    assert pc.detect_format(headers) == fmt


def test_outlook_title_is_the_courtesy_title_when_job_title_is_there():
    assert pc.guess_mapping(OUTLOOK_EN)[0] == ""
    assert pc.guess_mapping(["Last Name", "Title"]) == ["family_name", "title"]


def test_names_split_family_first_for_japanese():
    assert pc.split_full_name("山田　花子") == ("山田", "花子")
    assert pc.split_full_name("山田 花子") == ("山田", "花子")
    assert pc.split_full_name("山田花子") == ("山田花子", "")  # not split without a space
    assert pc.split_full_name("Taro Yamada") == ("Yamada", "Taro")
    assert pc.split_full_name("Yamada, Taro") == ("Yamada", "Taro")
    assert pc.split_full_name("") == ("", "")


def test_readings_tags_dates():
    assert pc.reading("ｱﾝﾄﾞｳ") == "アンドウ" and pc.reading("やまだ") == "ヤマダ"
    assert pc.reading("Yamada") == ""
    assert pc.split_reading("ヤマダ　ハナコ") == ("ヤマダ", "ハナコ")
    assert pc.tags_of("展示会2026", "1") == ["展示会2026"]
    assert pc.tags_of("展示会2026", "") == []
    assert pc.tags_of("Labels", "* myContacts ::: 展示会 ::: * starred") == ["展示会"]
    assert pc.parse_date("2024/04/01") == dt.date(2024, 4, 1)
    assert pc.parse_date("2024年4月1日") == dt.date(2024, 4, 1)
    assert pc.parse_date("20240401") == dt.date(2024, 4, 1)
    assert pc.parse_date("") is None
    with pytest.raises(ValueError):
        pc.parse_date("昨日")
    assert pc.department_path("営業本部　第一営業部") == "営業本部 第一営業部"
