"""Who sees and changes the organisation's companies, their own fields and merges."""

from __future__ import annotations

from django.db.models import QuerySet

from eigyo.accounts import access
from eigyo.companies.models import Company, CompanyField, CompanyMerge


@access.rule(Company)
def visible_companies(user) -> QuerySet[Company]:
    """The organisation's companies; a partner user only those assigned to their partner."""
    m = access.membership(user)
    if m is None:
        return Company.objects.none()
    qs = Company.objects.filter(org=m.org)
    if access.is_partner_user(user):
        return qs.filter(partner=m.partner_id)
    return qs


@access.rule(CompanyField)
def visible_company_fields(user) -> QuerySet[CompanyField]:
    """The organisation's own company fields: every member sees their definitions."""
    m = access.membership(user)
    return CompanyField.objects.filter(org=m.org) if m else CompanyField.objects.none()


access.follows(CompanyMerge, "kept", Company)


def can_create_company(user) -> bool:
    return access.in_sales(user)


def can_manage_company_fields(user) -> bool:
    """Defining the organisation's own company fields is the admin's."""
    return access.is_admin(user)


def can_import_companies(user) -> bool:
    """A list of companies is imported by the admin or a manager."""
    return access.leads(user)


def can_edit_company(user, company) -> bool:
    if access.in_sales(user):
        return True
    return access.is_partner_user(user) and company.partner_id == access.partner_of(user)


def can_create_duplicate(user) -> bool:
    """Adding a company beside one that looks the same (with a reason) is the admin's."""
    return access.is_admin(user)


def can_delete_company(user) -> bool:
    """Deleting a company (and its history) is for admins and managers."""
    return access.leads(user)


def can_merge_companies(user) -> bool:
    """Merging two companies into one is for admins and managers."""
    return access.leads(user)


def can_assign_partner(user) -> bool:
    """Which partner sells to a company (or runs a deal) is decided by admins and managers."""
    return access.leads(user)


access.capability("manage_company_fields", can_manage_company_fields)
