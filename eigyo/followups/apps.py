from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "eigyo.followups"
    label = "followups"
    verbose_name = _("Follow-through")

    def ready(self) -> None:
        from eigyo.companies import merging
        from eigyo.followups import services

        # What this app shows on the company page and moves when two companies merge.
        merging.on_merge(services.follow_company_merge)
