"""The rep's portfolio: companies at a tier, with the history of each move."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped


class Tier(models.TextChoices):
    """Portfolio tiers, in the order a relationship matures."""

    NEW = "new", _("New")
    WILLING = "willing", _("Willing to talk")
    POSSIBLE = "possible", _("Possible")
    PROBABLE = "probable", _("Probable")
    CLIENT = "client", _("Client")
    NURTURE = "nurture", _("Nurture")
    DROPPED = "dropped", _("Dropped")


class Relationship(OrgScoped):
    """A company in one rep's portfolio, at a tier."""

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="relationships",
        verbose_name=_("company"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="relationships",
        verbose_name=_("rep"),
    )
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, default=Tier.NEW)
    tier_since = models.DateField(_("tier since"))
    cadence_days = models.PositiveIntegerField(_("cadence override (days)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.UniqueConstraint(fields=["company", "owner"], name="relationship_unique")
        ]
        indexes = [models.Index(fields=["org", "owner", "tier"])]

    def __str__(self) -> str:
        return f"{self.company} · {self.get_tier_display()}"

    def get_absolute_url(self) -> str:
        return reverse("portfolio:detail", args=[self.pk])


class TierChange(OrgScoped):
    """One move of a relationship between tiers, dated, with the reason."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="tier_changes"
    )
    from_tier = models.CharField(_("from"), max_length=20, choices=Tier.choices, blank=True)
    to_tier = models.CharField(_("to"), max_length=20, choices=Tier.choices)
    changed_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tier change")
        verbose_name_plural = _("tier changes")
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.from_tier or '–'} → {self.to_tier} ({self.changed_on})"


class PortfolioSettings(models.Model):
    """An organisation's cadence, capacity, benchmark targets and closures.

    One row per organisation, created with the defaults on first use."""

    org = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="portfolio_settings"
    )
    willing_days = models.PositiveIntegerField(_("cadence: willing to talk (days)"), default=30)
    possible_days = models.PositiveIntegerField(_("cadence: possible (days)"), default=14)
    probable_days = models.PositiveIntegerField(_("cadence: probable (days)"), default=7)
    client_days = models.PositiveIntegerField(_("cadence: client (days)"), default=30)
    nurture_days = models.PositiveIntegerField(_("cadence: nurture (days)"), default=90)
    daily_capacity = models.PositiveIntegerField(_("client contacts per day"), default=3)
    monthly_approaches = models.PositiveIntegerField(_("new approaches per month"), default=50)
    monthly_contacts_min = models.PositiveIntegerField(
        _("client contacts per month, at least"), default=60
    )
    monthly_contacts_max = models.PositiveIntegerField(
        _("client contacts per month, at most"), default=70
    )
    maturing_min = models.PositiveIntegerField(_("maturing relationships, at least"), default=20)
    maturing_max = models.PositiveIntegerField(
        _("maturing relationships, target at most"), default=30
    )
    maturing_limit = models.PositiveIntegerField(
        _("maturing relationships, hard limit"), default=50
    )
    winnow_after_days = models.PositiveIntegerField(
        _("sort new relationships after (days)"), default=90
    )
    remind_before_days = models.PositiveIntegerField(
        _("remind milestone owners (business days before)"), default=1
    )
    escalate_after_days = models.PositiveIntegerField(
        _("tell the manager after (business days of silence)"), default=2
    )

    class Meta:
        verbose_name = _("portfolio settings")
        verbose_name_plural = _("portfolio settings")

    def __str__(self) -> str:
        return f"{self.org} portfolio settings"

    @classmethod
    def for_org(cls, org) -> "PortfolioSettings":
        return cls.objects.get_or_create(org=org)[0]
