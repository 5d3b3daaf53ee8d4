from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "eigyo.transfer"
    label = "transfer"
    verbose_name = _("Import and export")

    def ready(self) -> None:
        # The exportable lists register themselves (page, API and census read REGISTRY).
        from eigyo.contacts.pages import PERSON
        from eigyo.transfer import (
            export_lists,  # noqa: F401
            person_panel,
        )

        PERSON.contribute(person_panel.contribute)
