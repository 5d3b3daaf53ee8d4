"""Writes on the organisation's companies: one function per operation, called by the
pages, the API and the CLI alike (the acting user is `by`)."""

from django.db import transaction

from eigyo.accounts import access
from eigyo.companies import merging, own_fields
from eigyo.companies.models import Company, CompanyField, CompanyMerge
from eigyo.core import actor
from eigyo.registry.models import RegistryEntry
from eigyo.registry.resolving import resolve_names

# Registry columns copied onto a company when it is linked, if still empty there.
REGISTRY_FACTS = [
    "corporate_number",
    "name_en",
    "sector33",
    "size_class",
    "market_segment",
    "prefecture",
]


def fill_from_registry(company: Company, entry: RegistryEntry | None) -> Company:
    """Link (or unlink with None) a company to a registry entry in memory, filling in
    the public facts the company does not have yet (an import saves them in bulk)."""
    company.registry = entry
    if entry is not None:
        for name in REGISTRY_FACTS:
            if not getattr(company, name) and getattr(entry, name):
                setattr(company, name, getattr(entry, name))
        if not company.short_name and entry.short_name:
            company.short_name = entry.short_name
    return company


def link_to_registry(company: Company, entry: RegistryEntry | None) -> Company:
    """Link (or unlink with None) a company to a registry entry, filling in the
    public facts the company does not have yet."""
    fill_from_registry(company, entry)
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


@transaction.atomic
def save_company(form, *, by) -> Company:
    """Create or change a company (a validated CompanyForm of `by`); a new name that
    resolves to one registry entity is linked to it."""
    created = form.instance.pk is None
    company = form.save()
    if company.registry_id is None:
        # The form resolved a new company's name already (to check for duplicates).
        entry = form.resolved if hasattr(form, "resolved") else _UNRESOLVED
        link_resolved(company, entry, take_legal_name=created)
    return access.ensure_visible(by, company)


@transaction.atomic
def set_phone(company: Company, phone: str, *, by) -> Company:
    """Record the main phone number found for a company (e.g. while calling down a
    list of registry companies, which come without one); `phone` is already validated."""
    company.phone = phone
    company.save(update_fields=["phone", "updated_at"])
    return access.ensure_visible(by, company)


@transaction.atomic
def delete_company(company: Company, *, by) -> None:
    company.delete()


@transaction.atomic
def link_company(company: Company, entry: RegistryEntry | None, *, by) -> Company:
    """Link a company to a registry entry (None unlinks), filling in the public facts."""
    return access.ensure_visible(by, link_to_registry(company, entry))


@transaction.atomic
def adopt_from_registry(entry: RegistryEntry, *, by) -> tuple[Company, bool]:
    """The organisation's company for a registry entry, created if missing."""
    company, created = company_from_registry(access.membership(by).org, entry)
    return access.ensure_visible(by, company), created


def merge_companies(kept: Company, merged: Company, *, by) -> CompanyMerge:
    """Merge `merged` into `kept` (every app moves its records, see merging.on_merge)."""
    with actor.attributed_to(by):  # the moves are bulk updates: the trail needs who
        return merging.merge(kept, merged, by=by)


@transaction.atomic
def save_company_field(form, *, by) -> CompanyField:
    """Define or change one of the organisation's own company fields."""
    return form.save()


def delete_company_field(field: CompanyField, *, by) -> int:
    """Delete a field and its value on every company; answers how many were cleared."""
    return own_fields.delete_field(field)


_UNRESOLVED = object()


def link_resolved(company: Company, entry=_UNRESOLVED, *, take_legal_name: bool = False) -> None:
    """Link a typed or imported company to the registry entity its name resolves to.
    Only a `matched` answer links (ambiguous or none leaves it unlinked), and never
    to an entity another of the organisation's companies already stands for. A new
    company then takes the registry's legal name (what was typed stays as its short
    name when it was shorter); prefecture and codes are filled where none was typed."""
    if entry is _UNRESOLVED:
        names = [n for n in (company.legal_name, company.name_en) if n]
        entry = next((e for _m, e in resolve_names(names) if e is not None), None)
    if entry is None:
        return
    if company.corporate_number and entry.corporate_number not in ("", company.corporate_number):
        return  # the typed number says it is another company
    others = Company.objects.filter(org=company.org_id).exclude(pk=company.pk)
    if others.filter(registry=entry).exists() or (
        entry.corporate_number and others.filter(corporate_number=entry.corporate_number).exists()
    ):
        return  # a duplicate, created knowingly: the merge workflow offers to join them
    if take_legal_name and entry.name and entry.name != company.legal_name:
        typed = company.legal_name
        company.legal_name = entry.name
        if not company.short_name and len(typed) < len(entry.name):
            company.short_name = typed
    link_to_registry(company, entry)
