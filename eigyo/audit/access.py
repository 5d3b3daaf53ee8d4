"""Who sees the audit trail and the APPI records: the organisation's admins (named
rule `audits`); everyone else finds none of it (404, like a missing id). The history
panel of a record is shown to whoever sees the record, and holds only its writes."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.audit.models import AuditEvent, AuditSubject, ProvisionRecord, SubjectRequest


def audits(user) -> bool:
    """Reads the audit trail, handles data-subject requests, erases a person."""
    return access.is_admin(user)


def _admins_org(user):
    m = access.membership(user)
    return m.org_id if m is not None and audits(user) else None


@access.rule(AuditEvent)
def visible_events(user) -> QuerySet[AuditEvent]:
    """The organisation's events, for its admins."""
    org = _admins_org(user)
    return AuditEvent.objects.filter(org_id=org) if org else AuditEvent.objects.none()


@access.rule(AuditSubject)
def visible_subjects(user) -> QuerySet[AuditSubject]:
    org = _admins_org(user)
    return AuditSubject.objects.filter(org_id=org) if org else AuditSubject.objects.none()


@access.rule(SubjectRequest)
def visible_requests(user) -> QuerySet[SubjectRequest]:
    """The register of data-subject requests, for the admins."""
    org = _admins_org(user)
    return SubjectRequest.objects.filter(org_id=org) if org else SubjectRequest.objects.none()


@access.rule(ProvisionRecord)
def visible_provisions(user) -> QuerySet[ProvisionRecord]:
    """Records of provision and receipt, for the admins."""
    org = _admins_org(user)
    return ProvisionRecord.objects.filter(org_id=org) if org else ProvisionRecord.objects.none()


def history_of(user, obj) -> QuerySet[AuditEvent]:
    """The writes on a record the user sees (its page's history panel)."""
    m = access.membership(user)
    if m is None:
        return AuditEvent.objects.none()
    writes = [
        AuditEvent.Action.CREATE,
        AuditEvent.Action.UPDATE,
        AuditEvent.Action.DELETE,
    ]
    return AuditEvent.objects.filter(
        AuditEvent.about(obj._meta.label.lower(), obj.pk),
        org_id=m.org_id,
        action__in=writes,
    ).select_related("actor")


access.capability("audit", audits)
