"""Demo KK's cold calls: one script with two variants (A in its second version), the
usual outcome codes, a call list per rep with a few hundred calls over the last
months — variant B gets past reception more often — call-backs due today, the
appointments that became new approaches, and some rehearsals."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.companies import services as companies
from eigyo.companies.models import Company
from eigyo.portfolio.models import Relationship, TierChange
from eigyo.prospecting import call_services
from eigyo.prospecting.domain.calls import rank
from eigyo.prospecting.models import Call, CallList, CallListEntry, CallScript, Rehearsal
from eigyo.registry.models import RegistryEntry

OPENINGS = {
    "A": {
        "reception": "お世話になっております。検査装置メーカーの営業一課の者です。"
        "品質保証部のご担当者様をお願いできますでしょうか。",
        "staff": "外観検査の自動化について、同業の○○様での事例をご紹介したくお電話しました。",
        "manager": "検査工程の人手不足について、部長のお考えを伺えればと存じます。",
        "decision_maker": "15分ほどお時間をいただき、検査コストを3割下げた事例をご説明させてください。",
    },
    "B": {
        "reception": "品質保証部の○○様宛てに、先日お送りした検査事例集の件でお電話いたしました。",
        "staff": "事例集はご覧いただけましたか。御社のラインに近い事例が2つございます。",
        "manager": "同じ規模の工場で、検査の外注費を年間1,200万円減らした例がございます。",
        "decision_maker": "来週、工場長様と30分お時間をいただけませんでしょうか。",
    },
}
# How calls end, per variant: (outcome label, level reached, weight).
ENDINGS = {
    "A": [
        ("不通", "no_answer", 30),
        ("受付NG", "reception", 30),
        ("担当不在（再架電）", "reception", 15),
        ("担当NG", "staff", 10),
        ("資料送付", "staff", 8),
        ("折り返し待ち", "staff", 4),
        ("アポ獲得", "appointment", 2),
        ("番号違い", "no_answer", 1),
    ],
    "B": [
        ("不通", "no_answer", 30),
        ("受付NG", "reception", 18),
        ("担当不在（再架電）", "reception", 14),
        ("担当NG", "staff", 12),
        ("資料送付", "decision_maker", 12),
        ("折り返し待ち", "staff", 8),
        ("アポ獲得", "appointment", 5),
        ("架電禁止", "reception", 1),
    ],
}
LEAD_KANA = {
    "岡本": "オカモト",
    "山田": "ヤマダ",
    "林": "ハヤシ",
    "小林": "コバヤシ",
    "中村": "ナカムラ",
    "斎藤": "サイトウ",
    "松田": "マツダ",
    "井上": "イノウエ",
    "木村": "キムラ",
    "清水": "シミズ",
    "佐々木": "ササキ",
    "石井": "イシイ",
    "健": "ケン",
    "花子": "ハナコ",
    "誠": "マコト",
    "由美": "ユミ",
    "亮": "リョウ",
    "拓也": "タクヤ",
    "恵": "メグミ",
    "聡": "サトシ",
    "大輔": "ダイスケ",
    "直樹": "ナオキ",
    "翔": "ショウ",
    "亜美": "アミ",
}
PHONE_AREAS = ["03", "06", "052", "045", "092", "011", "022", "075"]


def cold_calls(rng: random.Random, org, users, reps, today: dt.date) -> None:
    boss = users["manager@demo.example"]
    outcomes = {o.label: o for o in call_services.outcomes_for(org)}
    script = CallScript.objects.create(
        org=org,
        name="製造業・新規開拓",
        purpose="品質保証部から入り、検査工程の決裁者にアポを取る",
        created_by=boss,
    )
    first_a = call_services.save_version(script, "A", OPENINGS["A"], by=boss)
    versions = {"B": call_services.save_version(script, "B", OPENINGS["B"], by=boss)}

    taken = Company.objects.filter(org=org).exclude(registry=None).values("registry")
    pool = list(
        RegistryEntry.objects.exclude(pk__in=taken)
        .exclude(corporate_number="")
        .order_by("edinet_code")[:400]
    )
    prospects = []
    for entry in rng.sample(pool, min(len(pool), 50 * len(reps))):
        company, _ = companies.company_from_registry(org, entry)
        company.phone = (
            f"{rng.choice(PHONE_AREAS)}-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
        )
        company.save()
        prospects.append(company)

    tz = timezone.get_current_timezone()
    activities, calls, entries = [], [], []
    for r, rep in enumerate(reps):
        mine = prospects[r * 50 : (r + 1) * 50]
        call_list = CallList.objects.create(
            org=org,
            name=f"{rep.family_name}・製造業リスト",
            owner=rep,
            script=script,
            source="registry",
        )
        for position, company in enumerate(mine):
            variant = "AB"[position % 2]
            entry = CallListEntry(
                org=org, call_list=call_list, company=company, position=position, variant=variant
            )
            entries.append(entry)
            if position >= 40:
                continue  # still to call today
            attempts = rng.choice([1, 1, 2, 3])
            for days_ago in sorted(rng.sample(range(1, 80), attempts), reverse=True):
                when = dt.datetime.combine(
                    today - dt.timedelta(days=days_ago),
                    dt.time(rng.choice([9, 10, 11, 14, 15, 16]), rng.choice([0, 20, 40])),
                    tzinfo=tz,
                )
                version = first_a if variant == "A" else versions["B"]
                label, level, _w = rng.choices(
                    ENDINGS[variant], [w for *_x, w in ENDINGS[variant]]
                )[0]
                activities.append(
                    Activity(
                        org=org,
                        company=company,
                        owner=rep,
                        kind="call",
                        occurred_at=when,
                        notes=label,
                        outcome=label,
                    )
                )
                calls.append((entry, version, outcomes[label], level, when, rep))
                entry.level = max(entry.level or "no_answer", level, key=rank)
                if outcomes[label].closes or outcomes[label].do_not_call:
                    entry.status = "done"
                    break
                if outcomes[label].call_back:
                    entry.status = "call_back"
                    entry.call_back_at = dt.datetime.combine(
                        today, dt.time(rng.choice([10, 14, 16])), tzinfo=tz
                    )
    CallListEntry.objects.bulk_create(entries)
    Activity.objects.bulk_create(activities, batch_size=500)
    Call.objects.bulk_create(
        [
            Call(
                org=org,
                company=entry.company,
                caller=rep,
                entry=entry,
                version=version,
                outcome=outcome,
                level=level,
                reached="受付" if level == "reception" else "",
                called_at=when,
                activity=activity,
            )
            for (entry, version, outcome, level, when, rep), activity in zip(
                calls, activities, strict=True
            )
        ],
        batch_size=500,
    )
    # A's second version, written after its first had been used.
    call_services.save_version(
        script,
        "A",
        {
            **OPENINGS["A"],
            "reception": "検査事例集をお送りした件で、品質保証部のご担当者様をお願いいたします。",
        },
        by=boss,
    )
    for entry, _v, outcome, _l, when, rep in calls:
        if (
            outcome.level == "appointment"
            and not Relationship.objects.filter(org=org, company=entry.company, owner=rep).exists()
        ):
            rel = Relationship.objects.create(
                org=org, company=entry.company, owner=rep, tier="new", tier_since=when.date()
            )
            TierChange.objects.create(
                org=org,
                relationship=rel,
                to_tier="new",
                changed_on=when.date(),
                reason="テレアポでアポ獲得",
                changed_by=rep,
            )
    for rep in reps:
        for version in (first_a, versions["B"]):
            Rehearsal.objects.create(
                org=org,
                version=version,
                rep=rep,
                recorded_by=boss,
                held_on=today - dt.timedelta(days=rng.randrange(7, 60)),
            )
    # Companies like one of the first rep's clients (the spider): numbers still to find.
    seed = call_services.won_clients(reps[0]).exclude(registry=None).first()
    if seed is not None:
        call_services.make_call_list(
            name=f"{seed.display_name}に似た会社",
            script=script,
            source="spider",
            candidates=call_services.registry_candidates(reps[0], "spider", seed=seed),
            limit=10,
            by=reps[0],
        )


def acquaintances(rng: random.Random, org, users, reps) -> None:
    """Who knows whom beyond the visit log: people at some prospects known by people at
    our clients (a warm way in), ties across companies, business cards, and one contact
    rep1 keeps private."""
    from eigyo.contacts.models import Person, PrivateContact, Seniority, Tie
    from eigyo.demo.builder import FAMILY, GIVEN

    known = list(
        Person.objects.filter(org=org, company__relationships__isnull=False)
        .distinct()
        .order_by("pk")
    )
    prospects = list(Company.objects.filter(org=org).exclude(phone="").order_by("pk")[:40])
    ties = []
    for company in prospects:
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        head = Person(
            org=org,
            company=company,
            family_name=family[0],
            given_name=given[0],
            family_kana=family[1],
            given_kana=given[1],
            seniority=Seniority.GENERAL_MANAGER,
            title="製造部長",
        )
        head.save()
        ties.append(
            Tie(
                org=org,
                person=rng.choice(known),
                other=head,
                source="known",
                strength=rng.choice([0.4, 0.6, 0.8]),
                note="業界団体の委員会で同席",
            )
        )
    for _ in range(30):
        a, b = rng.sample(known, 2)
        if a.company_id != b.company_id:
            ties.append(
                Tie(
                    org=org, person=a, other=b, source="known", strength=rng.choice([0.3, 0.5, 0.7])
                )
            )
    boss = users["manager@demo.example"]
    for person in rng.sample(known, 12):
        ties.append(
            Tie(org=org, user=rng.choice([boss, *reps]), person=person, source="card", strength=0.3)
        )
    Tie.objects.bulk_create(ties)
    PrivateContact.objects.create(org=org, user=reps[0], person=rng.choice(known))


def favours(rng: random.Random, org, users, reps, today: dt.date) -> None:
    """The give-and-take ledger: introductions received (one still to report back on)
    and given, a dinner, information, and an introduction offered instead of a discount."""
    from eigyo.contacts.models import Person
    from eigyo.deals.models import DiscountRequest
    from eigyo.prospecting.models import Favour

    people = list(
        Person.objects.filter(org=org, company__relationships__isnull=False)
        .distinct()
        .order_by("pk")
    )
    rows = []
    for i, rep in enumerate(reps):
        giver, introduced = rng.sample(people, 2)
        on = today - dt.timedelta(days=8 + 9 * i)
        rows.append(
            Favour(
                org=org,
                direction="received",
                kind="introduction",
                counterpart=giver,
                ours=rep,
                introduced=introduced,
                on=on,
                report_back_by=on + dt.timedelta(days=7),
                reported_on=None if i == 0 else on + dt.timedelta(days=4),
                outcome="pending" if i == 0 else rng.choice(["met", "business"]),
                note="同業の工場長をご紹介いただいた",
            )
        )
        rows.append(
            Favour(
                org=org,
                direction="given",
                kind=rng.choice(["information", "entertainment"]),
                counterpart=rng.choice(people),
                ours=rep,
                on=today - dt.timedelta(days=rng.randrange(10, 60)),
                note="業界動向の資料を共有",
            )
        )
    ask = DiscountRequest.objects.filter(deal__org=org).order_by("pk").first()
    if ask is not None:
        contact = Person.objects.filter(org=org, company=ask.deal.company_id).first() or people[0]
        ask.offered, ask.offer_detail = "introduction", f"{contact}様に物流会社をご紹介"
        ask.save()
        rows.append(
            Favour(
                org=org,
                direction="given",
                kind="introduction",
                counterpart=contact,
                ours=ask.deal.owner,
                introduced=rng.choice(people),
                on=ask.requested_on,
                discount_request=ask,
                note="値引きの代わりに物流会社をご紹介",
            )
        )
    Favour.objects.bulk_create(rows)


def leads(rng: random.Random, org, users, reps, today: dt.date) -> None:
    """Marketing's leads in every state: waiting to be assigned, assigned (one past its
    deadline), accepted into a portfolio, rejected with each kind of reason."""
    from eigyo.prospecting import lead_services
    from eigyo.prospecting.domain import leads as rules
    from eigyo.prospecting.models import Lead
    from eigyo.worktime.calendars import calendar_for

    mkt = users["marketing@demo.example"]
    tz = timezone.get_current_timezone()
    names = [
        ("西日本ロジ株式会社", "岡本", "健", "物流部長"),
        ("東海化成株式会社", "山田", "花子", "品質保証課長"),
        ("北陸精工株式会社", "林", "誠", "製造部長"),
        ("みなと食品株式会社", "小林", "由美", "購買担当"),
        ("さくら電装株式会社", "中村", "亮", "生産技術課"),
        ("青葉テック株式会社", "斎藤", "拓也", "工場長"),
        ("山手ケミカル株式会社", "松田", "恵", "研究開発部"),
        ("港北物産株式会社", "井上", "聡", "総務部"),
        ("川崎精密株式会社", "木村", "大輔", "品質管理"),
        ("大阪ベアリング株式会社", "清水", "直樹", "購買部長"),
        ("個人 佐々木", "佐々木", "翔", "学生"),
        ("中部モールド株式会社", "石井", "亜美", "設計課"),
    ]
    campaigns = [
        ("exhibition", "国際物流展2026"),
        ("web_form", "検査DX資料DL"),
        ("seminar", "品質セミナー11月"),
    ]
    reasons = ["individual", "too_early", "wrong_size", "competitor", "duplicate"]
    for i, (company_name, family, given, title) in enumerate(names):
        source, campaign = campaigns[i % len(campaigns)]
        arrived = dt.datetime.combine(today - dt.timedelta(days=30 - 2 * i), dt.time(11), tzinfo=tz)
        lead = Lead(
            org=org,
            source=source,
            campaign=campaign,
            medium="名刺" if source == "exhibition" else "フォーム",
            company_name=company_name,
            family_name=family,
            given_name=given,
            family_kana=LEAD_KANA[family],
            given_kana=LEAD_KANA[given],
            title=title,
            email="" if i % 4 == 0 else f"info{i}@lead{i}.example.jp",
            arrived_at=arrived,
            created_by=mkt,
        )
        lead_services.resolve(lead)
        lead.save()
        if i >= 10:
            continue  # waiting for marketing to assign
        rep = reps[i % len(reps)]
        lead.owner, lead.status, lead.assigned_at = rep, "assigned", arrived
        lead.due_at = rules.deadline(arrived, rules.DEADLINE_HOURS[source], calendar_for(org, rep))
        lead.save()
        if i in (8, 9):
            continue  # still open (the older one past its deadline)
        lead.first_touch_at = arrived + dt.timedelta(hours=rng.choice([1, 3, 20, 30]))
        lead.save()
        if i % 2 == 0:
            lead_services.accept(lead, rating=rng.choice([3, 4, 5]), comment="課題が明確", by=rep)
        else:
            lead_services.reject(
                lead,
                reason=reasons[i % len(reasons)],
                rating=rng.choice([1, 2]),
                comment="",
                by=rep,
            )
        Lead.objects.filter(pk=lead.pk).update(decided_at=lead.first_touch_at)
