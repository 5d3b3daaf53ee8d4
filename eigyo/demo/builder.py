"""The demo organisation "Demo KK": real registry companies, a believable book.

Seeded, so every build gives the same book (relative to the build date), and
idempotent: building again when it exists changes nothing unless reset.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from eigyo.accounts.models import Membership, Organisation, Partner, Role, Team, User
from eigyo.activities.models import Activity
from eigyo.companies import services
from eigyo.companies.models import Company
from eigyo.contacts.models import Person, Seniority
from eigyo.core import clock
from eigyo.demo import cards, sales
from eigyo.portfolio.models import Relationship, Tier, TierChange
from eigyo.registry import loaders
from eigyo.registry.models import RegistryEntry

SLUG = "demo"
PASSWORD = "eigyo-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: str
    family: str
    given: str
    family_kana: str
    given_kana: str
    language: str = "ja"


USERS = [
    DemoUser("admin@demo.example", Role.ADMIN, "山本", "健一", "ヤマモト", "ケンイチ"),
    DemoUser("manager@demo.example", Role.MANAGER, "佐藤", "美咲", "サトウ", "ミサキ"),
    DemoUser("rep1@demo.example", Role.REP, "鈴木", "大輔", "スズキ", "ダイスケ"),
    DemoUser("rep2@demo.example", Role.REP, "高橋", "彩", "タカハシ", "アヤ"),
    DemoUser("rep3@demo.example", Role.REP, "Smith", "Emily", "スミス", "エミリー", "en"),
    DemoUser("partner@demo.example", Role.PARTNER, "渡辺", "拓也", "ワタナベ", "タクヤ"),
    DemoUser("marketing@demo.example", Role.MARKETING, "中村", "由美", "ナカムラ", "ユミ"),
]

FAMILY = [
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡部", "ワタベ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("後藤", "ゴトウ"),
    ("岡田", "オカダ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
    ("近藤", "コンドウ"),
    ("石井", "イシイ"),
    ("坂本", "サカモト"),
    ("遠藤", "エンドウ"),
    ("青木", "アオキ"),
    ("藤井", "フジイ"),
    ("西村", "ニシムラ"),
    ("福田", "フクダ"),
    ("太田", "オオタ"),
]
GIVEN = [
    ("太郎", "タロウ"),
    ("翔太", "ショウタ"),
    ("大輝", "ダイキ"),
    ("健太", "ケンタ"),
    ("拓海", "タクミ"),
    ("浩", "ヒロシ"),
    ("誠", "マコト"),
    ("直樹", "ナオキ"),
    ("裕子", "ユウコ"),
    ("恵", "メグミ"),
    ("陽子", "ヨウコ"),
    ("真由美", "マユミ"),
    ("智子", "トモコ"),
    ("美穂", "ミホ"),
    ("聡", "サトシ"),
    ("和也", "カズヤ"),
    ("亮", "リョウ"),
    ("香織", "カオリ"),
    ("隆", "タカシ"),
    ("麻衣", "マイ"),
]
DEPARTMENTS = [
    "購買部",
    "品質保証部",
    "生産技術部",
    "経営企画部",
    "情報システム部",
    "営業企画部",
    "研究開発部",
    "総務部",
]
TITLES = {
    Seniority.EXECUTIVE: "取締役",
    Seniority.DIVISION_HEAD: "本部長",
    Seniority.GENERAL_MANAGER: "部長",
    Seniority.SECTION_MANAGER: "課長",
    Seniority.SUPERVISOR: "係長",
    Seniority.STAFF: "担当",
}
PREFS = ["13"] * 8 + ["14", "27", "23", "11", "12", "28", "40", "01", "22", "26", "34", "04"]
# About 27 maturing relationships per rep (the 20–30 benchmark) and a rhythm that
# slightly exceeds 3 contacts a day, so the plan has something to say.
TIER_WEIGHTS = [
    (Tier.NEW, 42),
    (Tier.WILLING, 14),
    (Tier.POSSIBLE, 9),
    (Tier.PROBABLE, 4),
    (Tier.CLIENT, 12),
    (Tier.NURTURE, 9),
    (Tier.DROPPED, 10),
]
# Days between contacts by tier (None: no regular contact).
RHYTHM = {
    Tier.NEW: None,
    Tier.WILLING: 30,
    Tier.POSSIBLE: 14,
    Tier.PROBABLE: 7,
    Tier.CLIENT: 25,
    Tier.NURTURE: 60,
    Tier.DROPPED: None,
}
NEXT_STEPS = [
    "見積りを提出",
    "部長同席で打ち合わせ",
    "サンプルをお届け",
    "導入事例を送付",
    "工場見学の日程調整",
]
NOTES = [
    "ご挨拶。先方の年度計画について伺った。",
    "新製品の資料をお渡しした。",
    "工場見学のご案内。",
    "品質保証部の課題をヒアリング。",
    "展示会でご挨拶。",
    "見積りの前提条件を確認。",
    "導入事例をご紹介。反応は良好。",
    "先方の組織変更について情報交換。",
    "次回、部長同席で打ち合わせの約束。",
]
COMPANIES_PER_REP = 100


def logins() -> list[tuple[str, str, str]]:
    return [(u.email, u.role, PASSWORD) for u in USERS]


def build(*, reset: bool = False, seed: int = 2026) -> tuple[Organisation, bool]:
    """Build Demo KK. Returns (org, built); built is False when it already existed."""
    if RegistryEntry.objects.filter(source="edinet").count() == 0:
        loaders.load_edinet()
        loaders.load_tse()
    existing = Organisation.objects.filter(slug=SLUG).first()
    if existing and not reset:
        return existing, False
    with transaction.atomic():
        if existing:
            _delete(existing)
        org = _build(random.Random(seed))
    return org, True


def _delete(org: Organisation) -> None:
    from eigyo.deals.models import Deal
    from eigyo.followups.models import CoachingSession, Conflict, Instruction, SeniorVisit

    for model in (Instruction, SeniorVisit, Conflict, CoachingSession):
        model.objects.filter(org=org).delete()
    Deal.objects.filter(org=org).delete()
    Activity.objects.filter(org=org).delete()  # and the calls with them
    from eigyo.prospecting.models import CallList, CallScript, Favour, Lead, Rehearsal

    for model in (Lead, Favour, Rehearsal, CallList, CallScript):
        model.objects.filter(org=org).delete()
    Relationship.objects.filter(org=org).delete()
    users = Membership.objects.filter(org=org).values_list("user_id", flat=True)
    User.objects.filter(pk__in=list(users)).delete()
    org.delete()


def _build(rng: random.Random) -> Organisation:
    org = Organisation.objects.create(name="Demo KK", slug=SLUG)
    partner = Partner.objects.create(
        org=org, name="関西販売株式会社", kind=Partner.Kind.DISTRIBUTOR
    )
    team = Team.objects.create(org=org, name="東京営業一課")
    users = {}
    for spec in USERS:
        user = User.objects.create_user(
            spec.email,
            PASSWORD,
            family_name=spec.family,
            given_name=spec.given,
            family_kana=spec.family_kana,
            given_kana=spec.given_kana,
            language=spec.language,
        )
        Membership.objects.create(
            org=org,
            user=user,
            role=spec.role,
            team=team if spec.role in {Role.REP, Role.MANAGER} else None,
            partner=partner if spec.role == Role.PARTNER else None,
        )
        users[spec.email] = user
    team.manager = users["manager@demo.example"]
    team.save()
    reps = [users[f"rep{i}@demo.example"] for i in (1, 2, 3)]

    pool = list(
        RegistryEntry.objects.filter(is_listed=True)
        .exclude(corporate_number="")
        .exclude(sector33="")
        .order_by("edinet_code")
    )
    chosen = rng.sample(pool, min(len(pool), COMPANIES_PER_REP * len(reps)))
    today = clock.today()
    start = today - dt.timedelta(days=182)
    activities, links, deal_sources = [], [], []
    for i, entry in enumerate(chosen):
        company, _created = services.company_from_registry(org, entry)
        company.prefecture = company.prefecture or rng.choice(PREFS)
        if i % 20 == 0:
            company.partner = partner
        company.save()
        people = _people(rng, org, company)
        owner = reps[i % len(reps)]
        tier = rng.choices([t for t, _w in TIER_WEIGHTS], [w for _t, w in TIER_WEIGHTS])[0]
        first = start + dt.timedelta(days=rng.randrange(0, 150))
        rel = Relationship.objects.create(
            org=org, company=company, owner=owner, tier=tier, tier_since=first
        )
        if tier in (Tier.PROBABLE, Tier.CLIENT, Tier.POSSIBLE) and rng.random() < 0.7:
            deal_sources.append((rel, people))
        _history(rng, org, rel, tier, first, today, owner)
        for when, biz in _contact_days(rng, tier, first, today):
            act = Activity(
                org=org,
                company=company,
                owner=owner,
                kind=rng.choice(["visit"] * 5 + ["call"] * 3 + ["email", "meeting", "event"]),
                occurred_at=timezone.make_aware(
                    dt.datetime.combine(
                        when, dt.time(rng.choice([10, 11, 13, 14, 15, 16]), rng.choice([0, 30]))
                    )
                ),
                notes=rng.choice(NOTES),
                business_discussed=biz,
                next_step=rng.choice(NEXT_STEPS) if biz else "",
                next_step_on=when + dt.timedelta(days=RHYTHM[tier] or 30) if biz else None,
            )
            activities.append(act)
            links.append(rng.sample(people, k=min(len(people), rng.choice([1, 1, 2]))))
    Activity.objects.bulk_create(activities, batch_size=500)
    through = Activity.people.through
    through.objects.bulk_create(
        [
            through(activity_id=a.pk, person_id=p.pk)
            for a, ps in zip(activities, links, strict=True)
            for p in ps
        ],
        batch_size=1000,
    )
    sales.deals(rng, org, [d for d in deal_sources if d], today, partner)
    sales.followups(rng, org, users, reps, today)
    from eigyo.followups import inbox

    inbox.collect_due(today)  # milestones and promises already due are in the inboxes
    from eigyo.demo import calls

    calls.cold_calls(random.Random(rng.random()), org, users, reps, today)
    calls.acquaintances(random.Random(rng.random()), org, users, reps)
    calls.favours(random.Random(rng.random()), org, users, reps, today)
    calls.leads(random.Random(rng.random()), org, users, reps, today)
    cards.imported_cards(org, users)
    inbox.collect_due(today)  # the report back due is in rep1's inbox
    from eigyo.demo import partners

    partners.build(random.Random(rng.random()), org, users, reps, today)
    _own_fields(random.Random(rng.random()), org)
    from eigyo.demo import audit

    audit.privacy(random.Random(rng.random()), org, users, today)
    return org


def _own_fields(rng: random.Random, org: Organisation) -> None:
    """Three fields of the organisation's own, filled on most companies, and an
    avatar that scores them (a separate random stream keeps the rest unchanged)."""
    from eigyo.companies.models import CompanyField
    from eigyo.prospecting.models import Avatar

    CompanyField.objects.bulk_create(
        [
            CompanyField(
                org=org, key="uses_rival", label="競合製品を使用", kind="yes_no", position=0
            ),
            CompanyField(org=org, key="plants", label="国内工場数", kind="number", position=1),
            CompanyField(
                org=org,
                key="channel",
                label="購買経路",
                kind="choice",
                position=2,
                choices=["直接購買", "商社経由", "代理店経由"],
            ),
        ]
    )
    companies = list(Company.objects.filter(org=org).order_by("pk"))
    for company in companies:
        if rng.random() < 0.8:
            company.custom = {
                "uses_rival": rng.random() < 0.4,
                "plants": rng.randrange(0, 12),
                "channel": rng.choice(["直接購買", "商社経由", "代理店経由"]),
            }
    Company.objects.bulk_update(companies, ["custom"], batch_size=500)
    Avatar.objects.create(
        org=org,
        name="中堅製造業（東名阪）",
        sectors=["3600", "3650", "3700", "3750"],
        size_classes=["mid400", "small1"],
        prefectures=["13", "14", "23", "27"],
        custom_criteria={
            "uses_rival": {"values": [True], "weight": 20},
            "plants": {"min": 3, "max": None, "weight": 10},
        },
    )


def _people(rng, org, company) -> list[Person]:
    ranks = [Seniority.GENERAL_MANAGER, Seniority.SECTION_MANAGER, Seniority.STAFF]
    ranks += rng.sample(
        [Seniority.EXECUTIVE, Seniority.DIVISION_HEAD, Seniority.SUPERVISOR], k=rng.randrange(0, 3)
    )
    ranks.sort(reverse=True)
    department = rng.choice(DEPARTMENTS)
    people, boss = [], None
    for rank in ranks:
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        person = Person(
            org=org,
            company=company,
            family_name=family[0],
            given_name=given[0],
            family_kana=family[1],
            given_kana=given[1],
            seniority=rank,
            department="" if rank == Seniority.EXECUTIVE else department,
            title=TITLES[rank],
            reports_to=boss,
            email=f"{rng.randrange(10**6):06d}@example.co.jp",
        )
        person.save()
        people.append(person)
        boss = person
    return people


def _history(rng, org, rel, tier, first, today, owner) -> None:
    """A plausible path through the tiers up to the current one."""
    path = {
        Tier.NEW: [Tier.NEW],
        Tier.WILLING: [Tier.NEW, Tier.WILLING],
        Tier.POSSIBLE: [Tier.NEW, Tier.WILLING, Tier.POSSIBLE],
        Tier.PROBABLE: [Tier.NEW, Tier.WILLING, Tier.POSSIBLE, Tier.PROBABLE],
        Tier.CLIENT: [Tier.NEW, Tier.WILLING, Tier.POSSIBLE, Tier.PROBABLE, Tier.CLIENT],
        Tier.NURTURE: [Tier.NEW, Tier.WILLING, Tier.NURTURE],
        Tier.DROPPED: [Tier.NEW, Tier.DROPPED],
    }[tier]
    span = max((today - first).days, len(path))
    prev, rows = "", []
    for step, t in enumerate(path):
        on = first + dt.timedelta(days=span * step // len(path))
        while on.weekday() >= 5:  # tier moves happen after a weekday meeting
            on -= dt.timedelta(days=1)
        rows.append(
            TierChange(
                org=org,
                relationship=rel,
                from_tier=prev,
                to_tier=t,
                changed_on=on,
                reason="" if not prev else "面談の結果",
                changed_by=owner,
            )
        )
        prev = t
    TierChange.objects.bulk_create(rows)
    rel.tier_since = rows[-1].changed_on
    rel.save(update_fields=["tier_since"])


def _contact_days(rng, tier, first, today):
    """Contact dates on weekdays, spaced by the tier's rhythm; business talk
    only after several visits, as is the practice."""
    rhythm = RHYTHM[tier]
    days, d = [], first
    while d <= today and len(days) < 40:
        while d.weekday() >= 5:  # meetings happen on weekdays
            d += dt.timedelta(days=1)
        if d <= today:
            days.append(d)
        if rhythm is None:
            if len(days) >= rng.randrange(1, 3):
                break
            d += dt.timedelta(days=rng.randrange(10, 40))
        else:
            d += dt.timedelta(days=max(1, rhythm + rng.randrange(-3, 4)))
    threshold = rng.randrange(4, 11)
    return [(day, n >= threshold and tier != Tier.DROPPED) for n, day in enumerate(days)]
