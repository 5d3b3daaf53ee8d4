"""Shared actors for every test: an admin, a manager, two reps in one org, a
partner user (and one of another partner), a marketing user, and an outsider
in another organisation; plus a small book of records they can (not) see, a small
registry, and the organisation's own company fields."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

PASSWORD = "correct-horse-battery-staple"


def _user(org, email, role, *, team=None, partner=None, **names):
    from eigyo.accounts.models import Membership, User

    user = User.objects.create_user(email, PASSWORD, **names)
    Membership.objects.create(org=org, user=user, role=role, team=team, partner=partner)
    return user


@pytest.fixture(autouse=True)
def _no_stale_actor():
    """A command run by an earlier test leaves its acting user (core.actor) set in this
    thread; the audit trail would name a user another test's database never had."""
    from eigyo.core import actor

    actor.clear()
    yield
    actor.clear()


@pytest.fixture
def actors(db):
    from eigyo.accounts.models import Organisation, Partner, Role, Team

    org = Organisation.objects.create(name="Acme Japan KK", slug="acme")
    other = Organisation.objects.create(name="Other KK", slug="other")
    partner = Partner.objects.create(org=org, name="関西販売株式会社")
    partner2 = Partner.objects.create(org=org, name="九州商事株式会社")
    team = Team.objects.create(org=org, name="東京営業一課")
    a = SimpleNamespace(org=org, other_org=other, partner=partner, partner2=partner2, team=team)
    a.admin = _user(org, "admin@acme.example", Role.ADMIN, family_name="山本", given_name="健一")
    a.manager = _user(
        org, "boss@acme.example", Role.MANAGER, team=team, family_name="佐藤", given_name="美咲"
    )
    team.manager = a.manager
    team.save()
    a.rep1 = _user(
        org,
        "rep1@acme.example",
        Role.REP,
        team=team,
        family_name="鈴木",
        given_name="大輔",
        language="en",
    )
    a.rep2 = _user(org, "rep2@acme.example", Role.REP, family_name="高橋", given_name="彩")
    a.partner_user = _user(org, "p@kansai.example", Role.PARTNER, partner=partner)
    a.partner2_user = _user(org, "p@kyushu.example", Role.PARTNER, partner=partner2)
    a.marketing = _user(org, "mkt@acme.example", Role.MARKETING)
    a.outsider = _user(other, "admin@other.example", Role.ADMIN)
    return a


