from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProspectingConfig(AppConfig):
    name = "eigyo.prospecting"
    label = "prospecting"
    verbose_name = _("Prospecting")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from eigyo.companies.models import CompanyField
        from eigyo.companies.pages import COMPANY
        from eigyo.prospecting import company_panel
        from eigyo.prospecting.criteria import forget_field

        pre_delete.connect(forget_field, sender=CompanyField, dispatch_uid="avatar-forgets-field")
        # What this app shows on the company page and moves when two companies merge.
        COMPANY.contribute(company_panel.contribute)
        from eigyo.contacts.pages import PERSON

        PERSON.contribute(company_panel.contribute_to_person)
        from eigyo.prospecting import (  # noqa: F401 - their inbox kinds and due sources
            lead_services,
            ledger_services,
        )
