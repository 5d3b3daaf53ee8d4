"""People files as the apps really write them, beyond the basic headers: the whole
Google Contacts export (numbered groups), Outlook and the Windows address book in
English and Japanese, Eight and Sansan variants, Salesforce report labels, HubSpot in
Japanese, Cybozu; headers with a BOM, spaces, full-width brackets, other case, marks
of a required column, another order and unknown columns."""

import pytest

from eigyo.transfer import pipeline, services
from eigyo.transfer.domain import people_columns as pc


def targets(headers: list[str]) -> dict[str, list[str]]:
    """Each target and the headers mapped to it."""
    out: dict[str, list[str]] = {}
    for header, target in zip(headers, pc.guess_mapping(headers), strict=True):
        if target:
            out.setdefault(target, []).append(header)
    return out


GOOGLE = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,"
    "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
    "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Address 2 - Label,Address 2 - Formatted,"
    "Address 2 - Postal Code,Website 1 - Label,Website 1 - Value,Website 2 - Value,"
    "Custom Field 1 - Label,Custom Field 1 - Value"
).split(",")


def test_google_current_export_with_numbered_groups():
    t = targets(GOOGLE)
    assert t["given_name"] == ["First Name"] and t["family_name"] == ["Last Name"]
    assert t["given_kana"] == ["Phonetic First Name"]
    assert t["family_kana"] == ["Phonetic Last Name"]
    assert (t["company_name"], t["title"], t["department"]) == (
        ["Organization Name"],
        ["Organization Title"],
        ["Organization Department"],
    )
    # Every e-mail and phone column: the first with a value is taken.
    assert t["email"] == ["E-mail 1 - Value", "E-mail 2 - Value"]
    assert t["phone"] == ["Phone 1 - Value", "Phone 2 - Value"]
    # One address, not the second one joined to it.
    assert t["address"] == ["Address 1 - Formatted"]
    assert t["postal_code"] == ["Address 1 - Postal Code"]
    assert t["website"] == ["Website 1 - Value"]
    assert t["tags"] == ["Labels"] and t["notes"] == ["Notes"]
    assert "full_kana" not in t  # the middle name's reading is not kept
    assert pc.detect_format(GOOGLE) == "google"


def test_google_legacy_with_en_dashes_and_a_second_organisation():
    headers = [
        "Name",
        "Given Name",
        "Family Name",
        "Given Name Yomi",
        "Family Name Yomi",
        "Group Membership",
        "E-mail 1 – Type",
        "E-mail 1 – Value",
        "E-mail 2 – Value",
        "Phone 1 – Value",
        "Organization 1 – Name",
        "Organization 1 – Yomi Name",
        "Organization 2 – Name",
    ]
    t = targets(headers)
    assert t["email"] == ["E-mail 1 – Value", "E-mail 2 – Value"]
    assert t["phone"] == ["Phone 1 – Value"]
    assert t["company_name"] == ["Organization 1 – Name"]
    assert t["company_kana"] == ["Organization 1 – Yomi Name"]
    assert pc.detect_format(headers) == "google_legacy"


OUTLOOK_EN = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home City,Business Fax,"
    "Business Phone,Business Phone 2,Company Main Phone,Home Phone,Mobile Phone,Account,"
    "Categories,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,Notes,"
    "Web Page,Yomi First Name,Yomi Last Name,Yomi Company Name"
).split(",")


def test_outlook_english_export():
    t = targets(OUTLOOK_EN)
    assert (t["given_name"], t["family_name"]) == (["First Name"], ["Last Name"])
    assert t["company_name"] == ["Company"]  # not "Account"
    assert t["title"] == ["Job Title"]  # "Title" is Mr./Ms. here
    assert t["address"] == [
        "Business Street",
        "Business Street 2",
        "Business Street 3",
        "Business City",
        "Business State",
    ]
    assert t["postal_code"] == ["Business Postal Code"]
    assert t["phone"] == ["Business Phone", "Business Phone 2"]
    assert t["company_phone"] == ["Company Main Phone"] and t["mobile"] == ["Mobile Phone"]
    assert t["email"] == ["E-mail Address", "E-mail 2 Address"]
    assert (t["given_kana"], t["family_kana"], t["company_kana"]) == (
        ["Yomi First Name"],
        ["Yomi Last Name"],
        ["Yomi Company Name"],
    )
    assert t["tags"] == ["Categories"] and t["website"] == ["Web Page"]
    assert pc.detect_format(OUTLOOK_EN) == "outlook"


