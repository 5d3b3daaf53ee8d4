"""The business calendar: which days the organisation and each user work.

National holidays come from `lib.business_days`; these are the organisation's own
choices (year-end, Obon, Golden Week bridges, closures) and each user's days off."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped


class WorkCalendar(OrgScoped):
    """The organisation's closure options, one row per organisation."""

    closed_year_end = models.BooleanField(_("closed 12/29–1/3"), default=True)
    closed_obon = models.BooleanField(_("closed for Obon (8/13–8/16)"), default=False)
    closed_golden_week = models.BooleanField(_("closed on Golden Week bridge days"), default=False)

    class Meta:
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")
        constraints = [models.UniqueConstraint(fields=["org"], name="work_calendar_unique")]

    def __str__(self) -> str:
        return f"{self.org} business calendar"

    @classmethod
    def for_org(cls, org) -> "WorkCalendar":
        return cls.objects.get_or_create(org=org)[0]


class Closure(OrgScoped):
    """A day the organisation does not work beyond the national holidays
    (a founding day, an office move)."""

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        db_table = "portfolio_closure"
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [models.UniqueConstraint(fields=["org", "date"], name="closure_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class DayOff(OrgScoped):
    """A day a user does not work (leave, training): no contacts are planned on it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="days_off"
    )
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        db_table = "portfolio_dayoff"
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="day_off_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.date}"
