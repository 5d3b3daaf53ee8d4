"""Leads, the writes and what they tell: entered (and resolved to the registry and to
the organisation's companies and people, never duplicating them), assigned with a
deadline in business hours, first touched, accepted into the portfolio or rejected
with a reason and a rating; a missed deadline escalates like an instruction."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from eigyo.accounts import access
from eigyo.accounts.models import Membership
from eigyo.companies.merging import look_alikes
from eigyo.companies.models import Company
from eigyo.companies.services import company_from_registry
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.deals.models import Deal, Stage
from eigyo.followups import inbox
from eigyo.lib import jp_text
from eigyo.portfolio import services as portfolio
from eigyo.portfolio.models import Relationship
from eigyo.prospecting.domain import calls as stats
from eigyo.prospecting.domain import leads as rules
from eigyo.prospecting.models import Lead
from eigyo.registry.models import RegistryEntry
from eigyo.registry.resolving import candidates
from eigyo.worktime.calendars import calendar_for

LEAD = gettext_lazy("Lead")


def _untouched(lead) -> bool:
    return lead.status == Lead.Status.ASSIGNED and lead.first_touch_at is None


ASSIGNED = inbox.kind(
    "lead_assigned",
    gettext_lazy("A lead for you, first touch by %(day)s: %(subject)s"),
    LEAD,
    Lead,
    email=True,
    still=_untouched,
    people=("person",),
)
OVERDUE = inbox.kind(
    "lead_overdue",
    gettext_lazy("A lead's deadline passed untouched (%(day)s): %(subject)s"),
    LEAD,
    Lead,
    email=True,
    urgent=True,
    still=_untouched,
    people=("person",),
)
ESCALATION = inbox.kind(
    "lead_escalation",
    gettext_lazy("%(actor)s has not touched a lead due %(day)s: %(subject)s"),
    LEAD,
    Lead,
    email=True,
    urgent=True,
    still=_untouched,
    people=("person",),
)
DECIDED = inbox.kind(
    "lead_decided",
    gettext_lazy("%(actor)s decided on your lead: %(subject)s"),
    LEAD,
    Lead,
    people=("person",),
)


class LeadDecided(ValueError):
    """The lead was accepted or rejected already; the message is for the user."""


def _open(lead: Lead) -> None:
    if lead.status in (Lead.Status.ACCEPTED, Lead.Status.REJECTED):
        raise LeadDecided(str(gettext_lazy("This lead was decided already.")))


def _subject(lead: Lead) -> str:
    return f"{lead.company_name} · {lead.family_name} {lead.given_name}".strip()


def resolve(lead: Lead) -> Lead:
    """Find what the lead stands for: the registry entity (by name), the organisation's
    company (same name, corporate number, registry entity, or people at the same e-mail
    domain) and person (same e-mail, else the same name at that company)."""
    org_companies = Company.objects.filter(org=lead.org_id)
    by_number = (
        RegistryEntry.objects.filter(corporate_number=lead.corporate_number).first()
        if lead.corporate_number
        else None
    )
    status, entries = candidates(lead.company_name, limit=1)
    lead.registry = by_number or (entries[0] if status == "matched" and entries else None)
    key = jp_text.company_name_key(lead.company_name)
    found = look_alikes(
        org_companies,
        name_key=key,
        corporate_number=lead.corporate_number
        or (lead.registry.corporate_number if lead.registry else ""),
        registry_ids=[lead.registry.pk] if lead.registry else [],
    ).first()
    domain = rules.mail_domain(lead.email)
    if found is None and domain:
        # Only a domain that belongs to one company says which company it is.
        firms = set(
            Person.objects.filter(
                org=lead.org_id, email__iendswith="@" + domain, company__isnull=False
            ).values_list("company", flat=True)
        )
        found = org_companies.get(pk=firms.pop()) if len(firms) == 1 else None
    lead.company = found
    people = Person.objects.filter(org=lead.org_id)
    person = people.filter(email__iexact=lead.email).first() if lead.email else None
    if person is None and found is not None:
        person = people.filter(
            company=found, family_name=lead.family_name, given_name=lead.given_name
        ).first()
    lead.person = person
    return lead


@transaction.atomic
def create_lead(form, *, by) -> Lead:
    """A lead entered by marketing (a validated LeadForm of `by`), resolved; assigned
    at once when the form names a rep."""
    lead = form.save(commit=False)
    lead.org = access.membership(by).org
    lead.created_by = by
    lead.arrived_at = lead.arrived_at or clock.now()
    resolve(lead)
    owner = lead.owner
    lead.owner = None
    lead.save()
    if owner is not None:
        assign(lead, owner, by=by)
    return access.ensure_visible(by, lead) if not access.is_marketing(by) else lead


@transaction.atomic
def assign(lead: Lead, owner, *, by) -> Lead:
    """Give the lead to a rep: first touch due within the source's business hours."""
    _open(lead)
    now = clock.now()
    calendar = calendar_for(lead.org, owner)
    hours = rules.DEADLINE_HOURS.get(lead.source, rules.DEADLINE_HOURS["other"])
    lead.owner, lead.status, lead.assigned_at = owner, Lead.Status.ASSIGNED, now
    lead.due_at = rules.deadline(timezone.localtime(now), hours, calendar)
    lead.save()
    inbox.notify(
        to=owner,
        kind=ASSIGNED.name,
        key=f"lead_assigned:{lead.pk}:{owner.pk}",
        target=lead,
        subject=_subject(lead),
        day=timezone.localtime(lead.due_at).date(),
        actor=by,
    )
    return lead


