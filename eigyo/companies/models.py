"""The company master: the public registry and each organisation's companies."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.companies import codes
from eigyo.core.models import OrgScoped, StampField
from eigyo.lib import jp_text

SECTOR_CHOICES = [(code, ja) for code, ja, _en in codes.SECTORS_33]
PREFECTURE_CHOICES = [(code, ja) for code, ja, _en in codes.PREFECTURES]
SIZE_CHOICES = codes.SIZE_CLASSES
SEGMENT_CHOICES = [(code, ja) for code, ja, _en in codes.MARKET_SEGMENTS]


def search_fields(name: str, name_en: str, kana: str) -> dict:
    """The derived columns every name search uses (one normaliser for all)."""
    hira = jp_text.to_hiragana(kana) if kana else ""
    return {
        "name_key": jp_text.company_name_key(name),
        "name_en_key": jp_text.company_name_key(name_en) if name_en else "",
        "kana_key": jp_text.company_name_key(hira) if hira else "",
        "romaji": jp_text.company_name_key(jp_text.kana_to_romaji(kana)) if kana else "",
    }


class RegistryEntry(models.Model):
    """A real Japanese company from public lists (EDINET, JPX, NTA).

    Shared by all organisations, so it has no org column; organisations link
    their own Company rows to it.
    """

    corporate_number = models.CharField(_("corporate number"), max_length=13, blank=True)
    edinet_code = models.CharField(_("EDINET code"), max_length=6, blank=True)
    name = models.CharField(_("legal name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    kana = models.CharField(_("reading (kana)"), max_length=300, blank=True)
    securities_code = models.CharField(_("securities code"), max_length=5, blank=True)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    sector33 = models.CharField(
        _("industry (TSE 33)"), max_length=4, blank=True, choices=SECTOR_CHOICES
    )
    industry_label = models.CharField(_("industry as published"), max_length=100, blank=True)
    market_segment = models.CharField(
        _("market segment"), max_length=20, blank=True, choices=SEGMENT_CHOICES
    )
    size_class = models.CharField(_("size class"), max_length=20, blank=True, choices=SIZE_CHOICES)
    is_listed = models.BooleanField(_("listed"), default=False)
    closed = models.BooleanField(_("closed or merged"), default=False)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    prefecture = models.CharField(
        _("prefecture"), max_length=2, blank=True, choices=PREFECTURE_CHOICES
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    name_key = models.CharField(max_length=300, db_index=True)
    name_en_key = models.CharField(max_length=300, blank=True, db_index=True)
    kana_key = models.CharField(max_length=300, blank=True, db_index=True)
    romaji = models.CharField(max_length=300, blank=True, db_index=True)
    source = models.CharField(_("source"), max_length=20)
    updated_at = StampField(on_update=True)

    class Meta:
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")
        constraints = [
            models.UniqueConstraint(
                fields=["corporate_number"],
                condition=~models.Q(corporate_number=""),
                name="registry_corporate_number_unique",
            ),
            models.UniqueConstraint(
                fields=["edinet_code"],
                condition=~models.Q(edinet_code=""),
                name="registry_edinet_code_unique",
            ),
        ]
        indexes = [
            # Lookups by number: SQLite never uses the partial unique indexes above for
            # `corporate_number IN (…)` or `= …` (it cannot prove the value is not ""),
            # which made each batch of a 5-million-row load scan the whole registry.
            models.Index(fields=["corporate_number"]),
            models.Index(fields=["edinet_code"]),
            models.Index(fields=["securities_code"]),
            # The spider blocks by sector and ranks by size and place.
            models.Index(fields=["sector33", "size_class", "prefecture"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("companies:registry_detail", args=[self.pk])

    @property
    def ticker(self) -> str:
        return self.securities_code[:4]

    @property
    def is_prestigious(self) -> bool:
        return self.size_class in codes.PRESTIGE_SIZE_CLASSES


class Company(OrgScoped):
    """A company the organisation works with, optionally linked to the registry."""

    legal_name = models.CharField(_("legal name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    kana = models.CharField(_("reading (kana)"), max_length=300, blank=True)
    corporate_number = models.CharField(_("corporate number"), max_length=13, blank=True)
    sector33 = models.CharField(
        _("industry (TSE 33)"), max_length=4, blank=True, choices=SECTOR_CHOICES
    )
    size_class = models.CharField(_("size class"), max_length=20, blank=True, choices=SIZE_CHOICES)
    market_segment = models.CharField(
        _("market segment"), max_length=20, blank=True, choices=SEGMENT_CHOICES
    )
    prefecture = models.CharField(
        _("prefecture"), max_length=2, blank=True, choices=PREFECTURE_CHOICES
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    prestigious = models.BooleanField(
        _("prestigious target"),
        default=False,
        help_text=_(
            "A name that opens doors (a famous university, a market leader). "
            "TOPIX Core30 and Large70 companies count as prestigious anyway."
        ),
    )
    registry = models.ForeignKey(
        RegistryEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("registry entry"),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("assigned partner"),
    )
    # The organisation's own fields (CompanyField), by key: str, int or bool.
    custom = models.JSONField(_("own fields"), default=dict, blank=True)
    name_key = models.CharField(max_length=300, db_index=True)
    name_en_key = models.CharField(max_length=300, blank=True)
    kana_key = models.CharField(max_length=300, blank=True)
    romaji = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "corporate_number"],
                condition=~models.Q(corporate_number=""),
                name="company_corporate_number_unique",
            )
        ]
        indexes = [
            models.Index(fields=["org", "name_key"]),
            models.Index(fields=["org", "corporate_number"]),  # see RegistryEntry's indexes
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.legal_name

    @property
    def is_prestigious(self) -> bool:
        return self.prestigious or self.size_class in codes.PRESTIGE_SIZE_CLASSES

    def save(self, *args, **kwargs):
        for field, value in search_fields(self.legal_name, self.name_en, self.kana).items():
            setattr(self, field, value)
        super().save(*args, **kwargs)


class CompanyField(OrgScoped):
    """A field of the organisation's own on its companies ("uses a rival product",
    "number of plants", "sales channel"): shown and edited with the company, sent
    through the API by its key, and usable as an avatar criterion."""

    class Kind(models.TextChoices):
        CHOICE = "choice", _("choice from a list")
        YES_NO = "yes_no", _("yes / no")
        NUMBER = "number", _("whole number")
        TEXT = "text", _("text")

    key = models.SlugField(
        _("key"),
        max_length=40,
        help_text=_(
            "Lower-case letters, digits and _; the name of the field in the API "
            "and in imports. Cannot be changed later."
        ),
    )
    label = models.CharField(_("label"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CHOICE)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("company field")
        verbose_name_plural = _("company fields")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["org", "key"], name="company_field_key")]

    def __str__(self) -> str:
        return self.label

    def display(self, value) -> str:
        """The stored value as a person reads it."""
        if value is None or value == "":
            return ""
        if self.kind == self.Kind.YES_NO:
            return str(_("yes")) if value else str(_("no"))
        if self.kind == self.Kind.NUMBER and isinstance(value, int):
            return f"{value:,}"
        return str(value)


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
        verbose_name = _("avatar")
        verbose_name_plural = _("avatars")
        constraints = [models.UniqueConstraint(fields=["org"], name="one_avatar_per_org")]

    def __str__(self) -> str:
        return self.name

    def as_domain(self, fields=None):
        """The pure avatar; criteria over own fields need the organisation's fields
        (a criterion whose field was deleted is ignored)."""
        from eigyo.companies.domain.similarity import Avatar as DomainAvatar
        from eigyo.companies.domain.similarity import CustomCriterion

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


class RegistryAlias(models.Model):
    """A former name of a registry company (NTA history rows): found by resolution."""

    entry = models.ForeignKey(RegistryEntry, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("former name"), max_length=300)
    name_key = models.CharField(max_length=300, db_index=True)

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [models.UniqueConstraint(fields=["entry", "name_key"], name="alias_unique")]

    def __str__(self) -> str:
        return self.name


class CompanyMerge(OrgScoped):
    """The record that two of the organisation's companies were merged into one."""

    kept = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="merges")
    merged_name = models.CharField(_("merged company"), max_length=300)
    merged_corporate_number = models.CharField(max_length=13, blank=True)
    moved = models.JSONField(_("what moved"), default=dict)
    merged_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("company merge")
        verbose_name_plural = _("company merges")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.kept}"


class CompanyImport(OrgScoped):
    """An uploaded company list: kept between the preview and the import, and
    afterwards as the record of what was imported, by whom."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("checked, not imported")
        DONE = "done", _("imported")

    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=200)
    content = models.TextField()
    mapping = models.JSONField(_("columns"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    created = models.PositiveIntegerField(_("companies created"), default=0)
    skipped = models.PositiveIntegerField(_("duplicates skipped"), default=0)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("company import")
        verbose_name_plural = _("company imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("companies:import_detail", args=[self.pk])
