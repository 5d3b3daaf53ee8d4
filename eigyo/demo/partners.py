"""Demo KK's partners: 関西販売 (a strong distributor, on target, trained, its wins
confirmed), 東海商事 (an agent idling on its companies, two quarters below 70 % so a
termination right is open, its renewal notice deadline near, a long continuous
relationship), and 北陸テクノ (a candidate in due diligence, one concern found).
Trainings show the strong partner's numbers before and after."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Max
from django.utils import timezone

from eigyo.accounts.models import Partner
from eigyo.activities.models import Activity
from eigyo.companies.models import Company
from eigyo.deals.models import Deal, DiscountRequest, StageChange
from eigyo.partners import alerts, services
from eigyo.partners.domain import periods
from eigyo.partners.domain.periods import add_months
from eigyo.partners.models import (
    Attendance,
    Contract,
    ContractMilestone,
    DiligenceCheck,
    PartnerProfile,
    StageMove,
    Target,
    TerminationRight,
    Trainee,
    TrainingModule,
    TrainingSession,
)

TITLES = [
    "検査装置 一式",
    "保守契約 3年",
    "外観検査ライン増設",
    "検査ソフト ライセンス",
    "校正サービス",
]


def _at(day: dt.date, hour: int = 14) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _won(org, company, owner, partner, amount, day, by, confirmer) -> Deal:
    deal = Deal.objects.create(
        org=org,
        title=TITLES[amount % len(TITLES)],
        company=company,
        owner=owner,
        partner=partner,
        amount=amount,
        stage="won",
        closed_on=day,
        win_confirmed_at=_at(day + dt.timedelta(days=2)) if confirmer else None,
        win_confirmed_by=confirmer,
        win_confirmed_amount=amount if confirmer else None,
    )
    StageChange.objects.create(
        org=org, deal=deal, from_stage="ask", to_stage="won", changed_on=day, changed_by=by
    )
    return deal


def build(rng: random.Random, org, users: dict, reps: list, today: dt.date) -> None:
    manager, admin = users["manager@demo.example"], users["admin@demo.example"]
    partner_user = users["partner@demo.example"]
    services.seed_checklist(org)
    quarter = periods.period_of(today, periods.QUARTER)
    _strong(rng, org, manager, admin, partner_user, reps, today, quarter)
    _idle(rng, org, manager, reps, today, quarter)
    _candidate(org, manager, admin, today)
    alerts.send(today)  # the partner manager's inbox holds what is due


def _profile(org, partner, stage, manager, since, **kw) -> PartnerProfile:
    profile = PartnerProfile.objects.create(
        org=org, partner=partner, stage=stage, manager=manager, stage_since=since, **kw
    )
    StageMove.objects.create(org=org, partner=partner, to_stage=stage, on=since, by=manager)
    return profile


def _checks(org, partner, manager, day, findings: dict) -> None:
    services._open_checklist(partner)
    for check in DiligenceCheck.objects.filter(partner=partner).select_related("item"):
        if check.item.key in findings:
            status, finding, evidence = findings[check.item.key]
            check.status, check.finding, check.evidence = status, finding, evidence
            check.checked_by, check.checked_on = manager, day
            check.save()


def _strong(rng, org, manager, admin, partner_user, reps, today, quarter) -> None:
    partner = Partner.objects.get(org=org, name="関西販売株式会社")
    start = add_months(quarter.start, -15)
    _profile(
        org,
        partner,
        "active",
        manager,
        start,
        group_name="独立系（系列なし）",
        territory=["25", "26", "27", "28", "29", "30"],
        industries=["3600", "3650", "3700"],
        introduced_by="取引銀行（三井住友銀行 京都支店）の紹介",
    )
    ok = "clear"
    _checks(
        org,
        partner,
        manager,
        start - dt.timedelta(days=30),
        {
            "competing_products": (ok, "競合の検査装置は扱っていない", "取扱製品カタログ 2025年版"),
            "sales_capacity": (ok, "営業12名、関西2府4県をカバー", "会社案内"),
            "references": (ok, "取引銀行の紹介。既存顧客2社にヒアリング済み", "面談記録"),
            "conflicts": (ok, "関連会社なし", "登記簿"),
            "financial_health": (ok, "帝国データバンク評点 61", "https://www.tdb.co.jp/"),
            "customer_access": (ok, "自動車部品メーカー約40社と取引", "顧客リスト（抜粋）"),
        },
    )
    contract = Contract.objects.create(
        org=org,
        partner=partner,
        title="関西地区 販売店契約",
        kind="distributor",
        exclusive=False,
        territory="関西2府4県",
        products="外観検査装置、検査ソフト",
        start=start,
        term_months=36,
        auto_renew=True,
        renewal_months=12,
        notice_months=6,
    )
    companies_of = list(Company.objects.filter(org=org, partner=partner)[:8])
    # Confirmed wins in the last four quarters and this one so far, a bit over target.
    period = quarter
    for back in range(4, -1, -1):
        period = quarter
        for _ in range(back):
            period = period.previous()
        end = min(period.end, today)
        days = (end - period.start).days + 1  # counted as the projection counts them
        amount_total = 0
        for k in range(3):
            day = period.start + dt.timedelta(days=(days * (k + 1)) // 4)
            # growing with the months, the more since the training
            amount = rng.randrange(25 + 8 * (4 - back), 40 + 12 * (4 - back)) * 100_000
            amount_total += amount
            _won(
                org, rng.choice(companies_of), reps[0], partner, amount, day, partner_user, manager
            )
        full = amount_total * period.days / max(days, 1)
        Target.objects.create(
            org=org,
            contract=contract,
            metric="revenue",
            period_kind="quarter",
            fiscal_year=period.fy,
            index=period.index,
            value=int(full * 0.9) // 100_000 * 100_000,
        )
        Target.objects.create(
            org=org,
            contract=contract,
            metric="deals",
            period_kind="quarter",
            fiscal_year=period.fy,
            index=period.index,
            value=2,
        )
    # A win reported by the partner yesterday, waiting for our confirmation.
    _won(
        org,
        companies_of[0],
        reps[0],
        partner,
        4_200_000,
        today - dt.timedelta(days=1),
        partner_user,
        None,
    )
    ContractMilestone.objects.create(
        org=org,
        contract=contract,
        title="ショールーム展示開始",
        due_on=start + dt.timedelta(days=60),
        done_on=start + dt.timedelta(days=55),
    )
    TerminationRight.objects.create(
        org=org,
        contract=contract,
        description="売上が2四半期連続で目標の70%未満",
        threshold_percent=70,
        consecutive=2,
        window_days=90,
    )
    # Training: 渡辺 (with a login) and two colleagues took selling skills 75 days ago.
    modules = {
        "selling": TrainingModule.objects.create(
            org=org,
            title="価値提案営業：質問設計から受注のお願いまで",
            topic="selling",
            description="質問の設計、特徴→利点→用途→証拠→テストクロージング、反論処理、受注のお願い",
            certification_months=12,
        ),
        "leadership": TrainingModule.objects.create(
            org=org,
            title="販売店リーダー研修",
            topic="leadership",
            description="同じ営業研修に加えて、部下の同行・コーチング・案件レビュー",
            certification_months=24,
        ),
        "product": TrainingModule.objects.create(
            org=org, title="製品研修：外観検査装置", topic="product", certification_months=12
        ),
    }
    trained_on = today - dt.timedelta(days=75)
    session = TrainingSession.objects.create(
        org=org,
        module=modules["selling"],
        held_on=trained_on,
        trainer="佐藤 美咲",
        place="大阪支店 会議室",
    )
    people = [
        Trainee.objects.create(
            org=org,
            partner=partner,
            family_name="渡辺",
            given_name="拓也",
            family_kana="ワタナベ",
            given_kana="タクヤ",
            user=partner_user,
        ),
        Trainee.objects.create(
            org=org, partner=partner, family_name="岡本", given_name="誠", family_kana="オカモト"
        ),
        Trainee.objects.create(
            org=org,
            partner=partner,
            family_name="西田",
            given_name="恵",
            family_kana="ニシダ",
            role="leader",
        ),
    ]
    for person in people:
        Attendance.objects.create(
            org=org,
            session=session,
            trainee=person,
            completed=True,
            certified_on=trained_on,
            certified_until=add_months(trained_on, 12),
        )
    leaders = TrainingSession.objects.create(
        org=org,
        module=modules["leadership"],
        held_on=today + dt.timedelta(days=10),
        trainer="山本 健一",
    )
    Attendance.objects.create(
        org=org, session=leaders, trainee=people[2], attended=False, completed=False
    )
    # 渡辺's own visits: a few before the training, twice as many after.
    visits = []
    for days_before in (70, 52, 33, 12):
        visits.append(trained_on - dt.timedelta(days=days_before))
    for days_after in (4, 9, 15, 22, 30, 37, 44, 50, 58, 66, 71):
        visits.append(trained_on + dt.timedelta(days=days_after))
    Activity.objects.bulk_create(
        [
            Activity(
                org=org,
                company=rng.choice(companies_of),
                owner=partner_user,
                kind="visit",
                occurred_at=_at(day, 11),
                notes="販売店同行なし：単独訪問",
            )
            for day in visits
            if day < today
        ]
    )
    for deal in Deal.objects.filter(partner=partner)[:6]:
        DiscountRequest.objects.create(
            org=org,
            deal=deal,
            requested="10%の値引き",
            requested_amount=deal.amount // 10,
            offered="training" if deal.pk % 2 else "none",
            outcome="value_accepted" if deal.pk % 2 else "discount_given",
            requested_on=deal.closed_on or today,
        )


def _quiet_companies(org, n: int, before: dt.date) -> list[Company]:
    """The book's companies nobody has touched the longest (none since `before`)."""
    return list(
        Company.objects.filter(org=org, partner__isnull=True, phone="")
        .annotate(last=Max("activities__occurred_at"))
        .filter(last__lt=_at(before))
        .order_by("last", "pk")[:n]
    )


