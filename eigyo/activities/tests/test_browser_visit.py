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
    page.select_option("select[name=company]", str(book.company.pk))
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