@pytest.mark.parametrize(
    "headers",
    [
        # Outlook's Japanese labels, readings written in several ways.
        [
            "敬称",
            "名",
            "ミドル ネーム",
            "姓",
            "ふりがな (名)",
            "ふりがな (姓)",
            "会社名",
            "ふりがな (会社名)",
            "部署",
            "役職",
            "勤務先 番地",
            "勤務先 市区町村",
            "勤務先 都道府県",
            "勤務先 郵便番号",
            "勤務先電話",
            "勤務先電話 2",
            "携帯電話",
            "電子メール アドレス",
            "電子メール 2 アドレス",
            "メモ",
            "分類項目",
        ],
        # The Windows address book: trailing spaces in its headers, 「の」 in them.
        [
            "名",
            "姓",
            "ミドル ネーム",
            "名 (フリガナ)",
            "姓 (フリガナ)",
            "電子メール アドレス",
            "携帯電話 ",
            "勤務先の番地",
            "勤務先の市区町村",
            "勤務先の郵便番号",
            "勤務先の都道府県",
            "勤務先電話番号",
            "会社名",
            "役職",
            "部署",
            "オフィスの場所 ",
            "メモ",
        ],
    ],
    ids=["outlook-ja", "windows-address-book"],
)
def test_outlook_and_windows_address_book_in_japanese(headers):
    t = targets(headers)
    assert (t["family_name"], t["given_name"]) == (["姓"], ["名"])
    assert len(t["family_kana"]) == len(t["given_kana"]) == 1
    assert "姓" in t["family_kana"][0] and "名" in t["given_kana"][0]
    assert t["company_name"] == ["会社名"] and t["title"] == ["役職"]
    assert t["email"][0] == "電子メール アドレス" and t["mobile"] == [
        h for h in headers if h.startswith("携帯")
    ]
    assert len(t["address"]) == 3 and "postal_code" in t and "phone" in t
    assert pc.detect_format(headers) == "outlook"


def test_eight_with_bom_full_width_names_and_a_tag_named_like_a_field():
    headers = [
        "\ufeff会社名",
        "部署名",
        "役職",
        "姓",
        "名",
        "e-mail",
        "郵便番号",
        "住所",
        "ＴＥＬ会社",
        "ＴＥＬ部門",
        "ＴＥＬ直通",
        "Ｆａｘ",
        "携帯電話",
        "URL",
        "名刺交換日",
        "メモ",
        "2026 展示会",
    ]
    mapping = pc.guess_mapping(headers)
    assert mapping[0] == "company_name" and mapping[8] == "company_phone"
    assert mapping[14] == "exchanged_on" and mapping[15:] == ["tags", "tags"]
    assert pc.detect_format(headers) == "eight"


SANSAN = [
    "会社名",
    "会社名（カナ）",
    "会社名（英名）",
    "部署名",
    "役職",
    "氏名",
    "氏名［姓］",
    "氏名［名］",
    "氏名（カナ）",
    "氏名（カナ）［姓］",
    "氏名（カナ）［名］",
    "英字氏名",
    "郵便番号(1)",
    "住所(1)［全て］",
    "TEL-1(1)",
    "TEL-2(1)",
    "FAX(1)",
    "携帯電話(1)",
    "Email(1)",
    "郵便番号(2)",
    "住所(2)［全て］",
    "Email(2)",
    "URL(1)",
    "名刺交換日",
    "名刺所有者ユーザID",
    "タグ",
    "メモ",
]


