"""The manager's follow-through: instructions and client requests with
milestones, conflicts on accounts, coaching, senior visits, and the reminder
queue that makes sure none of it quietly evaporates."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core import clock
from eigyo.core.models import OrgScoped, StampField


class Instruction(OrgScoped):
    """A boss's instruction to a rep, or a client's request: what was discussed,
    what was asked, milestones, an owner who acknowledges and reports."""

    class Kind(models.TextChoices):
        INSTRUCTION = "instruction", _("Instruction")
        CLIENT_REQUEST = "client_request", _("Client request")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.INSTRUCTION
    )
    subject = models.CharField(_("subject"), max_length=200)
    discussed = models.TextField(_("what was discussed"), blank=True)
    asked = models.TextField(_("what was asked"))
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructions",
        verbose_name=_("company"),
    )
    deal = models.ForeignKey(
        "deals.Deal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructions",
        verbose_name=_("deal"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="instructions",
        verbose_name=_("owner"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    # When it was given (a meeting's date), not when the row was typed: the first
    # sign of life the escalation counts from.
    issued_at = models.DateTimeField(_("issued"), default=clock.now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        indexes = [models.Index(fields=["org", "owner", "status"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("followups:detail", args=[self.pk])


class Milestone(OrgScoped):
    """A dated step of an instruction."""

    instruction = models.ForeignKey(
        Instruction, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on})"

    def get_absolute_url(self) -> str:
        return reverse("followups:detail", args=[self.instruction_id]) + "#milestones"


class Update(OrgScoped):
    """A dated note on an instruction: progress, an excuse, a question."""

    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("update"))
    # From the one clock, so tests and demos that pin "now" see updates in order.
    posted_at = models.DateTimeField(_("posted"), default=clock.now)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-posted_at", "-id"]

    def __str__(self) -> str:
        return self.text[:50]


class Conflict(OrgScoped):
    """A conflict between client and firm on an account, and who must deliver the news."""

    class Kind(models.TextChoices):
        PRICE_RISE = "price_rise", _("Price rise")
        SHORTAGE = "shortage", _("Shortage")
        QUALITY = "quality", _("Quality issue")
        STAFF_CHANGE = "staff_change", _("Staff change")
        OTHER = "other", _("Other")

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("company"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what happened"))
    messenger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who delivers the news"),
    )
    deliver_by = models.DateField(_("deliver by"))
    senior_visit_needed = models.BooleanField(_("senior visit needed"), default=False)
    outcome = models.TextField(_("outcome"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("conflict")
        verbose_name_plural = _("conflicts")
        ordering = ["deliver_by", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.company}"


class CoachingSession(OrgScoped):
    """A coaching session with a rep; a difficult conversation can be prepared in it."""

    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coaching",
        verbose_name=_("rep"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coach"),
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_on = models.DateField(_("next session"), null=True, blank=True)
    # Preparation for a difficult conversation (telling a buyer "no", a price rise).
    situation = models.TextField(_("difficult conversation: the situation"), blank=True)
    message = models.TextField(_("the message to deliver"), blank=True)
    objections_expected = models.TextField(_("objections expected"), blank=True)
    rehearsed = models.BooleanField(_("rehearsed"), default=False)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.rep} · {self.topic}"


class SeniorVisit(OrgScoped):
    """A rep asks the manager to visit a client, as hierarchy expects."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="senior_visits",
        verbose_name=_("company"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    senior = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="senior_visits",
        verbose_name=_("senior"),
    )
    why = models.TextField(_("why"))
    who_to_meet = models.CharField(_("who to meet"), max_length=300, blank=True)
    by_date = models.DateField(_("by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)

    class Meta:
        verbose_name = _("senior visit")
        verbose_name_plural = _("senior visits")
        ordering = ["by_date", "id"]

    def __str__(self) -> str:
        return f"{self.company} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("followups:simple_edit", args=["senior-visits", self.pk])


class Notice(OrgScoped):
    """One line in a user's inbox: something that happened or fell due that they
    should look at (an instruction given to them, a reply on one they gave, a
    milestone or promise falling due, a visit asked of them). The one source of
    the inbox, the e-mails and the morning digest; `key` makes each event once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=40)  # a kind registered in followups.inbox
    key = models.CharField(max_length=200)
    # Who caused it (the issuer, the rep who went silent); None for the calendar.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The object whose page it opens; its own visibility rule still decides.
    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    subject = models.CharField(max_length=300)  # what it is about, as it was then
    day = models.DateField()  # the day it is about (due date) or happened
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["org", "key"], name="notice_once")]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.key


class Reminder(models.Model):
    """The outbox: one email to one person, queued idempotently (unique key) and
    claimed with a guarded UPDATE so two workers never send it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")  # its target went out of the user's sight

    org = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=40)  # reminder | overdue | escalation | promise | digest
    key = models.CharField(max_length=200, unique=True)
    # The inbox line this e-mail tells about (None for the digest, which tells many).
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, null=True, blank=True)
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, null=True, blank=True)
    promise = models.ForeignKey("deals.Promise", on_delete=models.CASCADE, null=True, blank=True)
    day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = StampField()

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.key
