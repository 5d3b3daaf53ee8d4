"""What the partner manager hears, through the inbox (and so by e-mail and the digest):
a partner projected to miss a period target, a termination right that opens (with the
day it lapses), a renewal whose notice deadline approaches. A due source of the inbox:
the `remind` worker and `eigyo partners alerts` write them, once each (keyed)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from eigyo.core.templatetags.eigyo import jdate
from eigyo.followups import inbox
from eigyo.partners import performance
from eigyo.partners.domain import contracts as rules
from eigyo.partners.models import Contract, PartnerProfile, Stage, Target, TerminationRight

PARTNER = _("Partner")
RENEWAL_LEAD_DAYS = 60

PROJECTED_MISS = inbox.kind(
    "partner_projected_miss",
    _("Partner projected to miss its target (period ends %(day)s): %(subject)s"),
    PARTNER,
    Target,
    email=True,
)
RIGHT_OPEN = inbox.kind(
    "partner_termination_right",
    _("A termination right is open until %(day)s: %(subject)s"),
    PARTNER,
    TerminationRight,
    email=True,
    urgent=True,
)
NOTICE_DEADLINE = inbox.kind(
    "partner_notice_deadline",
    _("Notice not to renew must be given by %(day)s: %(subject)s"),
    PARTNER,
    Contract,
    email=True,
)

LIVE = [Stage.CONTRACTED, Stage.ACTIVE, Stage.REVIEW]


@inbox.due_source
def partner_alerts(today: dt.date, owners) -> list[dict]:
    """Every alert due today for the partner managers among `owners` (all if None)."""
    profiles = PartnerProfile.objects.filter(
        stage__in=LIVE, manager__isnull=False, manager__is_active=True
    ).select_related("partner", "partner__org")
    if owners is not None:
        profiles = profiles.filter(manager_id__in=list(owners))
    profiles = list(profiles)
    if not profiles:
        return []
    facts = performance.facts_for([p.partner_id for p in profiles])
    out: list[dict] = []
    for profile in profiles:
        partner, to = profile.partner, profile.manager_id
        for line in performance.current_lines(partner, today, facts[partner.pk]):
            if not line.behind:
                continue
            t = line.target
            out.append(
                dict(
                    to=to,
                    kind=PROJECTED_MISS.name,
                    key=f"partner_miss:{t.pk}:{to}",
                    target=t,
                    subject=f"{partner} · {line.period.label_ja} · {t.get_metric_display()}"
                    f" {line.progress.projected_percent}%",
                    day=line.period.end,
                )
            )
        contracts = Contract.objects.filter(partner=partner).prefetch_related(
            "targets", "termination_rights"
        )
        for contract in contracts:
            state = performance.contract_state(contract, today, facts[partner.pk])
            for right, window in state.windows:
                out.append(
                    dict(
                        to=to,
                        kind=RIGHT_OPEN.name,
                        key=f"partner_right:{right.pk}:{window.opens.isoformat()}:{to}",
                        target=right,
                        subject=f"{partner} · {contract} · {jdate(window.opens)}〜",
                        day=window.lapses,
                    )
                )
            if state.notice_by and rules.renewal_alert_due(
                state.notice_by, today, RENEWAL_LEAD_DAYS
            ):
                out.append(
                    dict(
                        to=to,
                        kind=NOTICE_DEADLINE.name,
                        key=f"partner_notice:{contract.pk}:{state.notice_by.isoformat()}:{to}",
                        target=contract,
                        subject=f"{partner} · {contract}",
                        day=state.notice_by,
                    )
                )
    return out


@transaction.atomic
def send(today: dt.date, owners=None) -> list[dict]:
    """Put the partner alerts due today in the managers' inboxes (each once; the
    `remind` worker e-mails them). Returns every alert due, told now or before."""
    due = partner_alerts(today, owners)
    for alert in due:
        inbox.notify(**alert)
    return due
