from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "eigyo.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from eigyo.partners import alerts  # noqa: F401 - its inbox kinds and due source
