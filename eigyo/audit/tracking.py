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
import uuid
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
    "registry.RegistryEntry": "the public company master, loaded in bulk from public files",
    "registry.RegistryAlias": "former names in the public company master",
    "transfer.ImportCheck": "a previewed list's checked rows, working data until the list "
    "is imported (its rows are recorded as they are written)",
}
# Fields never recorded: derived on save, or the raw file of an import (its rows are
# recorded as they are written).
SKIPPED_FIELDS = {"search_text", "last_login", "content", "updated_at", "created_at"}
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


def rows_written(sender, model, pks, action, changes=None, by=None, **kwargs):
    """Bulk writes, one event per row (so each object's history is whole)."""
    label = model._meta.label
    if label in EXCLUDED or not pks:
        return
    rows = {}
    if action != "delete":
        rows = {r.pk: r for r in model._base_manager.filter(pk__in=list(pks))}
    for pk in pks:
        row = rows.get(pk)
        if action == "create" and row is not None:
            diff = {k: [None, v] for k, v in snapshot(row).items() if v not in (None, "", [], {})}
        else:
            diff = {k: [None, _value(v)] for k, v in (changes or {}).items()}
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
