"""Partners: distributors, agents, resellers and equity partners who sell for the
organisation — chosen with due diligence, bound by contracts with targets per period,
milestones and the termination rights a miss unlocks, trained, and measured.

The Partner itself is a scope of the access rules and lives in accounts; this app
holds what the organisation does with its partners, in rows pointing at it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.accounts.models import Partner
from eigyo.core.models import OrgScoped
from eigyo.partners.domain import periods

__all__ = ["Partner"]


class Stage(models.TextChoices):
    """The partner's lifecycle, in order."""

    CANDIDATE = "candidate", _("Candidate")
    DILIGENCE = "diligence", _("Due diligence")
    CONTRACTED = "contracted", _("Contracted")
    ACTIVE = "active", _("Active")
    REVIEW = "review", _("Under review")
    ENDED = "ended", _("Ended")


class PartnerProfile(OrgScoped):
    """Our own view of a partner (internal: a partner user never sees it): where it is
    in its lifecycle, the registry entity (法人番号) and group behind it, the territory
    and industries it covers, how we met it, and who on our side manages it."""

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="profile")
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.CANDIDATE
    )
    registry_entry = models.ForeignKey(
        "registry.RegistryEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registry entity (法人番号)"),
    )
    group_name = models.CharField(
        _("group (系列)"),
        max_length=200,
        blank=True,
        help_text=_("The corporate group or keiretsu it belongs to, and related parties."),
    )
    territory = models.JSONField(_("territory (prefecture codes)"), default=list, blank=True)
    industries = models.JSONField(_("industries (sector codes)"), default=list, blank=True)
    introduced_by = models.CharField(_("how we were introduced"), max_length=300, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_partners",
        verbose_name=_("partner manager"),
    )
    idle_after_days = models.PositiveSmallIntegerField(_("idle after (business days)"), default=20)
    stage_since = models.DateField(_("in this stage since"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")
        indexes = [models.Index(fields=["org", "stage"])]

    def __str__(self) -> str:
        return str(self.partner)

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.partner_id])


class StageMove(OrgScoped):
    """A move of a partner between lifecycle stages, with the admin's recorded reason
    when due diligence was overridden."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="stage_moves")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.partner_id])


class DiligenceItem(OrgScoped):
    """One question of the organisation's due-diligence checklist (seeded with the
    usual ones; the admin adds more). A required item must be checked before a
    candidate is contracted."""

    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("question"), max_length=200)
    help = models.TextField(_("what to look for"), blank=True)
    required = models.BooleanField(_("required before contracting"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("due-diligence item")
        verbose_name_plural = _("due-diligence items")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "key"], name="diligence_item_key_unique")
        ]

    def __str__(self) -> str:
        return self.label


class DiligenceCheck(OrgScoped):
    """A checklist item answered for one partner: the finding, its evidence (a link or
    a note) and who checked it when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLEAR = "clear", _("Checked: fine")
        CONCERN = "concern", _("Checked: a concern")
        NOT_APPLICABLE = "n_a", _("Not applicable")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(DiligenceItem, on_delete=models.CASCADE, related_name="checks")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    finding = models.TextField(_("finding"), blank=True)
    evidence = models.CharField(_("evidence (link or note)"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("due-diligence check")
        verbose_name_plural = _("due-diligence checks")
        ordering = ["item__position", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "item"], name="diligence_check_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.partner_id]) + "#diligence"


class ContractKind(models.TextChoices):
    DISTRIBUTOR = "distributor", _("Distributor (販売店契約): buys and resells")
    AGENT = "agent", _("Agent (代理店契約): sells in our name")
    RESELLER = "reseller", _("Reseller")
    EQUITY = "equity", _("Equity partner")


class Contract(OrgScoped):
    """A contract with a partner: kind, exclusivity, territory, products, term, renewal
    and notice; with targets per period, milestones and termination rights."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contracts")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ContractKind.choices, default=ContractKind.DISTRIBUTOR
    )
    exclusive = models.BooleanField(_("exclusive"), default=False)
    territory = models.CharField(_("territory"), max_length=300, blank=True)
    products = models.CharField(_("products"), max_length=300, blank=True)
    start = models.DateField(_("start"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=12)
    auto_renew = models.BooleanField(_("renews automatically"), default=False)
    renewal_months = models.PositiveSmallIntegerField(
        _("renewal term (months)"), default=12, help_text=_("Each automatic renewal's length.")
    )
    renewals = models.PositiveSmallIntegerField(_("renewals so far"), default=0)
    notice_months = models.PositiveSmallIntegerField(_("notice period (months)"), default=3)
    relationship_since = models.DateField(
        _("working together since"),
        null=True,
        blank=True,
        help_text=_("When the relationship began, if before this contract."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:contract", args=[self.pk])


class Metric(models.TextChoices):
    REVENUE = "revenue", _("Revenue won (yen)")
    DEALS = "deals", _("Deals won")
    CLIENTS = "clients", _("New clients")
    TRAINED = "trained", _("Salespeople trained")


PERIOD_KINDS = [
    (periods.QUARTER, _("Quarter")),
    (periods.HALF, _("Half year")),
    (periods.YEAR, _("Fiscal year (April–March)")),
]


class Target(OrgScoped):
    """A performance target of a contract for one period of the fiscal year."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(_("metric"), max_length=10, choices=Metric.choices)
    period_kind = models.CharField(_("period"), max_length=10, choices=PERIOD_KINDS)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    index = models.PositiveSmallIntegerField(_("number in the year"), default=1)
    value = models.PositiveBigIntegerField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["fiscal_year", "period_kind", "index", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "metric", "period_kind", "fiscal_year", "index"],
                name="target_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period.code} {self.get_metric_display()} {self.value}"

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.fiscal_year, self.period_kind, self.index)

    def get_absolute_url(self) -> str:
        return reverse("partners:contract", args=[self.contract_id])


class ContractMilestone(OrgScoped):
    """A dated milestone the contract sets (first order, a showroom, a certification)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract milestone")
        verbose_name_plural = _("contract milestones")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:contract", args=[self.contract_id])


class TerminationRight(OrgScoped):
    """A right to end the contract that a missed target unlocks, e.g. "below 70 % of the
    revenue target two quarters running, usable for 90 days". Internal: its windows
    are our side's to know."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="termination_rights"
    )
    description = models.CharField(_("as the contract words it"), max_length=300, blank=True)
    metric = models.CharField(
        _("metric"), max_length=10, choices=Metric.choices, default=Metric.REVENUE
    )
    period_kind = models.CharField(
        _("period"), max_length=10, choices=PERIOD_KINDS, default=periods.QUARTER
    )
    threshold_percent = models.PositiveSmallIntegerField(
        _("below (per cent of target)"), default=70
    )
    consecutive = models.PositiveSmallIntegerField(_("periods running"), default=2)
    window_days = models.PositiveSmallIntegerField(_("usable for (days)"), default=90)

    class Meta:
        verbose_name = _("termination right")
        verbose_name_plural = _("termination rights")

    def __str__(self) -> str:
        return self.description or (
            f"< {self.threshold_percent}% × {self.consecutive} {self.period_kind}"
        )

    def get_absolute_url(self) -> str:
        return reverse("partners:contract", args=[self.contract_id])


