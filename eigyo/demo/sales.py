"""Demo KK's deals and follow-ups: buying groups, promises, instructions (one of
them evaporating), a client request, a conflict, coaching and a senior visit."""

from __future__ import annotations

import datetime as dt

from eigyo.companies.models import Company
from eigyo.core import clock
from eigyo.portfolio.models import Tier


def followups(rng, org, users, reps, today) -> None:
    """A manager's instructions (one of them evaporating), a client request, a
    conflict, coaching and a senior visit request."""
    from eigyo.followups import inbox
    from eigyo.followups.models import (
        CoachingSession,
        Conflict,
        Instruction,
        Milestone,
        SeniorVisit,
        Update,
    )

    boss = users["manager@demo.example"]
    companies = list(
        Company.objects.filter(
            org=org, relationships__owner__in=reps, relationships__tier="probable"
        ).distinct()[:6]
    )
    plans = [
        (
            reps[0],
            "品質保証部長との面談を設定",
            "購買部だけでなく品質保証部長にも根回しすること",
            [(-6, "面談候補日の提示"), (8, "面談の実施")],
            None,
        ),
        (
            reps[1],
            "値上げの事前説明",
            "来期5%値上げを主要顧客へ直接説明すること",
            [(-3, "説明資料の作成"), (10, "全顧客への説明完了")],
            "資料は作成中です。",
        ),
        (
            reps[2],
            "紹介先の開拓",
            "既存顧客から同業の紹介を2社いただくこと",
            [(5, "紹介依頼のリスト作成"), (20, "2社と初回面談")],
            None,
        ),
    ]
    for (rep, subject, asked, milestones, update), company in zip(plans, companies, strict=False):
        ins = Instruction.objects.create(
            org=org,
            subject=subject,
            asked=asked,
            company=company,
            owner=rep,
            issued_by=boss,
            discussed="週次ミーティングで確認",
            issued_at=clock.now() - dt.timedelta(days=21),
        )
        for offset, title in milestones:
            Milestone.objects.create(
                org=org, instruction=ins, title=title, due_on=today + dt.timedelta(days=offset)
            )
        # The inbox lines the services would have written at the time.
        inbox.notify(
            to=rep,
            kind="instruction_issued",
            key=f"issued:{ins.pk}:{rep.pk}",
            target=ins,
            subject=subject,
            day=today - dt.timedelta(days=21),
            actor=boss,
        )
        if update:
            u = Update.objects.create(org=org, instruction=ins, author=rep, text=update)
            inbox.notify(
                to=boss,
                kind="instruction_update",
                key=f"update:{u.pk}:{boss.pk}",
                target=ins,
                subject=subject,
                day=today,
                actor=rep,
            )
    if companies:
        Instruction.objects.create(
            org=org,
            kind="client_request",
            subject="納期短縮のご要望",
            company=companies[-1],
            asked="来月納品分を1週間前倒しできるか回答する",
            owner=reps[0],
            issued_by=reps[0],
        )
        Conflict.objects.create(
            org=org,
            company=companies[0],
            kind="price_rise",
            description="原材料高騰に伴う5%の値上げ",
            messenger=reps[0],
            deliver_by=today + dt.timedelta(days=14),
            senior_visit_needed=True,
        )
        visit = SeniorVisit.objects.create(
            org=org,
            company=companies[0],
            requested_by=reps[0],
            senior=boss,
            why="値上げのご説明に部長同行をお願いしたい",
            who_to_meet="購買部長",
            by_date=today + dt.timedelta(days=12),
        )
        inbox.notify(
            to=boss,
            kind="senior_visit_requested",
            key=f"senior_visit:{visit.pk}:{boss.pk}",
            target=visit,
            subject=f"{visit.company} · {visit.why}",
            day=visit.by_date,
            actor=reps[0],
        )
    for rep in reps:
        CoachingSession.objects.create(
            org=org,
            rep=rep,
            coach=boss,
            held_on=today - dt.timedelta(days=rng.randrange(3, 20)),
            topic="値上げの伝え方",
            situation="主要顧客への5%値上げ",
            message="品質と供給を守るための改定であること",
            objections_expected="他社は据え置き",
            rehearsed=rng.random() < 0.5,
            next_on=today + dt.timedelta(days=rng.randrange(-3, 14)),
        )


