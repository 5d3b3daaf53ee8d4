"""The give-and-take ledger, the writes and what they tell: a favour recorded, an
introduction's outcome, the report back to the introducer (お礼・ご報告) — which the
inbox reminds of — and an introduction offered instead of a discount."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.deals import services as deals
from eigyo.followups import inbox
from eigyo.prospecting.domain import ledger as rules
from eigyo.prospecting.models import Favour
from eigyo.worktime.calendars import calendar_for

REPORT_BACK = inbox.kind(
    "report_back",
    gettext_lazy("Report back to the introducer (お礼・ご報告) by %(day)s: %(subject)s"),
    gettext_lazy("Introduction"),
    Favour,
    email=True,
    still=lambda favour: favour.reported_on is None,
    people=("counterpart", "introduced"),
)


@transaction.atomic
def record_favour(form, *, by) -> Favour:
    """A favour received or given (a validated FavourForm of `by`). A received
    introduction is to be reported back on within five business days unless said; an
    introduction given against a discount request becomes its value offered instead."""
    favour = form.save(commit=False)
    favour.org = access.membership(by).org
    needs_report = (
        favour.direction == Favour.Direction.RECEIVED and favour.kind == Favour.Kind.INTRODUCTION
    )
    if needs_report and favour.report_back_by is None:
        calendar = calendar_for(favour.org, favour.ours)
        favour.report_back_by = calendar.add_business_days(
            favour.on, rules.REPORT_BACK_BUSINESS_DAYS
        )
    favour.save()
    if favour.discount_request_id and favour.direction == Favour.Direction.GIVEN:
        deals.offer_instead(
            favour.discount_request,
            "introduction" if favour.kind == Favour.Kind.INTRODUCTION else "service",
            _("%(kind)s for %(person)s")
            % {"kind": favour.get_kind_display(), "person": favour.counterpart},
            by=by,
        )
    return access.ensure_visible(by, favour)


@transaction.atomic
def reported_back(favour: Favour, *, by) -> Favour:
    """お礼・ご報告 done today."""
    favour.reported_on = favour.reported_on or clock.today()
    favour.save(update_fields=["reported_on", "updated_at"])
    return favour


@transaction.atomic
def set_outcome(favour: Favour, outcome: str, *, by) -> Favour:
    if outcome not in Favour.Outcome.values:
        raise ValueError(f"not an outcome: {outcome!r}")
    favour.outcome = outcome
    favour.save(update_fields=["outcome", "updated_at"])
    return favour


def balances(favours) -> tuple[dict[int, int], dict[int, int]]:
    """(per person, per company) balance of `favours` (given − received, weighted)."""
    people: dict[int, list] = defaultdict(list)
    firms: dict[int, list] = defaultdict(list)
    for person, company, direction, kind in favours.values_list(
        "counterpart", "counterpart__company", "direction", "kind"
    ):
        people[person].append((direction, kind))
        if company:
            firms[company].append((direction, kind))
    return (
        {k: rules.balance(v) for k, v in people.items()},
        {k: rules.balance(v) for k, v in firms.items()},
    )


@inbox.due_source
def report_backs_due(today: dt.date, owners) -> list[dict]:
    """A received introduction not yet reported back on, from the day before its date."""
    due = Favour.objects.filter(
        direction=Favour.Direction.RECEIVED,
        kind=Favour.Kind.INTRODUCTION,
        reported_on__isnull=True,
        report_back_by__lte=today + dt.timedelta(days=1),
        ours__is_active=True,
    ).select_related("counterpart", "introduced")
    due = inbox.in_use(Favour, due)  # not about someone whose use has ceased
    if owners is not None:
        due = due.filter(ours__in=owners)
    return [
        dict(
            to=f.ours_id,
            kind=REPORT_BACK.name,
            key=f"report_back:{f.pk}:{f.report_back_by.isoformat()}",
            target=f,
            subject=" → ".join(str(x) for x in (f.counterpart, f.introduced) if x),
            day=f.report_back_by,
        )
        for f in due
    ]
