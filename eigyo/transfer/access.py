"""Who sees the record of imported lists."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.companies.access import can_import_companies
from eigyo.transfer.models import CompanyImport


@access.rule(CompanyImport)
def visible_company_imports(user) -> QuerySet[CompanyImport]:
    """Uploaded company lists: the admin's and managers' of the organisation."""
    if not can_import_companies(user):
        return CompanyImport.objects.none()
    return CompanyImport.objects.filter(org=access.membership(user).org)