@transaction.atomic
def touch(lead: Lead, *, by) -> Lead:
    """The rep reached out (the first time counts)."""
    if lead.first_touch_at is None:
        lead.first_touch_at = clock.now()
        lead.save(update_fields=["first_touch_at", "updated_at"])
    return lead


def _decided(lead: Lead, by) -> None:
    lead.first_touch_at = lead.first_touch_at or clock.now()
    lead.decided_at = clock.now()
    lead.save()
    inbox.notify(
        to=lead.created_by_id,
        kind=DECIDED.name,
        key=f"lead_decided:{lead.pk}",
        target=lead,
        subject=f"{_subject(lead)} · {lead.get_status_display()}",
        day=clock.today(),
        actor=by,
    )


@transaction.atomic
def accept(lead: Lead, *, rating: int | None, comment: str = "", by) -> Lead:
    """The rep takes the lead: the company (found, from the registry, or new) enters
    their portfolio as a new approach, the person is matched or created."""
    _open(lead)
    org = access.membership(by).org
    if lead.company is None or lead.person is None:
        resolve(lead)  # another lead may have brought the company or person since
    owner = lead.owner or by  # a manager deciding for a rep: the rep's portfolio
    firm = lead.company
    if firm is None and lead.registry is not None:
        firm, _created = company_from_registry(org, lead.registry)
    if firm is None:
        firm = Company.objects.create(
            org=org, legal_name=lead.company_name.strip(), phone=lead.phone
        )
    if not Relationship.objects.filter(org=org, company=firm, owner=owner).exists():
        portfolio.add_to_portfolio(
            org=org,
            company=firm,
            owner=owner,
            tier="new",
            on=clock.today(),
            reason=str(gettext_lazy("From a lead")),
            by=by,
        )
    person = lead.person or Person.objects.create(
        org=org,
        company=firm,
        family_name=lead.family_name,
        given_name=lead.given_name,
        family_kana=lead.family_kana,
        given_kana=lead.given_kana,
        title=lead.title,
        email=lead.email,
        phone=lead.phone,
        created_by=by,
    )
    lead.company, lead.person = firm, person
    lead.owner = owner
    lead.status, lead.rating, lead.comment, lead.reason = Lead.Status.ACCEPTED, rating, comment, ""
    _decided(lead, by)
    return lead


@transaction.atomic
def reject(lead: Lead, *, reason: str, rating: int | None, comment: str = "", by) -> Lead:
    """The rep turns the lead down with one of the fixed reasons."""
    _open(lead)
    if reason not in Lead.Reason.values:
        raise ValueError(f"not a reason: {reason!r}")
    lead.owner = lead.owner or by
    lead.status, lead.reason, lead.rating, lead.comment = (
        Lead.Status.REJECTED,
        reason,
        rating,
        comment,
    )
    _decided(lead, by)
    return lead