DEAL_TITLES = [
    "検査装置の更新",
    "生産管理システム導入",
    "品質データ基盤",
    "保守契約の更新",
    "新工場向け設備",
    "トライアル導入",
    "全社展開",
]
OBJECTIONS = [
    "価格が高い",
    "導入実績が少ない",
    "既存ベンダーとの関係",
    "社内の稟議に時間がかかる",
    "サポート体制が不安",
]
PROMISES = [
    "見積りを提出",
    "導入事例を送付",
    "デモ環境を用意",
    "技術資料を提出",
    "不具合の修正版を提供",
]


def deals(rng, org, sources, today, partner) -> None:
    """Deals for most possible / probable / client relationships, with a buying
    group built from the company's people, promises, objections and praise."""
    from eigyo.deals.models import (
        Deal,
        DiscountRequest,
        Objection,
        Praise,
        Promise,
        StageChange,
        Stakeholder,
    )

    stage_by_tier = {
        Tier.POSSIBLE: ["features", "benefits", "application"],
        Tier.PROBABLE: ["evidence", "trial_close", "objections", "ask"],
        Tier.CLIENT: ["won"],
    }
    for rel, people in sources:
        stage = rng.choice(stage_by_tier[rel.tier])
        deal = Deal.objects.create(
            org=org,
            title=rng.choice(DEAL_TITLES),
            company=rel.company,
            relationship=rel,
            owner=rel.owner,
            amount=rng.randrange(10, 800) * 100_000,
            stage=stage,
            expected_close=today + dt.timedelta(days=rng.randrange(14, 150)),
            closed_on=rel.tier_since if stage == "won" else None,
            partner=rel.company.partner,
        )
        StageChange.objects.create(
            org=org, deal=deal, to_stage=stage, changed_on=rel.tier_since, changed_by=rel.owner
        )
        roles = ["decision_maker", "approver", "influencer", "champion", "user", "gatekeeper"]
        for person, role in zip(people, roles, strict=False):
            Stakeholder.objects.create(
                org=org,
                deal=deal,
                person=person,
                role=role,
                influence="high"
                if role in ("decision_maker", "approver")
                else rng.choice(["medium", "low", "medium"]),
                stance=rng.choices(["supportive", "neutral", "opposed", "unknown"], [5, 3, 1, 2])[
                    0
                ],
                personal_win="課長への昇進" if role == "champion" else "",
            )
        for _ in range(rng.randrange(0, 3)):
            due = today + dt.timedelta(days=rng.randrange(-10, 20))
            kept = due < today and rng.random() < 0.6
            Promise.objects.create(
                org=org,
                deal=deal,
                what=rng.choice(PROMISES),
                due_on=due,
                owner=rel.owner,
                status="kept" if kept else "open",
                done_on=due if kept else None,
            )
        if stage in ("objections", "ask", "trial_close") or rng.random() < 0.3:
            Objection.objects.create(
                org=org,
                deal=deal,
                objection=rng.choice(OBJECTIONS),
                raised_on=today - dt.timedelta(days=rng.randrange(1, 60)),
                status=rng.choice(["open", "answered", "resolved"]),
            )
        if rng.random() < 0.25:
            DiscountRequest.objects.create(
                org=org,
                deal=deal,
                requested="10%の値引き",
                requested_amount=deal.amount // 10,
                offered=rng.choice(["introduction", "service", "training"]),
                outcome=rng.choice(
                    ["value_accepted", "value_accepted", "discount_given", "pending"]
                ),
                requested_on=today - dt.timedelta(days=rng.randrange(1, 60)),
            )
        if len(people) >= 2 and rng.random() < 0.3:
            Praise.objects.create(
                org=org,
                deal=deal,
                about=people[-1],
                to=people[0],
                statement="検証を短期間でまとめていただきました",
                evidence=rng.choice(["", "検証報告書(10月)"]),
                said_on=today - dt.timedelta(days=rng.randrange(1, 40)),
            )