def test_sansan_export_with_readings_and_second_addresses():
    t = targets(SANSAN)
    assert t["company_name"] == ["会社名"] and t["company_kana"] == ["会社名（カナ）"]
    assert (t["family_name"], t["given_name"], t["full_name"]) == (
        ["氏名［姓］"],
        ["氏名［名］"],
        ["氏名"],
    )
    assert (t["family_kana"], t["given_kana"], t["full_kana"]) == (
        ["氏名（カナ）［姓］"],
        ["氏名（カナ）［名］"],
        ["氏名（カナ）"],
    )
    assert t["address"] == ["住所(1)［全て］"] and t["postal_code"] == ["郵便番号(1)"]
    assert t["phone"] == ["TEL-1(1)", "TEL-2(1)"] and t["email"] == ["Email(1)", "Email(2)"]
    assert t["mobile"] == ["携帯電話(1)"] and t["website"] == ["URL(1)"]
    assert (t["exchanged_on"], t["owner"]) == (["名刺交換日"], ["名刺所有者ユーザID"])
    assert pc.detect_format(SANSAN) == "sansan"
    # Recognised without its owner column too (a user's own export).
    assert pc.detect_format([h for h in SANSAN if h != "名刺所有者ユーザID"]) == "sansan"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            [
                "Id",
                "AccountId",
                "Salutation",
                "LastName",
                "FirstName",
                "MailingStreet",
                "MailingCity",
                "MailingStateCode",
                "MailingPostalCode",
                "MailingCountryCode",
                "Phone",
                "MobilePhone",
                "Email",
                "Title",
                "Department",
                "OwnerId",
                "Furigana_Sei__c",
                "Furigana_Mei__c",
                "KaishaKana__c",
            ],
            {
                "family_name": "LastName",
                "given_name": "FirstName",
                "title": "Title",
                "postal_code": "MailingPostalCode",
                "mobile": "MobilePhone",
                "family_kana": "Furigana_Sei__c",
                "given_kana": "Furigana_Mei__c",
            },
        ),
        (
            [
                "Contact Owner",
                "Salutation",
                "First Name",
                "Last Name",
                "Title",
                "Account Name",
                "Mailing Street",
                "Mailing City",
                "Mailing State/Province",
                "Mailing Zip/Postal Code",
                "Phone",
                "Mobile",
                "Email",
                "Contact ID",
            ],
            {
                "owner": "Contact Owner",
                "company_name": "Account Name",
                "title": "Title",
                "postal_code": "Mailing Zip/Postal Code",
                "mobile": "Mobile",
            },
        ),
        (
            [
                "取引先責任者 所有者",
                "姓",
                "名",
                "取引先名",
                "役職",
                "部署",
                "郵便番号(郵送先)",
                "都道府県(郵送先)",
                "市区郡(郵送先)",
                "町名・番地(郵送先)",
                "電話",
                "携帯",
                "メール",
                "取引先責任者 ID",
            ],
            {
                "owner": "取引先責任者 所有者",
                "company_name": "取引先名",
                "phone": "電話",
                "postal_code": "郵便番号(郵送先)",
                "mobile": "携帯",
                "email": "メール",
            },
        ),
    ],
    ids=["api-names", "report-labels", "report-labels-ja"],
)
def test_salesforce_exports(headers, expected):
    t = targets(headers)
    assert {k: t[k][0] for k in expected} == expected
    assert pc.detect_format(headers) == "salesforce"


@pytest.mark.parametrize(
    "headers",
    [
        [
            "Record ID",
            "First Name",
            "Last Name",
            "Email",
            "Phone Number",
            "Mobile Phone Number",
            "Job Title",
            "Contact owner",
            "Primary Associated Company ID",
            "Associated Company",
            "Last Activity Date",
            "Lead Status",
            "Create Date",
            "Became a Lead Date",
        ],
        [
            "レコードID",
            "名",
            "姓",
            "Eメール",
            "電話番号",
            "携帯電話番号",
            "役職",
            "コンタクト担当者",
            "関連付けられた会社",
            "作成日",
        ],
    ],
    ids=["en", "ja"],
)
def test_hubspot_in_english_and_japanese(headers):
    t = targets(headers)
    assert {
        "given_name",
        "family_name",
        "email",
        "phone",
        "mobile",
        "title",
        "owner",
        "company_name",
    } <= set(t)
    assert pc.detect_format(headers) == "hubspot"  # not Outlook for its "Job Title"


def test_cybozu_address_book():
    t = targets(
        [
            "名前(姓)",
            "名前(名)",
            "よみ(姓)",
            "よみ(名)",
            "会社名",
            "会社よみ",
            "部署名",
            "役職",
            "TEL",
            "E-mail",
            "電話番号(会社)",
            "郵便番号",
            "住所",
            "メモ",
        ]
    )
    assert (t["family_name"], t["given_name"]) == (["名前(姓)"], ["名前(名)"])
    assert (t["family_kana"], t["given_kana"]) == (["よみ(姓)"], ["よみ(名)"])
    assert (t["company_kana"], t["company_phone"]) == (["会社よみ"], ["電話番号(会社)"])


