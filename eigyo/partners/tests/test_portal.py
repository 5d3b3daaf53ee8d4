"""The partner portal: a partner user sees its own partner — targets and progress,
companies, deals, trainings — and nothing of another partner or of our internal notes;
its own win waits for our confirmation."""

import pytest
from django.urls import reverse

INTERNAL_MARKS = [
    'data-testid="diligence"',
    'data-testid="idle"',
    'data-testid="to-confirm"',
    'data-testid="right-open"',
    'data-testid="caution"',
    'data-testid="value-share"',
    "2四半期連続",  # the termination right's wording
]


@pytest.fixture
def portal(world, actors):
    from eigyo.partners.models import Attendance, Trainee, TrainingModule, TrainingSession

    module = TrainingModule.objects.create(org=actors.org, title="質問の設計")
    session = TrainingSession.objects.create(
        org=actors.org, module=module, held_on=world.today, trainer="佐藤"
    )
    for partner, name in ((actors.partner, "木下"), (actors.partner2, "九州太郎")):
        trainee = Trainee.objects.create(org=actors.org, partner=partner, family_name=name)
        Attendance.objects.create(org=actors.org, session=session, trainee=trainee)
    world.session = session
    return world


@pytest.mark.django_db
def test_a_partner_user_sees_its_own_page_and_nothing_internal(portal, actors, login):
    web = login(actors.partner_user)
    assert web.get(reverse("partners:list")).url == reverse(
        "partners:detail", args=[actors.partner.pk]
    )
    response = web.get(reverse("partners:detail", args=[actors.partner.pk]))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "partners/portal.html"
    page = response.content.decode()
    assert 'data-testid="portal-targets"' in page and "Q3案件" in page
    assert "大阪部品株式会社" in page and "木下" in page
    for mark in INTERNAL_MARKS:
        assert mark not in page, mark
    assert "九州" not in page  # nothing of the other partner, its company or its people
    contract = web.get(reverse("partners:contract", args=[portal.contract.pk])).content.decode()
    for mark in INTERNAL_MARKS:
        assert mark not in contract, mark
    session = web.get(reverse("partners:session", args=[portal.session.pk])).content.decode()
    assert "木下" in session and "九州太郎" not in session


@pytest.mark.django_db
def test_two_partners_each_see_only_their_own(portal, actors, login, api):
    one, two = actors.partner, actors.partner2
    for user, own, other in ((actors.partner_user, one, two), (actors.partner2_user, two, one)):
        web, rest = login(user), api(user)
        assert web.get(reverse("partners:detail", args=[own.pk])).status_code == 200
        assert web.get(reverse("partners:detail", args=[other.pk])).status_code == 404
        assert web.get(reverse("partners:edit", args=[own.pk])).status_code == 403
        assert [p["id"] for p in rest.get("/api/partners").json()["items"]] == [own.pk]
        assert rest.get(f"/api/partners/{other.pk}").status_code == 404
        assert rest.get(f"/api/partners/{other.pk}/performance").status_code == 404
        mine = rest.get(f"/api/partners/{own.pk}").json()
        assert mine["stage"] is None and mine["manager"] is None  # our view stays ours
        assert rest.get(f"/api/partners/{own.pk}/diligence").status_code == 403
        assert rest.get(f"/api/partners/{own.pk}/performance").status_code == 200
    rest2 = api(actors.partner2_user)
    assert rest2.get(f"/api/contracts/{portal.contract.pk}").status_code == 404
    own_contract = api(actors.partner_user).get(f"/api/contracts/{portal.contract.pk}").json()
    assert own_contract["state"] is None and own_contract["targets"]


@pytest.mark.django_db
def test_a_partner_user_moves_its_deal_to_won_and_it_waits_for_us(portal, actors, login, api):
    from eigyo.deals.models import Deal
    from eigyo.partners import performance

    deal = Deal.objects.create(
        org=actors.org,
        title="新規受注",
        company=portal.company,
        owner=actors.rep1,
        partner=actors.partner,
        amount=4_000_000,
    )
    before = performance.current_lines(actors.partner, portal.today)[0].progress.actual
    web = login(actors.partner_user)
    assert web.post(reverse("deals:stage", args=[deal.pk]), {"stage": "won"}).status_code == 302
    deal.refresh_from_db()
    assert deal.stage == "won" and deal.win_confirmed_at is None
    assert performance.current_lines(actors.partner, portal.today)[0].progress.actual == before
    page = web.get(reverse("partners:detail", args=[actors.partner.pk])).content.decode()
    assert "新規受注" in page
    # nor can it confirm it itself, on the page or through the API
    assert web.post(reverse("partners:confirm_win", args=[deal.pk])).status_code == 403
    assert api(actors.partner_user).post(f"/api/deals/{deal.pk}/confirm-win").status_code == 403
    api(actors.manager).post(f"/api/deals/{deal.pk}/confirm-win")
    after = performance.current_lines(actors.partner, portal.today)[0].progress.actual
    assert after == before + 4_000_000


@pytest.mark.django_db
def test_marketing_has_no_partner_pages(portal, actors, login, api):
    web = login(actors.marketing)
    assert web.get(reverse("partners:list")).status_code == 403
    assert web.get(reverse("partners:detail", args=[actors.partner.pk])).status_code == 403
    assert api(actors.marketing).get("/api/partners").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "manager", "rep1", "rep2"])
def test_the_sales_side_lists_every_partner(portal, actors, login, api, who):
    user = getattr(actors, who)
    expected = {actors.partner.pk, actors.partner2.pk}
    assert {p["id"] for p in api(user).get("/api/partners").json()["items"]} == expected
    for headers in ({}, {"HX-Request": "true"}):
        response = login(user).get(reverse("partners:list"), headers=headers)
        assert {p.pk for p in response.context["page"].object_list} == expected
    filtered = api(user).get("/api/partners", {"stage": "candidate"}).json()["items"]
    assert [p["id"] for p in filtered] == [actors.partner2.pk]


@pytest.mark.django_db
def test_pages_in_english_and_japanese(portal, actors, login):
    rep1 = login(actors.rep1)  # rep1 reads English
    page = rep1.get(reverse("partners:list")).content.decode()
    assert "Behind target" in page and "Contracts that can be ended" in page
    manager = login(actors.manager)  # Japanese
    page = manager.get(reverse("partners:list")).content.decode()
    assert "目標に遅れ" in page and "解約できる契約" in page
    detail = manager.get(reverse("partners:detail", args=[actors.partner.pk])).content.decode()
    assert "目標と進捗" in detail and "デューデリジェンス" in detail
