"""The avatar's criteria over the organisation's own company fields: set in the
page and through the API, they score the organisation's companies."""

import pytest
from django.urls import reverse

from eigyo.conftest import company
from eigyo.prospecting.models import Avatar


@pytest.mark.django_db
def test_avatar_criteria_over_own_fields_score_the_organisations_companies(actors, login, fields):
    fits = company(
        actors,
        "理想精機株式会社",
        sector33="3650",
        custom={"uses_rival": True, "plants": 5, "channel": "直販"},
    )
    half = company(actors, "半分工業株式会社", sector33="3650", custom={"plants": 1})
    company(actors, "無関係商事株式会社", sector33="6050")
    web = login(actors.manager)
    response = web.post(
        reverse("prospecting:avatar"),
        {
            "name": "理想の顧客",
            "sectors": ["3650"],
            "weight_sector": 40,
            "weight_size": 25,
            "weight_segment": 15,
            "weight_prefecture": 20,
            "own_uses_rival": "yes",
            "own_uses_rival__weight": 30,
            "own_plants__min": 3,
            "own_plants__max": "",
            "own_plants__weight": 20,
            "own_channel": ["直販"],
            "own_channel__weight": 10,
        },
    )
    assert response.status_code == 302
    avatar = Avatar.objects.get(org=actors.org)
    assert avatar.custom_criteria == {
        "uses_rival": {"values": [True], "weight": 30},
        "plants": {"min": 3, "max": None, "weight": 20},
        "channel": {"values": ["直販"], "weight": 10},
    }
    page = web.get(reverse("prospecting:avatar"))
    ours = [(c.legal_name, score) for c, score, _r in page.context["ours"]]
    assert ours == [("理想精機株式会社", 100), ("半分工業株式会社", 40)]
    detail = web.get(fits.get_absolute_url())
    score, reasons = detail.context["fit"]
    assert score == 100 and {"競合製品を使用", "工場数", "販売チャネル"} <= set(reasons)
    assert login(actors.rep1).get(f"/api/companies/{half.pk}/fit").json()["score"] == 40


@pytest.mark.django_db
def test_avatar_through_the_api(actors, api, fields):
    manager = api(actors.manager)
    response = manager.put(
        "/api/avatar",
        {"sectors": ["3650"], "custom_criteria": {"plants": {"min": 10, "max": 5}}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "custom.plants__max" in [e["field"] for e in response.json()["errors"]]
    assert not Avatar.objects.filter(org=actors.org).exists()
    response = manager.put(
        "/api/avatar",
        {"sectors": ["3650"], "custom_criteria": {"uses_rival": {"values": [False], "weight": 5}}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["custom_criteria"] == {"uses_rival": {"values": [False], "weight": 5}}
    assert (
        manager.put(
            "/api/avatar",
            {"custom_criteria": {"buyer_memo": {"values": ["x"]}}},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert (
        api(actors.rep1)
        .put("/api/avatar", {"sectors": []}, content_type="application/json")
        .status_code
        == 403
    )
    assert api(actors.rep1).get("/api/avatar").json()["sectors"] == ["3650"]
    assert api(actors.partner_user).get("/api/avatar").status_code == 403