@pytest.mark.parametrize(
    "header",
    ["\ufeff姓", " 姓 ", "姓（必須）", "姓*", "※姓", "［姓］"],
)
def test_marks_spaces_and_brackets_around_a_header(header):
    assert pc.guess_mapping([header, "名"]) == ["family_name", "given_name"]


def test_order_case_and_unknown_columns_do_not_matter():
    headers = ["MEMO?", "e-MAIL ADDRESS", "unknown", "LAST NAME", "company", "FIRST NAME", "x"]
    assert pc.guess_mapping(headers) == [
        "",
        "email",
        "",
        "family_name",
        "company_name",
        "given_name",
        "",
    ]


def test_readings_under_other_names():
    t = targets(["姓", "名", "姓読み", "名よみがな", "会社名", "会社名かな", "ふりがな氏名"])
    assert (t["family_kana"], t["given_kana"]) == (["姓読み"], ["名よみがな"])
    assert (t["company_kana"], t["full_kana"]) == (["会社名かな"], ["ふりがな氏名"])


@pytest.mark.django_db
def test_outlook_export_imports_its_address_lines_and_second_email(actors):
    text = (
        "\ufeffTitle,First Name,Last Name,Company,Job Title,Business Street,Business Street 2,"
        "Business City,Business Postal Code,Business Phone,E-mail Address,E-mail 2 Address\r\n"
        "Mr.,Taro,Yamada,Yamada Shoji,Manager,1-1 Marunouchi,Floor 5,Chiyoda-ku,100-0005,"
        "03-1234-5678,,taro@yamada.example\r\n"
    )
    checked = pipeline.preview(
        services.people_target(actors.manager), pipeline.read_file(text.encode())
    )
    (row,) = checked.rows
    assert not row.errors, row.errors
    assert row.data["email"] == "taro@yamada.example"  # the first address given
    assert row.data["title"] == "Manager"
    assert "1-1 Marunouchi Floor 5 Chiyoda-ku" in row.data["notes"]


def test_eight_in_its_english_interface():
    headers = [
        "Company",
        "Department",
        "Title",
        "Last name",
        "First name",
        "e-mail",
        "Postal code",
        "Address",
        "TEL Company",
        "TEL Department",
        "TEL Direct",
        "Fax",
        "Mobile",
        "URL",
        "Exchange date",
        "Expo 2026",
    ]
    mapping = pc.guess_mapping(headers)
    assert mapping[:5] == ["company_name", "department", "title", "family_name", "given_name"]
    assert (mapping[8], mapping[10], mapping[12]) == ("company_phone", "phone", "mobile")
    assert mapping[14:] == ["exchanged_on", "tags"]
    assert pc.detect_format(headers) == "eight"


@pytest.mark.parametrize(
    ("parts", "address"),
    [
        (["丸の内1-1-1", "千代田区", "東京都"], "東京都千代田区丸の内1-1-1"),  # Outlook's order
        (["栄1-1", "名古屋市中区", "愛知県"], "愛知県名古屋市中区栄1-1"),
        (["大手町1-1", "ビル5F", "千代田区", "東京都"], "東京都千代田区大手町1-1ビル5F"),
        (["神奈川県", "横浜市", "西区みなとみらい2-2-1"], "神奈川県横浜市西区みなとみらい2-2-1"),
        (["東京都千代田区丸の内1-1-1"], "東京都千代田区丸の内1-1-1"),
        (["1-1 Marunouchi", "Chiyoda-ku", "Tokyo"], "1-1 Marunouchi Chiyoda-ku Tokyo"),
        (["", " "], ""),
    ],
)
def test_an_address_in_several_columns_is_joined_in_the_japanese_order(parts, address):
    assert pc.address_of(parts) == address


def test_google_values_of_one_label_in_one_cell():
    assert pc.cell_values("email", "a@x.jp ::: b@y.jp") == ["a@x.jp", "b@y.jp"]
    assert pc.cell_values("phone", "090-1111-2222 ::: 03-1111-2222")[0] == "090-1111-2222"
    assert pc.cell_values("notes", "x ::: y") == ["x ::: y"]
    assert pc.cell_values("email", "a@x.jp") == ["a@x.jp"]
