"""In a real Chromium: typing a company proposes its registry entity and the
duplicate we already have; a company list is imported after its preview."""

import pytest

from browser_fixtures import log_in, screenshot
from eigyo.companies.models import Company
from eigyo.registry import loaders
from eigyo.transfer.models import CompanyImport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENTITIES = [
    {
        "edinet_code": "E02144",
        "name": "トヨタ自動車株式会社",
        "corporate_number": "1180301018771",
        "industry": "輸送用機器",
    },
    {
        "edinet_code": "E01777",
        "name": "ソニーグループ株式会社",
        "corporate_number": "5010401067252",
    },
]


def test_typing_a_company_proposes_the_registry_entity(browser, live_server, actors):
    loaders.load_edinet(ENTITIES)
    Company.objects.create(org=actors.org, legal_name="ソニーグループ株式会社")
    actors.rep2.language = "ja"
    actors.rep2.save()
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="ja-JP")
    base = live_server.url
    log_in(page, base, actors.rep2.email)
    page.goto(f"{base}/companies/new/")
    page.fill("#id_legal_name", "ソニーグループ（株）")
    page.wait_for_selector("[data-testid=suggest-duplicate]")
    assert "ソニーグループ株式会社" in page.inner_text("[data-testid=suggest]")
    page.fill("#id_legal_name", "ﾄﾖﾀ自動車(株)")
    page.wait_for_selector("[data-testid=suggest-entry]:has-text('トヨタ自動車株式会社')")
    assert page.locator("[data-testid=suggest-duplicate]").count() == 0
    screenshot(page, "company-new-suggest-ja")
    page.click("[data-testid=suggest-entry]:has-text('トヨタ') button")
    page.wait_for_url(f"{base}/companies/*/")
    toyota = Company.objects.get(org=actors.org, corporate_number="1180301018771")
    assert toyota.registry.name == "トヨタ自動車株式会社" and toyota.sector33 == "3700"
    assert "トヨタ自動車株式会社" in page.inner_text("h1") + page.inner_text("main")


def test_saving_a_company_we_already_have_opens_it_instead(browser, live_server, actors):
    """The duplicate the form warned about is not saved: the page names the company we
    have, and one tap opens it (issue 12: it used to be saved a second time)."""
    loaders.load_edinet(ENTITIES)
    sony = Company.objects.create(org=actors.org, legal_name="ソニーグループ株式会社")
    actors.rep2.language = "ja"
    actors.rep2.save()
    page = browser.new_page(viewport={"width": 375, "height": 800}, locale="ja-JP")
    base = live_server.url
    log_in(page, base, actors.rep2.email)
    page.goto(f"{base}/companies/new/")
    page.fill("#id_legal_name", "ソニーグループ（株）")
    page.wait_for_selector("[data-testid=suggest-duplicate]")
    page.click("main form .form-actions button")
    page.wait_for_selector("[data-testid=form-duplicates]")
    assert "登録済みの会社" in page.inner_text("main")
    screenshot(page, "phone-company-duplicate-ja")
    page.click("[data-testid=open-duplicate]")
    page.wait_for_url(f"{base}/companies/{sony.pk}/")
    assert Company.objects.filter(org=actors.org).count() == 1


def test_import_a_list_after_its_preview(browser, live_server, actors, tmp_path):
    loaders.load_edinet(ENTITIES)
    Company.objects.create(org=actors.org, legal_name="ソニーグループ株式会社")
    actors.manager.language = "ja"
    actors.manager.save()
    listing = tmp_path / "顧客リスト.csv"
    listing.write_bytes(
        (
            "会社名,電話番号,住所\r\nﾄﾖﾀ自動車(株),0565-28-2121,愛知県豊田市トヨタ町1\r\n"
            "ソニーグループ(株),,\r\n新規開拓株式会社,03-1234-5678,東京都港区\r\n"
        ).encode("cp932")
    )
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="ja-JP")
    base = live_server.url
    log_in(page, base, actors.manager.email)
    page.goto(f"{base}/companies/")
    page.click("[data-testid=import]")
    page.set_input_files("input[type=file]", str(listing))
    page.click("main form button.primary")
    page.wait_for_selector("[data-testid=import-rows]")
    counts = page.inner_text("[data-testid=import-counts]")
    assert "新規：2件" in counts and "重複（除外）：1件" in counts and "エラー：0件" in counts
    assert Company.objects.filter(org=actors.org).count() == 1  # the preview wrote nothing
    screenshot(page, "company-import-preview-ja")
    page.click("[data-testid=import-commit]")
    page.wait_for_selector("[data-testid=import-done]")
    assert CompanyImport.objects.get().created == 2
    assert set(Company.objects.filter(org=actors.org).values_list("legal_name", flat=True)) == {
        "ソニーグループ株式会社",
        "トヨタ自動車(株)",
        "新規開拓株式会社",
    }
    screenshot(page, "company-import-done-ja")
