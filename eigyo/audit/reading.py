"""Reads and exports of personal data (core.signals.personal_data_read) and lists
received from third parties (core.signals.personal_data_received), as events."""

from __future__ import annotations

from eigyo.audit import provision, tracking
from eigyo.audit.models import AuditEvent, ProvisionRecord

A = AuditEvent.Action
ACTIONS = {"view": A.VIEW, "export": A.EXPORT, "api": A.API_READ, "feed": A.FEED_READ}


def _org_of_user(user) -> int | None:
    m = getattr(user, "membership", None) if user is not None else None
    return m.org_id if m else tracking.acting_org()


def data_read(
    sender,
    user=None,
    model=None,
    pks=(),
    action="view",
    via="",
    items=None,
    recipient=None,
    basis="",
    credential=None,
    people=None,
    **kwargs,
):
    pks = [pk for pk in pks if pk is not None]
    label = model._meta.label if model is not None else ""
    is_person = label == "contacts.Person"
    subjects = list(pks) if is_person else list(people or [])
    org_id = _org_of_user(user)
    payload = {"items": list(items or []), "count": len(pks)}
    if not is_person:
        payload["ids"] = list(pks)
    tracking.record(
        ACTIONS.get(action, A.VIEW),
        org_id=org_id,
        object_type=label.lower(),
        object_id=pks[0] if len(pks) == 1 else "",
        payload=payload,
        subjects=subjects,
        actor=user,
        via=via or None,
        credential=credential,
    )
    if recipient is not None and subjects and org_id:
        from eigyo.accounts.models import Partner
        from eigyo.contacts.models import Person

        people_rows = list(Person.objects.filter(org_id=org_id, pk__in=subjects))
        if isinstance(recipient, Partner):
            provision.provide(
                people_rows,
                org_id=org_id,
                partner=recipient,
                source=ProvisionRecord.Source.EXPORT,
                items=items,
                basis=basis,
                reference=str(via)[:200],
                by=user,
            )
        else:
            info = recipient if isinstance(recipient, dict) else {"name": str(recipient)}
            provision.provide(
                people_rows,
                org_id=org_id,
                counterparty=info.get("name", ""),
                address=info.get("address", ""),
                representative=info.get("representative", ""),
                source=ProvisionRecord.Source.EXPORT,
                items=items,
                basis=basis,
                reference=str(via)[:200],
                by=user,
            )


def data_received(
    sender, user=None, model=None, pks=(), provider="", obtained="", items=None, source="", **kw
):
    from eigyo.contacts.models import Person

    org_id = _org_of_user(user)
    if model is not None and model._meta.label != "contacts.Person":
        return
    people = list(Person.objects.filter(org_id=org_id, pk__in=list(pks)))
    provision.receive(
        people,
        org_id=org_id,
        provider=provider,
        obtained=obtained,
        items=items,
        reference=source,
        by=user,
    )
