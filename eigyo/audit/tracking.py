"""What the audit trail listens to: every eigyo model's writes (Django's model
signals, connected per model in AppConfig.ready), bulk writes reported by the code
that makes them (core.signals.rows_written), logins and failed logins (Django's auth
signals), and reads and exports of personal data (core.signals.personal_data_read).

A write's event is appended in the write's own transaction (the services run in
transaction.atomic), so a write without its record cannot be committed."""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import operator
import uuid
from collections.abc import Sequence
from contextlib import contextmanager

from django.apps import apps
from django.db import models

from eigyo.audit import chain
from eigyo.audit.models import AuditEvent
from eigyo.core import actor

A = AuditEvent.Action

# Models whose writes are not audited, each with the reason (the census test holds
# every other eigyo model to being audited).
EXCLUDED = {
    "audit.AuditEvent": "the trail itself (append-only, hash-chained)",
    "audit.AuditChain": "the chain's head, moved by every event",
    "audit.AuditSubject": "an index of the events' payloads",
    "audit.ProvisionRecord": "immutable; each is written with a provision or receipt event",
    "followups.Notice": "the inbox: derived from events that are audited where they happen",
    "followups.Reminder": "the e-mail queue's delivery state, not data",
    "accounts.PasswordResetRequest": "the reset throttle's counter; each request is a "
    "password_reset event",
    "registry.RegistryEntry": "the public company master, loaded in bulk from public files",
    "registry.RegistryAlias": "former names in the public company master",
    "transfer.ImportCheck": "a previewed list's checked rows, working data until the list "
    "is imported (its rows are recorded as they are written)",
}
# Fields never recorded: derived on save, or the raw file of an import (its rows are
# recorded as they are written).
SKIPPED_FIELDS = {
    "search_text",
    "last_login",
    "upload",
    "updated_at",
    "created_at",
}
# Fields recorded as changed, never with their value (secrets).
SECRET_FIELDS = {"password", "key_hash", "token"}
SECRET = "••••"


_quiet: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_quiet", default=False)


