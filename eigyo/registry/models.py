"""The public company master, shared by every organisation: real Japanese
companies from public lists and their former names. Nothing here points at an
organisation's rows (a reference table, also under Citus)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import StampField
from eigyo.lib import jp_text
from eigyo.registry import codes

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
        db_table = "companies_registryentry"  # the table kept its name when the app split
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
        return reverse("registry:detail", args=[self.pk])

    @property
    def ticker(self) -> str:
        return self.securities_code[:4]

    @property
    def is_prestigious(self) -> bool:
        return self.size_class in codes.PRESTIGE_SIZE_CLASSES


class RegistryAlias(models.Model):
    """A former name of a registry company (NTA history rows): found by resolution."""

    entry = models.ForeignKey(RegistryEntry, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("former name"), max_length=300)
    name_key = models.CharField(max_length=300, db_index=True)

    class Meta:
        db_table = "companies_registryalias"
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [models.UniqueConstraint(fields=["entry", "name_key"], name="alias_unique")]

    def __str__(self) -> str:
        return self.name
