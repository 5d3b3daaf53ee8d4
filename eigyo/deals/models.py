"""Deals (案件) and the nemawashi around them: the buying group, promises to the
buyer, praise, objections and discount requests."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped


class Stage(models.TextChoices):
    """Value-selling stages, in order; won and lost close the deal."""

    FEATURES = "features", _("Features")
    BENEFITS = "benefits", _("Benefits")
    APPLICATION = "application", _("Application")
    EVIDENCE = "evidence", _("Evidence")
    TRIAL_CLOSE = "trial_close", _("Trial close")
    OBJECTIONS = "objections", _("Objections")
    ASK = "ask", _("Ask for the order")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


OPEN_STAGES = [s for s in Stage.values if s not in ("won", "lost")]


class Deal(OrgScoped):
    """A deal (案件) with a company: amount in yen, stage, its people."""

    title = models.CharField(_("title"), max_length=200)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="deals",
        verbose_name=_("company"),
    )
    relationship = models.ForeignKey(
        "portfolio.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name=_("relationship"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deals",
        verbose_name=_("owner"),
    )
    team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("team members")
    )
    partner = models.ForeignKey(
        "accounts.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name=_("assigned partner"),
    )
    amount = models.PositiveBigIntegerField(_("amount (yen)"), default=0)
    expected_close = models.DateField(_("expected close"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.FEATURES
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    lost_reason = models.CharField(_("reason lost"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # A partner may mark its deal won; the win counts toward the partner's targets only
    # once our side confirms it (the amount as it was then), and is cleared when the deal
    # leaves "won".
    win_confirmed_at = models.DateTimeField(_("win confirmed at"), null=True, blank=True)
    win_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("win confirmed by"),
    )
    win_confirmed_amount = models.PositiveBigIntegerField(
        _("confirmed amount (yen)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        indexes = [models.Index(fields=["org", "stage"]), models.Index(fields=["org", "owner"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deals:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class StageChange(OrgScoped):
    """A move of a deal between stages, dated."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class Stakeholder(OrgScoped):
    """A person in a deal's buying group, with their part in the decision."""

    class Role(models.TextChoices):
        DECISION_MAKER = "decision_maker", _("Decision maker (決裁者)")
        APPROVER = "approver", _("Approver")
        INFLUENCER = "influencer", _("Influencer")
        CHAMPION = "champion", _("Champion / messenger (窓口)")
        GATEKEEPER = "gatekeeper", _("Gatekeeper")
        USER = "user", _("User")
        OTHER = "other", _("Other")

    class Influence(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Stance(models.TextChoices):
        SUPPORTIVE = "supportive", _("Supportive")
        NEUTRAL = "neutral", _("Neutral")
        OPPOSED = "opposed", _("Opposed")
        UNKNOWN = "unknown", _("Unknown")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="stakeholders")
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="stakeholder_in",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OTHER)
    influence = models.CharField(
        _("influence"), max_length=10, choices=Influence.choices, default=Influence.MEDIUM
    )
    stance = models.CharField(
        _("stance"), max_length=10, choices=Stance.choices, default=Stance.UNKNOWN
    )
    met_override = models.BooleanField(
        _("met (set by hand)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to derive it from the activities with this person."),
    )
    personal_win = models.TextField(
        _("personal win"),
        blank=True,
        help_text=_(
            "What success means for this person: career, recognition. Make the buyer the hero."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.UniqueConstraint(fields=["deal", "person"], name="stakeholder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Promise(OrgScoped):
    """Something we committed to the buyer: kept visible until kept."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        LATE = "late", _("Kept late")
        BROKEN = "broken", _("Broken")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="promises")
    what = models.CharField(_("what we promised"), max_length=300)
    due_on = models.DateField(_("due"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="promises",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.what

    def get_absolute_url(self) -> str:
        return reverse("deals:detail", args=[self.deal_id])

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today


class Praise(OrgScoped):
    """Fact-based praise of the buyer to their superior; without evidence it is flattery."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="praise")
    about = models.ForeignKey(
        "contacts.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("praise for")
    )
    to = models.ForeignKey(
        "contacts.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("said to")
    )
    statement = models.TextField(_("statement"))
    evidence = models.TextField(_("evidence"), blank=True)
    said_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("praise")
        verbose_name_plural = _("praise")
        ordering = ["-said_on", "-id"]

    def __str__(self) -> str:
        return self.statement[:50]

    @property
    def is_flattery(self) -> bool:
        return not self.evidence.strip()


class Objection(OrgScoped):
    """An objection raised in the deal, and our response."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        RESOLVED = "resolved", _("Resolved")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="objections")
    raised_by = models.ForeignKey(
        "contacts.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    objection = models.CharField(_("objection"), max_length=300)
    response = models.TextField(_("our response"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    raised_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return self.objection


class DiscountRequest(OrgScoped):
    """A request for a discount, and the value we offered instead."""

    class Offer(models.TextChoices):
        INTRODUCTION = "introduction", _("An introduction")
        SERVICE = "service", _("A service")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")
        NONE = "none", _("Nothing offered")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        VALUE_ACCEPTED = "value_accepted", _("Value accepted instead")
        DISCOUNT_GIVEN = "discount_given", _("Discount given")
        REFUSED = "refused", _("Refused, deal continues")
        DEAL_LOST = "deal_lost", _("Deal lost")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="discount_requests")
    requested = models.CharField(_("what was asked"), max_length=200)
    requested_amount = models.PositiveBigIntegerField(
        _("discount asked (yen)"), null=True, blank=True
    )
    offered = models.CharField(
        _("value offered instead"), max_length=20, choices=Offer.choices, default=Offer.NONE
    )
    offer_detail = models.CharField(_("offer detail"), max_length=300, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    requested_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("discount request")
        verbose_name_plural = _("discount requests")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return self.requested


class StageProbability(OrgScoped):
    """The organisation's own probability (%) of closing a deal from a stage, used to
    weight the forecast (the defaults apply to stages it has not set)."""

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    percent = models.PositiveSmallIntegerField(_("probability (%)"))

    class Meta:
        verbose_name = _("stage probability")
        verbose_name_plural = _("stage probabilities")
        constraints = [
            models.UniqueConstraint(fields=["org", "stage"], name="stage_probability_unique"),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="stage_probability_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.percent}%"
