"""Cold calls end to end on the database: scripts whose used versions never change,
call lists with phones only and never a 架電禁止, sticky and even variants, a call on
the company's timeline, a call-back on the agenda, an appointment into the portfolio,
and the figures per variant on the script's page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.conftest import company
from eigyo.core import clock
from eigyo.portfolio import services as portfolio
from eigyo.portfolio.models import Relationship
from eigyo.prospecting import call_services as services
from eigyo.prospecting.models import Call, CallList, CallListEntry, CallScript, ScriptVersion


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 9, 30)))
    yield
    clock.freeze(None)


@pytest.fixture
def script(actors):
    s = CallScript.objects.create(org=actors.org, name="検査装置・新規", created_by=actors.manager)
    services.save_version(s, "A", {"reception": "品質保証部の方をお願いします"}, by=actors.manager)
    services.save_version(s, "B", {"reception": "工場長の件でお電話しました"}, by=actors.manager)
    return s


def approaches(actors, owner, n, phone=True):
    out = []
    for i in range(n):
        c = company(actors, f"架電先{owner.pk}-{i}株式会社", phone="03-1234-5678" if phone else "")
        portfolio.add_to_portfolio(
            org=actors.org, company=c, owner=owner, tier="new", on=dt.date(2026, 12, 1)
        )
        out.append(c)
    return out


def outcome(actors, label):
    return services.outcomes_for(actors.org).get(label=label)


@pytest.mark.django_db
def test_outcomes_are_seeded_once_with_the_usual_japanese_ones(actors):
    codes = services.outcomes_for(actors.org)
    assert [c.label for c in codes] == [
        "不通",
        "受付NG",
        "担当不在（再架電）",
        "担当不在（終了）",
        "担当NG",
        "折り返し待ち",
        "資料送付",
        "アポ獲得",
        "番号違い",
        "架電禁止",
    ]
    services.outcomes_for(actors.org)
    assert codes.count() == 10
    assert codes.get(label="架電禁止").do_not_call and not codes.get(label="不通").connected


@pytest.mark.django_db
def test_a_used_version_is_never_changed(actors, script):
    v1 = script.versions.get(variant="A")
    again = services.save_version(
        script, "A", {"reception": "品質保証部長をお願いします"}, by=actors.manager
    )
    assert again.pk == v1.pk and again.number == 1  # unused: changed in place
    (c,) = approaches(actors, actors.rep1, 1)
    lst = services.build_call_list(
        name="月曜",
        script=script,
        source="portfolio",
        companies=c.__class__.objects.filter(pk=c.pk),
        by=actors.rep1,
    )
    services.log_call(lst.entries.get(), outcome=outcome(actors, "受付NG"), by=actors.rep1)
    v2 = services.save_version(
        script, "A", {"reception": "検査の件で品質保証部へ"}, by=actors.manager
    )
    assert v2.number == 2 and v2.pk != v1.pk
    v1.refresh_from_db()
    assert v1.opening_reception == "品質保証部長をお願いします"
    assert Call.objects.get().version == v1


@pytest.mark.django_db
def test_call_lists_take_phones_only_never_a_do_not_call_and_keep_each_variant(actors, script):
    with_phone = approaches(actors, actors.rep1, 6)
    approaches(actors, actors.rep1, 2, phone=False)
    all_new = c_all = with_phone[0].__class__.objects.filter(org=actors.org)
    first = services.build_call_list(
        name="第1弾", script=script, source="portfolio", companies=all_new, by=actors.rep1
    )
    assert first.entries.count() == 6
    assert sorted(first.entries.values_list("variant", flat=True)) == ["A"] * 3 + ["B"] * 3
    entry = first.entries.get(company=with_phone[0])
    services.log_call(entry, outcome=outcome(actors, "架電禁止"), by=actors.rep1)
    second = services.build_call_list(
        name="第2弾", script=script, source="portfolio", companies=c_all, by=actors.rep1
    )
    assert second.entries.count() == 5 and not second.entries.filter(company=with_phone[0]).exists()
    for e in second.entries.all():  # the same company hears the same opening
        assert e.variant == first.entries.get(company=e.company).variant


@pytest.mark.django_db
def test_a_call_is_on_the_timeline_a_call_back_on_the_agenda_an_appointment_in_the_portfolio(
    actors, script, login
):
    target = company(actors, "東海化成株式会社", phone="052-111-2222")
    lst = services.build_call_list(
        name="東海",
        script=script,
        source="avatar",
        companies=target.__class__.objects.filter(pk=target.pk),
        by=actors.rep2,
    )
    entry = lst.entries.get()
    back = timezone.make_aware(dt.datetime(2026, 12, 8, 14, 0))
    services.log_call(
        entry,
        outcome=outcome(actors, "担当不在（再架電）"),
        reached="受付 山田様",
        call_back_at=back,
        by=actors.rep2,
    )
    activity = Activity.objects.get(company=target)
    assert activity.kind == "call" and activity.owner == actors.rep2
    assert "担当不在（再架電）" in activity.notes and "受付 山田様" in activity.notes
    entry.refresh_from_db()
    assert entry.status == "call_back" and entry.call_back_at == back and entry.level == "reception"
    assert services.next_entry(lst, clock.now()) is None  # not before its time
    agenda = login(actors.rep2).get(reverse("agenda:today") + "?date=2026-12-08")
    assert (
        "東海化成" in agenda.content.decode()
        and b'data-testid="agenda-call-backs"' in agenda.content
    )

    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 8, 14, 5)))
    assert services.next_entry(lst, clock.now()) == entry
    assert not Relationship.objects.filter(company=target).exists()
    services.log_call(
        entry, outcome=outcome(actors, "アポ獲得"), reached="製造部 佐々木課長", by=actors.rep2
    )
    rel = Relationship.objects.get(company=target)
    assert rel.owner == actors.rep2 and rel.tier == "new"
    entry.refresh_from_db()
    assert entry.status == "done" and entry.level == "appointment"


@pytest.mark.django_db
def test_the_calling_screen_logs_in_two_taps(actors, script, login):
    (c,) = approaches(actors, actors.rep1, 1)
    lst = services.build_call_list(
        name="朝",
        script=script,
        source="portfolio",
        companies=c.__class__.objects.filter(pk=c.pk),
        by=actors.rep1,
    )
    web = login(actors.rep1)
    url = reverse("calls:calling", args=[lst.pk])
    page = web.get(url).content.decode()
    assert c.display_name in page and "品質保証部の方をお願いします" in page
    entry = lst.entries.get()
    done = web.post(
        url, {"entry": entry.pk, "level": "staff", "outcome": outcome(actors, "担当NG").pk}
    )
    assert done.status_code == 302
    call = Call.objects.get()
    assert call.level == "staff" and call.outcome.label == "担当NG"
    assert b'data-testid="list-done"' in web.get(url).content
    refused = web.post(url, {"entry": entry.pk, "outcome": 999999})
    assert refused.status_code == 422 and Call.objects.count() == 1
    # Another rep may not call from rep1's list; a partner sees no list at all.
    assert login(actors.rep2).get(url).status_code == 404
    assert login(actors.partner_user).get(url).status_code == 404
    assert login(actors.manager).get(url).status_code == 403  # sees it, does not call it


@pytest.mark.django_db
def test_the_script_page_shows_each_variants_conditional_rates(actors, script, login):
    cs = approaches(actors, actors.rep1, 20)
    lst = services.build_call_list(
        name="大量",
        script=script,
        source="portfolio",
        companies=cs[0].__class__.objects.filter(pk__in=[c.pk for c in cs]),
        by=actors.rep1,
    )
    past, stopped = outcome(actors, "担当NG"), outcome(actors, "受付NG")
    for e in lst.entries.order_by("position"):
        # variant A: 2 of 10 past reception; variant B: 7 of 10.
        n = CallListEntry.objects.filter(call_list=lst, variant=e.variant, pk__lt=e.pk).count()
        good = n < (2 if e.variant == "A" else 7)
        services.log_call(e, outcome=past if good else stopped, by=actors.rep1)
    page = login(actors.manager).get(reverse("calls:script", args=[script.pk]))
    assert not page.context["form"].is_bound and not page.context["rehearsal"].is_bound
    assert b'class="error"' not in page.content  # nothing refused before anything was sent
    variants = {r.variant: r for r in page.context["variants"]}
    assert (variants["A"].rates["past_reception"].k, variants["A"].rates["past_reception"].n) == (
        2,
        10,
    )
    assert (variants["B"].rates["past_reception"].k, variants["B"].rates["past_reception"].n) == (
        7,
        10,
    )
    assert variants["B"].beats_first["past_reception"] > 0.98
    text = page.content.decode()
    assert "20%" in text and "70%" in text
    assert "<title>検査装置・新規 · eigyo</title>" in text and text.count('id="chart-data"') == 1
    # One rep's figures, one month's figures.
    mine = login(actors.manager).get(
        reverse("calls:script", args=[script.pk]) + f"?caller={actors.rep2.pk}"
    )
    assert mine.status_code == 404  # rep2 is not in the manager's team
    november = login(actors.admin).get(reverse("calls:script", args=[script.pk]) + "?month=2026-11")
    assert [r.funnel.calls for r in november.context["variants"]] == [0, 0]


@pytest.mark.django_db
def test_only_leaders_write_scripts(actors, login):
    assert login(actors.rep1).post(reverse("calls:scripts"), {"name": "x"}).status_code == 403
    made = login(actors.manager).post(
        reverse("calls:scripts"), {"name": "紹介依頼", "is_active": "on"}
    )
    assert made.status_code == 302 and CallScript.objects.get().created_by == actors.manager
    dup = login(actors.admin).post(reverse("calls:scripts"), {"name": "紹介依頼"})
    assert dup.status_code == 422 and CallScript.objects.count() == 1
    assert login(actors.marketing).get(reverse("calls:scripts")).status_code == 403
    assert not ScriptVersion.objects.exists() and not CallList.objects.exists()


@pytest.mark.django_db
def test_a_call_list_from_the_page(actors, script, login):
    approaches(actors, actors.rep1, 3)
    approaches(actors, actors.rep2, 2)  # not rep1's
    web = login(actors.rep1)
    made = web.post(
        reverse("calls:lists"),
        {"name": "月曜", "script": script.pk, "source": "portfolio", "limit": 2},
    )
    assert made.status_code == 302
    lst = CallList.objects.get()
    assert made["Location"] == lst.get_absolute_url() and lst.owner == actors.rep1
    assert lst.entries.count() == 2
    page = web.get(lst.get_absolute_url()).content.decode()
    assert "架電を始める" in page or "Start calling" in page
    bad = web.post(reverse("calls:lists"), {"name": "", "script": 999999, "source": "x"})
    assert bad.status_code == 422 and CallList.objects.count() == 1


@pytest.mark.django_db
def test_practice_is_counted_next_to_the_results(actors, script, login):
    from eigyo.followups.models import CoachingSession

    session = CoachingSession.objects.create(
        org=actors.org,
        rep=actors.rep1,
        coach=actors.manager,
        held_on=dt.date(2026, 12, 4),
        topic="受付突破の練習",
    )
    v = script.versions.get(variant="B")
    web = login(actors.manager)
    url = reverse("calls:script", args=[script.pk])
    data = {"action": "rehearsal", "version": v.pk, "rep": actors.rep1.pk, "held_on": "2026-12-04"}
    assert web.post(url, {**data, "coaching": session.pk}).status_code == 302
    other = CoachingSession.objects.create(
        org=actors.org,
        rep=actors.manager,
        coach=actors.manager,
        held_on=dt.date(2026, 12, 4),
        topic="x",
    )
    refused = web.post(url, {**data, "coaching": other.pk})
    assert refused.status_code == 422 and "coaching" in refused.context["rehearsal"].errors
    page = web.get(url)
    rows = {r.label: r for r in page.context["versions"]}
    assert rows["B1"].practised == 1 and rows["A1"].practised == 0
    # A rep records their own practice, never someone else's.
    rep = login(actors.rep1)
    assert rep.post(url, {**data, "rep": actors.rep1.pk}).status_code == 302
    assert rep.post(url, {**data, "rep": actors.manager.pk}).status_code == 422
    assert {r.variant: r.practised for r in web.get(url).context["variants"]}["B"] == 2


@pytest.mark.django_db
def test_figures_per_caller_and_month_for_the_charts(actors, script, login):
    cs = approaches(actors, actors.rep1, 4)
    lst = services.build_call_list(
        name="4社",
        script=script,
        source="portfolio",
        companies=cs[0].__class__.objects.filter(pk__in=[c.pk for c in cs]),
        by=actors.rep1,
    )
    for e in lst.entries.all():
        services.log_call(e, outcome=outcome(actors, "担当NG"), by=actors.rep1)
    page = login(actors.manager).get(reverse("calls:script", args=[script.pk]))
    ((name, f),) = page.context["per_caller"]
    assert name == "鈴木 大輔" and f.calls == 4
    chart = page.context["chart_data"]
    assert chart["months"][-1] == "2026-12" and len(chart["months"]) == 6
    assert chart["past_reception"] == {"A": [None] * 5 + [100], "B": [None] * 5 + [100]}
    assert [v["variant"] for v in chart["variants"]] == ["A", "B"]


@pytest.mark.django_db
def test_calls_stats_on_the_command_line(actors, script):
    import io
    import json

    from django.core.management import CommandError, call_command

    cs = approaches(actors, actors.rep1, 2)
    lst = services.build_call_list(
        name="2社",
        script=script,
        source="portfolio",
        companies=cs[0].__class__.objects.filter(pk__in=[c.pk for c in cs]),
        by=actors.rep1,
    )
    for e in lst.entries.all():
        services.log_call(e, outcome=outcome(actors, "担当NG"), by=actors.rep1)
    out = io.StringIO()
    call_command("calls", "stats", "--user", actors.manager.email, "--format", "json", stdout=out)
    rows = {r["variant"]: r for r in json.loads(out.getvalue())}
    assert rows["A"]["calls"] == 1 and rows["A"]["past_reception"]["k"] == 1
    assert rows["B"]["past_reception"]["beats_a"] == pytest.approx(0.5)
    text = io.StringIO()
    call_command("calls", "stats", "--user", actors.rep2.email, stdout=text)
    assert "0 calls" in text.getvalue()  # rep2 sees only their own calls
    with pytest.raises(CommandError):
        call_command("calls", "stats", "--user", actors.manager.email, "--month", "12/2026")
    with pytest.raises(CommandError):
        call_command("calls", "stats", "--user", actors.manager.email, "--script", "ない")


@pytest.mark.django_db
def test_the_admin_keeps_the_outcome_codes(actors, login):
    codes = list(services.outcomes_for(actors.org))
    url = reverse("calls:outcomes")
    assert login(actors.rep1).get(url).status_code == 200  # reads them
    assert login(actors.manager).post(url, {}).status_code == 403
    data = {
        "form-TOTAL_FORMS": len(codes) + 1,
        "form-INITIAL_FORMS": len(codes),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for i, c in enumerate(codes):
        data |= {
            f"form-{i}-id": c.pk,
            f"form-{i}-label": c.label,
            f"form-{i}-level": c.level,
            f"form-{i}-position": c.position,
            f"form-{i}-is_active": "on",
        }
    n = len(codes)
    web = login(actors.admin)
    added = {
        **data,
        f"form-{n}-label": "キーマン不在",
        f"form-{n}-level": "staff",
        f"form-{n}-call_back": "on",
        f"form-{n}-position": 20,
        f"form-{n}-is_active": "on",
    }
    assert web.post(url, added).status_code == 302
    new = services.outcomes_for(actors.org).get(label="キーマン不在")
    assert new.level == "staff" and new.call_back
    clash = {
        **data,
        f"form-{n}-label": "不通",
        f"form-{n}-level": "no_answer",
        f"form-{n}-position": 21,
    }
    clash["form-TOTAL_FORMS"] = n + 1
    clash["form-INITIAL_FORMS"] = n
    assert web.post(url, clash).status_code == 422
    assert services.outcomes_for(actors.org).filter(label="不通").count() == 1


@pytest.mark.django_db
def test_a_do_not_call_holds_on_every_list_and_used_outcomes_keep_their_meaning(
    actors, script, login, api
):
    (c,) = approaches(actors, actors.rep1, 1)
    one = c.__class__.objects.filter(pk=c.pk)
    mine = services.build_call_list(
        name="A", script=script, source="portfolio", companies=one, by=actors.rep1
    )
    boss = services.build_call_list(
        name="B", script=script, source="portfolio", companies=one, by=actors.manager
    )
    services.log_call(mine.entries.get(), outcome=outcome(actors, "架電禁止"), by=actors.rep1)
    assert services.next_entry(boss, clock.now()) is None
    refused = login(actors.manager).post(
        reverse("calls:calling", args=[boss.pk]),
        {"entry": boss.entries.get().pk, "outcome": outcome(actors, "不通").pk},
    )
    assert refused.status_code == 422 and Call.objects.count() == 1
    used = outcome(actors, "架電禁止")
    from eigyo.prospecting.call_forms import OutcomeForm

    form = OutcomeForm(instance=used)
    assert form.fields["do_not_call"].disabled and form.fields["level"].disabled
    assert not form.fields["label"].disabled
    # A month beyond the calendar is no month, not an error.
    assert (
        login(actors.manager)
        .get(reverse("calls:script", args=[script.pk]) + "?month=9999-12")
        .status_code
        == 200
    )
    assert (
        api(actors.manager).get(f"/api/call-scripts/{script.pk}/stats?month=9999-12").status_code
        == 200
    )
