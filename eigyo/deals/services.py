"""Deal writes and the buying-group read model."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Subquery

from eigyo.accounts import access
from eigyo.activities.models import Activity
from eigyo.core import clock, writes
from eigyo.deals.access import (
    can_change_deal,
    can_change_deal_records,
    can_delete_deal,
    can_move_stage,
    visible_deals,
)
from eigyo.deals.domain import forecast as forecasting
from eigyo.deals.domain import readiness as rd
from eigyo.deals.models import Deal, Stage, StageChange, StageProbability, Stakeholder


@transaction.atomic
def move_stage(deal: Deal, stage: str, *, on: dt.date, by, lost_reason: str = "") -> Deal:
    """Move a deal to another stage, recording the move; won / lost close it."""
    _require(can_move_stage(by, deal))
    if stage == deal.stage:
        return deal
    StageChange.objects.create(
        org_id=deal.org_id,
        deal=deal,
        from_stage=deal.stage,
        to_stage=stage,
        changed_on=on,
        changed_by=by,
    )
    deal.stage = stage
    deal.closed_on = on if stage in (Stage.WON, Stage.LOST) else None
    deal.lost_reason = lost_reason if stage == Stage.LOST else ""
    fields = ["stage", "closed_on", "lost_reason", "updated_at"]
    if deal.win_confirmed_at is not None:  # a confirmed win no longer won: confirm again
        deal.win_confirmed_at = deal.win_confirmed_by = deal.win_confirmed_amount = None
        fields += ["win_confirmed_at", "win_confirmed_by", "win_confirmed_amount"]
    deal.save(update_fields=fields)
    return deal


def stakeholders_of(deal: Deal):
    """The buying group with `met` (derived from activities unless set by hand)
    and the last contact with each person: one query."""
    through = Activity.people.through
    with_person = through.objects.filter(
        person_id=OuterRef("person_id"), activity__org_id=OuterRef("org_id")
    )
    return (
        Stakeholder.objects.filter(deal=deal)
        .select_related("person", "person__reports_to")
        .annotate(
            has_met=Exists(with_person),
            last_contact_at=Subquery(
                with_person.order_by()
                .values("person_id")
                .annotate(last=Max("activity__occurred_at"))
                .values("last")[:1]
            ),
        )
        .order_by("-person__seniority", "person__family_kana", "pk")
    )


def is_met(stakeholder) -> bool:
    if stakeholder.met_override is not None:
        return stakeholder.met_override
    return bool(getattr(stakeholder, "has_met", False))


def members(stakeholders) -> list[rd.Member]:
    return [
        rd.Member(
            id=s.pk,
            name=s.person.display_name,
            role=s.role,
            influence=s.influence,
            stance=s.stance,
            met=is_met(s),
            seniority=s.person.seniority,
            department=s.person.department,
            title=s.person.title,
        )
        for s in stakeholders
    ]


def readiness_of(stakeholders) -> rd.Readiness:
    return rd.readiness(members(stakeholders))


def record_creation(deal: Deal, *, on: dt.date, by) -> None:
    """The first stage entry of a new deal, so the history starts at its creation."""
    StageChange.objects.get_or_create(
        org_id=deal.org_id,
        deal=deal,
        from_stage="",
        defaults={"to_stage": deal.stage, "changed_on": on, "changed_by": by},
    )


def follow_company_merge(kept, merged) -> dict[str, int]:
    """The merged company's deals are the kept one's (a merge hook)."""
    return {"deal": writes.update(Deal.objects.filter(company=merged), company=kept)}


@transaction.atomic
def create_deal(form, *, by) -> Deal:
    """A new deal (a validated DealForm of `by`), with its first stage recorded."""
    deal = form.save()
    record_creation(deal, on=clock.today(), by=by)
    return access.ensure_visible(by, deal)


@transaction.atomic
def update_deal(form, *, by) -> Deal:
    _require(can_change_deal(by, form.instance))
    return access.ensure_visible(by, form.save())


@transaction.atomic
def delete_deal(deal: Deal, *, by) -> None:
    _require(can_delete_deal(by, deal))
    deal.delete()


@transaction.atomic
def save_deal_record(form, *, by):
    """Add or change a record of a deal: a buying-group member, a promise, praise, an
    objection or a discount request (a validated form bound to the deal)."""
    _require(can_change_deal_records(by, form.deal))
    return form.save()


@transaction.atomic
def delete_deal_record(record, *, by) -> None:
    _require(can_change_deal_records(by, record.deal))
    record.delete()


def _require(allowed: bool) -> None:
    """Every page, API call and command passes here: the right is checked once more
    where the write happens (docs/rights.md)."""
    if not allowed:
        raise PermissionDenied


def probabilities_of(org) -> dict[str, int]:
    """The organisation's probability (%) per open stage, defaults where unset."""
    own = dict(StageProbability.objects.filter(org=org).values_list("stage", "percent"))
    return {**forecasting.DEFAULT_PROBABILITIES, **own}


@transaction.atomic
def set_probabilities(percents: dict[str, int], *, by) -> None:
    """Set the organisation's probability per open stage (0–100)."""
    org = access.membership(by).org
    for stage, percent in percents.items():
        StageProbability.objects.update_or_create(
            org=org, stage=stage, defaults={"percent": percent}
        )


def fiscal_forecast(user, fy: int):
    """The forecast for fiscal year `fy` over the deals the user sees."""
    deals = visible_deals(user).values_list("amount", "stage", "expected_close", "closed_on")
    facts = [forecasting.DealFacts(*row) for row in deals]
    return forecasting.forecast(facts, fy, probabilities_of(access.membership(user).org))


@transaction.atomic
def offer_instead(request, offered: str, detail: str, *, by):
    """Record the value offered instead of the discount asked (an introduction …)."""
    if offered not in request.Offer.values:
        raise ValueError(f"not an offer: {offered!r}")
    request.offered = offered
    request.offer_detail = detail[:300]
    request.save(update_fields=["offered", "offer_detail", "updated_at"])
    return request
