"""Partners end to end: due diligence gates contracting, wins count once confirmed,
targets and projection, termination-right windows and notice deadlines, alerts in the
inbox and the CLI, idling, value-not-discount, training before/after."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.django_db
def test_a_candidate_cannot_be_contracted_with_required_items_open(actors, login, pinned):
    from eigyo.partners.models import DiligenceCheck, StageMove

    web = login(actors.manager)
    response = web.post(
        reverse("partners:create"),
        {
            "name": "東海商事株式会社",
            "kind": "agent",
            "manager": actors.rep1.pk,
            "idle_after_days": 20,
        },
    )
    assert response.status_code == 302, response.content
    from eigyo.accounts.models import Partner

    partner = Partner.objects.get(name="東海商事株式会社")
    assert partner.kind == "agent" and partner.profile.manager == actors.rep1
    checks = DiligenceCheck.objects.filter(partner=partner)
    assert checks.count() == 6  # the seeded checklist
    assert "competing_products" in set(checks.values_list("item__key", flat=True))
    # the manager may not contract it yet, and may not override
    web.post(
        reverse("partners:stage", args=[partner.pk]),
        {"stage": "contracted", "override_reason": "急ぎ"},
    )
    partner.profile.refresh_from_db()
    assert partner.profile.stage == "candidate"
    # the admin overrides, with a reason, which is recorded and shown
    admin = login(actors.admin)
    admin.post(
        reverse("partners:stage", args=[partner.pk]),
        {"stage": "contracted", "override_reason": "社長同士の紹介、財務は後日確認"},
    )
    partner.profile.refresh_from_db()
    assert partner.profile.stage == "contracted"
    move = StageMove.objects.get(partner=partner, to_stage="contracted")
    assert move.override_reason == "社長同士の紹介、財務は後日確認" and move.by == actors.admin
    page = admin.get(reverse("partners:detail", args=[partner.pk])).content.decode()
    assert "社長同士の紹介" in page


@pytest.mark.django_db
def test_without_a_reason_even_the_admin_cannot_skip_due_diligence(actors, login, pinned):
    from eigyo.partners import services
    from eigyo.partners.models import DiligenceCheck, PartnerProfile

    PartnerProfile.objects.create(org=actors.org, partner=actors.partner2)
    services.move(actors.partner2, "diligence", by=actors.manager)  # opens the checklist
    with pytest.raises(services.DiligenceOpen):
        services.move(actors.partner2, "contracted", by=actors.admin)
    # checked items (a concern is still checked) let it through
    web = login(actors.manager)
    for check in DiligenceCheck.objects.filter(partner=actors.partner2):
        response = web.post(
            reverse("partners:check", args=[actors.partner2.pk, check.pk]),
            {"status": "clear", "finding": "確認済み", "evidence": "https://example.jp/report"},
        )
        assert response.status_code == 302
    check = DiligenceCheck.objects.filter(partner=actors.partner2).first()
    assert check.checked_by == actors.manager and check.checked_on == pinned
    services.move(actors.partner2, "contracted", by=actors.manager)
    assert PartnerProfile.objects.get(partner=actors.partner2).stage == "contracted"


@pytest.mark.django_db
def test_the_admin_extends_the_checklist(actors, login, pinned):
    from eigyo.partners.models import DiligenceCheck, DiligenceItem, PartnerProfile

    PartnerProfile.objects.create(org=actors.org, partner=actors.partner)
    web = login(actors.admin)
    web.post(reverse("partners:checklist"), {"seed": "1"})
    assert DiligenceItem.objects.filter(org=actors.org).count() == 6
    response = web.post(
        reverse("partners:checklist"),
        {
            "key": "trademark",
            "label": "商標の扱い",
            "required": "on",
            "position": 9,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert DiligenceCheck.objects.filter(partner=actors.partner, item__key="trademark").exists()
    assert (
        login(actors.rep1)
        .post(reverse("partners:checklist"), {"key": "x", "label": "x"})
        .status_code
        == 403
    )
    dup = web.post(
        reverse("partners:checklist"), {"key": "trademark", "label": "again", "position": 1}
    )
    assert dup.status_code == 422


@pytest.mark.django_db
def test_actuals_count_only_confirmed_wins(world, actors, login):
    from eigyo.partners import performance

    [line] = performance.current_lines(actors.partner, world.today)
    assert line.progress.actual == 2_000_000  # the unconfirmed 9 m does not count
    web = login(actors.manager)
    page = web.get(reverse("partners:detail", args=[actors.partner.pk])).content.decode()
    assert "未確認の受注" in page and 'data-testid="to-confirm"' in page
    # a partner user cannot confirm; the partner manager does
    assert (
        login(actors.partner_user)
        .post(reverse("partners:confirm_win", args=[world.unconfirmed.pk]))
        .status_code
        == 403
    )
    assert web.post(reverse("partners:confirm_win", args=[world.unconfirmed.pk])).status_code == 302
    world.unconfirmed.refresh_from_db()
    assert world.unconfirmed.win_confirmed_by == actors.manager
    assert world.unconfirmed.win_confirmed_amount == 9_000_000
    [line] = performance.current_lines(actors.partner, world.today)
    assert line.progress.actual == 11_000_000
    # the amount raised afterwards does not change what was confirmed
    world.unconfirmed.amount = 90_000_000
    world.unconfirmed.save()
    [line] = performance.current_lines(actors.partner, world.today)
    assert line.progress.actual == 11_000_000


@pytest.mark.django_db
def test_a_confirmed_win_moved_out_of_won_must_be_confirmed_again(world, actors):
    from eigyo.deals import services as deals

    deals.move_stage(world.q3, "ask", on=world.today, by=actors.partner_user)
    world.q3.refresh_from_db()
    assert world.q3.win_confirmed_at is None and world.q3.win_confirmed_amount is None


@pytest.mark.django_db
def test_only_a_won_partner_deal_is_confirmed(world, actors, api, book):
    rest = api(actors.manager)
    open_deal = book.partner_deal  # assigned to the partner, not won
    response = rest.post(f"/api/deals/{open_deal.pk}/confirm-win")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "stage"
    ok = rest.post(f"/api/deals/{world.unconfirmed.pk}/confirm-win")
    assert ok.status_code == 200 and ok.json()["win_confirmed_amount"] == 9_000_000


@pytest.mark.django_db
def test_projection_window_and_notice_on_the_pages(world, actors, login):
    web = login(actors.manager)
    page = web.get(reverse("partners:contract", args=[world.contract.pk])).content.decode()
    # term 1: 2025-04-01 … 2027-03-31 → notice by 2026-12-31
    assert 'data-testid="notice-by"' in page and "2026年12月31日" in page
    assert 'data-testid="right-open"' in page and "2026年12月29日" in page  # lapses
    overview = web.get(reverse("partners:list")).content.decode()
    assert "関西販売株式会社" in overview
    assert 'data-testid="board-rights"' in overview and "2026年12月29日" in overview
    # Q3: 2 m in 47 of 92 days → projected ~3.9 m of 10 m: behind
    from eigyo.partners import performance

    [line] = performance.current_lines(actors.partner, world.today)
    assert line.behind and line.progress.projected == pytest.approx(2_000_000 * 92 / 47)


@pytest.mark.django_db
def test_alerts_reach_the_partner_manager_once(world, actors):
    from eigyo.followups.models import Notice

    out = StringIO()
    call_command("partners", "alerts", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    kinds = sorted(r["kind"] for r in rows)
    assert kinds == [
        "partner_notice_deadline",
        "partner_projected_miss",
        "partner_termination_right",
    ]
    assert {r["to"] for r in rows} == {actors.manager.pk}
    notices = Notice.objects.filter(user=actors.manager)
    assert notices.count() == 3
    right = notices.get(kind="partner_termination_right")
    assert right.day == dt.date(2026, 12, 29)  # the day it lapses
    call_command("partners", "alerts", stdout=StringIO())
    assert Notice.objects.filter(user=actors.manager).count() == 3  # told once
    assert not Notice.objects.filter(user=actors.partner_user).exists()
    # the inbox lists them for the manager, and they open the contract
    from eigyo.followups import inbox

    items = inbox.items(actors.manager)
    assert len(items) == 3
    assert all("/partners/contracts/" in i.url for i in items)


@pytest.mark.django_db
def test_alerts_are_e_mailed_by_the_worker(world, actors, smtp):
    from eigyo.core import clock
    from eigyo.followups import reminders

    call_command("partners", "alerts", stdout=StringIO())
    reminders.enqueue_due(clock.now())
    reminders.send_pending(clock.now())
    subjects = [m["Subject"] for m in smtp.to(actors.manager.email)]
    assert len([s for s in subjects if "関西販売株式会社" in s]) == 3, subjects
    assert smtp.to(actors.partner_user.email) == []


@pytest.mark.django_db
def test_a_partner_with_work_and_no_activity_is_idling(world, actors, login):
    from django.utils import timezone

    from eigyo.accounts.models import Partner
    from eigyo.partners import performance

    Partner.objects.filter(org=actors.org).update(
        created_at=timezone.make_aware(dt.datetime(2026, 9, 1, 9))
    )
    partners = list(Partner.objects.filter(pk__in=[actors.partner.pk, actors.partner2.pk]))
    found = performance.idling(partners, world.today)
    assert actors.partner.pk in found  # no activity logged on its company
    assert actors.partner2.pk in found  # holds a company, never did anything
    assert found[actors.partner.pk].stalled_pipeline is False  # no open deal
    from eigyo.activities.models import Activity

    Activity.objects.create(
        org=actors.org,
        company=world.company,
        owner=actors.partner_user,
        occurred_at=timezone.make_aware(dt.datetime(2026, 11, 13, 10)),
    )
    assert actors.partner.pk not in performance.idling(
        [p for p in partners if p.pk == actors.partner.pk], world.today
    )


@pytest.mark.django_db
def test_value_not_discount_share(world, actors):
    from eigyo.deals.models import DiscountRequest
    from eigyo.partners import performance

    kw = {"org": actors.org, "requested": "10%引き", "requested_on": world.today}
    DiscountRequest.objects.create(deal=world.q1, offered="none", outcome="discount_given", **kw)
    DiscountRequest.objects.create(
        deal=world.q2, offered="introduction", outcome="value_accepted", **kw
    )
    share, by_quarter = performance.value_share(actors.partner)
    assert (share.deals, share.asked, share.value_offered, share.value_accepted) == (4, 2, 1, 1)
    assert sum(s.deals for s in by_quarter.values()) == 4


@pytest.mark.django_db
def test_training_certification_and_before_after(world, actors, login, api):
    from eigyo.partners.models import Attendance, Trainee, TrainingSession

    web = login(actors.manager)
    response = web.post(
        reverse("partners:training"),
        {"add_module": "1", "title": "価値提案", "topic": "selling", "certification_months": 12},
    )
    assert response.status_code == 302
    from eigyo.partners.models import TrainingModule

    module = TrainingModule.objects.get(title="価値提案")
    response = web.post(
        reverse("partners:training"),
        {"add_session": "1", "module": module.pk, "held_on": "2026-09-01", "trainer": "佐藤"},
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get(module=module)
    web.post(
        reverse("partners:trainee_create", args=[actors.partner.pk]),
        {
            "family_name": "木下",
            "given_name": "翔",
            "role": "sales",
            "user": actors.partner_user.pk,
        },
    )
    trainee = Trainee.objects.get(family_name="木下")
    assert trainee.user == actors.partner_user
    response = web.post(
        reverse("partners:session", args=[session.pk]),
        {"trainee": trainee.pk, "attended": "on", "completed": "on", "certified_on": "2026-09-01"},
    )
    assert response.status_code == 302
    att = Attendance.objects.get(trainee=trainee)
    assert att.certified_until == dt.date(2027, 9, 1)
    from eigyo.partners import performance

    effect = performance.training_effect(actors.partner, world.today, months=3)
    windows, comparison = effect["partner"]
    assert not windows.complete  # 1 Sep + 3 months is after today
    assert comparison.before.won_amount == 6_000_000  # Q2's win (10 Aug)
    assert comparison.after.won_amount == 2_000_000  # Q3's confirmed win
    [(person, numbers)] = effect["people"]
    assert person == trainee and numbers[1].after.won == 1  # the partner user marked it won
    page = web.get(reverse("partners:detail", args=[actors.partner.pk])).content.decode()
    assert 'data-testid="before-after"' in page
    data = api(actors.partner_user).get(f"/api/partners/{actors.partner.pk}/training").json()
    assert [a["certified_until"] for a in data["attendances"]] == ["2027-09-01"]
    whole, person = data["before_after"]
    assert whole["before"]["won_amount"] == 6_000_000 and person["after"]["won"] == 1
    assert (
        api(actors.partner2_user).get(f"/api/partners/{actors.partner.pk}/training").status_code
        == 404
    )


@pytest.mark.django_db
def test_a_certificate_needs_a_completed_course(world, actors, login):
    from eigyo.partners.models import Trainee, TrainingModule, TrainingSession

    module = TrainingModule.objects.create(org=actors.org, title="x")
    session = TrainingSession.objects.create(
        org=actors.org, module=module, held_on=world.today, trainer="t"
    )
    trainee = Trainee.objects.create(org=actors.org, partner=actors.partner, family_name="木下")
    response = login(actors.manager).post(
        reverse("partners:session", args=[session.pk]),
        {"trainee": trainee.pk, "attended": "on", "certified_on": "2026-11-16"},
    )
    assert response.status_code == 422


@pytest.mark.django_db
def test_continuity_caution_on_a_long_contract(world, actors, login):
    world.contract.relationship_since = dt.date(2008, 4, 1)
    world.contract.save()
    page = (
        login(actors.manager)
        .get(reverse("partners:contract", args=[world.contract.pk]))
        .content.decode()
    )
    assert 'data-testid="caution"' in page
    portal = (
        login(actors.partner_user)
        .get(reverse("partners:contract", args=[world.contract.pk]))
        .content.decode()
    )
    assert 'data-testid="caution"' not in portal and "right-open" not in portal


@pytest.mark.django_db
def test_a_partner_made_elsewhere_gets_its_profile_when_edited(actors, login, pinned):
    from eigyo.partners.models import PartnerProfile

    web = login(actors.admin)
    form = web.get(reverse("partners:edit", args=[actors.partner2.pk]))
    assert form.status_code == 200 and "九州商事株式会社" in form.content.decode()
    response = web.post(
        reverse("partners:edit", args=[actors.partner2.pk]),
        {
            "name": "九州商事株式会社",
            "kind": "reseller",
            "territory": ["40", "43"],
            "manager": actors.rep2.pk,
            "idle_after_days": 15,
        },
    )
    assert response.status_code == 302
    profile = PartnerProfile.objects.get(partner=actors.partner2)
    assert profile.territory == ["40", "43"] and profile.manager == actors.rep2
    # its manager (a rep) may now change it; another rep may not
    assert (
        login(actors.rep2).get(reverse("partners:edit", args=[actors.partner2.pk])).status_code
        == 200
    )
    assert (
        login(actors.rep1).get(reverse("partners:edit", args=[actors.partner2.pk])).status_code
        == 403
    )
    page = web.get(reverse("partners:detail", args=[actors.partner2.pk])).content.decode()
    assert "福岡県、熊本県" in page
