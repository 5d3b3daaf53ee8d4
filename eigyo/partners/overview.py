"""The partner manager's one page: which partners are behind target, which idle, which
contract can be ended and until when, which renewal needs notice soon, and whether
training changed anything — over the partners the user sees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.partners import performance
from eigyo.partners.alerts import LIVE, RENEWAL_LEAD_DAYS
from eigyo.partners.domain import contracts as rules
from eigyo.partners.domain import periods
from eigyo.partners.models import Contract, Metric


@dataclass
class Row:
    """One partner on the board."""

    partner: Partner
    lines: list = field(default_factory=list)
    revenue: performance.Line | None = None
    idle: object = None
    rights: list = field(default_factory=list)  # (contract, right, window)
    notices: list = field(default_factory=list)  # (contract, deadline)
    cautions: list = field(default_factory=list)  # (contract, caution)
    effect: dict | None = None

    @property
    def behind(self) -> bool:
        return any(line.behind for line in self.lines)


def board(user, today: dt.date) -> dict:
    partners = list(
        access.visible(user, Partner)
        .filter(profile__stage__in=LIVE)
        .select_related("profile", "profile__manager", "org")
        .order_by("name")
    )
    facts = performance.facts_for([p.pk for p in partners])
    idle = performance.idling(partners, today)
    contracts: dict[int, list[Contract]] = {}
    for c in Contract.objects.filter(partner__in=partners).prefetch_related(
        "targets", "termination_rights"
    ):
        contracts.setdefault(c.partner_id, []).append(c)
    rows = []
    for p in partners:
        row = Row(p, lines=performance.current_lines(p, today, facts[p.pk]), idle=idle.get(p.pk))
        quarter = [
            ln
            for ln in row.lines
            if ln.target.metric == Metric.REVENUE and ln.period.kind == periods.QUARTER
        ]
        row.revenue = quarter[0] if quarter else None
        for c in contracts.get(p.pk, []):
            state = performance.contract_state(c, today, facts[p.pk])
            row.rights += [(c, right, window) for right, window in state.windows]
            if state.notice_by and rules.renewal_alert_due(
                state.notice_by, today, RENEWAL_LEAD_DAYS
            ):
                row.notices.append((c, state.notice_by))
            if state.caution:
                row.cautions.append((c, state.caution))
        row.effect = performance.training_effect(p, today)
        rows.append(row)
    return {
        "rows": rows,
        "behind": [r for r in rows if r.behind],
        "idle": [r for r in rows if r.idle],
        "rights": [r for r in rows if r.rights],
        "notices": [r for r in rows if r.notices],
        "trained": [r for r in rows if r.effect and r.effect["partner"]],
        "quarter": periods.period_of(today, periods.QUARTER),
    }
