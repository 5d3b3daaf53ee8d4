from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "eigyo.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from eigyo.companies import merging
        from eigyo.companies.pages import COMPANY
        from eigyo.portfolio import company_panel, services

        # What this app shows on the company page and moves when two companies merge.
        COMPANY.contribute(company_panel.contribute)
        merging.on_merge(services.follow_company_merge)
