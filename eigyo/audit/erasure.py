"""Erasing a person (APPI Art. 35 deletion): their names, e-mail and phone numbers
are removed from every free-text field and uploaded list of the organisation, the
enquiries that came from them lose their personal fields, the person row goes (with
the rows that only describe them: ties, buying-group places, praise), and the audit
trail keeps only a pseudonymous trace: the events about them have their details
blanked (their chained digests stay, so the chain verifies) and one erasure event
names the pseudonym, the request and what was removed."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections import Counter

from django.conf import settings
from django.db import transaction

from eigyo.audit import chain, disclosure, tracking
from eigyo.audit.models import AuditEvent, AuditSubject, ProvisionRecord, SubjectRequest

REMOVED = "［削除済み］"


def pseudonym(org_id: int, person_id: int) -> str:
    """A stable stand-in for an erased person (the same person, the same pseudonym)."""
    mac = hmac.new(settings.SECRET_KEY.encode(), f"{org_id}:{person_id}".encode(), hashlib.sha256)
    return "P-" + mac.hexdigest()[:12]


def _scrub(text: str, patterns: list[re.Pattern]) -> str:
    for p in patterns:
        text = p.sub(REMOVED, text)
    return text


def _without(event: AuditEvent, pk: int, patterns: list[re.Pattern], alias: str) -> str:
    """A bulk event's payload with the person's rows (their own, one linking to them,
    one naming them) replaced by the pseudonym."""
    data = event.data
    about = {r["id"] for r in tracking.rows_about(event, pk)}
    rows = []
    for row in data.get("rows", []):
        text = chain.canonical({"row": row})
        if row[0] in about or any(p.search(text) for p in patterns):
            rows.append([row[0], {"redacted": alias}])
        else:
            rows.append(row)
    if "rows" in data:
        data["rows"] = rows
    data.pop("repr", None)
    return chain.canonical(data)


@transaction.atomic
def erase(person, *, by, request: SubjectRequest | None = None) -> dict:
    """Remove the person's personal data from every table; returns what was done."""
    org_id, pk = person.org_id, person.pk
    alias = pseudonym(org_id, pk)
    forms = disclosure.name_forms(person)
    patterns = [re.compile(re.escape(f), re.IGNORECASE) for f in forms]
    scrubbed: Counter = Counter()
    with tracking.quiet():
        # Free text naming them, everywhere.
        for model in disclosure.scanned_models():
            fields = disclosure.text_fields(model)
            for row in disclosure._naming(model, person, forms):
                values = {f: _scrub(getattr(row, f) or "", patterns) for f in fields}
                changed = {f: v for f, v in values.items() if v != (getattr(row, f) or "")}
                if changed:
                    model._base_manager.filter(pk=row.pk).update(**changed)
                    scrubbed[model._meta.label] += 1
        # Uploaded lists: the lines that carry them go.
        from eigyo.transfer.models import CompanyImport, ImportCheck

        for upload in disclosure.imports_naming(person):
            text = upload.content
            naming = set(disclosure._lines_naming(text, person))
            upload.content = "\n".join(x for x in text.splitlines() if x not in naming)
            CompanyImport.objects.filter(pk=upload.pk).update(upload=upload.upload)
            # A previewed list's checked rows go with it (its import checks it again).
            ImportCheck.objects.filter(batch_id=upload.pk).delete()
            scrubbed["transfer.CompanyImport"] += 1
        # Their enquiries keep the fact of the enquiry, not who made it.
        from eigyo.prospecting.models import Lead

        leads = Lead.objects.filter(person=person)
        scrubbed["prospecting.Lead"] += leads.update(
            family_name=alias, given_name="", family_kana="", given_kana="", email="", phone=""
        )
        # Records that must stay (provision, requests) keep the pseudonym.
        ProvisionRecord.objects.filter(org_id=org_id, person=person).update(person_label=alias)
        SubjectRequest.objects.filter(org_id=org_id, person=person).update(requester=alias)
        # The trail: events about them are blanked to the pseudonym.
        about = AuditEvent.objects.filter(org_id=org_id).filter(
            pk__in=AuditSubject.objects.filter(org_id=org_id, person_id=pk).values("event")
        ) | AuditEvent.objects.filter(AuditEvent.about("contacts.person", pk), org_id=org_id)
        naming = AuditEvent.objects.none()
        for form in forms:
            naming = naming | AuditEvent.objects.filter(org_id=org_id, payload__icontains=form)
        ids = sorted(
            set(about.values_list("pk", flat=True)) | set(naming.values_list("pk", flat=True))
        )
        blank = chain.canonical({"redacted": alias})
        bulk = [
            e
            for e in AuditEvent.objects.filter(pk__in=ids, object_id="")
            if "rows" in e.data or "ids" in e.data
        ]
        for e in bulk:
            # A bulk write's event keeps the other rows' record; theirs goes.
            AuditEvent.objects.filter(pk=e.pk).update(
                payload=_without(e, pk, patterns, alias), redacted=True
            )
        skip = {e.pk for e in bulk}
        AuditEvent.objects.filter(pk__in=[i for i in ids if i not in skip]).update(
            payload=blank, redacted=True
        )
        # The person and what only describes them.
        _count, deleted = person.delete()
    done = {
        "pseudonym": alias,
        "scrubbed": dict(scrubbed),
        "deleted": {k: v for k, v in deleted.items() if v},
        "redacted_events": ids,
        "request": request.pk if request else None,
    }
    tracking.record(
        AuditEvent.Action.ERASURE,
        org_id=org_id,
        object_type="contacts.person",
        object_id=pk,
        payload=done,
        actor=by,
    )
    if request is not None:
        from eigyo.core import clock

        SubjectRequest.objects.filter(pk=request.pk).update(
            person=None, status=SubjectRequest.Status.DONE, closed_on=clock.today()
        )
    return done
