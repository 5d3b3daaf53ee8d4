"""Instructions, the evaporating list, conflicts, coaching, senior visits."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.core import clock
from eigyo.followups.models import Instruction, Milestone, SeniorVisit, Update


@pytest.fixture
def on():
    def _on(y, m, d):
        clock.freeze(timezone.make_aware(dt.datetime(y, m, d, 10)))

    yield _on
    clock.freeze(None)


def backdate(instruction, day):
    Instruction.objects.filter(pk=instruction.pk).update(
        issued_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    )


@pytest.mark.django_db
def test_manager_issues_an_instruction_with_milestones(book, actors, login, on):
    on(2026, 11, 24)
    web = login(actors.manager)
    response = web.post(
        reverse("followups:create"),
        {
            "kind": "instruction",
            "subject": "値上げの説明",
            "asked": "購買部長に直接説明すること",
            "owner": actors.rep1.pk,
            "company": book.company.pk,
            "milestones": "2026-12-01 説明資料の作成\n2026-12-08 購買部長と面談",
        },
    )
    assert response.status_code == 302
    ins = Instruction.objects.get(subject="値上げの説明")
    assert ins.issued_by == actors.manager
    assert [m.title for m in ins.milestones.all()] == ["説明資料の作成", "購買部長と面談"]
    bad = web.post(
        reverse("followups:create"),
        {
            "subject": "x",
            "asked": "y",
            "kind": "instruction",
            "owner": actors.rep1.pk,
            "milestones": "来週 資料",
        },
    )
    assert bad.status_code == 422 and "milestones" in bad.context["form"].errors
    assert (
        login(actors.manager)
        .post(
            reverse("followups:create"),
            {
                "subject": "x",
                "asked": "y",
                "kind": "instruction",
                "owner": actors.rep2.pk,
            },
        )
        .status_code
        == 422
    )  # rep2 is not in the manager's team


@pytest.mark.django_db
def test_evaporating_until_the_rep_speaks(book, actors, login, on):
    backdate(book.instruction, dt.date(2026, 11, 10))
    on(2026, 11, 19)
    assert login(actors.manager).get(reverse("followups:list")).context["evaporating"] == []
    on(2026, 11, 25)  # milestone 11/20 passed, silence since
    (item,) = login(actors.manager).get(reverse("agenda:dashboard")).context["evaporating"]
    assert item.instruction == book.instruction and item.days_silent == 2  # 11/24, 11/25
    rep = login(actors.rep1)
    rep.post(book.instruction.get_absolute_url(), {"action": "acknowledge"})
    rep.post(
        book.instruction.get_absolute_url(),
        {"action": "update", "text": "先方の部長が出張中。来週火曜に面談予定。"},
    )
    assert Update.objects.filter(instruction=book.instruction).count() == 1
    assert login(actors.manager).get(reverse("followups:list")).context["evaporating"] == []
    on(2026, 11, 27)  # silent again for two business days
    assert len(login(actors.manager).get(reverse("followups:list")).context["evaporating"]) == 1
    milestone = Milestone.objects.get(instruction=book.instruction)
    rep.post(book.instruction.get_absolute_url(), {"action": "done", "milestone": milestone.pk})
    assert login(actors.manager).get(reverse("followups:list")).context["evaporating"] == []


@pytest.mark.django_db
def test_only_the_owner_acknowledges(book, actors, login, api):
    login(actors.manager).post(book.instruction.get_absolute_url(), {"action": "acknowledge"})
    book.instruction.refresh_from_db()
    assert book.instruction.acknowledged_at is None
    assert (
        api(actors.manager)
        .post(
            f"/api/instructions/{book.instruction.pk}/acknowledge", content_type="application/json"
        )
        .status_code
        == 403
    )
    assert (
        api(actors.rep1)
        .post(
            f"/api/instructions/{book.instruction.pk}/acknowledge", content_type="application/json"
        )
        .status_code
        == 200
    )


@pytest.mark.django_db
def test_api_instructions_and_evaporating(book, actors, api, on):
    backdate(book.instruction, dt.date(2026, 11, 10))
    on(2026, 11, 25)
    rest = api(actors.manager)
    created = rest.post(
        "/api/instructions",
        {
            "subject": "顧客からの要望",
            "kind": "client_request",
            "asked": "納期短縮の可否を回答",
            "owner": actors.rep1.pk,
            "milestones": [["2026-12-01", "回答"]],
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["milestones"][0]["title"] == "回答"
    evaporating = rest.get("/api/instructions/evaporating").json()
    assert [e["instruction"] for e in evaporating] == [book.instruction.pk]
    assert api(actors.rep2).get("/api/instructions/evaporating").json() == []
    assert api(actors.marketing).get("/api/instructions/evaporating").status_code == 403


@pytest.mark.django_db
def test_conflict_coaching_and_senior_visit(book, actors, login, api, on):
    on(2026, 11, 24)
    web = login(actors.rep1)
    assert (
        web.post(
            reverse("followups:simple_create", args=["conflicts"]),
            {
                "company": book.company.pk,
                "kind": "price_rise",
                "description": "原材料高騰で5%値上げ",
                "messenger": actors.manager.pk,
                "deliver_by": "2026-12-10",
                "senior_visit_needed": "on",
            },
        ).status_code
        == 302
    )
    visit = web.post(
        reverse("followups:simple_create", args=["senior-visits"]),
        {
            "company": book.company.pk,
            "senior": actors.manager.pk,
            "why": "値上げの説明に部長同行",
            "who_to_meet": "購買部長",
            "by_date": "2026-12-10",
        },
    )
    assert visit.status_code == 302
    sv = SeniorVisit.objects.get()
    assert sv.requested_by == actors.rep1 and sv.status == "requested"
    scheduled = api(actors.manager).patch(
        f"/api/senior-visits/{sv.pk}", {"status": "scheduled"}, content_type="application/json"
    )
    assert scheduled.status_code == 422  # when?
    scheduled = api(actors.manager).patch(
        f"/api/senior-visits/{sv.pk}",
        {"status": "scheduled", "scheduled_for": "2026-12-03T14:00:00"},
        content_type="application/json",
    )
    assert scheduled.status_code == 200
    for who in (actors.rep1, actors.manager):  # on both agendas
        page = login(who).get(reverse("agenda:today"), {"date": "2026-12-01"})
        assert 'data-testid="agenda-senior-visits"' in page.content.decode()
    assert (
        login(actors.rep2)
        .get(reverse("followups:simple_edit", args=["senior-visits", sv.pk]))
        .status_code
        == 404
    )
    coach = login(actors.manager).post(
        reverse("followups:simple_create", args=["coaching"]),
        {
            "rep": actors.rep1.pk,
            "held_on": "2026-11-24",
            "topic": "値上げの伝え方",
            "situation": "5%値上げ",
            "message": "品質維持のための値上げ",
            "rehearsed": "on",
        },
    )
    assert coach.status_code == 302
    assert (
        login(actors.rep1)
        .post(
            reverse("followups:simple_create", args=["coaching"]),
            {"rep": actors.rep2.pk, "held_on": "2026-11-24", "topic": "x"},
        )
        .status_code
        == 422
    )


@pytest.mark.django_db
def test_milestones_and_escalations_on_the_calendar_feed(book, actors, login, client, on):
    from icalendar import Calendar

    from eigyo.agenda.models import CalendarFeed

    backdate(book.instruction, dt.date(2026, 11, 10))
    on(2026, 11, 25)
    feeds = {}
    for user in (actors.rep1, actors.manager):
        login(user).post(reverse("agenda:feed_manage"), {"action": "create"})
        token = CalendarFeed.objects.get(user=user, revoked_at__isnull=True).token
        cal = Calendar.from_ical(client.get(reverse("agenda:feed", args=[token])).content)
        feeds[user.pk] = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert "Milestone: 日程確定" in feeds[actors.rep1.pk]
    follow_up = [s for s in feeds[actors.manager.pk] if "日程確定" in s]
    assert follow_up and "鈴木 大輔" in follow_up[0]


@pytest.mark.django_db
def test_cli_lists_evaporating_instructions(book, actors, on, capsys):
    import json

    from django.core.management import call_command

    backdate(book.instruction, dt.date(2026, 11, 10))
    on(2026, 11, 25)
    call_command(
        "instructions", "--user", actors.manager.email, "--evaporating", "--format", "json"
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [book.instruction.pk] and rows[0]["days_silent"] == 2
    call_command("instructions", "--user", actors.rep2.email, "--format", "json")
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [book.instruction2.pk]


@pytest.mark.django_db
def test_escalation_days_are_configurable(book, actors, smtp, on):
    from django.core.management import call_command

    from eigyo.portfolio.models import PortfolioSettings

    settings = PortfolioSettings.for_org(actors.org)
    settings.escalate_after_days = 5
    settings.save()
    backdate(book.instruction, dt.date(2026, 11, 10))
    on(2026, 11, 26)  # would escalate with the default of 2 business days
    call_command("remind", verbosity=0)
    assert not [m for m in smtp.to(actors.manager.email) if "日程確定" in m["Subject"]]
    on(2026, 12, 1)  # overdue 11/24 + 5 business days
    call_command("remind", verbosity=0)
    assert [m for m in smtp.to(actors.manager.email) if "日程確定" in m["Subject"]]