@inbox.due_source
def leads_due(today: dt.date, owners) -> list[dict]:
    """A lead still untouched when its deadline passed: its rep, then their manager."""
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    now = min(clock.now(), end)
    late = Lead.objects.filter(
        status=Lead.Status.ASSIGNED, first_touch_at__isnull=True, due_at__lte=now
    ).select_related("owner")
    if owners is not None:
        late = late.filter(owner__in=owners)
    late = inbox.in_use(Lead, late)  # not about someone whose use has ceased
    members = {
        m.user_id: m
        for m in Membership.objects.filter(user__in={x.owner_id for x in late}).select_related(
            "team", "org"
        )
    }
    out, admins = [], {}
    for lead in late:
        day = timezone.localtime(lead.due_at).date()
        out.append(
            dict(
                to=lead.owner_id,
                kind=OVERDUE.name,
                key=f"lead_overdue:{lead.pk}:{lead.owner_id}:{lead.due_at:%Y%m%d%H%M}",
                target=lead,
                subject=_subject(lead),
                day=day,
            )
        )
        if lead.owner_id in members:
            for boss in inbox.managers_of(members[lead.owner_id], admins):
                out.append(
                    dict(
                        to=boss,
                        kind=ESCALATION.name,
                        key=f"lead_escalation:{lead.pk}:{boss}:{lead.due_at:%Y%m%d%H%M}",
                        target=lead,
                        subject=_subject(lead),
                        day=day,
                        actor=lead.owner_id,
                    )
                )
    return out


# --- what sales did with marketing's leads ---------------------------------------


@dataclass
class SourceReport:
    """The leads of one source (and campaign): what became of them."""

    source: str
    campaign: str
    leads: int = 0
    decided: int = 0
    accepted: int = 0
    deals: int = 0
    won: int = 0
    hours_to_touch: list[float] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    ratings: list[int] = field(default_factory=list)

    @property
    def acceptance(self) -> stats.Rate:
        return stats.Rate(self.accepted, self.decided)

    @property
    def why_rejected(self) -> list[tuple[str, int]]:
        return self.reasons.most_common()

    @property
    def median_hours(self) -> float | None:
        return statistics.median(self.hours_to_touch) if self.hours_to_touch else None

    @property
    def mean_rating(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


def report(leads, org) -> list[SourceReport]:
    """Per source and campaign: leads, accepted (with its Wilson interval), became a
    deal, won, median business hours to first touch, the reasons for rejecting."""
    rows: dict[tuple[str, str], SourceReport] = {}
    calendars: dict[int, object] = {}
    leads = list(leads.select_related("owner"))
    accepted_companies = {lead.company_id for lead in leads if lead.status == Lead.Status.ACCEPTED}
    deals = defaultdict(list)
    for company_id, created, stage in Deal.objects.filter(
        org=org, company__in=accepted_companies
    ).values_list("company", "created_at", "stage"):
        deals[company_id].append((created, stage))
    for lead in leads:
        row = rows.setdefault(
            (lead.source, lead.campaign), SourceReport(lead.source, lead.campaign)
        )
        row.leads += 1
        if lead.status in (Lead.Status.ACCEPTED, Lead.Status.REJECTED):
            row.decided += 1
        if lead.rating:
            row.ratings.append(lead.rating)
        if lead.status == Lead.Status.REJECTED:
            row.reasons[lead.reason] += 1
        if lead.status == Lead.Status.ACCEPTED:
            row.accepted += 1
            after = [
                s for created, s in deals.get(lead.company_id, []) if created >= lead.decided_at
            ]
            row.deals += bool(after)
            row.won += Stage.WON in after
        if lead.first_touch_at and lead.assigned_at and lead.owner_id:
            if lead.owner_id not in calendars:
                calendars[lead.owner_id] = calendar_for(org, lead.owner)
            row.hours_to_touch.append(
                rules.business_hours_between(
                    timezone.localtime(lead.assigned_at),
                    timezone.localtime(lead.first_touch_at),
                    calendars[lead.owner_id],
                )
            )
    return sorted(rows.values(), key=lambda r: (r.source, r.campaign))
