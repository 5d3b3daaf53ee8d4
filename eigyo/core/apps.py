from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eigyo.core"
    label = "core"
