from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "eigyo.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from eigyo.activities import panels, services
        from eigyo.companies import merging
        from eigyo.companies.pages import COMPANY
        from eigyo.contacts.pages import PERSON

        # What this app shows on the company and person pages, and moves in a merge.
        COMPANY.contribute(panels.contribute_to_company)
        PERSON.contribute(panels.contribute_to_person)
        merging.on_merge(services.follow_company_merge)
