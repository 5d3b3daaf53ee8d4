"""Company writes that are more than a form save."""

from django.db import transaction

from eigyo.companies.models import Company
from eigyo.registry.models import RegistryEntry

# Registry columns copied onto a company when it is linked, if still empty there.
_COPIED = ["corporate_number", "name_en", "sector33", "size_class", "market_segment", "prefecture"]


def link_to_registry(company: Company, entry: RegistryEntry | None) -> Company:
    """Link (or unlink with None) a company to a registry entry, filling in the
    public facts the company does not have yet."""
    company.registry = entry
    if entry is not None:
        for name in _COPIED:
            if not getattr(company, name) and getattr(entry, name):
                setattr(company, name, getattr(entry, name))
        if not company.short_name and entry.short_name:
            company.short_name = entry.short_name
    company.save()
    return company


@transaction.atomic
def company_from_registry(org, entry: RegistryEntry) -> tuple[Company, bool]:
    """The organisation's company for a registry entry, created if missing."""
    existing = Company.objects.filter(org=org, registry=entry).first()
    if existing is None and entry.corporate_number:
        existing = Company.objects.filter(org=org, corporate_number=entry.corporate_number).first()
    if existing is not None:
        if existing.registry_id is None:
            link_to_registry(existing, entry)
        return existing, False
    company = Company(org=org, legal_name=entry.name)
    return link_to_registry(company, entry), True
