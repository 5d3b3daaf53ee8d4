"""The spider and the avatar against the database."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from eigyo.companies.models import Company
from eigyo.companies.services import company_from_registry
from eigyo.portfolio import services as portfolio
from eigyo.portfolio.models import Relationship
from eigyo.prospecting.models import Avatar
from eigyo.registry.models import RegistryEntry


def entry(code, name, sector="3700", size="mid400", pref="23", segment="prime"):
    return RegistryEntry.objects.create(
        edinet_code=code,
        name=name,
        name_key=name,
        sector33=sector,
        size_class=size,
        prefecture=pref,
        market_segment=segment,
        source="test",
    )


@pytest.fixture
def niche(actors):
    won = entry("E1", "勝ち取った部品", size="mid400", pref="23")
    e = {
        "twin": entry("E2", "双子部品", size="mid400", pref="23"),
        "near": entry("E3", "近い部品", size="large70", pref="22"),
        "far": entry("E4", "遠い部品", size="small2", pref="01"),
        "other_sector": entry("E5", "別業種", sector="5250", size="mid400", pref="23"),
        "taken": entry("E6", "既存先部品", size="mid400", pref="23"),
    }
    client = company_from_registry(actors.org, won)[0]
    portfolio.add_to_portfolio(
        org=actors.org, company=client, owner=actors.rep1, tier="client", on=dt.date(2026, 11, 1)
    )
    taken = company_from_registry(actors.org, e["taken"])[0]
    portfolio.add_to_portfolio(
        org=actors.org, company=taken, owner=actors.rep2, tier="new", on=dt.date(2026, 11, 1)
    )
    return client, e


@pytest.mark.django_db
def test_spider_proposes_the_niche_excluding_portfolios(niche, actors, api):
    client, e = niche
    rows = api(actors.rep1).get(f"/api/companies/{client.pk}/similar").json()
    names = [r["name"] for r in rows]
    assert names == ["双子部品", "近い部品", "遠い部品"]  # same sector only, most alike first
    assert "既存先部品" not in names  # in rep2's portfolio: excluded for the whole org
    assert rows[0]["reasons"] == ["same_sector", "same_size", "same_segment", "same_prefecture"]
    assert rows[1]["reasons"] == ["same_sector", "neighbouring_size", "same_segment", "same_region"]


@pytest.mark.django_db
def test_adopting_proposals_makes_new_relationships_in_one_step(niche, actors, login):
    client, e = niche
    web = login(actors.rep1)
    page = web.get(reverse("prospecting:spider", args=[client.pk]))
    assert page.status_code == 200
    response = web.post(
        reverse("prospecting:spider", args=[client.pk]),
        {"entry": [e["twin"].pk, e["near"].pk, e["taken"].pk]},
    )
    assert response.status_code == 302
    mine = Relationship.objects.filter(owner=actors.rep1, tier="new")
    assert sorted(r.company.legal_name for r in mine) == ["双子部品", "近い部品"]
    assert mine.first().tier_changes.first().reason.startswith("Similar to")


@pytest.mark.django_db
def test_spider_access_and_api_adopt(niche, actors, api, login):
    client, e = niche
    assert api(actors.outsider).get(f"/api/companies/{client.pk}/similar").status_code == 404
    assert api(actors.marketing).get(f"/api/companies/{client.pk}/similar").status_code == 403
    bad = api(actors.rep1).post(
        f"/api/companies/{client.pk}/similar",
        {"registry": [e["taken"].pk]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    ok = api(actors.rep1).post(
        f"/api/companies/{client.pk}/similar",
        {"registry": [e["far"].pk]},
        content_type="application/json",
    )
    assert ok.status_code == 201 and len(ok.json()) == 1


@pytest.mark.django_db
def test_cli_spider(niche, capsys):
    client, _e = niche
    call_command("spider", "--company", str(client.pk), "--format", "json", "--limit", "2")
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["双子部品", "近い部品"]


@pytest.mark.django_db
def test_avatar_scores_and_best_fits(niche, actors, login):
    client, e = niche
    web = login(actors.manager)
    response = web.post(
        reverse("prospecting:avatar"),
        {
            "name": "製造業の中堅",
            "sectors": ["3700"],
            "size_classes": ["mid400"],
            "prefectures": ["23"],
            "weight_sector": 40,
            "weight_size": 25,
            "weight_segment": 15,
            "weight_prefecture": 20,
        },
    )
    assert response.status_code == 302
    fits = login(actors.rep1).get(reverse("prospecting:avatar")).context["fits"]
    assert [f[0].name for f in fits][:1] == ["双子部品"] and fits[0][1] == 100
    assert "既存先部品" not in [f[0].name for f in fits] and "勝ち取った部品" not in [
        f[0].name for f in fits
    ]
    assert login(actors.rep1).post(reverse("prospecting:avatar"), {"name": "x"}).status_code == 403
    assert (
        Avatar.objects.count() == 1 and Company.objects.filter(legal_name="双子部品").count() == 0
    )
