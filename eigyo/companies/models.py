"""The organisation's companies, their own fields and the record of merges."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped
from eigyo.registry import codes
from eigyo.registry.models import (
    PREFECTURE_CHOICES,
    SECTOR_CHOICES,
    SEGMENT_CHOICES,
    SIZE_CHOICES,
    RegistryEntry,
    search_fields,
)


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
        "accounts.Partner",
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
            # The header search finds a company by the start of its reading or romaji.
            models.Index(fields=["org", "kana_key"]),
            models.Index(fields=["org", "romaji"]),
            models.Index(fields=["org", "name_en_key"]),
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