@contextmanager
def quiet():
    """Writes inside are not recorded one by one: erasing a person records one event
    instead (a per-row record would copy the very names being erased)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def audited_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("eigyo.") and m._meta.label not in EXCLUDED
    ]


def _value(v):
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, decimal.Decimal | uuid.UUID):
        return str(v)
    return v


def _fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in SKIPPED_FIELDS and (f.editable or f.is_relation)
    ]


def snapshot(instance, fields=None) -> dict:
    names = None if fields is None else set(fields)
    out = {}
    for f in _fields(type(instance)):
        if names is not None and f.name not in names and f.attname not in names:
            continue
        out[f.attname] = _value(getattr(instance, f.attname))
    return out


def _diff(old: dict, new: dict) -> dict:
    changes = {}
    for key, value in new.items():
        before = old.get(key)
        if before != value:
            changes[key] = [before, value]
    return _hide_secrets(changes)


def _hide_secrets(changes: dict) -> dict:
    return {
        k: ([SECRET if v[0] else v[0], SECRET if v[1] else v[1]] if k in SECRET_FIELDS else v)
        for k, v in changes.items()
    }


def _person_ids(instance) -> list[int]:
    """The people a row is about: the row itself for a person, else its links to them."""
    label = instance._meta.label
    if label == "contacts.Person":
        return [instance.pk]
    ids = []
    for f in instance._meta.concrete_fields:
        if f.is_relation and f.related_model and f.related_model._meta.label == "contacts.Person":
            value = getattr(instance, f.attname)
            if value:
                ids.append(value)
    return ids


def org_of(instance) -> int | None:
    label = instance._meta.label
    if label == "accounts.Organisation":
        return instance.pk
    if hasattr(instance, "org_id"):
        return instance.org_id
    if label == "accounts.User":
        from eigyo.accounts.models import Membership

        return (
            Membership.objects.filter(user_id=instance.pk).values_list("org_id", flat=True).first()
        )
    return acting_org()


def acting_org() -> int | None:
    user = actor.user()
    m = getattr(user, "membership", None) if user is not None else None
    return m.org_id if m else None


def _repr(instance) -> str:
    try:
        return str(instance)[:200]
    except Exception:  # a related row already gone in a cascade: the id will do
        return f"{instance._meta.verbose_name} {instance.pk}"


def who() -> dict:
    """The acting user and how they came: session, API token, feed, command."""
    found = actor.current()
    if found is None:
        return {"actor": None, "credential": "", "via": ""}
    user = found.current_user()
    request = found.request
    credential, ip = "", None
    if request is not None:
        ip = request.META.get("REMOTE_ADDR") or None
        credential = getattr(request, "_audit_credential", None) or ""
        if not credential:
            credential = _credential(request, user)
            request._audit_credential = credential
    elif found.via:
        credential = "command" if user is not None else ""
    return {"actor": user, "credential": credential, "via": found.via, "ip": ip}


def _credential(request, user) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("bearer "):
        from eigyo.accounts.models import ApiToken

        pk = (
            ApiToken.objects.filter(key_hash=ApiToken.hash(header[7:].strip()))
            .values_list("pk", flat=True)
            .first()
        )
        if pk:
            return f"token:{pk}"
    return "session" if user is not None else ""


# Organisations being deleted: their trail goes with them (a cascade's rows are not
# recorded into a chain that is itself being deleted).
_dying: set[int] = set()


def org_dying(sender, instance, **kwargs):
    _dying.add(instance.pk)


def org_gone(sender, instance, **kwargs):
    """What was recorded during the cascade before the organisation's own turn (a
    pre_delete hook of a row under it saving another) goes too."""
    from eigyo.audit.models import AuditChain, AuditSubject

    AuditSubject.objects.filter(org_id=instance.pk).delete()
    left = AuditEvent.objects.filter(org_id=instance.pk)
    left._raw_delete(left.db)
    AuditChain.objects.filter(org_id=instance.pk).delete()
    _dying.discard(instance.pk)


def record(
    action: str, *, org_id, object_type="", object_id="", payload=None, subjects=(), **given
):
    if org_id in _dying:
        return None
    context = who()
    context.update({k: v for k, v in given.items() if v is not None})
    user = context.get("actor")
    return chain.append(
        org_id=org_id,
        action=action,
        actor=user if user is not None and getattr(user, "pk", None) else None,
        actor_label=context.get("actor_label", ""),
        credential=context.get("credential", ""),
        via=context.get("via", ""),
        ip=context.get("ip"),
        object_type=object_type,
        object_id=object_id,
        payload=payload,
        subjects=subjects,
    )


# --- model signals ------------------------------------------------------------------


def _special(label: str, created: bool, deleted: bool, changes: dict) -> str:
    if label == "accounts.ApiToken":
        if created:
            return A.TOKEN_ISSUED
        if "revoked_at" in changes and changes["revoked_at"][1]:
            return A.TOKEN_REVOKED
    if label == "agenda.CalendarFeed":
        if created:
            return A.FEED_ISSUED
        if "revoked_at" in changes and changes["revoked_at"][1]:
            return A.FEED_REVOKED
    if label == "accounts.Membership":
        return A.PERMISSION
    if label == "accounts.User" and {"is_active", "is_staff", "is_superuser"} & set(changes):
        return A.PERMISSION
    return A.CREATE if created else A.DELETE if deleted else A.UPDATE


def pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if _quiet.get():
        return
    if raw or instance._state.adding or instance.pk is None:
        instance._audit_old = None
        return
    names = [f.attname for f in _fields(sender)]
    if update_fields is not None:
        wanted = set(update_fields)
        names = [f.attname for f in _fields(sender) if f.name in wanted or f.attname in wanted]
        if not names:
            instance._audit_old = {}
            return
    instance._audit_old = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    if instance._audit_old is not None:
        instance._audit_old = {k: _value(v) for k, v in instance._audit_old.items()}


def post_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if _quiet.get():
        return
    if raw:
        return
    old = getattr(instance, "_audit_old", None)
    instance._audit_old = None
    new = snapshot(instance, update_fields)
    if created or old is None:
        created = True
        changes = _hide_secrets(
            {k: [None, v] for k, v in new.items() if v not in (None, "", [], {})}
        )
    else:
        changes = _diff(old, {k: v for k, v in new.items() if k in old})
        if not changes:
            return
    label = sender._meta.label
    record(
        _special(label, created, False, changes),
        org_id=org_of(instance),
        object_type=label.lower(),
        object_id=instance.pk,
        payload={"repr": _repr(instance), "changes": changes},
        subjects=_person_ids(instance),
    )
    from eigyo.audit import provision

    provision.after_save(instance, created, changes)


def post_delete(sender, instance, **kwargs):
    if _quiet.get():
        return
    label = sender._meta.label
    changes = _hide_secrets(
        {k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "", [], {})}
    )
    record(
        _special(label, False, True, changes),
        org_id=org_of(instance),
        object_type=label.lower(),
        object_id=instance.pk,
        payload={"repr": _repr(instance), "changes": changes},
        subjects=_person_ids(instance),
    )


def m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if _quiet.get():
        return
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if reverse:
        return  # told once, from the forward side (activity.people.add …)
    field = next((f for f in instance._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    if action == "pre_clear":
        pk_set = set(getattr(instance, field.name).values_list("pk", flat=True))
        if not pk_set:
            return
    change = {"post_add": [[], sorted(pk_set)], "post_remove": [sorted(pk_set), []]}
    changes = {field.name: change.get(action, [sorted(pk_set), []])}
    subjects = sorted(pk_set) if model._meta.label == "contacts.Person" else []
    record(
        A.UPDATE,
        org_id=org_of(instance),
        object_type=instance._meta.label.lower(),
        object_id=instance.pk,
        payload={"repr": _repr(instance), "changes": changes},
        subjects=subjects,
    )


# A bulk write of up to this many rows is recorded one event a row, like a save; more
# are recorded in batches (one event per BATCH_ROWS rows, appended in bulk): an event a
# row costs a save's worth of queries, which a 100,000-row import cannot carry.
FEW_ROWS = 20
BATCH_ROWS = 500
# A bulk write's rows that only link to people (an import's card ties and exchange
# links: ids, no personal data of their own) are indexed by person up to this many;
# past it only the people's own rows are, or the index would outgrow the import.
INDEX_LINKS_UP_TO = 1_000


def rows_written(
    sender,
    model,
    pks,
    action,
    changes=None,
    by=None,
    objs=None,
    before=None,
    after=None,
    columns=None,
    values=None,
    **kw,
):
    """Bulk writes reported by the code that made them (core.signals.rows_written)."""
    label = model._meta.label
    if label in EXCLUDED or not pks or _quiet.get():
        return
    pks = list(pks)

    def updated(pk) -> dict:
        old, new = (before or {}).get(pk, {}), dict(changes or {})
        new.update((after or {}).get(pk, {}))
        return {k: [_value(old.get(k)), _value(v)] for k, v in new.items() if old.get(k) != v}

    fields = [f for f in _fields(model) if f.attname not in SECRET_FIELDS]
    if columns is not None and values is not None:
        # Rows inserted as plain values (no instance was built): read as they came.
        at = {c: i for i, c in enumerate(columns)}
        fields = [f for f in fields if f.attname in at]
        order = [at[f.attname] for f in fields]
        if order == list(range(len(columns))):
            pick = tuple
        elif len(order) < 2:  # itemgetter of one index gives the value, not a tuple
            pick = lambda v: tuple(v[i] for i in order)  # noqa: E731
        else:
            pick = operator.itemgetter(*order)
        table = Table(fields, {pk: pick(v) for pk, v in zip(pks, values, strict=True)})
        _rows_in_batches(model, pks, action, updated, by, table)
        return
    rows = {o.pk: o for o in objs} if objs is not None else {}
    if action != "delete" and not rows:
        rows = {r.pk: r for r in model._base_manager.filter(pk__in=pks)}
    if len(pks) <= FEW_ROWS:
        _rows_one_by_one(model, pks, action, updated, by, rows)
        return
    names = [f.attname for f in fields]
    get = operator.attrgetter(*names) if len(names) > 1 else None
    table = Table(
        fields,
        {pk: (get(o) if get else (getattr(o, names[0]),)) for pk, o in rows.items()},
    )
    _rows_in_batches(model, pks, action, updated, by, table)


class Table:
    """A bulk write's rows as tuples of the recorded fields' values, by id."""

    def __init__(self, fields, rows: dict) -> None:
        self.names = [f.attname for f in fields]
        self.rows = rows
        # Only these need turning into JSON (dates, decimals, uuids).
        self.convert = [
            i
            for i, f in enumerate(fields)
            if isinstance(
                f, models.DateField | models.TimeField | models.DecimalField | models.UUIDField
            )
        ]
        self.person_links = [
            i
            for i, f in enumerate(fields)
            if f.is_relation
            and f.related_model
            and f.related_model._meta.label == "contacts.Person"
        ]
        self.org = self.names.index("org_id") if "org_id" in self.names else None
        self._seen: dict = {}

    def values(self, pk) -> Sequence:
        row = self.rows[pk]
        if not self.convert:
            return row
        row = list(row)
        seen = self._seen
        for i in self.convert:
            value = row[i]
            if not isinstance(value, dt.date):  # dt.datetime is a dt.date too
                row[i] = _value(value)
                continue
            # An import's rows share a few hundred days among thousands. The zone is
            # part of the key: equal instants in two zones are written differently.
            key = (value, getattr(value, "tzinfo", None))
            try:
                row[i] = seen[key]
            except KeyError:
                row[i] = seen[key] = _value(value)
        return row


def _rows_one_by_one(model, pks, action, updated, by, rows):
    label = model._meta.label
    for pk in pks:
        row = rows.get(pk)
        if action == "create" and row is not None:
            diff = {k: [None, v] for k, v in snapshot(row).items() if v not in (None, "", [], {})}
        else:
            diff = updated(pk) if action == "update" else {}
        record(
            _special(label, action == "create", action == "delete", diff),
            org_id=org_of(row) if row is not None else acting_org(),
            object_type=label.lower(),
            object_id=pk,
            payload={
                "repr": _repr(row) if row is not None else "",
                "changes": _hide_secrets(diff),
                "bulk": True,
            },
            subjects=_person_ids(row)
            if row is not None
            else ([pk] if label == "contacts.Person" else []),
            actor=by,
        )


def _rows_in_batches(model, pks, action, updated, by, table: Table):
    """One event per BATCH_ROWS rows: the rows' values in the payload in a compact
    form (`fields` once, then [id, value …] a row; an update [id, {field: [old, new]}]),
    the lowest and highest id on the event so one row's history finds it."""
    label = model._meta.label
    kind = {"create": A.CREATE, "delete": A.DELETE}.get(action, A.UPDATE)
    is_person = label == "contacts.Person"
    by_org: dict = {}
    fallback = None
    for pk in pks:
        row = table.rows.get(pk)
        if table.org is not None and row is not None:
            org_id = row[table.org]
        else:
            fallback = acting_org() if fallback is None else fallback
            org_id = fallback
        by_org.setdefault(org_id, []).append(pk)
    context = who()
    if by is not None:
        context["actor"] = by
    user = context.get("actor")
    for org_id, ids in by_org.items():
        if org_id in _dying:
            continue
        events = []
        for start in range(0, len(ids), BATCH_ROWS):
            chunk = sorted(ids[start : start + BATCH_ROWS])
            subjects: set[int] = set()
            if action == "update":
                body = {"rows": [[pk, _hide_secrets(updated(pk))] for pk in chunk]}
            elif action == "create":
                body = {
                    "fields": table.names,
                    "rows": [[pk, *table.values(pk)] if pk in table.rows else [pk] for pk in chunk],
                }
            else:
                body = {"ids": chunk}
            # People's own rows are found by the event's id range (AuditEvent.about);
            # rows linking to people are indexed by person.
            if not is_person and table.person_links and len(pks) <= INDEX_LINKS_UP_TO:
                for pk in chunk:
                    row = table.rows.get(pk)
                    if row is not None:
                        subjects.update(v for i in table.person_links if (v := row[i]))
            body.update({"bulk": True, "count": len(chunk)})
            events.append(
                {
                    "action": kind,
                    "object_type": label.lower(),
                    "payload": body,
                    "subjects": subjects,
                    "first_id": chunk[0],
                    "last_id": chunk[-1],
                }
            )
        chain.append_many(
            org_id=org_id,
            events=events,
            actor=user if user is not None and getattr(user, "pk", None) else None,
            credential=context.get("credential", ""),
            via=context.get("via", ""),
            ip=context.get("ip"),
        )


