"""The partners API: the page's forms and services, JSON errors, never a 500."""

import pytest


@pytest.mark.django_db
def test_create_move_and_contract_over_the_api(actors, api, pinned):
    rest = api(actors.manager)
    made = rest.post(
        "/api/partners",
        {
            "name": "北海道機材株式会社",
            "kind": "distributor",
            "territory": ["01"],
            "industries": ["3600"],
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    partner = made.json()
    assert partner["stage"] == "candidate" and partner["territory"] == ["01"]
    assert rest.get("/api/partners", {"prefecture": "01"}).json()["count"] == 1
    assert rest.get("/api/partners", {"prefecture": "13"}).json()["count"] == 0
    dup = rest.post(
        "/api/partners",
        {"name": "北海道機材株式会社", "kind": "agent"},
        content_type="application/json",
    )
    assert dup.status_code == 409
    bad = rest.post(
        "/api/partners", {"name": "x", "kind": "franchise"}, content_type="application/json"
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "kind"
    pid = partner["id"]
    blocked = rest.post(
        f"/api/partners/{pid}/stage", {"stage": "contracted"}, content_type="application/json"
    )
    assert blocked.status_code == 422 and blocked.json()["errors"][0]["field"] == "stage"
    checks = rest.get(f"/api/partners/{pid}/diligence").json()
    assert len(checks) == 6 and all(c["status"] == "open" for c in checks)
    for c in checks:
        done = rest.patch(
            f"/api/partners/{pid}/diligence/{c['id']}",
            {"status": "clear", "evidence": "帝国データバンク 評点62"},
            content_type="application/json",
        )
        assert done.status_code == 200 and done.json()["checked_by"] == actors.manager.pk
    moved = rest.post(
        f"/api/partners/{pid}/stage", {"stage": "contracted"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "contracted"
    contract = rest.post(
        f"/api/partners/{pid}/contracts",
        {
            "title": "北海道 販売店契約",
            "start": "2026-04-01",
            "term_months": 36,
            "notice_months": 6,
        },
        content_type="application/json",
    )
    assert contract.status_code == 201, contract.content
    cid = contract.json()["id"]
    target = {
        "metric": "revenue",
        "period_kind": "half",
        "fiscal_year": 2026,
        "index": 2,
        "value": 30_000_000,
    }
    added = rest.post(f"/api/contracts/{cid}/targets", target, content_type="application/json")
    assert added.status_code == 201
    [line] = added.json()["targets"]
    assert line["period"] == "FY2026 H2" and line["period_start"] == "2026-10-01"
    again = rest.post(f"/api/contracts/{cid}/targets", target, content_type="application/json")
    assert again.status_code == 409
    wrong = rest.post(
        f"/api/contracts/{cid}/targets", {**target, "index": 3}, content_type="application/json"
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "index"
    right = rest.post(
        f"/api/contracts/{cid}/rights",
        {
            "metric": "revenue",
            "period_kind": "half",
            "threshold_percent": 150,
            "consecutive": 1,
            "window_days": 60,
        },
        content_type="application/json",
    )
    assert right.status_code == 422
    detail = rest.get(f"/api/contracts/{cid}").json()
    assert (
        detail["state"]["term_end"] == "2029-03-31" and detail["state"]["notice_by"] == "2028-09-30"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "{",
        '{"name": null, "kind": null}',
        '{"name": "x", "kind": "agent", "territory": ["99"]}',
        '{"name": "x", "kind": "agent", "corporate_number": "123"}',
        '{"name": "x", "kind": "agent", "manager": 99999999999999999999999}',
        '{"name": "x", "kind": "agent", "idle_after_days": -1}',
    ],
)
def test_bad_partner_input_is_a_json_422(actors, api, body):
    response = api(actors.admin).post("/api/partners", body, content_type="application/json")
    assert response.status_code in (400, 422), response.content
    assert response.json()["detail"]


@pytest.mark.django_db
def test_a_rep_who_does_not_manage_the_partner_may_read_but_not_change(world, actors, api):
    rest = api(actors.rep2)
    assert rest.get(f"/api/partners/{actors.partner.pk}").status_code == 200
    patch = rest.patch(
        f"/api/partners/{actors.partner.pk}", {"group_name": "x"}, content_type="application/json"
    )
    assert patch.status_code == 403
    assert rest.post(f"/api/deals/{world.unconfirmed.pk}/confirm-win").status_code in (403, 404)
