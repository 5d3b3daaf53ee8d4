"""Prospecting: the organisation's ideal client profile (the avatar), and cold calls
(scripts and their versions, outcome codes, call lists, calls)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.companies.models import CompanyField
from eigyo.core.models import OrgScoped


class Avatar(OrgScoped):
    """The organisation's ideal client profile: which sectors, sizes, segments and
    prefectures fit, and how much each criterion weighs."""

    name = models.CharField(_("name"), max_length=100, default="Avatar")
    sectors = models.JSONField(_("industries (TSE 33)"), default=list, blank=True)
    size_classes = models.JSONField(_("size classes"), default=list, blank=True)
    segments = models.JSONField(_("market segments"), default=list, blank=True)
    prefectures = models.JSONField(_("prefectures"), default=list, blank=True)
    weight_sector = models.PositiveIntegerField(_("weight: industry"), default=40)
    weight_size = models.PositiveIntegerField(_("weight: size"), default=25)
    weight_segment = models.PositiveIntegerField(_("weight: market segment"), default=15)
    weight_prefecture = models.PositiveIntegerField(_("weight: prefecture"), default=20)
    # Criteria over the organisation's own fields, by key:
    # {"values": [...]} or {"min": n, "max": n}, and {"weight": n}.
    custom_criteria = models.JSONField(_("criteria over own fields"), default=dict, blank=True)

    class Meta:
        db_table = "companies_avatar"  # the table kept its name when the app split
        verbose_name = _("avatar")
        verbose_name_plural = _("avatars")
        constraints = [models.UniqueConstraint(fields=["org"], name="one_avatar_per_org")]

    def __str__(self) -> str:
        return self.name

    def as_domain(self, fields=None):
        """The pure avatar; criteria over own fields need the organisation's fields
        (a criterion whose field was deleted is ignored)."""
        from eigyo.prospecting.domain.similarity import Avatar as DomainAvatar
        from eigyo.prospecting.domain.similarity import CustomCriterion

        if fields is None:
            fields = CompanyField.objects.filter(org=self.org_id)
        custom = []
        for f in fields:
            rule = self.custom_criteria.get(f.key)
            if rule and f.kind != CompanyField.Kind.TEXT:
                custom.append(
                    CustomCriterion(
                        f.key,
                        f.label,
                        int(rule.get("weight", 0)),
                        values=frozenset(rule.get("values", ())),
                        low=rule.get("min"),
                        high=rule.get("max"),
                    )
                )
        return DomainAvatar(
            sectors=frozenset(self.sectors),
            size_classes=frozenset(self.size_classes),
            segments=frozenset(self.segments),
            prefectures=frozenset(self.prefectures),
            weights={
                "sector": self.weight_sector,
                "size": self.weight_size,
                "segment": self.weight_segment,
                "prefecture": self.weight_prefecture,
            },
            custom=tuple(custom),
        )


# --- cold calls ---------------------------------------------------------------

LEVEL_CHOICES = [
    ("no_answer", _("No answer")),  # 不通
    ("reception", _("Reached reception")),  # 受付到達
    ("staff", _("Reached staff")),  # 担当者到達
    ("decision_maker", _("Reached the decision maker")),  # 決裁者到達
    ("conversation", _("Real conversation")),  # 有効会話
    ("appointment", _("Appointment")),  # アポ獲得
]
OPENING_CHOICES = [
    ("reception", _("Reception (受付)")),
    ("staff", _("Staff (担当)")),
    ("manager", _("Manager (課長・部長)")),
    ("decision_maker", _("Decision maker (決裁者)")),
]
VARIANT_CHOICES = [("A", "A"), ("B", "B"), ("C", "C")]


class CallScript(OrgScoped):
    """A designed cold-call opening: up to three variants run side by side, each a
    series of versions (a version once used in a call is never changed again)."""

    name = models.CharField(_("name"), max_length=120)
    purpose = models.TextField(_("purpose"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("call script")
        verbose_name_plural = _("call scripts")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="script_name_once")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("calls:script", args=[self.pk])


class ScriptVersion(OrgScoped):
    """One version of one variant of a script: what to say at each gatekeeper level."""

    script = models.ForeignKey(CallScript, on_delete=models.CASCADE, related_name="versions")
    variant = models.CharField(_("variant"), max_length=1, choices=VARIANT_CHOICES)
    number = models.PositiveIntegerField(_("version"))
    opening_reception = models.TextField(_("to reception (受付)"), blank=True)
    opening_staff = models.TextField(_("to staff (担当)"), blank=True)
    opening_manager = models.TextField(_("to a manager (課長・部長)"), blank=True)
    opening_decision_maker = models.TextField(_("to the decision maker (決裁者)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("script version")
        verbose_name_plural = _("script versions")
        ordering = ["script", "variant", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "script", "variant", "number"], name="script_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.script} {self.variant}{self.number}"

    def get_absolute_url(self) -> str:
        return self.script.get_absolute_url()

    def opening(self, level: str) -> str:
        return getattr(self, f"opening_{level}")


class OutcomeCode(OrgScoped):
    """The organisation's outcome of a call (受付NG, 折り返し待ち …): the level it means,
    whether someone was reached, and what it does to the call list."""

    label = models.CharField(_("outcome"), max_length=40)
    level = models.CharField(_("level reached"), max_length=20, choices=LEVEL_CHOICES)
    connected = models.BooleanField(_("someone was reached"), default=False)
    call_back = models.BooleanField(_("call again (asks when)"), default=False)
    closes = models.BooleanField(_("no more calls from this list"), default=False)
    do_not_call = models.BooleanField(_("never call again (架電禁止)"), default=False)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("call outcome")
        verbose_name_plural = _("call outcomes")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "label"], name="outcome_once")]

    def __str__(self) -> str:
        return self.label


class CallList(OrgScoped):
    """A rep's list of companies to call, with the script they are called with."""

    class Source(models.TextChoices):
        PORTFOLIO = "portfolio", _("My portfolio (new approaches)")
        AVATAR = "avatar", _("Best fits to the avatar")
        SPIDER = "spider", _("Similar to a won client")
        REGISTRY = "registry", _("The registry")

    name = models.CharField(_("name"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="call_lists",
        verbose_name=_("caller"),
    )
    script = models.ForeignKey(
        CallScript, on_delete=models.PROTECT, related_name="lists", verbose_name=_("script")
    )
    source = models.CharField(_("from"), max_length=20, choices=Source.choices)

    class Meta:
        verbose_name = _("call list")
        verbose_name_plural = _("call lists")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("calls:list", args=[self.pk])


class CallListEntry(OrgScoped):
    """A company on a call list, with the script variant it was given (for good: the
    same prospect never hears two openings) and where the calling stands."""

    class Status(models.TextChoices):
        OPEN = "open", _("To call")
        CALL_BACK = "call_back", _("Call back")
        DONE = "done", _("Done")

    call_list = models.ForeignKey(CallList, on_delete=models.CASCADE, related_name="entries")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    variant = models.CharField(max_length=1, choices=VARIANT_CHOICES)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    call_back_at = models.DateTimeField(null=True, blank=True)
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES, blank=True)  # furthest so far

    class Meta:
        verbose_name = _("call list entry")
        verbose_name_plural = _("call list entries")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "call_list", "company"], name="entry_once_a_list"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call_list} · {self.company}"

    def get_absolute_url(self) -> str:
        return self.call_list.get_absolute_url()


