"""Records of third-party provision and receipt (APPI Arts. 29/30), written by
themselves: when a partner comes to see our people (a company or deal assigned to
it, a person added where it already sees), when an export is made for a third
party, and when a list from a third party is imported."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from eigyo.audit import tracking
from eigyo.audit.models import AuditEvent, ProvisionRecord
from eigyo.core import clock

# What a partner user sees of a person (the person page and list).
PERSON_ITEMS = ["name", "kana", "company", "department", "title", "email", "phone", "mobile"]


def keep_until(day: dt.date | None = None) -> dt.date:
    day = day or clock.today()
    return day + dt.timedelta(days=settings.EIGYO_PROVISION_RETENTION_DAYS)


def _shareable(people):
    return [p for p in people if not (p.use_ceased or p.provision_stopped)]


def provide(
    people,
    *,
    org_id: int,
    source: str,
    partner=None,
    counterparty: str = "",
    address: str = "",
    representative: str = "",
    items=None,
    basis: str = "",
    reference: str = "",
    by=None,
) -> list[ProvisionRecord]:
    """Record that these people's data was provided to a third party (a partner or
    a named recipient), with one audit event naming them all."""
    people = _shareable(people)
    if not people:
        return []
    items = list(items or PERSON_ITEMS)
    basis = basis or settings.EIGYO_PROVISION_BASIS
    name = counterparty or (partner.name if partner is not None else "")
    now = clock.now()
    by = by if by is not None else tracking.who()["actor"]
    rows = ProvisionRecord.objects.bulk_create(
        [
            ProvisionRecord(
                org_id=org_id,
                direction=ProvisionRecord.Direction.PROVIDED,
                source=source,
                occurred_at=now,
                person=p,
                person_label=p.display_name,
                partner=partner,
                counterparty=name[:200],
                counterparty_address=address[:300],
                counterparty_representative=representative[:200],
                items=items,
                basis=basis[:200],
                reference=reference[:200],
                recorded_by=by if getattr(by, "pk", None) else None,
                keep_until=keep_until(),
            )
            for p in people
        ]
    )
    tracking.record(
        AuditEvent.Action.PROVISION,
        org_id=org_id,
        object_type="accounts.partner" if partner is not None else "",
        object_id=partner.pk if partner is not None else "",
        payload={"to": name, "items": items, "basis": basis, "source": source, "ref": reference},
        subjects=[p.pk for p in people],
    )
    return rows


def receive(
    people, *, org_id: int, provider: str, obtained: str, items=None, reference="", by=None
) -> list[ProvisionRecord]:
    """Record that these people's data came from a third party, and how they got it."""
    people = list(people)
    if not people:
        return []
    items = list(items or PERSON_ITEMS)
    now = clock.now()
    rows = ProvisionRecord.objects.bulk_create(
        [
            ProvisionRecord(
                org_id=org_id,
                direction=ProvisionRecord.Direction.RECEIVED,
                source=ProvisionRecord.Source.IMPORT,
                occurred_at=now,
                person=p,
                person_label=p.display_name,
                counterparty=provider[:200],
                items=items,
                obtained=obtained[:300],
                reference=str(reference)[:200],
                recorded_by=by if getattr(by, "pk", None) else None,
                keep_until=keep_until(),
            )
            for p in people
        ]
    )
    tracking.record(
        AuditEvent.Action.RECEIPT,
        org_id=org_id,
        payload={"from": provider, "obtained": obtained, "items": items, "ref": str(reference)},
        subjects=[p.pk for p in people],
        actor=by,
    )
    return rows


# --- what makes a partner see people ------------------------------------------------


def after_save(instance, created: bool, changes: dict) -> None:
    """Called by the trail for every audited write; acts on the few that share people."""
    label = instance._meta.label
    if label == "companies.Company":
        if "partner_id" in changes and instance.partner_id:
            from eigyo.contacts.models import Person

            provide(
                Person.objects.filter(company=instance),
                org_id=instance.org_id,
                partner=instance.partner,
                source=ProvisionRecord.Source.PARTNER,
                reference=f"company:{instance.pk}",
            )
    elif label == "deals.Deal":
        if "partner_id" in changes and instance.partner_id:
            from eigyo.contacts.models import Person
            from eigyo.deals.models import Stakeholder

            provide(
                Person.objects.filter(
                    pk__in=Stakeholder.objects.filter(deal=instance).values("person_id")
                ),
                org_id=instance.org_id,
                partner=instance.partner,
                source=ProvisionRecord.Source.PARTNER,
                reference=f"deal:{instance.pk}",
            )
    elif label == "contacts.Person":
        moved = created or "company_id" in changes
        if moved and instance.company_id:
            company = instance.company
            if company.partner_id:
                provide(
                    [instance],
                    org_id=instance.org_id,
                    partner=company.partner,
                    source=ProvisionRecord.Source.PARTNER,
                    reference=f"company:{company.pk}",
                )
    elif label == "deals.Stakeholder" and created:
        deal = instance.deal
        if deal.partner_id:
            provide(
                [instance.person],
                org_id=instance.org_id,
                partner=deal.partner,
                source=ProvisionRecord.Source.PARTNER,
                reference=f"deal:{deal.pk}",
            )


@transaction.atomic
def prune_expired(today: dt.date) -> int:
    """Records past their retention go (the one way a record leaves); counted in the
    trail of each organisation."""
    expired = ProvisionRecord.objects.filter(keep_until__lt=today)
    counts: dict[int, int] = {}
    for org_id in expired.values_list("org_id", flat=True):
        counts[org_id] = counts.get(org_id, 0) + 1
    expired._raw_delete(expired.db)
    for org_id, n in counts.items():
        tracking.record(
            AuditEvent.Action.PRUNE,
            org_id=org_id,
            object_type="audit.provisionrecord",
            payload={"deleted": n, "kept_until_before": today.isoformat()},
        )
    return sum(counts.values())
