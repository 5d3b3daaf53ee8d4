"""The audit trail (who did or read what, when, hash-chained per organisation) and
the records Japan's privacy law (APPI) asks for: data-subject requests and the
records of third-party provision and receipt."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from eigyo.core.models import OrgScoped, org_key


class AuditChain(models.Model):
    """The head of one organisation's hash chain: the last sequence number and hash,
    and the anchor left by pruning (the last pruned event's number and hash), from
    which the kept events must still chain. Events of no organisation (a failed login
    with an unknown address) have their own chain (org empty)."""

    org = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    seq = models.BigIntegerField(default=0)
    head = models.CharField(max_length=64, blank=True)
    anchor_seq = models.BigIntegerField(default=0)
    anchor_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit chain")
        verbose_name_plural = _("audit chains")
        constraints = [
            # One head for the chain of no organisation too: a unique foreign key lets
            # any number of NULLs in, and two heads at once would fork that chain.
            models.UniqueConstraint(Coalesce("org", Value(0)), name="audit_chain_one_head")
        ]

    def __str__(self) -> str:
        return f"chain {self.org_id or '-'} @{self.seq}"


class AuditEvent(models.Model):
    """One thing that happened: a write (field by field, old → new), a delete, a
    login or failed login, a token or feed address issued or revoked, a change of
    role, a read or export of personal data, a provision to a third party.

    Append-only: a saved event is never changed (save and delete refuse), except
    that erasing a person replaces the payload of the events about them with a
    pseudonym (`redacted`, the digest kept, so the chain still verifies). Each event
    carries the hash of the one before it in its organisation's chain, so an edited
    or removed row is found by `eigyo audit verify`."""

    class Action(models.TextChoices):
        CREATE = "create", pgettext_lazy("audit action", "Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKOUT = "lockout", _("Login locked out")
        PASSWORD_RESET = "password_reset", _("Password reset asked for")
        LOGOUT = "logout", _("Logged out")
        TOKEN_ISSUED = "token_issued", _("API token issued")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        FEED_ISSUED = "feed_issued", _("Calendar feed address issued")
        FEED_REVOKED = "feed_revoked", _("Calendar feed address revoked")
        PERMISSION = "permission", _("Role or team changed")
        VIEW = "view", _("Personal data viewed")
        EXPORT = "export", _("Personal data exported")
        API_READ = "api", _("Personal data read over the API")
        FEED_READ = "feed", _("Calendar feed read")
        PROVISION = "provision", _("Provided to a third party")
        RECEIPT = "receipt", _("Received from a third party")
        ERASURE = "erasure", _("Person erased")
        PRUNE = "prune", _("Old events pruned")

    READS = (Action.VIEW, Action.EXPORT, Action.API_READ, Action.FEED_READ, Action.PROVISION)

    org = org_key(null=True)  # its indexes (and the unique org + seq) begin with org
    seq = models.BigIntegerField()
    at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # As it was then: the user may be renamed or gone; the chain hashes this.
    actor_label = models.CharField(_("who"), max_length=254, blank=True)
    credential = models.CharField(_("credential"), max_length=40, blank=True)
    via = models.CharField(_("where"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    payload = models.TextField(blank=True)  # canonical JSON: repr, changes, subjects, items
    # A bulk write's event covers many rows (object_id empty, the rows in the payload);
    # the lowest and highest id find it from one row's history (outside the hash: the
    # payload's ids are under it, and `verify` checks these against them).
    first_id = models.BigIntegerField(null=True, blank=True)
    last_id = models.BigIntegerField(null=True, blank=True)
    payload_digest = models.CharField(max_length=64)
    redacted = models.BooleanField(default=False)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["org", "seq"], name="audit_event_seq_unique")
        ]
        indexes = [
            models.Index(fields=["org", "object_type", "object_id"]),
            models.Index(fields=["org", "at"]),
            models.Index(fields=["org", "actor", "at"]),
            models.Index(fields=["org", "credential", "at"]),
            models.Index(fields=["org", "object_type", "first_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id} @{self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are append-only (prune with `eigyo audit prune`)")

    @staticmethod
    def about(object_type: str, object_id) -> models.Q:
        """Events on one record: its own, and the bulk writes whose range holds it
        (`tracking.row_changes` tells whether the row is really among them)."""
        q = models.Q(object_type=object_type, object_id=str(object_id))
        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            return q
        return q | models.Q(
            object_type=object_type, object_id="", first_id__lte=pk, last_id__gte=pk
        )

    @property
    def items_read(self) -> list:
        """The data items a read or export named (templates: `data.items` is dict.items)."""
        return self.data.get("items", [])

    @property
    def data(self) -> dict:
        import json

        try:
            return json.loads(self.payload or "{}")
        except ValueError:
            return {}


class AuditSubject(models.Model):
    """Which person an event concerns (a write on them or their records, a read or
    export that showed them): the index that answers "everything about this person"
    and "whose data did this token read". The event's payload holds the same ids
    under its hash; this table only finds them fast."""

    org = org_key(null=True)  # the index on org + person serves lookups by org
    event = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="subjects")
    person_id = models.BigIntegerField()  # no foreign key: the trace outlives an erasure

    class Meta:
        verbose_name = _("audit subject")
        verbose_name_plural = _("audit subjects")
        indexes = [models.Index(fields=["org", "person_id"])]

    def __str__(self) -> str:
        return f"{self.event_id} → person {self.person_id}"


def default_due_on() -> dt.date:
    from eigyo.core import clock

    return clock.today() + dt.timedelta(days=settings.EIGYO_APPI_DEADLINE_DAYS)


class SubjectRequest(OrgScoped):
    """A data subject's request under APPI (開示等の請求): disclosure, correction,
    cessation of use, deletion or stopping third-party provision — when it came,
    how the requester's identity was checked, what it covers, the internal deadline
    (shown in the admins' inbox), and the outcome with what was sent."""

    class Kind(models.TextChoices):
        DISCLOSURE = "disclosure", _("Disclosure (開示)")
        CORRECTION = "correction", _("Correction (訂正)")
        CESSATION = "cessation", _("Cessation of use (利用停止)")
        DELETION = "deletion", _("Deletion (消去)")
        STOP_PROVISION = "stop_provision", _("Stop third-party provision (第三者提供の停止)")

    class Identity(models.TextChoices):
        NOT_YET = "", _("Not yet checked")
        ID_DOCUMENT = "id_document", _("Identity document (copy)")
        KNOWN_CONTACT = "known_contact", _("Known contact, confirmed by phone")
        REGISTERED_EMAIL = "registered_email", _("Reply from the e-mail address we hold")
        AGENT = "agent", _("Agent with power of attorney")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("request"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    requester = models.CharField(_("requester (as given)"), max_length=200)
    received_on = models.DateField(_("received on"))
    identity_check = models.CharField(
        _("identity checked by"), max_length=20, choices=Identity.choices, blank=True
    )
    scope = models.TextField(_("scope"), blank=True)
    due_on = models.DateField(_("internal deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.TextField(_("outcome"), blank=True)
    sent = models.TextField(_("what was sent"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["status", "due_on", "pk"]
        indexes = [models.Index(fields=["org", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.requester}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("audit:request", args=[self.pk])

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == self.Status.OPEN and today > self.due_on


class ProvisionRecord(OrgScoped):
    """A record of third-party provision (APPI Art. 29) or of receipt from a third
    party (Art. 30): when, to or from whom, whose data, which items, on what basis.
    Written by the system when a partner comes to see our people or an export is
    made for a third party, and when a list from a third party is imported.
    Immutable; kept until `keep_until` (3 years by default, TRUST.md)."""

    class Direction(models.TextChoices):
        PROVIDED = "provided", _("Provided to a third party")
        RECEIVED = "received", _("Received from a third party")

    class Source(models.TextChoices):
        PARTNER = "partner", _("Partner given access")
        EXPORT = "export", _("Export for a third party")
        IMPORT = "import", _("Imported list")
        MANUAL = "manual", _("Recorded by hand")

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("how"), max_length=10, choices=Source.choices)
    occurred_at = models.DateTimeField(_("when"))
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    person_label = models.CharField(_("person"), max_length=200)  # a pseudonym once erased
    partner = models.ForeignKey(
        "accounts.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    counterparty = models.CharField(_("recipient / provider"), max_length=200)
    counterparty_address = models.CharField(_("address"), max_length=300, blank=True)
    counterparty_representative = models.CharField(_("representative"), max_length=200, blank=True)
    items = models.JSONField(_("data items"), default=list)
    basis = models.CharField(_("consent or legal basis"), max_length=200, blank=True)
    obtained = models.CharField(_("how the provider obtained it"), max_length=300, blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    keep_until = models.DateField(_("kept until"))

    class Meta:
        verbose_name = _("provision record")
        verbose_name_plural = _("provision records")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["org", "person"]),
            models.Index(fields=["org", "counterparty"]),
            models.Index(fields=["org", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} · {self.counterparty} · {self.person_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("provision records are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("provision records are immutable (pruned after keep_until)")
