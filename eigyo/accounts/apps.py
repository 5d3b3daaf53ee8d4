from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def update_last_login(sender, user, **kwargs):
    """Django's own receiver stamps last_login with the real clock; use the one clock."""
    from eigyo.core import clock

    user.last_login = clock.now()
    user.save(update_fields=["last_login"])


class AccountsConfig(AppConfig):
    name = "eigyo.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.utils.module_loading import autodiscover_modules

        # django.contrib.auth connects its receiver under this uid (AUTH_USER_MODEL
        # has last_login); replace it, whichever app became ready first.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
        # Each app declares its models' visibility rules in its own access.py.
        autodiscover_modules("access")
