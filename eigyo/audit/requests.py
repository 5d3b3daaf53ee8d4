"""The register of data-subject requests (APPI Arts. 33–35): writes, the internal
deadline, and what falls due in the admins' inbox."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.audit.models import SubjectRequest
from eigyo.core import clock

WARN_DAYS = 3  # the admins hear of an open request this many days before its deadline


def deadline(received_on: dt.date) -> dt.date:
    return received_on + dt.timedelta(days=settings.EIGYO_APPI_DEADLINE_DAYS)


@transaction.atomic
def register(form, *, by) -> SubjectRequest:
    """A request received (a validated SubjectRequestForm of `by`)."""
    req = form.save(commit=False)
    req.org = access.membership(by).org
    if not req.due_on:
        req.due_on = deadline(req.received_on)
    req.handled_by = req.handled_by or by
    req.save()
    return access.ensure_visible(by, req)


@transaction.atomic
def save_request(form, *, by) -> SubjectRequest:
    """Change a request (its identity check, scope, outcome, what was sent, status)."""
    req = form.save(commit=False)
    if req.status != SubjectRequest.Status.OPEN and req.closed_on is None:
        req.closed_on = clock.today()
    if req.status == SubjectRequest.Status.OPEN:
        req.closed_on = None
    req.save()
    return access.ensure_visible(by, req)


@transaction.atomic
def set_use(person, *, ceased: bool | None = None, provision_stopped: bool | None = None, by):
    """Cessation of use / stopping third-party provision (or lifting either): the
    record stays; it leaves digests, exports and partners' sight."""
    fields = []
    if ceased is not None and person.use_ceased != ceased:
        person.use_ceased = ceased
        fields.append("use_ceased")
    if provision_stopped is not None and person.provision_stopped != provision_stopped:
        person.provision_stopped = provision_stopped
        fields.append("provision_stopped")
    if fields:
        person.save(update_fields=fields)
    return person


def declare_inbox() -> None:
    from eigyo.followups import inbox

    inbox.kind(
        "appi_request_due",
        _("A data-subject request is due %(day)s: %(subject)s"),
        _("Privacy"),
        SubjectRequest,
        email=True,
        still=lambda r: r.status == SubjectRequest.Status.OPEN,
    )
    inbox.kind(
        "appi_request_overdue",
        _("A data-subject request passed its deadline of %(day)s: %(subject)s"),
        _("Privacy"),
        SubjectRequest,
        email=True,
        urgent=True,
        still=lambda r: r.status == SubjectRequest.Status.OPEN,
    )
    inbox.due_source(requests_due)


def requests_due(today: dt.date, owners) -> list[dict]:
    """Open requests near or past their deadline, for every admin of the organisation."""
    due = SubjectRequest.objects.filter(
        status=SubjectRequest.Status.OPEN, due_on__lte=today + dt.timedelta(days=WARN_DAYS)
    )
    wanted = None if owners is None else set(owners)
    by_org: dict[int, list[int]] = {}
    for org_id in set(due.values_list("org_id", flat=True)):
        ids = access.admin_ids(org_id)
        by_org[org_id] = [u for u in ids if wanted is None or u in wanted]
    out = []
    for r in due.filter(org_id__in=list(by_org)):
        overdue = today > r.due_on
        kind = "appi_request_overdue" if overdue else "appi_request_due"
        for user_id in by_org[r.org_id]:
            out.append(
                dict(
                    to=user_id,
                    kind=kind,
                    key=f"{kind}:{r.pk}:{r.due_on.isoformat()}:{user_id}",
                    target=r,
                    subject=f"{r.get_kind_display()} #{r.pk}",
                    day=r.due_on,
                )
            )
    return out
