"""Cold calls over the API: the same rules as the pages, JSON always."""

import datetime as dt

import pytest
from django.utils import timezone

from eigyo.conftest import company
from eigyo.core import clock
from eigyo.portfolio import services as portfolio
from eigyo.prospecting.models import Call, CallList, CallScript

JSON = "application/json"


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9, 30)))
    yield
    clock.freeze(None)


@pytest.mark.django_db
def test_a_morning_over_the_api(actors, api):
    boss, rep = api(actors.manager), api(actors.rep1)
    made = boss.post("/api/call-scripts", {"name": "新規・製造業"}, content_type=JSON)
    assert made.status_code == 201, made.content
    sid = made.json()["id"]
    assert rep.post("/api/call-scripts", {"name": "x"}, content_type=JSON).status_code == 403
    put = boss.put(
        f"/api/call-scripts/{sid}/variants/A", {"reception": "ご担当者様を"}, content_type=JSON
    )
    assert put.json()["number"] == 1 and put.json()["openings"]["reception"] == "ご担当者様を"
    assert (
        boss.put(
            f"/api/call-scripts/{sid}/variants/D", {"reception": "x"}, content_type=JSON
        ).status_code
        == 422
    )
    assert boss.put(f"/api/call-scripts/{sid}/variants/B", {}, content_type=JSON).status_code == 422

    for i in range(3):
        c = company(actors, f"製造{i}株式会社", phone="06-0000-000{i}")
        portfolio.add_to_portfolio(
            org=actors.org, company=c, owner=actors.rep1, tier="new", on=dt.date(2026, 12, 1)
        )
    lst = rep.post("/api/call-lists", {"name": "朝", "script": sid, "limit": 2}, content_type=JSON)
    assert lst.status_code == 201 and len(lst.json()["entries"]) == 2
    lid = lst.json()["id"]
    nxt = rep.get(f"/api/call-lists/{lid}/next").json()
    assert (
        nxt["opening"] == "reception" and nxt["version"]["openings"]["reception"] == "ご担当者様を"
    )
    codes = {o["label"]: o["id"] for o in rep.get("/api/call-outcomes").json()}
    logged = rep.post(
        f"/api/call-lists/{lid}/calls",
        {
            "entry": nxt["entry"]["id"],
            "outcome": codes["担当不在（再架電）"],
            "call_back_at": "2026-12-08T05:00:00Z",
        },
        content_type=JSON,
    )
    assert logged.status_code == 201, logged.content
    call = Call.objects.get()
    assert timezone.localtime(call.call_back_at).hour == 14  # 05:00 UTC is 14:00 in Tokyo
    assert call.level == "reception"
    bad = rep.post(
        f"/api/call-lists/{lid}/calls",
        {"entry": nxt["entry"]["id"], "outcome": 999},
        content_type=JSON,
    )
    assert bad.status_code == 422 and Call.objects.count() == 1
    assert (
        boss.post(
            f"/api/call-lists/{lid}/calls",
            {"entry": nxt["entry"]["id"], "outcome": codes["不通"]},
            content_type=JSON,
        ).status_code
        == 403
    )

    stats = boss.get(f"/api/call-scripts/{sid}/stats").json()
    (a,) = stats["variants"]
    assert a["calls"] == 1 and a["reached"]["reception"] == 1
    assert a["rates"]["past_reception"] == {
        "k": 0,
        "n": 1,
        "rate": 0.0,
        "low": 0.0,
        "high": pytest.approx(0.7935, abs=1e-4),
    }
    assert api(actors.partner_user).get("/api/call-lists").status_code == 403
    assert api(actors.outsider).get(f"/api/call-lists/{lid}").status_code == 404
    assert CallList.objects.count() == 1 and CallScript.objects.count() == 1
