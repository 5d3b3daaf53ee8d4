"""In a real Chromium on a phone-sized screen: log in, log a visit, see it in the
timeline, switch language. Screenshots go to artifacts/ (git-ignored)."""

import pytest

from browser_fixtures import PHONE, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_a_visit_on_a_phone_and_switch_language(browser, live_server, book, actors):
    actors.rep2.language = "ja"
    actors.rep2.save()
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    page = context.new_page()
    base = live_server.url
    log_in(page, base, actors.rep2.email)
    assert "訪問を記録" in page.inner_text("body")
    screenshot(page, "phone-home-ja")

    page.click("[data-testid=log-visit]")
    # The company by type-ahead, not a select of every company.
    assert page.locator("select[name=company]").count() == 0
    page.wait_for_load_state("load")
    page.fill("[data-testid=company-search]", "トヨタ")
    page.click(f"[data-testid=company-choices] [data-pick='{book.company.pk}']")
    # htmx swaps in the people of the chosen company.
    person_box = f"#people-options input[value='{book.person.pk}']"
    page.wait_for_selector(person_box)
    page.check(person_box)
    page.click("[data-testid=kind-visit] + span")
    page.fill("textarea[name=notes]", "工場見学のお礼。品質保証部をご紹介いただけることに。")
    page.fill("input[name=next_step]", "品質保証部長に面談")
    # The form fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "phone-log-visit-ja")
    page.click("[data-testid=save-visit]")

    page.wait_for_url(f"{base}{book.company.get_absolute_url()}")
    timeline = page.inner_text("[data-testid=timeline]")
    assert "工場見学のお礼" in timeline and "田中 太郎" in timeline
    screenshot(page, "phone-timeline-ja")

    page.click("[data-testid=lang-switch]")
    page.wait_for_selector("text=Log a visit")
    assert "Timeline" in page.inner_text("body")
    screenshot(page, "phone-timeline-en")
    actors.rep2.refresh_from_db()
    assert actors.rep2.language == "en"
    context.close()


def test_visit_form_errors_show_next_to_the_field(browser, live_server, book, actors):
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server.url, actors.rep2.email)
    page.goto(f"{live_server.url}/activities/new/")
    page.click("[data-testid=save-visit]")
    error = page.inner_text("[data-field=company]")
    assert error  # "このフィールドは必須です。" in the user's language
    screenshot(page, "phone-visit-error-ja")
    context.close()


def test_a_visit_from_the_home_page_in_five_taps(browser, live_server, book, actors):
    """A phone, the home page: 記録 in the header, the company by type-ahead, the kind,
    save — and back where the rep was. Taps are counted; typing is not."""
    actors.rep1.language = "ja"
    actors.rep1.save()
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    page = context.new_page()
    base = live_server.url
    log_in(page, base, actors.rep1.email)
    taps = 0

    def tap(selector):
        nonlocal taps
        taps += 1
        page.tap(selector)

    tap("[data-testid=capture]")
    page.wait_for_selector("[data-testid=visit-form]")
    page.wait_for_load_state("load")  # htmx (deferred) listens from here on
    page.fill("[data-testid=company-search]", "とよた")  # the reading finds it too
    page.wait_for_selector(f"[data-testid=company-choices] [data-pick='{book.company.pk}']")
    tap(f"[data-testid=company-choices] [data-pick='{book.company.pk}']")
    tap("[data-testid=kind-call] + span")
    page.fill("textarea[name=notes]", "近況確認")
    tap("[data-testid=save-visit]")
    page.wait_for_url(f"{base}/")
    assert taps <= 5
    assert "活動を記録しました。" in page.inner_text(".messages")
    assert book.company.activities.filter(owner=actors.rep1, notes="近況確認").exists()
    screenshot(page, "phone-home-after-capture-ja")
    context.close()
