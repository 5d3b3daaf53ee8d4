"""Shared model bases: every domain row carries its organisation, and its
created/updated stamps come from the one clock."""

from django.db import models

from eigyo.core import clock


class StampField(models.DateTimeField):
    """A row's created (or, with on_update, last updated) time from the one clock.

    Django's own automatic stamps read the real clock, so a pinned or travelled
    clock and the rows' stamps would disagree (a row "created" after today).
    """

    def __init__(self, *args, on_update: bool = False, **kwargs):
        kwargs.setdefault("default", clock.now)
        kwargs.setdefault("editable", False)
        self.on_update = on_update
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.on_update:
            kwargs["on_update"] = True
        if kwargs.get("default") is clock.now:
            del kwargs["default"]
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        if self.on_update:
            value = clock.now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)


def org_key(*, db_index: bool = False, **options) -> models.ForeignKey:
    """The org column. A table whose own indexes all begin with org takes it without
    an index of its own: those serve every lookup by org, and an index on org alone
    would only cost each insert (a 100,000-person import writes four such tables)."""
    return models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=db_index,
        **options,
    )


class OrgScoped(models.Model):
    """A row that belongs to one organisation.

    The org column is on every domain table (not only reachable through a
    join) so that a sharded PostgreSQL (Citus) can distribute by it and every
    query can filter by it directly.
    """

    org = org_key(db_index=True)
    created_at = StampField()
    updated_at = StampField(on_update=True)

    class Meta:
        abstract = True
