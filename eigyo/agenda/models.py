"""The top floor keeps one table of its own: each user's secret calendar address."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped


class CalendarFeed(OrgScoped):
    """A user's secret iCalendar address. The token is the capability: anyone
    with the URL reads the feed, so the user can regenerate or revoke it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "portfolio_calendarfeed"
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} feed"
