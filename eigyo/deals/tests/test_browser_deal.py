"""In Chromium: build a buying group of five on a deal, mark stances, see the
map and the readiness change; the map with 1, 15 and 60 stakeholders."""

import pytest

from browser_fixtures import log_in, screenshot
from eigyo.contacts.models import Person
from eigyo.deals.models import Deal, Stakeholder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP = [  # family, given, rank, department, title, role, stance
    ("佐藤", "一郎", 6, "", "取締役", "decision_maker", "supportive"),
    ("鈴木", "次郎", 4, "品質保証部", "部長", "approver", "neutral"),
    ("高橋", "三郎", 3, "品質保証部", "課長", "champion", "supportive"),
    ("田村", "四郎", 4, "購買部", "部長", "influencer", "opposed"),
    ("中村", "五郎", 1, "品質保証部", "担当", "user", "supportive"),
]


def score(page) -> int:
    return int(page.inner_text("[data-testid=readiness] .score strong"))


def test_build_a_buying_group_of_five(browser, live_server, book, actors):
    people, boss = [], None
    for family, given, rank, dept, title, _role, _stance in GROUP:
        p = Person.objects.create(
            org=actors.org,
            company=book.company,
            family_name=family,
            given_name=given,
            seniority=rank,
            department=dept,
            title=title,
            reports_to=boss if rank < 6 else None,
        )
        boss = boss or p
        people.append(p)
    deal = Deal.objects.create(
        org=actors.org,
        title="新ライン導入",
        company=book.company,
        owner=actors.rep2,
        amount=48_000_000,
    )
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server.url, actors.rep2.email)
    page.goto(f"{live_server.url}{deal.get_absolute_url()}")
    scores = [score(page)]
    assert scores == [0]
    for person, (*_, role, _stance) in zip(people, GROUP, strict=True):
        page.goto(f"{live_server.url}/deals/{deal.pk}/stakeholder/new/")
        page.select_option("select[name=person]", str(person.pk))
        page.select_option("select[name=role]", role)
        page.select_option("select[name=stance]", "unknown")
        page.click("button.primary")
        page.wait_for_url(f"{live_server.url}{deal.get_absolute_url()}")
        scores.append(score(page))
    assert page.locator("[data-testid=map] svg g[data-id]").count() == 5
    assert "佐藤 一郎" in page.inner_text("[data-testid=gaps]")  # the decision maker, not met
    screenshot(page, "deal-group-unknown")
    # Mark stances (and that we met them) and watch readiness rise.
    for s in Stakeholder.objects.filter(deal=deal).select_related("person"):
        stance = next(g[6] for g in GROUP if g[0] == s.person.family_name)
        page.goto(f"{live_server.url}/deals/{deal.pk}/stakeholder/{s.pk}/")
        page.select_option("select[name=stance]", stance)
        page.select_option("select[name=met_override]", "true")
        page.click("button.primary")
        page.wait_for_url(f"{live_server.url}{deal.get_absolute_url()}")
        scores.append(score(page))
    assert scores[-1] > scores[5]
    svg = page.locator("[data-testid=map] svg")
    assert svg.locator("g[data-stance=opposed]").count() == 1
    assert svg.locator("g[data-met=true]").count() == 5
    assert "反対" in page.inner_text("[data-testid=gaps]")  # the opposed 部長 is named
    screenshot(page, "deal-group-five")
    context.close()


@pytest.mark.parametrize("size", [1, 15, 60])
def test_map_legible_at_1_15_60(browser, live_server, book, actors, size):
    deal = Deal.objects.create(
        org=actors.org, title=f"{size}人の案件", company=book.company, owner=actors.rep1
    )
    levels = [
        (6, "取締役", ""),
        (5, "本部長", "生産本部"),
        (4, "部長", "品質保証部"),
        (3, "課長", "品質保証部"),
        (1, "担当", "品質保証部"),
    ]
    people = []
    roles = ["decision_maker", "approver", "champion", "influencer", "user"]
    stances = ["supportive", "neutral", "opposed", "unknown"]
    for i in range(size):
        level = 0 if i == 0 else min(1 + (i - 1) // 4, 4)
        boss = people[(i - 1) // 3] if i else None
        rank, title, dept = levels[level]
        p = Person.objects.create(
            org=actors.org,
            company=book.company,
            family_name=f"山田{i}",
            given_name="太郎",
            seniority=rank,
            title=title,
            department=dept,
            reports_to=boss,
        )
        people.append(p)
        Stakeholder.objects.create(
            org=actors.org,
            deal=deal,
            person=p,
            role=roles[min(level, 4)],
            stance=stances[i % 4],
            met_override=i % 3 != 0,
        )
    for width, name in ((1200, "desktop"), (375, "phone")):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP")
        page = context.new_page()
        log_in(page, live_server.url, actors.rep1.email)
        page.goto(f"{live_server.url}{deal.get_absolute_url()}")
        svg = page.locator("[data-testid=map] svg")
        assert svg.locator("g[data-id]").count() == size
        # The page itself never scrolls sideways; only the map's own box does.
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        box = svg.bounding_box()
        assert box["width"] <= 1400
        page.locator("[data-testid=map]").screenshot(
            path=str(screenshot(page, f"map-{size}-{name}"))
        )
        context.close()