@pytest.fixture
def book(actors):
    """A few records in each org: who may see which is what the access tests check."""
    from eigyo.activities.models import Activity
    from eigyo.companies.models import Company
    from eigyo.contacts.models import Person, Seniority
    from eigyo.portfolio import services

    a = actors
    b = SimpleNamespace()
    b.company = Company.objects.create(
        org=a.org, legal_name="株式会社トヨタ精機", kana="トヨタセイキ"
    )
    b.partner_company = Company.objects.create(
        org=a.org, legal_name="大阪部品株式会社", partner=a.partner
    )
    b.other_company = Company.objects.create(org=a.other_org, legal_name="外部商事株式会社")
    b.person = Person.objects.create(
        org=a.org,
        company=b.company,
        family_name="田中",
        given_name="太郎",
        family_kana="タナカ",
        given_kana="タロウ",
        seniority=Seniority.GENERAL_MANAGER,
    )
    b.partner_person = Person.objects.create(
        org=a.org, company=b.partner_company, family_name="木村", given_name="聡"
    )
    b.other_person = Person.objects.create(
        org=a.other_org, company=b.other_company, family_name="外山", given_name="一郎"
    )
    today = dt.date(2026, 11, 2)
    b.rel = services.add_to_portfolio(
        org=a.org, company=b.company, owner=a.rep1, tier="possible", on=today
    )
    b.rel2 = services.add_to_portfolio(
        org=a.org, company=b.company, owner=a.rep2, tier="new", on=today
    )
    b.partner_rel = services.add_to_portfolio(
        org=a.org, company=b.partner_company, owner=a.rep1, tier="probable", on=today
    )
    b.other_rel = services.add_to_portfolio(
        org=a.other_org, company=b.other_company, owner=a.outsider, tier="new", on=today
    )
    when = timezone.make_aware(dt.datetime(2026, 11, 2, 10, 0))
    b.activity = Activity.objects.create(
        org=a.org, company=b.company, owner=a.rep1, occurred_at=when, notes="ご挨拶"
    )
    b.activity.people.add(b.person)
    b.partner_activity = Activity.objects.create(
        org=a.org, company=b.partner_company, owner=a.partner_user, occurred_at=when
    )
    b.other_activity = Activity.objects.create(
        org=a.other_org, company=b.other_company, owner=a.outsider, occurred_at=when
    )
    from eigyo.deals.models import Deal, Promise, Stakeholder

    b.deal = Deal.objects.create(
        org=a.org, title="検査装置の更新", company=b.company, owner=a.rep1, amount=12_000_000
    )
    b.deal2 = Deal.objects.create(org=a.org, title="保守契約", company=b.company, owner=a.rep2)
    b.partner_deal = Deal.objects.create(
        org=a.org, title="関西案件", company=b.partner_company, owner=a.rep1, partner=a.partner
    )
    b.other_deal = Deal.objects.create(
        org=a.other_org, title="外部案件", company=b.other_company, owner=a.outsider
    )
    b.stakeholder = Stakeholder.objects.create(
        org=a.org, deal=b.deal, person=b.person, role="decision_maker"
    )
    b.promise = Promise.objects.create(
        org=a.org, deal=b.deal, what="見積りを提出", due_on=dt.date(2026, 11, 20), owner=a.rep1
    )
    from eigyo.followups.models import CoachingSession, Instruction, Milestone

    b.instruction = Instruction.objects.create(
        org=a.org,
        subject="品質保証部長に面談",
        asked="面談を設定",
        company=b.company,
        owner=a.rep1,
        issued_by=a.manager,
    )
    b.milestone = Milestone.objects.create(
        org=a.org, instruction=b.instruction, title="日程確定", due_on=dt.date(2026, 11, 20)
    )
    b.instruction2 = Instruction.objects.create(
        org=a.org, subject="見積り", asked="提出", owner=a.rep2, issued_by=a.admin
    )
    b.other_instruction = Instruction.objects.create(
        org=a.other_org, subject="外部", asked="x", owner=a.outsider, issued_by=a.outsider
    )
    b.coaching = CoachingSession.objects.create(
        org=a.org, rep=a.rep1, coach=a.manager, held_on=dt.date(2026, 11, 2), topic="値上げの伝え方"
    )
    b.other_coaching = CoachingSession.objects.create(
        org=a.other_org, rep=a.outsider, coach=a.outsider, held_on=dt.date(2026, 11, 2), topic="x"
    )
    return b


@pytest.fixture
def login():
    """A test client logged in as the given user."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api():
    """An API client authenticated with a fresh token for the given user."""
    from eigyo.accounts.models import ApiToken

    def _api(user) -> Client:
        _token, secret = ApiToken.issue(user, "test")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return _api


# A small real registry (names and numbers as EDINET publishes them), for the
# registry, company, prospecting and import tests.
REGISTRY_SAMPLE = [
    {
        "edinet_code": "E02144",
        "name": "トヨタ自動車株式会社",
        "name_en": "TOYOTA MOTOR CORPORATION",
        "corporate_number": "1180301018771",
        "industry": "輸送用機器",
    },
    {
        "edinet_code": "E01777",
        "name": "ソニーグループ株式会社",
        "name_en": "Sony Group Corporation",
        "corporate_number": "5010401067252",
    },
    {
        "edinet_code": "E01765",
        "name": "日本電気株式会社",
        "name_en": "NEC Corporation",
        "corporate_number": "7010401022916",
    },
    {"edinet_code": "E01766", "name": "日本電気硝子株式会社", "corporate_number": "8160001012233"},
]


@pytest.fixture
def loaded(db):
    """The sample loaded into the registry."""
    from eigyo.registry import loaders

    loaders.load_edinet(REGISTRY_SAMPLE)


# The organisation's own company fields, for the company and prospecting tests.
@pytest.fixture
def fields(actors):
    """The organisation's own company fields, one of each kind."""
    from eigyo.companies.models import CompanyField

    org = actors.org
    return {
        "rival": CompanyField.objects.create(
            org=org, key="uses_rival", label="競合製品を使用", kind="yes_no"
        ),
        "plants": CompanyField.objects.create(
            org=org, key="plants", label="工場数", kind="number", position=1
        ),
        "channel": CompanyField.objects.create(
            org=org,
            key="channel",
            label="販売チャネル",
            kind="choice",
            choices=["直販", "代理店"],
            position=2,
        ),
        "memo": CompanyField.objects.create(
            org=org, key="buyer_memo", label="購買メモ", kind="text", position=3
        ),
    }


def company(actors, name="中部精機株式会社", **kw):
    """A company of the organisation."""
    from eigyo.companies.models import Company

    return Company.objects.create(org=actors.org, legal_name=name, **kw)
