"""Reading a lead list (pure): which column holds what, in the headers exhibition
card scans, web-form exports and marketing tools write (Japanese or English), and a
full name in one cell split family-first."""

from __future__ import annotations

from collections.abc import Iterable

from eigyo.lib.jp_text import normalize_text
from eigyo.transfer.domain.company_columns import header_key

TARGETS = (
    "company_name",
    "corporate_number",
    "full_name",
    "family_name",
    "given_name",
    "full_kana",
    "family_kana",
    "given_kana",
    "title",
    "email",
    "phone",
    "source",
    "medium",
    "campaign",
    "note",
)
_ALIASES = {
    "company_name": [
        "会社名",
        "企業名",
        "社名",
        "勤務先",
        "company",
        "companyname",
        "organization",
        "account",
    ],
    "corporate_number": ["法人番号", "corporatenumber", "houjinbangou"],
    "full_name": ["氏名", "お名前", "名前", "担当者名", "name", "fullname", "contactname"],
    "family_name": ["姓", "苗字", "名字", "lastname", "familyname", "surname"],
    "given_name": ["名", "firstname", "givenname"],
    "full_kana": ["フリガナ", "ふりがな", "氏名カナ", "氏名フリガナ", "お名前フリガナ", "カナ"],
    "family_kana": ["姓カナ", "姓フリガナ", "セイ", "lastnamekana"],
    "given_kana": ["名カナ", "名フリガナ", "メイ", "firstnamekana"],
    "title": ["役職", "肩書", "役職名", "title", "jobtitle", "position"],
    "email": ["メール", "メールアドレス", "email", "emailaddress", "mail", "e-mail"],
    "phone": ["電話", "電話番号", "tel", "phone", "phonenumber", "携帯", "携帯電話"],
    "source": ["流入元", "獲得経路", "リードソース", "source", "leadsource"],
    "medium": ["媒体", "medium", "utmmedium"],
    "campaign": ["キャンペーン", "イベント", "展示会名", "campaign", "utmcampaign", "event"],
    "note": [
        "問い合わせ内容",
        "お問い合わせ内容",
        "備考",
        "メモ",
        "note",
        "notes",
        "comment",
        "message",
    ],
}
_BY_KEY = {header_key(a): t for t, names in _ALIASES.items() for a in names}

# How people write a source, to the lead's source values.
SOURCES = {
    "展示会": "exhibition",
    "exhibition": "exhibition",
    "expo": "exhibition",
    "名刺": "exhibition",
    "セミナー": "seminar",
    "seminar": "seminar",
    "webinar": "seminar",
    "ウェビナー": "seminar",
    "webフォーム": "web_form",
    "フォーム": "web_form",
    "問い合わせフォーム": "web_form",
    "web": "web_form",
    "webform": "web_form",
    "website": "web_form",
    "資料請求": "web_form",
    "電話": "inbound_call",
    "問い合わせ電話": "inbound_call",
    "inboundcall": "inbound_call",
    "call": "inbound_call",
    "紹介": "referral",
    "referral": "referral",
}


def guess_mapping(headers: Iterable[str]) -> list[str]:
    taken: set[str] = set()
    out = []
    for h in headers:
        target = _BY_KEY.get(header_key(h), "")
        if target in taken and target != "note":
            target = ""
        taken.add(target)
        out.append(target)
    return out


def source_of(text: str) -> str:
    """The lead source a cell names ("" when blank; "other" when unknown)."""
    key = header_key(text)
    if not key:
        return ""
    return SOURCES.get(key, SOURCES.get(normalize_text(text).strip(), "other"))


def split_name(text: str) -> tuple[str, str]:
    """「山田 花子」 → (山田, 花子): family first, split at the first space (全角 too)."""
    parts = normalize_text(text).split()
    if not parts:
        return "", ""
    return parts[0], " ".join(parts[1:])
