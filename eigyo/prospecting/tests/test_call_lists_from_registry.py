"""Call lists from the spider (companies like a won client) and from the registry:
registry companies no one works yet become the organisation's companies, come without
a phone number (the public registry has none), and the calling screen asks for it
before the call; a 架電禁止 company is never listed."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.companies.models import Company
from eigyo.companies.services import company_from_registry
from eigyo.core import clock
from eigyo.deals.models import Deal
from eigyo.portfolio import services as portfolio
from eigyo.prospecting import call_services as services
from eigyo.prospecting.models import Avatar, CallList, CallListEntry, CallScript
from eigyo.registry.models import RegistryEntry


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9, 30)))
    yield
    clock.freeze(None)


def entry(code, name, sector="3700", size="mid400", pref="23", listed=True, **kw):
    return RegistryEntry.objects.create(
        edinet_code=code,
        name=name,
        name_key=name,
        kana_key=kw.pop("kana_key", name),
        sector33=sector,
        size_class=size,
        prefecture=pref,
        market_segment="prime",
        is_listed=listed,
        source="test",
        **kw,
    )


@pytest.fixture
def script(actors):
    s = CallScript.objects.create(org=actors.org, name="新規開拓", created_by=actors.manager)
    services.save_version(s, "A", {"reception": "品質保証部の方をお願いします"}, by=actors.manager)
    services.save_version(s, "B", {"reception": "工場長の件でお電話しました"}, by=actors.manager)
    return s


@pytest.fixture
def niche(actors):
    """A won client in 輸送用機器 (3700) in Aichi, and registry companies around it."""
    won = company_from_registry(actors.org, entry("E1", "勝ち取った部品"))[0]
    portfolio.add_to_portfolio(
        org=actors.org, company=won, owner=actors.rep1, tier="client", on=dt.date(2026, 11, 1)
    )
    e = {
        "twin": entry("E2", "双子部品", address="豊田市1-1", postal_code="471-0001"),
        "near": entry("E3", "近い部品", size="large70", pref="22"),
        "closed": entry("E4", "清算済部品", closed=True),
        "other_sector": entry("E5", "別業種", sector="5250", pref="13", listed=False),
        "taken": entry("E6", "既存先部品"),
        "refused": entry("E7", "断られた部品"),
    }
    taken = company_from_registry(actors.org, e["taken"])[0]
    portfolio.add_to_portfolio(
        org=actors.org, company=taken, owner=actors.rep2, tier="new", on=dt.date(2026, 11, 1)
    )
    return won, e


def spider_list(actors, script, won):
    """rep1's list of (at most five) companies like the won client."""
    return services.make_call_list(
        name="似た会社",
        script=script,
        source="spider",
        limit=5,
        by=actors.rep1,
        candidates=services.registry_candidates(actors.rep1, "spider", seed=won),
    )


def refuse(actors, script, registry_entry):
    """The company asked never to be called again on an earlier list."""
    company = company_from_registry(actors.org, registry_entry)[0]
    company.phone = "0312345678"
    company.save()
    lst = services.build_call_list(
        name="前回",
        script=script,
        source="portfolio",
        companies=Company.objects.filter(pk=company.pk),
        by=actors.rep2,
    )
    never = services.outcomes_for(actors.org).get(label="架電禁止")
    services.log_call(lst.entries.get(), outcome=never, by=actors.rep2)
    return company


@pytest.mark.django_db
def test_a_spider_list_takes_the_niche_without_phones_never_a_refusal(actors, script, niche):
    won, e = niche
    refused = refuse(actors, script, e["refused"])
    form_data = {
        "name": "似た会社",
        "script": script.pk,
        "source": "spider",
        "seed": won.pk,
        "limit": 20,
    }
    response = _login(actors.rep1).post(reverse("calls:lists"), form_data)
    assert response.status_code == 302
    made = CallList.objects.get(name="似た会社")
    names = [x.company.display_name for x in made.entries.select_related("company")]
    assert names[:2] == ["双子部品", "近い部品"]  # most alike first
    assert "既存先部品" not in names  # in a portfolio: someone works it
    assert "清算済部品" not in names  # closed in the registry
    assert "別業種" not in names  # another niche
    assert refused.display_name not in names  # 架電禁止
    assert made.source == "spider" and made.owner == actors.rep1
    twin = Company.objects.get(org=actors.org, registry=e["twin"])
    assert twin.phone == "" and twin.corporate_number == ""
    assert not twin.relationships.exists()  # called first: no portfolio until an appointment
    assert sorted({x.variant for x in made.entries.all()}) == ["A", "B"]


@pytest.mark.django_db
def test_a_spider_list_needs_a_won_client_the_user_sees(actors, script, niche, login):
    won, _e = niche
    client = login(actors.rep1)
    missing = client.post(
        reverse("calls:lists"), {"name": "x", "script": script.pk, "source": "spider", "limit": 20}
    )
    assert missing.status_code == 422
    assert "似た会社" not in missing.content.decode()
    assert not CallList.objects.exists()
    other = Company.objects.create(org=actors.org, legal_name="見込み株式会社")
    not_won = client.post(
        reverse("calls:lists"),
        {"name": "x", "script": script.pk, "source": "spider", "seed": other.pk, "limit": 9},
    )
    assert not_won.status_code == 422 and not CallList.objects.exists()
    # a company with a won deal counts as a won client too
    Deal.objects.create(
        org=actors.org, company=other, owner=actors.rep1, title="検査装置", stage="won"
    )
    assert other in services.won_clients(actors.rep1)


