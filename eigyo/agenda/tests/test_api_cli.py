"""Agenda, plan and benchmarks through the API and the CLI."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from eigyo.core import clock


@pytest.fixture
def frozen():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 24, 9, 0)))
    yield
    clock.freeze(None)


@pytest.mark.django_db
def test_api_agenda_and_plan(book, actors, api, frozen):
    rest = api(actors.rep1)
    agenda = rest.get("/api/agenda").json()
    assert agenda["date"] == "2026-11-24" and agenda["business_day"] is True
    names = [c["company_name"] for c in agenda["contacts"]]
    assert "株式会社トヨタ精機" in names and len(names) <= agenda["capacity"]
    holiday = rest.get("/api/agenda", {"date": "2026-11-23"}).json()
    assert holiday["business_day"] is False and holiday["contacts"] == []
    plan = rest.get("/api/plan", {"weeks": 2}).json()
    assert len(plan["days"]) == 10
    assert all(len(d["contacts"]) <= plan["capacity"] for d in plan["days"])
    assert rest.get("/api/plan", {"start": "not-a-date"}).status_code == 422


@pytest.mark.django_db
def test_api_access(book, actors, api, frozen):
    assert api(actors.rep1).get("/api/agenda", {"user": actors.rep2.pk}).status_code == 404
    assert api(actors.manager).get("/api/agenda", {"user": actors.rep1.pk}).status_code == 200
    assert api(actors.manager).get("/api/plan", {"user": actors.rep2.pk}).status_code == 404
    assert api(actors.outsider).get("/api/agenda", {"user": actors.rep1.pk}).status_code == 404
    assert api(actors.marketing).get("/api/agenda").status_code == 403
    assert api(actors.partner_user).get("/api/benchmarks").status_code == 403
    rows = api(actors.manager).get("/api/benchmarks").json()
    assert {r["user"] for r in rows} == {actors.manager.pk, actors.rep1.pk}


@pytest.mark.django_db
def test_api_benchmarks_figures(book, actors, api, frozen):
    rows = api(actors.rep1).get("/api/benchmarks", {"user": actors.rep1.pk}).json()
    (row,) = rows
    assert row["months"] == ["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]
    assert row["contacts"] == [0, 0, 0, 1]  # book.activity on 11/2
    assert row["approaches"][-1] == 2  # first contacts this month: トヨタ精機 and 大阪部品
    assert row["tiers"] == {"possible": 1, "probable": 1}
    assert row["maturing"] == 2


@pytest.mark.django_db
def test_cli_agenda_and_plan(book, actors, capsys, frozen):
    call_command("agenda", "--user", actors.rep1.email, "--format", "json")
    out = json.loads(capsys.readouterr().out)
    assert out["date"] == "2026-11-24"
    assert "株式会社トヨタ精機" in [c["company"] for c in out["contacts"]]
    call_command("agenda", "--user", actors.rep1.email, "--date", "2026-11-24")
    assert "株式会社トヨタ精機" in capsys.readouterr().out
    call_command("plan", "--user", actors.rep1.email, "--weeks", "1")
    assert "2026-11-24" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no active user"):
        call_command("agenda", "--user", "nobody@example.com")
    with pytest.raises(CommandError, match="--date"):
        call_command("agenda", "--user", actors.rep1.email, "--date", "24/11/2026")
    with pytest.raises(CommandError, match="--weeks"):
        call_command("plan", "--user", actors.rep1.email, "--weeks", "0")