def rows_about(event, person_pk: int) -> list[dict]:
    """The rows of a bulk write's event that concern one person (the person's own
    row, or rows linking to them), each as {"id", "changes"}: a disclosure shows
    these, never the other people written in the same batch."""
    data = event.data
    if "rows" not in data:
        return []
    model = apps.get_model(event.object_type) if "." in event.object_type else None
    is_person = model is not None and model._meta.label == "contacts.Person"
    links = set()
    if model is not None:
        links = {
            f.attname
            for f in model._meta.concrete_fields
            if f.is_relation
            and f.related_model
            and f.related_model._meta.label == "contacts.Person"
        }
    out = []
    for row in data["rows"]:
        changes = row_changes(event, row[0]) or {}
        if (is_person and row[0] == person_pk) or any(
            person_pk in (changes.get(k) or []) for k in links
        ):
            out.append({"id": row[0], "changes": changes})
    return out


def row_changes(event, pk) -> dict | None:
    """One row's changes {field: [old, new]} out of an event, bulk or not (None: the
    event does not hold that row)."""
    data = event.data
    if "rows" not in data and "ids" not in data:
        return data.get("changes", {})
    if "ids" in data:
        return {} if pk in data["ids"] else None
    fields = data.get("fields", [])
    for row in data["rows"]:
        if row[0] != pk:
            continue
        if len(row) == 2 and isinstance(row[1], dict):
            return row[1]
        return {
            k: [None, v]
            for k, v in zip(fields, row[1:], strict=False)
            if v not in (None, "", [], {})
        }
    return None


# --- logins ----------------------------------------------------------------------


def logged_in(sender, request, user, **kwargs):
    record(
        A.LOGIN,
        org_id=org_of(user),
        object_type="accounts.user",
        object_id=user.pk,
        actor=user,
        credential="session",
        ip=request.META.get("REMOTE_ADDR") if request else None,
    )


def logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    record(
        A.LOGOUT,
        org_id=org_of(user),
        object_type="accounts.user",
        object_id=user.pk,
        actor=user,
        ip=request.META.get("REMOTE_ADDR") if request else None,
    )


def login_failed(sender, credentials, request=None, **kwargs):
    from eigyo.accounts.models import User

    email = str(credentials.get("username") or credentials.get("email") or "")[:254]
    user = User.objects.filter(email__iexact=email).first() if email else None
    record(
        A.LOGIN_FAILED,
        org_id=org_of(user) if user else None,
        object_type="accounts.user",
        object_id=user.pk if user else "",
        actor=None,
        actor_label=email,
        credential="",
        payload={"email": email},
        ip=request.META.get("REMOTE_ADDR") if request is not None else None,
    )
