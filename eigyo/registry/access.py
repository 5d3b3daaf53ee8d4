"""Who reads the public registry (it is reference data, not organisation-scoped)."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.registry.models import RegistryEntry


def visible_registry(user) -> QuerySet[RegistryEntry]:
    """The public registry: readable by every member of an organisation."""
    if access.membership(user) is None:
        return RegistryEntry.objects.none()
    return RegistryEntry.objects.all()
