from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "eigyo.companies"
    label = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from eigyo.companies import registry_pages
        from eigyo.registry import views as registry_views

        registry_views.contribute(registry_pages.contribute)
