"""Partners: distributors and resellers who sell for the organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped


class Partner(OrgScoped):
    """A distributor, reseller or equity partner. Its users see only the
    companies (and later deals) assigned to it."""

    class Kind(models.TextChoices):
        DISTRIBUTOR = "distributor", _("Distributor")
        RESELLER = "reseller", _("Reseller")
        EQUITY = "equity", _("Equity partner")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.DISTRIBUTOR
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="partner_name_unique")]

    def __str__(self) -> str:
        return self.name
