"""The warmest way in, on the database: meetings from the visit log, ties by hand,
reporting lines, at most three steps, each explained; a private contact shows that
someone knows them, not who or how."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from eigyo.activities.models import Activity
from eigyo.conftest import company
from eigyo.contacts.models import Person, PrivateContact, Tie
from eigyo.core import clock
from eigyo.prospecting import warm_paths

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9, 30)))
    yield
    clock.freeze(None)


@pytest.fixture
def net(actors):
    abc = company(actors, "ABC商事株式会社")
    xyz = company(actors, "XYZ工業株式会社")
    n = type("Net", (), {})()
    n.tanaka = Person.objects.create(
        org=actors.org, company=abc, family_name="田中", given_name="一郎", title="購買部長"
    )
    n.yamada = Person.objects.create(
        org=actors.org, company=xyz, family_name="山田", title="工場長"
    )
    n.sato = Person.objects.create(
        org=actors.org, company=xyz, family_name="佐藤", title="品質課長", reports_to=n.yamada
    )
    n.far = Person.objects.create(
        org=actors.org, company=xyz, family_name="遠藤", reports_to=n.yamada
    )
    met = Activity.objects.create(
        org=actors.org,
        company=abc,
        owner=actors.rep1,
        occurred_at=timezone.make_aware(dt.datetime(2026, 11, 25, 10)),
    )
    met.people.add(n.tanaka)
    Tie.objects.create(org=actors.org, person=n.tanaka, other=n.sato, source="known", strength=0.8)
    return n


@pytest.mark.django_db
def test_the_warmest_way_in_is_explained_step_by_step(actors, net):
    with translation.override("ja"):
        found = warm_paths.warmest_path(actors.manager, [net.sato], TODAY)
    assert [s.name for s in found.steps] == ["鈴木 大輔", "田中 一郎", "佐藤"]
    assert found.text == (
        "鈴木 大輔（当社）→ 田中 一郎（ABC商事 購買部長, 最終接触 12日前）→ 佐藤（XYZ工業 品質課長）"
    )
    with translation.override("en"):
        english = warm_paths.warmest_path(actors.manager, [net.sato], TODAY).text
    assert (
        english
        == "鈴木 大輔（us）→ 田中 一郎（ABC商事 購買部長, last met 12 days ago）→ 佐藤（XYZ工業 品質課長）"
    )
    assert found.warmth == pytest.approx(0.8 * (lambda e: e / (e + 1))(0.5 ** (12 / 180)))
    # Through the reporting line: 山田 is 佐藤's boss (three steps).
    up = warm_paths.warmest_path(actors.manager, [net.yamada], TODAY)
    assert [s.name for s in up.steps] == ["鈴木 大輔", "田中 一郎", "佐藤", "山田"]
    # 遠藤 reports to 山田: four steps away, beyond the limit.
    assert warm_paths.warmest_path(actors.manager, [net.far], TODAY) is None


@pytest.mark.django_db
def test_a_closer_tie_wins_and_colleagues_count(actors, net):
    """rep2 came along to a recent meeting with 佐藤 himself: one step beats two."""
    visit = Activity.objects.create(
        org=actors.org,
        company=net.sato.company,
        owner=actors.manager,
        occurred_at=timezone.make_aware(dt.datetime(2026, 12, 4, 15)),
    )
    visit.people.add(net.sato)
    visit.colleagues.add(actors.rep2)
    found = warm_paths.warmest_path(actors.rep1, [net.sato], TODAY)
    assert found.path.hops == 1 and found.steps[0].name in {"佐藤 美咲", "高橋 彩"}


@pytest.mark.django_db
def test_a_private_contact_shows_someone_not_who(actors, net):
    PrivateContact.objects.create(org=actors.org, user=actors.rep1, person=net.tanaka)
    theirs = warm_paths.warmest_path(actors.manager, [net.sato], TODAY)
    assert theirs.steps[0].private and theirs.steps[0].name != "鈴木 大輔"
    assert "12" not in theirs.text  # not when they last met either
    mine = warm_paths.warmest_path(actors.rep1, [net.sato], TODAY)
    assert mine.steps[0].name == "鈴木 大輔"


@pytest.mark.django_db
def test_the_pages(actors, net, login):
    web = login(actors.manager)
    page = web.get(reverse("intros:path") + f"?to={net.sato.pk}")
    assert page.status_code == 200 and "田中 一郎" in page.content.decode()
    by_company = web.get(reverse("intros:path") + f"?company={net.sato.company_id}")
    assert by_company.context["found"].steps[-1].name in {"佐藤", "山田"}
    look = web.get(reverse("intros:path") + "?q=佐藤")
    assert [p.pk for p in look.context["matches"]] == [net.sato.pk]
    assert login(actors.partner_user).get(reverse("intros:path")).status_code == 403
    assert (
        login(actors.outsider).get(reverse("intros:path") + f"?to={net.sato.pk}").status_code == 404
    )

    ties = reverse("intros:ties", args=[net.far.pk])
    assert (
        web.post(
            ties, {"action": "tie", "user": actors.rep2.pk, "source": "card", "strength": "0.25"}
        ).status_code
        == 302
    )
    tie = Tie.objects.get(person=net.far)
    assert tie.user == actors.rep2 and tie.strength == 0.25 and tie.recorded_by == actors.manager
    both = web.post(
        ties,
        {
            "action": "tie",
            "user": actors.rep2.pk,
            "other": net.sato.pk,
            "source": "known",
            "strength": "0.5",
        },
    )
    assert both.status_code == 422 and Tie.objects.filter(person=net.far).count() == 1
    assert warm_paths.warmest_path(actors.manager, [net.far], TODAY).steps[0].name == "高橋 彩"

    rep = login(actors.rep1)
    rep.post(reverse("intros:ties", args=[net.tanaka.pk]), {"action": "private", "private": "on"})
    assert PrivateContact.objects.filter(user=actors.rep1, person=net.tanaka).exists()
    met = web.get(reverse("intros:ties", args=[net.tanaka.pk])).context["met"]
    assert [m.private for m in met] == [True]
    rep.post(reverse("intros:ties", args=[net.tanaka.pk]), {"action": "private"})
    assert not PrivateContact.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(4))
def test_loading_only_what_a_path_can_reach_finds_the_warmest(actors, seed):
    """Against the search over the whole network, on random networks."""
    import random

    from eigyo.contacts.domain import paths

    rng = random.Random(seed)
    firms = [company(actors, f"乱数{seed}-{i}株式会社") for i in range(4)]
    people = [
        Person.objects.create(org=actors.org, company=rng.choice(firms), family_name=f"人{i}")
        for i in range(24)
    ]
    for p in people[4:]:
        if rng.random() < 0.4:
            p.reports_to = rng.choice(people[:4])
            p.save()
    for _ in range(18):
        a, b = rng.sample(people, 2)
        Tie.objects.create(
            org=actors.org,
            person=a,
            other=b,
            source="known",
            strength=round(rng.uniform(0.1, 0.9), 2),
        )
    for _ in range(10):
        act = Activity.objects.create(
            org=actors.org,
            company=rng.choice(firms),
            owner=rng.choice([actors.rep1, actors.rep2, actors.manager]),
            occurred_at=timezone.make_aware(dt.datetime(2026, rng.randrange(1, 12), 3, 10)),
        )
        act.people.add(*rng.sample(people, 2))
    whole = warm_paths._Graph(actors.org, TODAY)
    whole.expand({p.pk for p in people}, people_ties=True)
    ours = {("u", u) for u in (actors.admin.pk, actors.manager.pk, actors.rep1.pk, actors.rep2.pk)}
    for target in people:
        expected = paths.warmest(whole.edges, ours, {("p", target.pk)})
        found = warm_paths.warmest_path(actors.manager, [target], TODAY)
        if expected is None:
            assert found is None
        else:
            assert found is not None and found.warmth == pytest.approx(expected.warmth)


@pytest.mark.django_db
def test_eigyo_path(actors, net):
    import io
    import json

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    with translation.override("ja"):
        call_command("path", "--user", actors.manager.email, "--to", str(net.sato.pk), stdout=out)
    assert out.getvalue().strip().startswith("鈴木 大輔（当社）→ 田中 一郎")
    js = io.StringIO()
    call_command(
        "path",
        "--user",
        actors.manager.email,
        "--company",
        str(net.sato.company_id),
        "--format",
        "json",
        stdout=js,
    )
    assert json.loads(js.getvalue())["hops"] in (2, 3)
    with pytest.raises(CommandError):
        call_command("path", "--user", actors.partner_user.email, "--to", str(net.sato.pk))
    with pytest.raises(CommandError):
        call_command("path", "--user", actors.outsider.email, "--to", str(net.sato.pk))


@pytest.mark.django_db
def test_the_api(actors, net, api):
    rest = api(actors.manager)
    body = rest.get(f"/api/path?to={net.sato.pk}", HTTP_ACCEPT_LANGUAGE="ja").json()
    assert body["found"] and body["hops"] == 2 and body["text"].startswith("鈴木 大輔（当社）")
    assert [s["ours"] for s in body["steps"]] == [True, False, False]
    assert rest.get(f"/api/path?to={net.far.pk}").json()["found"] is False
    assert rest.get("/api/path").status_code == 422
    assert rest.get("/api/path?to=99999999").status_code == 404
    assert api(actors.partner_user).get(f"/api/path?to={net.sato.pk}").status_code == 403
    assert api(actors.outsider).get(f"/api/path?to={net.sato.pk}").status_code == 404


@pytest.mark.django_db
def test_the_person_page_leads_to_who_knows_them(actors, net, login):
    page = login(actors.rep1).get(net.sato.get_absolute_url()).content.decode()
    assert (
        reverse("intros:ties", args=[net.sato.pk]) in page and 'data-testid="warmest-way"' in page
    )
    partner = login(actors.marketing).get(net.sato.get_absolute_url()).content.decode()
    assert 'data-testid="warmest-way"' not in partner


@pytest.mark.django_db
def test_only_the_sales_side_is_a_way_in(actors, net):
    """A partner user who met 佐藤 is neither the start of a path nor a step in one."""
    visit = Activity.objects.create(
        org=actors.org,
        company=net.sato.company,
        owner=actors.partner_user,
        occurred_at=timezone.make_aware(dt.datetime(2026, 12, 6, 10)),
    )
    visit.people.add(net.sato, net.tanaka)
    found = warm_paths.warmest_path(actors.manager, [net.sato], TODAY)
    assert found.steps[0].name == "鈴木 大輔" and found.path.hops == 2
    assert all(s.name != actors.partner_user.display_name for s in found.steps)
