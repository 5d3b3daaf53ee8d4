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


def _continuing(records):
    """Of `records`, the partner provisions that still go on: the partner still sees the
    person (at a company assigned to it, or on a deal assigned to it) and the person has
    not stopped it. Continuous provision is kept from the *last* provision (TRUST.md)."""
    from django.db.models import Exists, F, OuterRef, Q

    from eigyo.deals.models import Stakeholder

    on_deal = Stakeholder.objects.filter(
        person=OuterRef("person"), deal__partner=OuterRef("partner")
    )
    return records.filter(
        direction=ProvisionRecord.Direction.PROVIDED,
        source=ProvisionRecord.Source.PARTNER,
        partner__isnull=False,
        person__use_ceased=False,
        person__provision_stopped=False,
    ).filter(Q(person__company__partner=F("partner")) | Exists(on_deal))


def _provision_ended(org_id: int, partner_id: int, people) -> None:
    """A partner stopped seeing these people: their records are kept from today."""
    ProvisionRecord.objects.filter(
        org_id=org_id,
        partner_id=partner_id,
        person__in=people,
        direction=ProvisionRecord.Direction.PROVIDED,
        source=ProvisionRecord.Source.PARTNER,
        keep_until__lt=keep_until(),
    ).update(keep_until=keep_until())  # a longer keeping, not a change of the record


def after_save(instance, created: bool, changes: dict) -> None:
    """Called by the trail for every audited write; acts on the few that share people."""
    label = instance._meta.label
    before = changes.get("partner_id", [None])[0] if not created else None
    if label == "companies.Company" and before and before != instance.partner_id:
        from eigyo.contacts.models import Person

        _provision_ended(instance.org_id, before, Person.objects.filter(company=instance))
    elif label == "deals.Deal" and before and before != instance.partner_id:
        from eigyo.deals.models import Stakeholder

        people = Stakeholder.objects.filter(deal=instance).values("person_id")
        _provision_ended(instance.org_id, before, people)
    elif label == "contacts.Person" and not created and changes.get("company_id", [None])[0]:
        from eigyo.companies.models import Company

        old = Company.objects.filter(pk=changes["company_id"][0]).values("partner_id").first()
        if old and old["partner_id"]:
            _provision_ended(instance.org_id, old["partner_id"], [instance.pk])
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
    trail of each organisation. A partner's provision that still goes on is not past
    it: its records are kept `EIGYO_PROVISION_RETENTION_DAYS` from today (run daily,
    they are kept that long from the last provision)."""
    _continuing(ProvisionRecord.objects.all()).update(keep_until=keep_until(today))
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
