from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo builder: the top of the house, it may import every app."""

    name = "eigyo.demo"
    label = "demo"
    verbose_name = _("Demo")