class Call(OrgScoped):
    """One cold call: the opening version used, how far it got, the outcome, who was
    reached and when to call again. Its activity puts it on the company's timeline."""

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="+", verbose_name=_("company")
    )
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("caller"),
    )
    entry = models.ForeignKey(
        CallListEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls"
    )
    version = models.ForeignKey(
        ScriptVersion, on_delete=models.PROTECT, related_name="calls", verbose_name=_("opening")
    )
    outcome = models.ForeignKey(
        OutcomeCode, on_delete=models.PROTECT, related_name="calls", verbose_name=_("outcome")
    )
    level = models.CharField(_("level reached"), max_length=20, choices=LEVEL_CHOICES)
    reached = models.CharField(_("who was reached"), max_length=120, blank=True)
    call_back_at = models.DateTimeField(_("call back at"), null=True, blank=True)
    called_at = models.DateTimeField(_("called"))
    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, related_name="cold_call"
    )

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-called_at", "-id"]
        indexes = [models.Index(fields=["org", "caller", "-called_at"])]

    def __str__(self) -> str:
        return f"{self.company} · {self.outcome}"

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()


class Rehearsal(OrgScoped):
    """A rep practised a script version (in a coaching session or on their own):
    delivery matters as much as the words, so practice is counted next to results."""

    version = models.ForeignKey(
        ScriptVersion,
        on_delete=models.CASCADE,
        related_name="rehearsals",
        verbose_name=_("opening"),
    )
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("rep")
    )
    coaching = models.ForeignKey(
        "followups.CoachingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coaching session"),
    )
    held_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("rehearsal")
        verbose_name_plural = _("rehearsals")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.version} · {self.rep} · {self.held_on}"

    def get_absolute_url(self) -> str:
        return self.version.get_absolute_url()


