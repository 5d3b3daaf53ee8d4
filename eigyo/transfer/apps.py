from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "eigyo.transfer"
    label = "transfer"
    verbose_name = _("Import and export")

    def ready(self):
        # The exportable lists register themselves (page, API and census read REGISTRY).
        from eigyo.transfer import export_lists  # noqa: F401
