"""In Chromium: a rep changes a person; the person page shows the change in its
history; the admin finds the change on the audit page, opens the person's disclosure
package, ceases use and erases them — on a desktop and on a phone."""

import pytest

from browser_fixtures import PHONE, log_in, screenshot
from eigyo.audit.models import AuditEvent
from eigyo.contacts.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_history_audit_page_disclosure_and_erasure(browser, live_server, book, actors):
    base = live_server.url
    actors.rep1.language = "ja"
    actors.rep1.save()
    book.activity.notes = "田中 太郎様と面談、来月再訪"
    book.activity.save()

    rep = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    page = rep.new_page()
    log_in(page, base, actors.rep1.email)
    page.goto(f"{base}/people/{book.person.pk}/edit/")
    page.fill("input[name=title]", "品質保証部長")
    page.click("button.primary")
    page.wait_for_url(f"{base}/people/{book.person.pk}/")
    history = page.locator("[data-testid=history]")
    assert "品質保証部長" in history.inner_text() and "鈴木" in history.inner_text()
    screenshot(page, "audit-person-history-desktop")

    admin = browser.new_context(viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True)
    phone = admin.new_page()
    log_in(phone, base, actors.admin.email)
    phone.goto(f"{base}/audit/?object_type=contacts.person")
    assert "品質保証部長" in phone.inner_text("[data-testid=audit-events]")
    screenshot(phone, "audit-events-phone")
    phone.goto(f"{base}/audit/people/?q=タナカ")
    phone.click("[data-testid=found] a")
    phone.wait_for_url(f"{base}/audit/people/{book.person.pk}/")
    assert "来月再訪" in phone.inner_text("[data-testid=section-activities]")
    screenshot(phone, "audit-package-phone")
    phone.click("button[value=cease]")
    phone.wait_for_url(f"{base}/audit/people/{book.person.pk}/")
    assert Person.objects.get(pk=book.person.pk).use_ceased
    phone.fill("[data-testid=erase] input[name=confirm]", "田中")
    phone.click("[data-testid=erase] button")
    phone.wait_for_url(f"{base}/audit/requests/")
    assert not Person.objects.filter(pk=book.person.pk).exists()
    assert AuditEvent.objects.filter(action="erasure").exists()

    desk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    page = desk.new_page()
    log_in(page, base, actors.admin.email)
    page.goto(f"{base}/audit/")
    screenshot(page, "audit-events-desktop")
    page.goto(f"{base}/audit/people/{book.partner_person.pk}/")
    screenshot(page, "audit-package-desktop")
