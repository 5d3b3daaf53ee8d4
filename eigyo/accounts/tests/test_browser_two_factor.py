"""In Chromium, under the Content-Security-Policy: an admin signs in, must set up an
authenticator (the key read off the page, as a phone would scan it), keeps the backup
codes, and the next sign-in asks for the code."""

import pytest
from django.urls import reverse
from django_otp.oath import totp

from browser_fixtures import PHONE, screenshot
from eigyo.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(key: str, later: int = 0) -> str:
    from base64 import b32decode

    secret = key.replace(" ", "")
    secret += "=" * (-len(secret) % 8)
    return f"{totp(b32decode(secret), drift=later):06d}"


def test_an_admin_sets_up_two_factor_and_is_asked_for_the_code(
    browser, live_server, actors, settings
):
    settings.EIGYO_MFA_REQUIRED_ROLES = ["admin", "manager"]
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    base = live_server.url

    def sign_in():
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", actors.admin.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("button.primary")

    sign_in()
    page.wait_for_url(f"{base}{reverse('accounts:two_factor')}**")
    assert page.locator("[data-testid=mfa-required]").is_visible()
    page.goto(f"{base}/companies/")  # nothing else until it is set up
    assert "/accounts/" in page.url
    key = page.locator("[data-testid=totp-key]").inner_text()
    page.fill("input[name=code]", _code(key))
    page.click("button[value=confirm]")
    codes = page.locator("[data-testid=backup-codes] code")
    assert codes.count() == 10
    screenshot(page, "two-factor-backup-codes-phone")
    page.locator("[data-testid=backup-codes] a.button").click()
    page.wait_for_url(f"{base}/**")
    page.goto(f"{base}/companies/")
    assert page.url == f"{base}/companies/"

    page.locator("header form[action='/accounts/logout/'] button").click()
    sign_in()
    page.wait_for_url(f"{base}{reverse('accounts:verify')}**")
    screenshot(page, "two-factor-code-phone")
    page.fill("input[name=code]", _code(key, later=1))
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    context.close()