# --- give and take ---------------------------------------------------------------


class Favour(OrgScoped):
    """An introduction or another favour (接待, 情報提供, 便宜) received from or given to
    someone at a client: the give-and-take ledger. Never shown to the counterpart."""

    class Direction(models.TextChoices):
        RECEIVED = "received", _("Received")
        GIVEN = "given", _("Given")

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction (紹介)")
        ENTERTAINMENT = "entertainment", _("Entertainment (接待)")
        INFORMATION = "information", _("Information (情報提供)")
        ACCOMMODATION = "accommodation", _("A favour (便宜)")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not met yet")
        MET = "met", _("Met")
        BUSINESS = "business", _("Led to business")
        NOTHING = "nothing", _("Came to nothing")

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    counterpart = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("with whom"),
    )
    ours = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("on our side"),
    )
    introduced = models.ForeignKey(
        "contacts.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("introduced to"),
    )
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    report_back_by = models.DateField(_("report back by"), null=True, blank=True)
    reported_on = models.DateField(_("reported back on"), null=True, blank=True)
    discount_request = models.ForeignKey(
        "deals.DiscountRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offered instead of a discount"),
    )

    class Meta:
        verbose_name = _("favour")
        verbose_name_plural = _("favours")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["org", "counterpart"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.counterpart}"

    def get_absolute_url(self) -> str:
        return reverse("intros:ledger_person", args=[self.counterpart_id])


# --- leads --------------------------------------------------------------------


class Lead(OrgScoped):
    """A lead from marketing (a card from an exhibition, a web form …): resolved to the
    registry and to the organisation's companies and people, assigned to a rep with a
    deadline in business hours, and accepted or rejected with a reason and a rating."""

    class Source(models.TextChoices):
        EXHIBITION = "exhibition", _("Exhibition (展示会)")
        SEMINAR = "seminar", _("Seminar (セミナー)")
        WEB_FORM = "web_form", _("Web form")
        INBOUND_CALL = "inbound_call", _("Inbound call (問い合わせ)")
        REFERRAL = "referral", _("Referral (紹介)")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("Not assigned")
        ASSIGNED = "assigned", _("Assigned")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class Reason(models.TextChoices):
        DUPLICATE = "duplicate", _("Duplicate (重複)")
        BAD_CONTACT = "bad_contact", _("Contact details unusable (連絡先不備)")
        WRONG_INDUSTRY = "wrong_industry", _("Industry we do not serve (対象外業種)")
        WRONG_SIZE = "wrong_size", _("Size does not fit (規模不一致)")
        COMPETITOR = "competitor", _("Competitor or agent (競合・代理店)")
        INDIVIDUAL = "individual", _("Individual or student (個人・学生)")
        TOO_EARLY = "too_early", _("Too early (時期尚早)")
        EXISTING_CLIENT = "existing_client", _("Existing client (既存顧客)")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    medium = models.CharField(_("medium"), max_length=60, blank=True)
    campaign = models.CharField(_("campaign"), max_length=120, blank=True)
    company_name = models.CharField(_("company"), max_length=300)
    corporate_number = models.CharField(_("corporate number (法人番号)"), max_length=13, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_kana = models.CharField(_("family name (kana)"), max_length=100, blank=True)
    given_kana = models.CharField(_("given name (kana)"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    note = models.TextField(_("what they asked"), blank=True)
    registry = models.ForeignKey(
        "registry.RegistryEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "contacts.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("assigned to"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    arrived_at = models.DateTimeField(_("arrived"))
    assigned_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("first touch by"), null=True, blank=True)
    first_touch_at = models.DateTimeField(_("first touched"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    rating = models.PositiveSmallIntegerField(_("quality (1–5)"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-arrived_at", "-id"]
        indexes = [models.Index(fields=["org", "owner", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="lead_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company_name} · {self.family_name}"

    def get_absolute_url(self) -> str:
        return reverse("leads:detail", args=[self.pk])
