"""Sessions: idle timeout and absolute lifetime, "log out other sessions" (and on a
password change), an admin ending a member's sessions, password reset by e-mail over
a real SMTP server with a single-use expiring link, API tokens that expire or only read."""

import contextlib
import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from eigyo.conftest import PASSWORD
from eigyo.core import clock

HOME = "/companies/"


@contextlib.contextmanager
def at(when):
    clock.freeze(when)
    try:
        yield
    finally:
        clock.freeze(None)


def signed_in(user) -> Client:
    client = Client()
    answer = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert answer.status_code == 302
    return client


@pytest.mark.django_db
def test_idle_sessions_end(actors, settings):
    settings.EIGYO_SESSION_IDLE_MINUTES, settings.EIGYO_SESSION_MAX_HOURS = 30, 12
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with at(start):
        client = signed_in(actors.rep1)
        assert client.get(HOME).status_code == 200
    with at(start + dt.timedelta(minutes=29)):
        assert client.get(HOME).status_code == 200  # active: the idle clock restarts
    with at(start + dt.timedelta(minutes=58)):
        assert client.get(HOME).status_code == 200
    with at(start + dt.timedelta(minutes=89)):
        ended = client.get(HOME)
        assert ended.status_code == 302 and ended["Location"].startswith("/accounts/login/")
        assert client.get(HOME).status_code == 302  # logged out for good
        assert client.get("/api/companies").status_code == 401


@pytest.mark.django_db
def test_sessions_end_after_their_lifetime_however_active(actors, settings):
    settings.EIGYO_SESSION_IDLE_MINUTES, settings.EIGYO_SESSION_MAX_HOURS = 30, 2
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with at(start):
        client = signed_in(actors.rep1)
    for minutes in range(20, 120, 20):
        with at(start + dt.timedelta(minutes=minutes)):
            assert client.get(HOME).status_code == 200
    with at(start + dt.timedelta(minutes=121)):
        assert client.get(HOME).status_code == 302


@pytest.mark.django_db
def test_a_password_change_logs_out_the_other_sessions(actors):
    here, there = signed_in(actors.rep1), signed_in(actors.rep1)
    new = "a-new-and-long-passphrase-9"
    answer = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert answer.status_code == 302
    assert here.get(HOME).status_code == 200
    assert there.get(HOME).status_code == 302


@pytest.mark.django_db
def test_log_out_my_other_sessions(actors):
    here, there, api_token = signed_in(actors.rep1), signed_in(actors.rep1), None
    other_user = signed_in(actors.rep2)
    assert here.post(reverse("accounts:end_other_sessions")).status_code == 302
    assert here.get(HOME).status_code == 200
    assert there.get(HOME).status_code == 302
    assert other_user.get(HOME).status_code == 200
    assert api_token is None


@pytest.mark.django_db
def test_an_admin_ends_a_members_sessions(actors):
    rep = signed_in(actors.rep1)
    admin = Client()
    admin.force_login(actors.admin)
    assert admin.get(reverse("accounts:members")).status_code == 200
    url = reverse("accounts:end_member_sessions", args=[actors.rep1.pk])
    assert admin.post(url).status_code == 302
    assert rep.get(HOME).status_code == 302
    assert admin.get(HOME).status_code == 200
    # Not a manager's right; another organisation's member is not there.
    manager = Client()
    manager.force_login(actors.manager)
    assert manager.get(reverse("accounts:members")).status_code == 403
    assert manager.post(url).status_code == 403
    outsider = reverse("accounts:end_member_sessions", args=[actors.outsider.pk])
    assert admin.post(outsider).status_code == 404


def _reset_link(smtp, email) -> str:
    [message] = smtp.to(email)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "パスワード" in body  # in Japanese
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", body).group(1)


@pytest.mark.django_db
def test_password_reset_by_email_works_once(actors, smtp):
    client = Client()
    page = client.get(reverse("accounts:password_reset"))
    assert "パスワード" in page.content.decode()
    sent = client.post(reverse("accounts:password_reset"), {"email": actors.rep1.email})
    assert sent.status_code == 302
    # An unknown address gets the same answer and no mail.
    same = client.post(reverse("accounts:password_reset"), {"email": "nobody@acme.example"})
    assert same.status_code == 302 and smtp.to("nobody@acme.example") == []
    link = _reset_link(smtp, actors.rep1.email)
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    new = "reset-passphrase-long-enough-7"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert (
        Client()
        .post(reverse("accounts:login"), {"username": actors.rep1.email, "password": new})
        .status_code
        == 302
    )
    # The same link a second time does nothing.
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert "reset-invalid" in again.content.decode()


@pytest.mark.django_db
def test_a_reset_link_expires(actors, smtp, settings):
    import time_machine

    settings.PASSWORD_RESET_TIMEOUT = 3600
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        Client().post(reverse("accounts:password_reset"), {"email": actors.rep2.email})
    link = _reset_link(smtp, actors.rep2.email)
    with time_machine.travel(start + dt.timedelta(minutes=50), tick=False):
        assert Client().get(link, follow=True).context["validlink"]
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        assert Client().get(link, follow=True).context["validlink"] is False


def _token(user, **kw):
    from eigyo.accounts import services

    _token, secret = services.issue_token(by=user, name="t", **kw)
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.mark.django_db
def test_api_tokens_expire(actors, book):
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with at(start):
        client = _token(actors.rep1, expires_in_days=30)
        assert client.get("/api/companies").status_code == 200
    with at(start + dt.timedelta(days=31)):
        answer = client.get("/api/companies")
        assert answer.status_code == 401 and "detail" in answer.json()


@pytest.mark.django_db
def test_a_read_only_token_reads_but_does_not_change(actors, book):
    client = _token(actors.rep1, read_only=True)
    assert client.get(f"/api/companies/{book.company.pk}").status_code == 200
    changed = client.patch(
        f"/api/companies/{book.company.pk}",
        {"legal_name": "別名株式会社"},
        content_type="application/json",
    )
    assert changed.status_code == 403 and "detail" in changed.json()
    book.company.refresh_from_db()
    assert book.company.legal_name != "別名株式会社"


@pytest.mark.django_db
def test_the_token_page_makes_expiring_and_read_only_tokens(actors, login):
    from eigyo.accounts.models import ApiToken

    web = login(actors.rep1)
    with at(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)):
        page = web.post(
            reverse("accounts:tokens"), {"name": "BI", "expires_in": "30", "read_only": "on"}
        )
    assert page.status_code == 200 and page.context["secret"]
    token = ApiToken.objects.get(user=actors.rep1, name="BI")
    assert token.read_only
    assert token.expires_at == dt.datetime(2026, 12, 31, 9, 0, tzinfo=dt.UTC)
