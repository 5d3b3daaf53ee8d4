"""A partner world on a pinned day (Mon 16 Nov 2026, FY2026 Q3): the actors' first
partner (関西販売) contracted with quarterly revenue targets and a termination right,
managed by the manager; the second (九州商事) a candidate."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from eigyo.followups.tests.conftest import smtp  # noqa: F401 - the real SMTP server

TODAY = dt.date(2026, 11, 16)


@pytest.fixture
def pinned():
    from eigyo.core import clock

    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 16, 9, 0)))
    yield TODAY
    clock.freeze(None)


def won(actors, company, title, amount, on, *, confirmed=True, by=None):
    """A deal of the first partner, won on `on` (confirmed by our side unless said)."""
    from eigyo.deals.models import Deal, StageChange

    deal = Deal.objects.create(
        org=actors.org,
        title=title,
        company=company,
        owner=actors.rep1,
        partner=actors.partner,
        amount=amount,
        stage="won",
        closed_on=on,
    )
    StageChange.objects.create(
        org=actors.org,
        deal=deal,
        from_stage="ask",
        to_stage="won",
        changed_on=on,
        changed_by=by or actors.partner_user,
    )
    if confirmed:
        deal.win_confirmed_at = timezone.make_aware(dt.datetime.combine(on, dt.time(12)))
        deal.win_confirmed_by = actors.manager
        deal.win_confirmed_amount = amount
        deal.save()
    return deal


@pytest.fixture
def world(actors, pinned):
    from eigyo.companies.models import Company
    from eigyo.partners.models import Contract, PartnerProfile, Target, TerminationRight

    a = actors
    w = SimpleNamespace(today=pinned)
    w.profile = PartnerProfile.objects.create(
        org=a.org, partner=a.partner, stage="active", manager=a.manager
    )
    w.profile2 = PartnerProfile.objects.create(org=a.org, partner=a.partner2, stage="candidate")
    w.company = Company.objects.create(org=a.org, legal_name="大阪部品株式会社", partner=a.partner)
    w.company2 = Company.objects.create(
        org=a.org, legal_name="九州電材株式会社", partner=a.partner2
    )
    w.contract = Contract.objects.create(
        org=a.org,
        partner=a.partner,
        title="関西地区 販売店契約",
        start=dt.date(2025, 4, 1),
        term_months=24,
        auto_renew=True,
        renewal_months=12,
        notice_months=3,
    )
    for index, value in ((1, 10_000_000), (2, 10_000_000), (3, 10_000_000)):
        Target.objects.create(
            org=a.org,
            contract=w.contract,
            metric="revenue",
            period_kind="quarter",
            fiscal_year=2026,
            index=index,
            value=value,
        )
    w.right = TerminationRight.objects.create(
        org=a.org,
        contract=w.contract,
        description="2四半期連続で目標の70%未満",
        threshold_percent=70,
        consecutive=2,
        window_days=90,
    )
    # Q1: 5 m (50 %), Q2: 6 m (60 %): the right opened on 1 Oct, lapses 29 Dec.
    w.q1 = won(a, w.company, "Q1案件", 5_000_000, dt.date(2026, 5, 20))
    w.q2 = won(a, w.company, "Q2案件", 6_000_000, dt.date(2026, 8, 10))
    # Q3 so far: 2 m confirmed, 9 m reported by the partner but not confirmed.
    w.q3 = won(a, w.company, "Q3案件", 2_000_000, dt.date(2026, 10, 20))
    w.unconfirmed = won(
        a, w.company, "未確認の受注", 9_000_000, dt.date(2026, 11, 2), confirmed=False
    )
    return w
