"""Importing a lead list: headers in Japanese, a full name split family-first, the
source named in the file or chosen, repeated rows skipped, all or nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from eigyo.core import clock
from eigyo.prospecting.models import Lead
from eigyo.transfer.domain import lead_columns

CSV = (
    "会社名,氏名,フリガナ,役職,メールアドレス,流入元,問い合わせ内容\r\n"
    "東海化成株式会社,山田　花子,ヤマダ　ハナコ,品質保証課長,hanako@tokai.example.jp,展示会,検査装置の資料\r\n"
    "北陸精工株式会社,林 誠,ハヤシ マコト,製造部長,,セミナー,\r\n"
    "東海化成株式会社,山田 花子,,,HANAKO@tokai.example.jp,展示会,\r\n"
)


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 10)))
    yield
    clock.freeze(None)


def test_headers_names_and_sources():
    assert lead_columns.guess_mapping(
        ["会社名", "お名前", "E-mail", "キャンペーン", "メモ", "備考"]
    ) == [
        "company_name",
        "full_name",
        "email",
        "campaign",
        "note",
        "note",
    ]
    assert lead_columns.split_name("山田　花子") == ("山田", "花子")
    assert lead_columns.guess_mapping(["法人番号"]) == ["corporate_number"]
    assert (
        lead_columns.source_of("Webフォーム") == "web_form"
        and lead_columns.source_of("謎") == "other"
    )
    assert lead_columns.source_of("") == ""


@pytest.mark.django_db
def test_a_lead_list_is_checked_then_imported(actors, login):
    web = login(actors.marketing)
    url = reverse("lead_import:start")
    upload = SimpleUploadedFile("leads.csv", CSV.encode("cp932"), content_type="text/csv")
    preview = web.post(url, {"file": upload, "source": "other", "campaign": "国際物流展2026"})
    assert preview.status_code == 200
    checked = preview.context["checked"]
    assert [r.action for r in checked.rows] == ["create", "create", "skip"]
    assert (
        checked.rows[0].data["family_name"] == "山田"
        and checked.rows[0].data["given_kana"] == "ハナコ"
    )
    assert not Lead.objects.exists()  # nothing written by the check
    done = web.post(
        url,
        {
            "action": "commit",
            "content": preview.context["content"],
            "source": "other",
            "campaign": "国際物流展2026",
        },
    )
    assert done.status_code == 302
    leads = list(Lead.objects.order_by("pk"))
    assert [(x.company_name, x.source, x.campaign) for x in leads] == [
        ("東海化成株式会社", "exhibition", "国際物流展2026"),
        ("北陸精工株式会社", "seminar", "国際物流展2026"),
    ]
    again = web.post(
        url,
        {
            "file": SimpleUploadedFile("leads.csv", CSV.encode("utf-8")),
            "source": "other",
            "campaign": "国際物流展2026",
        },
    )
    assert [r.action for r in again.context["checked"].rows] == ["skip", "create", "skip"]


@pytest.mark.django_db
def test_a_bad_row_stops_the_whole_file(actors, login):
    bad = "会社名,氏名,メール\r\n東海化成,山田,not-an-email\r\n北陸精工,林,\r\n"
    web = login(actors.marketing)
    url = reverse("lead_import:start")
    preview = web.post(
        url, {"file": SimpleUploadedFile("x.csv", bad.encode()), "source": "web_form"}
    )
    assert [r.action for r in preview.context["checked"].rows] == ["error", "create"]
    refused = web.post(url, {"action": "commit", "content": bad, "source": "web_form"})
    assert refused.status_code == 422 and not Lead.objects.exists()
    assert login(actors.rep1).get(url).status_code == 403


@pytest.mark.django_db
def test_the_corporate_number_column(actors, login, loaded):
    text = "会社名,法人番号,姓\r\nトヨタ,1180301018771,高田\r\n"
    web = login(actors.marketing)
    url = reverse("lead_import:start")
    preview = web.post(
        url, {"file": SimpleUploadedFile("x.csv", text.encode()), "source": "web_form"}
    )
    assert [r.action for r in preview.context["checked"].rows] == ["create"]
    web.post(url, {"action": "commit", "content": text, "source": "web_form"})
    assert Lead.objects.get().registry.corporate_number == "1180301018771"
