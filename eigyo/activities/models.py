"""Contacts with client companies: visits, calls, emails, meetings."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped, org_key


class Activity(OrgScoped):
    """One contact with a company: who went, whom they met, what happened."""

    org = org_key()  # its indexes begin with org

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        EMAIL = "email", _("Email")
        MEETING = "meeting", _("Meeting")
        EVENT = "event", _("Event")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VISIT)
    occurred_at = models.DateTimeField(_("when"))
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("company"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("logged by"),
    )
    colleagues = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("also from our side"),
    )
    people = models.ManyToManyField(
        "contacts.Person", blank=True, related_name="activities", verbose_name=_("people met")
    )
    notes = models.TextField(_("notes"), blank=True)
    business_discussed = models.BooleanField(_("business discussed"), default=False)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step date"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["org", "company", "-occurred_at"]),
            models.Index(fields=["org", "owner", "-occurred_at"]),
            # The first business talk per company (benchmarks: visits before it) is one
            # probe here instead of a scan of the company's whole log.
            models.Index(
                fields=["org", "company", "occurred_at"],
                condition=models.Q(business_discussed=True),
                name="activity_business_talk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.company} · {self.occurred_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])
