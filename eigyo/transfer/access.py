"""Who sees the record of imported lists, and who imports people."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.companies.access import can_import_companies
from eigyo.transfer.models import CompanyImport, OrganisationExport


@access.rule(CompanyImport)
def visible_company_imports(user) -> QuerySet[CompanyImport]:
    """Uploaded lists: the admin's and managers' of the organisation."""
    if not can_import_companies(user):
        return CompanyImport.objects.none()
    return CompanyImport.objects.filter(org=access.membership(user).org)


def can_export_organisation(user) -> bool:
    """The whole organisation (every person, deal and user, password hashes included)
    leaves in one file: the admins only."""
    return access.is_admin(user)


@access.rule(OrganisationExport)
def visible_organisation_exports(user) -> QuerySet[OrganisationExport]:
    """Archives of the whole organisation: its admins'."""
    if not can_export_organisation(user):
        return OrganisationExport.objects.none()
    return OrganisationExport.objects.filter(org=access.membership(user).org)


access.capability("export_organisation", can_export_organisation)


def can_import_people(user) -> bool:
    """A list of people brings its companies with it: whoever imports companies
    (the admin and managers) imports people."""
    return can_import_companies(user)


access.capability("import_people", can_import_people)
