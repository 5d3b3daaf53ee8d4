from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "eigyo.audit"
    label = "audit"
    verbose_name = _("Audit and privacy")

    def ready(self) -> None:
        from django.contrib.auth import signals as auth
        from django.core import checks

        from eigyo.audit.checks import retention

        checks.register(retention)
        from django.db.models import signals

        from eigyo.audit import history, reading, requests, tracking
        from eigyo.core import signals as core

        # Every eigyo model's writes, connected per model (the census test holds each
        # model to being here or excluded with a reason).
        for model in tracking.audited_models():
            uid = f"audit:{model._meta.label}"
            signals.pre_save.connect(tracking.pre_save, sender=model, dispatch_uid=uid)
            signals.post_save.connect(tracking.post_save, sender=model, dispatch_uid=uid)
            signals.post_delete.connect(tracking.post_delete, sender=model, dispatch_uid=uid)
            for field in model._meta.many_to_many:
                signals.m2m_changed.connect(
                    tracking.m2m_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}.{field.name}",
                )
        from eigyo.accounts.models import Organisation

        signals.pre_delete.connect(tracking.org_dying, sender=Organisation, dispatch_uid="audit:o")
        signals.post_delete.connect(tracking.org_gone, sender=Organisation, dispatch_uid="audit:o")
        core.rows_written.connect(tracking.rows_written, dispatch_uid="audit:bulk")
        core.personal_data_read.connect(reading.data_read, dispatch_uid="audit:read")
        core.personal_data_received.connect(reading.data_received, dispatch_uid="audit:receipt")
        auth.user_logged_in.connect(tracking.logged_in, dispatch_uid="audit:login")
        auth.user_logged_out.connect(tracking.logged_out, dispatch_uid="audit:logout")
        auth.user_login_failed.connect(tracking.login_failed, dispatch_uid="audit:login_failed")
        from axes.signals import user_locked_out

        from eigyo.audit import security

        user_locked_out.connect(security.locked_out, dispatch_uid="audit:lockout")
        core.second_factor_failed.connect(security.second_factor_failed, dispatch_uid="audit:2fa")
        core.password_reset_requested.connect(
            security.password_reset_requested, dispatch_uid="audit:reset"
        )
        history.contribute_everywhere()
        requests.declare_inbox()