class TrainingModule(OrgScoped):
    """A course for partner salespeople or their leaders."""

    class Topic(models.TextChoices):
        SELLING = "selling", _("Selling skills")
        LEADERSHIP = "leadership", _("Sales leadership")
        PRODUCT = "product", _("Product")

    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(
        _("topic"), max_length=20, choices=Topic.choices, default=Topic.SELLING
    )
    description = models.TextField(
        _("content"),
        blank=True,
        help_text=_(
            "E.g. designing questions; features → benefits → application → evidence → trial "
            "close; handling objections; asking for the order."
        ),
    )
    certification_months = models.PositiveSmallIntegerField(
        _("certification valid for (months)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["topic", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:training")


class Trainee(OrgScoped):
    """A salesperson or leader at a partner who takes our training; linked to their
    eigyo login when they have one, so their numbers can be counted."""

    class Role(models.TextChoices):
        SALES = "sales", _("Salesperson")
        LEADER = "leader", _("Sales leader")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="trainees")
    family_name = models.CharField(_("family name"), max_length=50)
    given_name = models.CharField(_("given name"), max_length=50, blank=True)
    family_kana = models.CharField(_("family name (kana)"), max_length=50, blank=True)
    given_kana = models.CharField(_("given name (kana)"), max_length=50, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SALES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigyo login"),
    )

    class Meta:
        verbose_name = _("partner salesperson")
        verbose_name_plural = _("partner salespeople")
        ordering = ["family_kana", "family_name", "id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.partner_id]) + "#training"


class TrainingSession(OrgScoped):
    """A module given on a day by a trainer."""

    module = models.ForeignKey(
        TrainingModule, on_delete=models.RESTRICT, related_name="sessions", verbose_name=_("module")
    )
    held_on = models.DateField(_("date"))
    trainer = models.CharField(_("trainer"), max_length=100)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.module} {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("partners:session", args=[self.pk])


class Attendance(OrgScoped):
    """One trainee at one session: attended, completed, certified (and until when)."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    trainee = models.ForeignKey(
        Trainee, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("trainee")
    )
    attended = models.BooleanField(_("attended"), default=True)
    completed = models.BooleanField(_("completed"), default=False)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    certified_until = models.DateField(_("certification expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["trainee__family_kana", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.trainee} @ {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("partners:session", args=[self.session_id])