@pytest.mark.django_db
def test_a_registry_list_is_narrowed_and_ranked_by_the_avatar(actors, script, niche, api):
    _won, e = niche
    Avatar.objects.create(org=actors.org, prefectures=["22"], weight_prefecture=30)
    response = api(actors.rep1).post(
        "/api/call-lists",
        json.dumps(
            {
                "name": "東証・輸送用機器",
                "script": script.pk,
                "source": "registry",
                "sector33": "3700",
                "listed_only": True,
                "limit": 2,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["source"] == "registry"
    names = [x["company_name"] for x in body["entries"]]
    # Shizuoka fits the avatar; then by reading; the won client is in a portfolio
    assert names == ["近い部品", "双子部品"]
    assert all(x["phone"] == "" for x in body["entries"])
    assert "既存先部品" not in names and "清算済部品" not in names


@pytest.mark.django_db
def test_the_whole_registry_is_no_list(actors, script, niche, api):
    response = api(actors.rep1).post(
        "/api/call-lists",
        json.dumps({"name": "全部", "script": script.pk, "source": "registry"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sector33"
    assert not CallList.objects.exists()


def _login(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_calling_screen_asks_for_the_number_first(actors, script, niche, login):
    won, e = niche
    made = spider_list(actors, script, won)
    client = login(actors.rep1)
    url = reverse("calls:calling", args=[made.pk])
    page = client.get(url).content.decode()
    first = made.entries.select_related("company").first()
    assert 'data-testid="find-number"' in page and 'data-testid="dial"' not in page
    assert "豊田市1-1" in page and 'data-testid="call-form"' not in page
    # a call cannot be logged before there is a number
    no_answer = services.outcomes_for(actors.org).get(label="不通")
    refused = client.post(url, {"entry": first.pk, "action": "call", "outcome": no_answer.pk})
    assert refused.status_code == 422 and not first.calls.exists()
    # a wrong number is refused with a word, nothing changes
    bad = client.post(url, {"entry": first.pk, "action": "phone", "phone": "12"})
    assert bad.status_code == 422 and 'data-field="phone"' in bad.content.decode()
    first.company.refresh_from_db()
    assert first.company.phone == ""
    # the number found becomes the company's; the screen dials it
    assert (
        client.post(
            url, {"entry": first.pk, "action": "phone", "phone": "0565-28-2121"}
        ).status_code
        == 302
    )
    first.company.refresh_from_db()
    assert first.company.phone == "+81565282121"  # stored as E.164
    page = client.get(url).content.decode()
    assert 'data-testid="dial"' in page and "tel:+81565282121" in page and "0565-28-2121" in page
    assert (
        client.post(url, {"entry": first.pk, "action": "call", "outcome": no_answer.pk}).status_code
        == 302
    )
    assert first.calls.count() == 1


@pytest.mark.django_db
def test_no_number_found_moves_on(actors, script, niche, login):
    won, _e = niche
    made = spider_list(actors, script, won)
    first, second = made.entries.all()[:2]
    client = login(actors.rep1)
    url = reverse("calls:calling", args=[made.pk])
    assert client.post(url, {"entry": first.pk, "action": "skip"}).status_code == 302
    first.refresh_from_db()
    assert first.status == CallListEntry.Status.DONE and not first.calls.exists()
    assert services.next_entry(made, clock.now()) == second


@pytest.mark.django_db
def test_only_the_caller_sets_numbers_on_their_list(actors, script, niche, login):
    won, _e = niche
    made = spider_list(actors, script, won)
    first = made.entries.first()
    url = reverse("calls:calling", args=[made.pk])
    data = {"entry": first.pk, "action": "phone", "phone": "0565-28-2121"}
    assert login(actors.rep2).post(url, data).status_code == 404  # not their list to see
    assert login(actors.manager).post(url, data).status_code == 403  # sees it, not the caller
    assert login(actors.outsider).post(url, data).status_code == 404
    first.company.refresh_from_db()
    assert first.company.phone == ""


@pytest.mark.django_db
def test_numbers_and_skips_over_the_api(actors, script, niche, api):
    won, _e = niche
    made = spider_list(actors, script, won)
    first, second = made.entries.all()[:2]
    rep1 = api(actors.rep1)
    post = lambda client, path, body: client.post(  # noqa: E731
        f"/api/call-lists/{made.pk}/{path}", json.dumps(body), content_type="application/json"
    )
    bad = post(rep1, "phone", {"entry": first.pk, "phone": "abc"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "phone"
    ok = post(rep1, "phone", {"entry": first.pk, "phone": "052-123-4567"})
    assert ok.status_code == 200 and ok.json()["phone"] == "+81521234567"
    nxt = rep1.get(f"/api/call-lists/{made.pk}/next").json()
    assert nxt["entry"]["id"] == first.pk and nxt["entry"]["phone"] == "+81521234567"
    assert post(rep1, "skip", {"entry": second.pk}).json()["status"] == "done"
    assert post(api(actors.manager), "skip", {"entry": first.pk}).status_code == 403
    assert post(api(actors.rep2), "skip", {"entry": first.pk}).status_code == 404
    assert post(rep1, "skip", {"entry": 10**12}).status_code == 404
