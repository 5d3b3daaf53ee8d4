"""Shared model bases: every domain row carries its organisation."""

from django.db import models


class OrgScoped(models.Model):
    """A row that belongs to one organisation.

    The org column is on every domain table (not only reachable through a
    join) so that a sharded PostgreSQL (Citus) can distribute by it and every
    query can filter by it directly.
    """

    org = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
