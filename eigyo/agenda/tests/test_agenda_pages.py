"""The agenda, plan and benchmarks pages: why each contact is listed, and who sees whose."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.core import clock


@pytest.fixture
def frozen():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 24, 9, 0)))
    yield dt.date(2026, 11, 24)
    clock.freeze(None)


@pytest.mark.django_db
def test_agenda_page_lists_why_and_logging_removes_the_item(book, actors, login, frozen):
    web = login(actors.rep1)  # English
    page = web.get(reverse("agenda:today"))
    html = page.content.decode()
    assert "株式会社トヨタ精機" in html
    assert "Possible · last contact 22 days ago · cadence 14 · overdue 8 days" in html
    back = reverse("agenda:today")
    response = web.post(
        reverse("activities:create") + f"?next={back}",
        {
            "company": book.company.pk,
            "kind": "call",
            "occurred_at": "2026-11-24T09:00",
            "next": back,
        },
    )
    assert response.status_code == 302 and response["Location"] == back
    html = web.get(back).content.decode()
    contacts = html.split('data-testid="agenda"', 1)[1].split("</ol>", 1)[0]
    assert "株式会社トヨタ精機" not in contacts  # (its open promise is still listed below)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["agenda:today", "agenda:plan", "agenda:benchmarks"])
def test_rep_sees_own_manager_sees_team_others_404(book, actors, login, page, frozen):
    url = reverse(page)
    assert login(actors.rep1).get(url).status_code == 200
    assert login(actors.rep1).get(url, {"user": actors.rep2.pk}).status_code == 404
    assert login(actors.manager).get(url, {"user": actors.rep1.pk}).status_code == 200
    assert (
        login(actors.manager).get(url, {"user": actors.rep2.pk}).status_code == 404
    )  # not in team
    assert login(actors.admin).get(url, {"user": actors.rep2.pk}).status_code == 200
    assert login(actors.outsider).get(url, {"user": actors.rep1.pk}).status_code == 404
    for who in (actors.partner_user, actors.marketing):
        assert login(who).get(url).status_code == 403
