"""The history panel on detail pages (company, person, deal, and every other record's
page through core.contributions.DETAIL): what changed on the record, field by field,
by whom and when. Contributed to the pages' "timeline" slot, so the apps below need
not know the audit trail exists."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from eigyo.audit import access as audit_access
from eigyo.audit import tracking
from eigyo.audit.models import AuditEvent
from eigyo.core.contributions import Contribution
from eigyo.core.templatetags.eigyo import jdate, jdatetime

PANEL_SIZE = 20
# Recorded for the trail, not worth a line on a page: the row's own id and organisation.
NOT_SHOWN = {"id", "org_id"}


@dataclass
class Line:
    event: AuditEvent
    changes: list[tuple[str, object, object]]

    @property
    def who(self) -> str:
        return str(self.event.actor) if self.event.actor else self.event.actor_label or "—"


def label_of(model, attname: str) -> str:
    if model is None:
        return attname
    try:
        field = model._meta.get_field(attname.removesuffix("_id"))
    except FieldDoesNotExist:
        return attname
    return str(getattr(field, "verbose_name", attname))


def _field(model, attname: str):
    if model is None or not attname:
        return None
    try:
        return model._meta.get_field(attname.removesuffix("_id"))
    except FieldDoesNotExist:
        return None


def model_of(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _shown(value, key="", model=None):
    if value in (None, "", [], {}):
        return "—"
    field = _field(model, key)
    if field is not None and field.choices and not isinstance(value, list | dict):
        return str(dict(field.flatchoices).get(value, value))  # the label, not the key
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        at = parse_datetime(value)
        return jdatetime(at) if at else value
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        return jdate(day) if day else value
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if key.endswith("_id") and isinstance(value, int):
        return f"#{value}"  # a link to another record, by its number
    if isinstance(value, list):
        return ", ".join(f"#{v}" if isinstance(v, int) else str(v) for v in value) or "—"
    return value


def lines(events, pk=None) -> list[Line]:
    """Each event's changes; given a record's id, a bulk write's event shows that row
    (and is left out when its range only seemed to hold it)."""
    out = []
    for e in events:
        model = model_of(e.object_type)
        if e.redacted:
            changes = {}
        elif pk is not None and not e.object_id:
            changes = tracking.row_changes(e, pk)
            if changes is None:
                continue
        else:
            changes = e.data.get("changes", {})
        out.append(
            Line(
                e,
                [
                    (label_of(model, k), _shown(v[0], k, model), _shown(v[1], k, model))
                    for k, v in changes.items()
                    if k not in NOT_SHOWN
                ],
            )
        )
    return out


def panel(request, obj) -> list[Contribution]:
    events = list(audit_access.history_of(request.user, obj)[:PANEL_SIZE])
    return [
        Contribution(
            "timeline",
            "audit/_history.html",
            {
                "audit_history": lines(events, pk=obj.pk),
                "audit_object": (obj._meta.label.lower(), obj.pk),
            },
            order=900,
        )
    ]


def contribute_everywhere() -> None:
    from eigyo.companies.pages import COMPANY
    from eigyo.contacts.pages import PERSON
    from eigyo.core.contributions import DETAIL
    from eigyo.deals.pages import DEAL

    for page in (COMPANY, PERSON, DEAL, DETAIL):
        page.contribute(panel)