def _idle(rng, org, manager, reps, today, quarter) -> None:
    partner = Partner.objects.create(org=org, name="東海商事株式会社", kind=Partner.Kind.AGENT)
    Partner.objects.filter(pk=partner.pk).update(created_at=_at(today - dt.timedelta(days=800)))
    partner.refresh_from_db()
    since = today - dt.timedelta(days=800)
    _profile(
        org,
        partner,
        "review",
        manager,
        today - dt.timedelta(days=20),
        group_name="大手商社グループ（系列）",
        territory=["21", "22", "23", "24"],
        industries=["3700"],
        introduced_by="展示会で名刺交換（紹介者なし）",
    )
    _checks(
        org,
        partner,
        manager,
        since,
        {
            "competing_products": ("concern", "競合A社の検査装置も扱っている", "先方カタログ"),
            "sales_capacity": ("clear", "営業20名、東海4県", "会社案内"),
            "references": ("concern", "展示会で名刺交換。紹介者なし", "名刺"),
            "conflicts": ("concern", "親会社が競合A社の大株主", "有価証券報告書"),
            "financial_health": ("clear", "評点58", "信用調査報告書"),
            "customer_access": ("clear", "自動車部品の一次サプライヤー約15社", "顧客リスト"),
        },
    )
    quiet = today - dt.timedelta(days=75)
    mine = _quiet_companies(org, 5, quiet)
    for company in mine:
        company.partner = partner
        company.save()
    Activity.objects.create(
        org=org,
        company=mine[0],
        owner=reps[1],
        kind="meeting",
        occurred_at=_at(quiet),
        notes="東海商事と三者打合せ。以降、動きなし",
    )
    for company in mine[:3]:
        deal = Deal.objects.create(
            org=org,
            title="検査装置 更新提案",
            company=company,
            owner=reps[1],
            partner=partner,
            amount=rng.randrange(20, 80) * 100_000,
            stage="features",
            expected_close=today + dt.timedelta(days=60),
        )
        StageChange.objects.create(
            org=org, deal=deal, to_stage="features", changed_on=quiet, changed_by=reps[1]
        )
    # A contract that began long ago, renews itself yearly; its term ends in ~100 days.
    term_end = today + dt.timedelta(days=100)
    start = add_months(term_end + dt.timedelta(days=1), -12)
    contract = Contract.objects.create(
        org=org,
        partner=partner,
        title="東海地区 代理店契約",
        kind="agent",
        exclusive=True,
        territory="東海4県",
        products="外観検査装置",
        start=start,
        term_months=12,
        auto_renew=True,
        renewal_months=12,
        renewals=11,
        notice_months=3,
        relationship_since=today - dt.timedelta(days=365 * 12),
    )
    # The two quarters before this one: far below target → the right is open now.
    last = quarter.previous()
    for period, actual in ((last.previous(), 1_200_000), (last, 800_000), (quarter, 0)):
        Target.objects.create(
            org=org,
            contract=contract,
            metric="revenue",
            period_kind="quarter",
            fiscal_year=period.fy,
            index=period.index,
            value=8_000_000,
        )
        if actual:
            _won(
                org,
                mine[-1],
                reps[1],
                partner,
                actual,
                period.start + dt.timedelta(days=20),
                reps[1],
                manager,
            )
    TerminationRight.objects.create(
        org=org,
        contract=contract,
        description="売上が2四半期連続で目標の70%未満のとき、通知により解約できる",
        threshold_percent=70,
        consecutive=2,
        window_days=120,
    )


def _candidate(org, manager, admin, today) -> None:
    partner = Partner.objects.create(org=org, name="北陸テクノ株式会社", kind=Partner.Kind.RESELLER)
    _profile(
        org,
        partner,
        "diligence",
        manager,
        today - dt.timedelta(days=12),
        territory=["15", "16", "17", "18"],
        industries=["3650"],
        introduced_by="地方銀行の取引先紹介",
    )
    _checks(
        org,
        partner,
        manager,
        today - dt.timedelta(days=5),
        {
            "references": ("clear", "紹介元の地銀から評判を確認", "面談記録 2件"),
            "sales_capacity": ("concern", "営業は4名のみ。富山・石川が中心", "会社案内"),
            "conflicts": ("n_a", "", ""),
        },
    )
