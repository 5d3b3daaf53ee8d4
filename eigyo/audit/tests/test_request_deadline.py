"""A data-subject request's internal deadline is on the admins' inbox from the day it
is registered (the notices come three days before and once it passes), overdue ones
marked; no one else's inbox shows it; a closed one leaves."""

import datetime as dt

import pytest
from django.utils import timezone

from eigyo.audit.models import SubjectRequest
from eigyo.core import clock


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9, 0)))
    yield
    clock.freeze(None)


@pytest.mark.django_db
def test_the_deadline_is_on_the_admins_inbox(actors, api, login):
    made = api(actors.admin).post(
        "/api/audit/requests",
        data={"kind": "disclosure", "requester": "木村 聡", "received_on": "2026-12-07"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["due_on"] == "2026-12-21"
    late = api(actors.admin).post(
        "/api/audit/requests",
        data={
            "kind": "deletion",
            "requester": "林 真理",
            "received_on": "2026-11-01",
            "due_on": "2026-11-15",
        },
        content_type="application/json",
    )
    assert late.status_code == 201
    page = login(actors.admin).get("/inbox/")
    panel = page.content.decode().split('data-testid="appi-requests"')[1]
    assert "木村 聡" in panel and "2026年12月21日" in panel
    assert "林 真理" in panel and panel.index("林 真理") < panel.index("木村 聡")  # soonest first
    assert [r.requester for r in page.context["appi_requests"]] == ["林 真理", "木村 聡"]
    assert panel.count('class="urgent"') == 1  # the one past its deadline
    for who in (actors.manager, actors.rep1, actors.marketing):
        assert 'data-testid="appi-requests"' not in login(who).get("/inbox/").content.decode()
    SubjectRequest.objects.filter(requester="林 真理").update(status="done")
    after = login(actors.admin).get("/inbox/").content.decode()
    assert "林 真理" not in after and "木村 聡" in after
