"""Signing in, in the audit trail: every failed login, every lockout by the throttle
(django-axes) and every wrong two-factor code is an event; password-reset requests are
throttled per address asked for and per client address, answered alike whatever
happens, and each is an event. Real SMTP (aiosmtpd)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eigyo.audit.models import AuditEvent
from eigyo.conftest import PASSWORD
from eigyo.core import clock
from eigyo.followups.tests.conftest import smtp  # noqa: F401 (fixture)

RESET = "/accounts/password/reset/"


def at(h, mi=0):
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, h, mi)))


@pytest.fixture(autouse=True)
def release_clock():
    yield
    clock.freeze(None)


def ask(email, address="10.0.0.1"):
    return Client().post(RESET, {"email": email}, REMOTE_ADDR=address)


def events(**kw):
    return AuditEvent.objects.filter(**kw).order_by("seq")


@pytest.mark.django_db
def test_reset_requests_are_throttled_per_address_asked_for(actors, settings, smtp):  # noqa: F811
    settings.EIGYO_PASSWORD_RESET_PER_EMAIL = 2
    at(9)
    answers = [ask(actors.rep1.email, f"10.0.0.{i}") for i in range(3)]
    unknown = ask("nobody@acme.example", "10.0.0.9")
    # The same answer every time: sent, refused, or an address no one has.
    assert {(a.status_code, a["Location"]) for a in [*answers, unknown]} == {
        (302, reverse("accounts:password_reset_done"))
    }
    assert len(smtp.to(actors.rep1.email)) == 2 and smtp.to("nobody@acme.example") == []
    told = events(action="password_reset", object_id=str(actors.rep1.pk))
    assert [(e.data["sent"], e.data["throttled"]) for e in told] == [
        (True, ""),
        (True, ""),
        (False, "email"),
    ]
    assert {e.org_id for e in told} == {actors.org.pk}
    assert [e.ip for e in told] == ["10.0.0.0", "10.0.0.1", "10.0.0.2"]
    (stranger,) = events(action="password_reset", org__isnull=True)
    assert stranger.actor_label == "nobody@acme.example" and stranger.data["sent"] is False
    # The window passes: the address may ask again.
    at(10, 1)
    ask(actors.rep1.email)
    assert len(smtp.to(actors.rep1.email)) == 3


@pytest.mark.django_db
def test_reset_requests_are_throttled_per_client_address(actors, settings, smtp):  # noqa: F811
    settings.EIGYO_PASSWORD_RESET_PER_ADDRESS = 3
    at(9)
    for i in range(3):
        ask(f"guess{i}@acme.example", "10.0.0.5")
    ask(actors.rep2.email, "10.0.0.5")  # the fourth from there: no e-mail
    assert smtp.to(actors.rep2.email) == []
    last = events(action="password_reset").last()
    assert last.data == {"email": actors.rep2.email, "sent": False, "throttled": "address"}
    ask(actors.rep2.email, "10.0.0.6")  # from elsewhere it goes
    assert len(smtp.to(actors.rep2.email)) == 1


@pytest.mark.django_db
def test_each_failure_and_each_lockout_is_in_the_audit_trail(actors, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()

    def attempt(password):
        return client.post(
            "/accounts/login/",
            {"username": actors.rep1.email, "password": password},
            REMOTE_ADDR="10.0.0.3",
        ).status_code

    assert [attempt("wrong") for _ in range(3)] == [200, 200, 429]
    mine = events(
        object_id=str(actors.rep1.pk), org=actors.org, action__in=["login_failed", "lockout"]
    )
    assert mine.filter(action="login_failed").count() == 3
    (lockout,) = mine.filter(action="lockout")
    assert lockout.ip == "10.0.0.3" and lockout.data == {"email": actors.rep1.email, "failures": 3}
    # The right password while locked out: refused, and recorded as such.
    assert attempt(PASSWORD) == 429
    assert mine.filter(action="login_failed").count() == 4
    assert mine.filter(action="lockout").count() == 2
    assert not events(action="login", actor=actors.rep1).exists()


@pytest.mark.django_db
def test_a_wrong_two_factor_code_is_a_failed_login_in_the_trail(actors, settings):
    settings.EIGYO_MFA_REQUIRED_ROLES = ["manager"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    setup = Client()
    setup.force_login(actors.manager)
    setup.get(reverse("accounts:two_factor"))
    wrong = setup.post(reverse("accounts:two_factor"), {"action": "confirm", "code": "000000"})
    assert wrong.status_code == 422
    (failed,) = events(action="login_failed", actor=actors.manager)
    assert failed.data == {"email": actors.manager.email, "step": "code:setup"}
    assert failed.object_id == str(actors.manager.pk) and failed.org_id == actors.org.pk
